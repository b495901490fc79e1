// The units an experiment assigns, read from the workspace: source accounts (source name + key)
// or golden records of the latest build. Each unit carries its crosswalk keys (the source accounts
// behind it and, where a golden build exists, their golden id) so outcomes can be read from events
// keyed by (source, source key) and the export can name every key a campaign system may use.
import type { DB } from '../db/sqlite.js';
import { CUSTOMER_ATTRIBUTES } from '../api/ingest.js';
import { currentGoldenMembers, latestBuild } from '../golden/store.js';
import { sourceUnit } from './metrics.js';

export interface Account { sourceId: number; source: string; key: string; goldenId: string | null }
export interface UnitInfo { unit: string; stratum: string | null; accounts: Account[] }

/** A stratum column: a canonical customer attribute (for golden units, its surviving value). */
export function checkStratifyColumn(column: string | null): void {
  if (column !== null && !(CUSTOMER_ATTRIBUTES as readonly string[]).includes(column)) {
    throw new RangeError(`stratify column ${JSON.stringify(column)} is not a customer attribute; use one of ${CUSTOMER_ATTRIBUTES.join(', ')}.`);
  }
}

export function experimentUnits(db: DB, kind: 'golden' | 'source', stratify: string | null): UnitInfo[] {
  checkStratifyColumn(stratify);
  const golden = currentGoldenMembers(db);
  const col = stratify === null ? 'NULL' : `r."${stratify}"`;
  const rows = db
    .prepare(`SELECT r.id, r.source_id, s.name, r.source_key, ${col} AS stratum FROM records r JOIN sources s ON s.id = r.source_id WHERE r.source_key IS NOT NULL AND r.source_key <> '' ORDER BY r.id`)
    .raw()
    .all() as [number, number, string, string, unknown][];
  const units = new Map<string, UnitInfo>();
  if (kind === 'source') {
    for (const [id, sid, name, key, stratum] of rows) {
      const u = sourceUnit(name, key);
      // a key imported twice (two imports of one source) is one account
      if (!units.has(u)) units.set(u, { unit: u, stratum: stratum == null ? null : String(stratum), accounts: [{ sourceId: sid, source: name, key, goldenId: golden.get(id) ?? null }] });
    }
    return [...units.values()];
  }
  const build = latestBuild(db);
  if (!build) throw new RangeError('golden units need a golden build: run Golden records → Build first, or use source units.');
  const strata = new Map<string, string>();
  if (stratify !== null) {
    for (const [g, v] of db.prepare('SELECT golden_id, value FROM golden_values WHERE build_id = ? AND attribute = ?').raw().iterate(build.id, stratify) as Iterable<[string, string]>) strata.set(g, v);
  }
  const seen = new Set<string>();
  for (const [id, sid, name, key] of rows) {
    const g = golden.get(id);
    if (g === undefined) continue;
    const acct = `${sid}\u0000${key}`;
    if (seen.has(acct)) continue;
    seen.add(acct);
    const info = units.get(g) ?? units.set(g, { unit: g, stratum: strata.get(g) ?? null, accounts: [] }).get(g)!;
    info.accounts.push({ sourceId: sid, source: name, key, goldenId: g });
  }
  return [...units.values()].sort((a, b) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
}
