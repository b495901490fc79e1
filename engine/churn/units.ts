// What one churn row is: a golden entity (its member records' events pooled) where a golden build
// exists, else a source customer record. Events reach a unit through (source_id, source_key), the
// key the event feed shares with the customer records. Read with plain SQL on the golden tables
// (no import of the golden capability): the latest build of a succeeded golden.build job.
import { AerieError } from '../api/errors.js';
import type { DB } from '../db/sqlite.js';

export type UnitKind = 'golden' | 'source';

export interface Units {
  kind: UnitKind;
  /** Golden id, or the record id as text; index = row of the feature matrix. */
  keys: string[];
  /** `${source_id}\u0000${source_key}` → unit index. */
  byEventKey: Map<string, number>;
  /** One representative record per unit (the lowest id), for the snapshot columns. */
  recordOf: Int32Array;
  /** Every member record (id order) and its unit, for columns read from the records; recordOf stands in when absent. */
  members?: { records: Int32Array; units: Int32Array };
  /** Golden build the units come from (null for source units). */
  goldenBuildId: number | null;
}

export const eventKey = (sourceId: number, sourceKey: string) => `${sourceId}\u0000${sourceKey}`;

export function latestGoldenBuildId(db: DB): number | null {
  return (
    (db.prepare("SELECT b.id FROM golden_builds b JOIN jobs j ON j.id = b.job_id WHERE j.state = 'succeeded' ORDER BY b.id DESC LIMIT 1").pluck().get() as number | undefined) ?? null
  );
}

export function resolveUnits(db: DB, choice: 'auto' | 'golden' | 'source'): Units {
  const build = choice === 'source' ? null : latestGoldenBuildId(db);
  if (choice === 'golden' && build === null) {
    throw new AerieError('CONFLICT', 'Churn by golden entity needs golden records, and this workspace has no golden build yet.', { hint: 'Run golden.build (aerie golden build) first, or train with unit "source".' });
  }
  const keys: string[] = [];
  const index = new Map<string, number>();
  const byEventKey = new Map<string, number>();
  const recordOf: number[] = [];
  const memberRecords: number[] = [];
  const memberUnits: number[] = [];
  const sql =
    build === null
      ? 'SELECT id, source_id, source_key, NULL FROM records ORDER BY id'
      : 'SELECT r.id, r.source_id, r.source_key, m.golden_id FROM records r JOIN golden_members m ON m.record_id = r.id AND m.build_id = ? ORDER BY r.id';
  const stmt = db.prepare(sql).raw();
  for (const [id, sid, skey, gid] of (build === null ? stmt.iterate() : stmt.iterate(build)) as Iterable<[number, number, string | null, string | null]>) {
    const key = gid ?? String(id);
    let u = index.get(key);
    if (u === undefined) {
      u = keys.length;
      index.set(key, u);
      keys.push(key);
      recordOf.push(id);
    }
    memberRecords.push(id);
    memberUnits.push(u);
    // the first record holding a source key owns its events (duplicated keys within a source are rare)
    if (skey !== null && skey !== '') {
      const ek = eventKey(sid, skey);
      if (!byEventKey.has(ek)) byEventKey.set(ek, u);
    }
  }
  return { kind: build === null ? 'source' : 'golden', keys, byEventKey, recordOf: Int32Array.from(recordOf), members: { records: Int32Array.from(memberRecords), units: Int32Array.from(memberUnits) }, goldenBuildId: build };
}
