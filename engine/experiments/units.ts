// The units an experiment assigns, read from the workspace: source accounts (source name + key)
// or golden records of the latest build. Each unit carries its crosswalk keys (the source accounts
// behind it and, where a golden build exists, their golden id) so outcomes can be read from events
// keyed by (source, source key) and the export can name every key a campaign system may use.
// Records are read in pages of the record id (a generator that pauses between pages), so the
// assign job can let other requests run while it reads a million units.
import type { DB } from '../db/sqlite.js';
import { CUSTOMER_ATTRIBUTES } from '../api/ingest.js';
import { latestBuild } from '../golden/store.js';
import { CHURN_DECILE, churnDeciles, churnDecileUnavailable, scoredChurnModel, UNSCORED } from './churn-strata.js';
import { sourceUnit } from './metrics.js';

export interface Account { sourceId: number; source: string; key: string; goldenId: string | null }
export interface UnitInfo { unit: string; stratum: string | null; accounts: Account[] }

const PAGE = 5_000;

/** A stratum column: a canonical customer attribute (for golden units, its surviving value), or churn_decile. */
export function checkStratifyColumn(column: string | null): void {
  if (column !== null && column !== CHURN_DECILE && !(CUSTOMER_ATTRIBUTES as readonly string[]).includes(column)) {
    throw new RangeError(`stratify column ${JSON.stringify(column)} is not a customer attribute; use one of ${CUSTOMER_ATTRIBUTES.join(', ')}, or ${CHURN_DECILE} (churn risk decile).`);
  }
}

/** Pages through the records; yields the number of records read so far, returns the units. */
export function* unitPages(db: DB, kind: 'golden' | 'source', stratify: string | null, o: { page?: number; accounts?: boolean } = {}): Generator<number, UnitInfo[]> {
  const page = o.page ?? PAGE;
  // without accounts (the assign job needs only unit and stratum) a million units take far less memory
  const withAccounts = o.accounts !== false;
  checkStratifyColumn(stratify);
  const build = latestBuild(db);
  if (kind === 'golden' && !build) throw new RangeError('golden units need a golden build: run Golden records → Build first, or use source units.');
  const churn = stratify === CHURN_DECILE;
  let deciles: Map<string, number> | null = null;
  let scoredKind: 'golden' | 'source' = 'source';
  if (churn) {
    const m = scoredChurnModel(db);
    if (!m) throw new RangeError(churnDecileUnavailable(db)!);
    deciles = churnDeciles(db, m.modelId);
    scoredKind = m.unitKind;
  }
  const attr = stratify !== null && !churn ? stratify : null;
  const col = attr === null || kind === 'golden' ? 'NULL' : `r."${attr}"`;
  const stmt = db
    .prepare(`SELECT r.id, r.source_id, s.name, r.source_key, ${col}, m.golden_id FROM records r JOIN sources s ON s.id = r.source_id
              LEFT JOIN golden_members m ON m.build_id = ? AND m.record_id = r.id
              WHERE r.id > ? AND r.source_key IS NOT NULL AND r.source_key <> '' ORDER BY r.id LIMIT ?`)
    .raw();
  // churn score of one record: by its own id (source scores) or its golden record's (golden scores)
  const decileOf = (id: number, golden: string | null) => deciles!.get(scoredKind === 'source' ? String(id) : (golden ?? '')) ?? null;
  const units = new Map<string, UnitInfo>();
  const golden = new Map<string, { info: UnitInfo; decile: number | null }>();
  const seen = new Set<string>();
  let after = 0;
  let read = 0;
  for (;;) {
    const rows = stmt.all(build?.id ?? -1, after, page) as [number, number, string, string, unknown, string | null][];
    if (rows.length === 0) break;
    for (const [id, sid, name, key, value, g] of rows) {
      if (kind === 'source') {
        const u = sourceUnit(name, key);
        // a key imported twice (two imports of one source) is one account
        if (units.has(u)) continue;
        const stratum = churn ? String(decileOf(id, g) ?? UNSCORED) : value == null ? null : String(value);
        units.set(u, { unit: u, stratum, accounts: withAccounts ? [{ sourceId: sid, source: name, key, goldenId: g }] : [] });
        continue;
      }
      if (g === null) continue;
      const acct = `${sid}\u0000${key}`;
      if (withAccounts && seen.has(acct)) continue;
      if (withAccounts) seen.add(acct);
      let e = golden.get(g);
      if (!e) golden.set(g, (e = { info: { unit: g, stratum: null, accounts: [] }, decile: null }));
      if (withAccounts) e.info.accounts.push({ sourceId: sid, source: name, key, goldenId: g });
      // source scores under golden units: the riskiest member account's decile
      if (churn) {
        const d = decileOf(id, g);
        if (d !== null && (e.decile === null || d < e.decile)) e.decile = d;
      }
    }
    after = rows[rows.length - 1]![0];
    read += rows.length;
    yield read;
  }
  if (kind === 'source') return [...units.values()];
  const strata = new Map<string, string>();
  if (attr !== null) {
    for (const [g, v] of db.prepare('SELECT golden_id, value FROM golden_values WHERE build_id = ? AND attribute = ?').raw().iterate(build!.id, attr) as Iterable<[string, string]>) strata.set(g, v);
  }
  const out: UnitInfo[] = [];
  for (const { info, decile } of golden.values()) {
    info.stratum = churn ? String(decile ?? UNSCORED) : (strata.get(info.unit) ?? null);
    out.push(info);
  }
  // by golden id for readers that list units; the assign job (no accounts) needs no order
  return withAccounts ? out.sort((a, b) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0)) : out;
}

/** Every unit at once (exports, results), in one read: no pauses to make room for. */
export function experimentUnits(db: DB, kind: 'golden' | 'source', stratify: string | null): UnitInfo[] {
  const it = unitPages(db, kind, stratify, { page: Number.MAX_SAFE_INTEGER });
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}
