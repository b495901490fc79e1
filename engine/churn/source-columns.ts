// The "sourceColumns" feature group (opt-in): every column of the customer sources that no import
// mapped to a canonical attribute, as the files had it (records.raw), numeric or low-cardinality
// categorical as engine/ml/frame.ts infers them for the tabular mode. A unit takes each column's
// value from its first member record (lowest id) of that source with a non-blank value. The values
// are as imported, not as of the cutoff (a snapshot, like the snapshot group): no event time for
// the leakage check. Encodings (which columns, which categories) are chosen at training, without
// labels, and stored with the model so scoring rebuilds the same features.
// records.raw is read here directly (churn may not import engine/data): an unmapped position holds
// the verbatim string or null; only mapped positions hold the in-column marker (records/raw-values.ts).
import type { DB } from '../db/sqlite.js';
import { encode, inferEncodings, type ColumnEncoding, type TextTable } from '../ml/frame.js';
import type { FeatureDef } from './feature-defs.js';
import type { Units } from './units.js';

export type UsedEncoding = Exclude<ColumnEncoding, { kind: 'left-out' }>;

/** One source column a model uses, with its encoding (`encoding.column` is the table column name). */
export interface SourceColumnSpec {
  sourceId: number;
  source: string;
  column: string;
  encoding: UsedEncoding;
}

interface Candidate {
  sourceId: number;
  source: string;
  column: string;
  /** import id → 0-based position in that import's raw array. */
  positions: Map<number, number>;
}

/** Unmapped columns of the customer imports, by source, in first-seen order. */
function candidates(db: DB): Candidate[] {
  const rows = db
    .prepare(
      `SELECT s.id AS sourceId, s.name AS source, c.import_id AS importId, c.position, c.name, c.canonical
       FROM import_columns c JOIN imports i ON i.id = c.import_id JOIN sources s ON s.id = i.source_id
       WHERE i.kind = 'customers' ORDER BY s.id, c.import_id, c.position`,
    )
    .all() as { sourceId: number; source: string; importId: number; position: number; name: string; canonical: string | null }[];
  const byKey = new Map<string, Candidate>();
  const mapped = new Set<string>();
  for (const r of rows) {
    const key = `${r.sourceId}\u0000${r.name}`;
    // a column some import mapped is already a canonical attribute (names, contacts, consents): not a feature here
    if (r.canonical !== null) mapped.add(key);
    let c = byKey.get(key);
    if (!c) byKey.set(key, (c = { sourceId: r.sourceId, source: r.source, column: r.name, positions: new Map() }));
    c.positions.set(r.importId, r.position - 1);
  }
  return [...byKey.entries()].filter(([k]) => !mapped.has(k)).map(([, c]) => c);
}

const tableColumn = (source: string, column: string) => `${source}.${column}`;

/** Per unit, the first non-blank value (member records in id order) of each candidate column. */
function unitTable(db: DB, units: Units, cols: Candidate[], names: string[]): TextTable {
  const n = units.keys.length;
  const rows: (string | null)[][] = Array.from({ length: n }, () => new Array<string | null>(cols.length).fill(null));
  const table = { columns: names, rows };
  if (cols.length === 0) return table;
  const bySource = new Map<number, number[]>();
  cols.forEach((c, k) => bySource.set(c.sourceId, [...(bySource.get(c.sourceId) ?? []), k]));
  const members = units.members ?? { records: units.recordOf, units: Int32Array.from(units.recordOf, (_r, u) => u) };
  const take = (sourceId: number, importId: number | null, raw: string | null, u: number) => {
    const ks = bySource.get(sourceId);
    if (!ks || raw === null || importId === null) return;
    let values: unknown[];
    try {
      values = JSON.parse(raw) as unknown[];
    } catch {
      return; // a damaged raw array: the record's columns stay missing (workspace.check reports the row)
    }
    const row = rows[u]!;
    for (const k of ks) {
      if (row[k] !== null) continue;
      const pos = cols[k]!.positions.get(importId);
      const v = pos === undefined ? undefined : values[pos];
      if (typeof v === 'string' && v.trim() !== '') row[k] = v.trim();
    }
  };
  if (n <= 100) {
    // a handful of units (an explanation): their records by id
    const one = db.prepare('SELECT id, source_id, import_id, raw FROM records WHERE id = ?').raw();
    const order = [...members.records.keys()].sort((a, b) => members.records[a]! - members.records[b]!);
    for (const i of order) {
      const r = one.get(members.records[i]!) as [number, number, number | null, string | null] | undefined;
      if (r) take(r[1], r[2], r[3], members.units[i]!);
    }
    return table;
  }
  // every record of those sources once, in id order (so the lowest member id wins)
  const unitOf = new Map<number, number>();
  for (let i = 0; i < members.records.length; i++) unitOf.set(members.records[i]!, members.units[i]!);
  const sources = [...bySource.keys()];
  const stmt = db.prepare(`SELECT id, source_id, import_id, raw FROM records WHERE source_id IN (${sources.map(() => '?').join(',')}) ORDER BY id`).raw();
  for (const [id, sid, imp, raw] of stmt.iterate(...sources) as Iterable<[number, number, number | null, string | null]>) {
    const u = unitOf.get(id);
    if (u !== undefined) take(sid, imp, raw, u);
  }
  return table;
}

function describe(s: SourceColumnSpec, name: string): string {
  const col = `column ${JSON.stringify(s.column)} of source ${s.source}`;
  if (s.encoding.kind === 'numeric') return `The ${col}, as imported (snapshot, not point-in-time; missing: blank or not a number).`;
  const cat = name.slice(s.encoding.column.length + 1);
  return cat === '(other)' && s.encoding.other
    ? `1 when the ${col} holds a rarer value, as imported (snapshot, not point-in-time; missing: blank).`
    : `1 when the ${col} is ${JSON.stringify(cat)}, as imported (snapshot, not point-in-time; missing: blank).`;
}

export interface SourceColumnFeatures {
  defs: FeatureDef[];
  columns: Float64Array[];
  specs: SourceColumnSpec[];
}

/**
 * The group's features for `units`. Without `specs` (training) the usable columns and their
 * encodings are inferred from the values; with them (scoring a stored model) the same ones are
 * rebuilt, a column no longer in the workspace reading as missing.
 */
export function sourceColumnFeatures(db: DB, units: Units, specs?: readonly SourceColumnSpec[]): SourceColumnFeatures {
  const all = candidates(db);
  let cols: Candidate[];
  let used: SourceColumnSpec[];
  if (specs) {
    const found = new Map(all.map((c) => [`${c.sourceId}\u0000${c.column}`, c]));
    cols = specs.map((s) => found.get(`${s.sourceId}\u0000${s.column}`) ?? { sourceId: s.sourceId, source: s.source, column: s.column, positions: new Map() });
    used = [...specs];
  } else cols = all;
  // a stored model's table columns keep the names it was trained with (a source renamed since still matches)
  const table = unitTable(db, units, cols, specs ? specs.map((s) => s.encoding.column) : cols.map((c) => tableColumn(c.source, c.column)));
  if (!specs) {
    const enc = inferEncodings(table, cols.map((_c, k) => k));
    used = [];
    enc.forEach((e, k) => {
      if (e.kind !== 'left-out') used.push({ sourceId: cols[k]!.sourceId, source: cols[k]!.source, column: cols[k]!.column, encoding: e });
    });
  }
  const m = encode(table, used!.map((s) => s.encoding), Uint32Array.from({ length: units.keys.length }, (_v, i) => i));
  const defs: FeatureDef[] = [];
  let k = 0;
  for (const s of used!) {
    const width = s.encoding.kind === 'numeric' ? 1 : s.encoding.categories.length + (s.encoding.other ? 1 : 0);
    for (let j = 0; j < width; j++, k++) defs.push({ name: m.names[k]!, group: 'sourceColumns', description: describe(s, m.names[k]!) });
  }
  return { defs, columns: m.columns, specs: used! };
}
