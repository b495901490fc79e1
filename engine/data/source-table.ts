// One customer source as a table of its own columns: every column its imports had, with each
// row's verbatim values from records.raw (see records/raw-values.ts), whatever was mapped.
// Source column names come from files, so they never reach SQL: columns are addressed as c1, c2…
// and filters and sorts run here in JS over the decoded rows, computed once into a key list that
// is cached while the source is unchanged (as page.ts does for sorts the indexes cannot serve).
import { AerieError } from '../api/errors.js';
import type { Cell, ColumnInfo, Filter, Sort } from '../api/data.js';
import type { DB } from '../db/sqlite.js';
import { filterTest } from '../api/data-filter.js';
import { parsedFilter } from './filter-sql.js';
import type { ColumnType } from '../api/profile-types.js';
import { readColumnTypes } from '../records/column-types.js';
import { looseNumber } from '../standardize/loose-number.js';
import { OriginalReader, type StoredRow } from './original.js';
import type { PageKeyCache, PageRequest } from './page.js';

export const SOURCE_TABLE_PREFIX = 'source:';

export interface SourceTable {
  name: string;
  label: string;
  sourceId: number;
  rowCount: number;
  columns: ColumnInfo[];
  /** Per import: source column position (0-based) → index into the raw columns. */
  positions: Map<number, number[]>;
  /** How many raw columns (c1…cN) there are. */
  rawCount: number;
}

const FIXED_HEAD: ColumnInfo[] = [{ name: 'id', label: 'Record', type: 'integer' }];
const FIXED_TAIL: ColumnInfo[] = [
  { name: 'import_id', label: 'Import', type: 'integer' },
  { name: 'row_no', label: 'Row', type: 'integer' },
];

/** Customer sources with records, each with the union of its imports' columns in first-seen order. */
export function listSourceTables(db: DB): SourceTable[] {
  const sources = db.prepare("SELECT id, name FROM sources WHERE kind = 'customers' ORDER BY id").all() as { id: number; name: string }[];
  return sources.map((s) => sourceTable(db, s.id, s.name)).filter((t) => t.rowCount > 0 || t.rawCount > 0);
}

export function findSourceTable(db: DB, name: string): SourceTable | undefined {
  if (!name.startsWith(SOURCE_TABLE_PREFIX)) return undefined;
  const id = Number(name.slice(SOURCE_TABLE_PREFIX.length));
  if (!Number.isInteger(id)) return undefined;
  const s = db.prepare("SELECT id, name FROM sources WHERE id = ? AND kind = 'customers'").get(id) as { id: number; name: string } | undefined;
  return s ? sourceTable(db, s.id, s.name) : undefined;
}

function sourceTable(db: DB, sourceId: number, name: string): SourceTable {
  const cols = db
    .prepare('SELECT c.import_id, c.position, c.name FROM import_columns c JOIN imports i ON i.id = c.import_id WHERE i.source_id = ? ORDER BY c.import_id, c.position')
    .all(sourceId) as { import_id: number; position: number; name: string }[];
  const index = new Map<string, number>();
  const positions = new Map<number, number[]>();
  for (const c of cols) {
    let k = index.get(c.name);
    if (k === undefined) index.set(c.name, (k = index.size));
    const list = positions.get(c.import_id) ?? [];
    list[c.position - 1] = k;
    positions.set(c.import_id, list);
  }
  const raw: ColumnInfo[] = [...index.keys()].map((label, k) => ({ name: `c${k + 1}`, label, type: 'text' }));
  const rowCount = db.prepare('SELECT count(*) FROM records WHERE source_id = ?').pluck().get(sourceId) as number;
  return { name: `${SOURCE_TABLE_PREFIX}${sourceId}`, label: `${name} (every column)`, sourceId, rowCount, columns: [...FIXED_HEAD, ...raw, ...FIXED_TAIL], positions, rawCount: index.size };
}

/** A row of the source table: id, c1…cN (null where the row's import lacks the column), import, row. */
function toCells(t: SourceTable, r: StoredRow, values: (string | null)[]): Cell[] {
  const out: Cell[] = new Array(t.rawCount + 3).fill(null);
  out[0] = r.id;
  const pos = t.positions.get(r.import_id ?? -1) ?? [];
  for (let i = 0; i < values.length; i++) {
    const k = pos[i];
    if (k !== undefined) out[1 + k] = values[i] ?? null;
  }
  out[t.rawCount + 1] = r.import_id;
  out[t.rawCount + 2] = r.row_no;
  return out;
}

function columnIndex(t: SourceTable, column: string): number {
  const i = t.columns.findIndex((c) => c.name === column);
  if (i < 0) throw new AerieError('INVALID_INPUT', `Table ${t.label} has no column ${column}.`, { column });
  return i;
}

/** The analyst's types (records/column-types.ts, keyed by the file's column name) by this table's column names (c1, c2…). */
export function columnTypes(db: DB, t: SourceTable): Record<string, ColumnType> {
  const byLabel = readColumnTypes(db);
  const out: Record<string, ColumnType> = {};
  for (const c of t.columns) {
    const ty = Object.hasOwn(byLabel, c.label) ? byLabel[c.label] : undefined;
    if (ty && c.name !== 'id' && c.name !== 'import_id' && c.name !== 'row_no') out[c.name] = ty;
  }
  return out;
}

function matcher(f: Filter, type?: ColumnType): (v: Cell) => boolean {
  if (f.op === 'match') {
    const test = filterTest(parsedFilter(f));
    if (type !== 'integer' && type !== 'decimal') return test;
    // a column the analyst typed as numbers: "12,500" and "£2,000" compare as numbers (>3000, ranges)
    return (v) => test(typeof v === 'string' ? (looseNumber(v.trim()) ?? v) : v);
  }
  const want = f.value.toLowerCase();
  if (f.op === 'equals') return (v) => v !== null && String(v) === f.value;
  if (f.op === 'prefix') return (v) => v !== null && String(v).toLowerCase().startsWith(want);
  return (v) => v !== null && String(v).toLowerCase().includes(want);
}

const fold = (v: string) => v.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/ł/gi, 'l').replace(/ø/gi, 'o').toLowerCase();
const NUMBER = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;

/** Keys ordered by one column: numerically when every non-empty value is a number, else as folded text; empties last. */
function sortKeys(ids: number[], values: Cell[], dir: Sort['dir']): number[] {
  const filled: number[] = [];
  const empty: number[] = [];
  for (let i = 0; i < ids.length; i++) (values[i] !== null && String(values[i]).trim() !== '' ? filled : empty).push(i);
  const numeric = filled.every((i) => typeof values[i] === 'number' || NUMBER.test(String(values[i])));
  const d = dir === 'desc' ? -1 : 1;
  const keyed = filled.map((i) => ({ k: ids[i]!, n: numeric ? Number(values[i]) : 0, f: numeric ? '' : fold(String(values[i])) }));
  keyed.sort((a, b) => (numeric ? (a.n - b.n) * d : a.f < b.f ? -d : a.f > b.f ? d : 0) || a.k - b.k);
  return [...keyed.map((x) => x.k), ...empty.map((i) => ids[i]!)];
}

/**
 * Decoded values of some columns of a source, in id order. Decoding means parsing every row's
 * records.raw, so the columns a filter or sort touched are kept (a few per table, while the source
 * is unchanged): typing on in the same filter then scans strings instead of re-reading the source.
 */
export type SourceColumnCache = Map<string, { version: string; ids: number[]; columns: Map<number, Cell[]> }>;
const CACHED_COLUMNS = 6;

function columnValues(db: DB, t: SourceTable, reader: OriginalReader, cache: SourceColumnCache, version: string, wanted: number[]): { ids: number[]; columns: Map<number, Cell[]> } {
  let entry = cache.get(t.name);
  if (!entry || entry.version !== version) {
    cache.clear(); // one source at a time: a 1M-row column is large
    entry = { version, ids: [], columns: new Map() };
    cache.set(t.name, entry);
  }
  const missing = [...new Set(wanted)].filter((c) => !entry.columns.has(c));
  if (missing.length > 0) {
    const ids: number[] = [];
    const fresh = missing.map(() => [] as Cell[]);
    for (const r of db.prepare('SELECT * FROM records WHERE source_id = ? ORDER BY id').iterate(t.sourceId) as IterableIterator<StoredRow>) {
      const cells = toCells(t, r, reader.values(r));
      ids.push(r.id);
      for (let j = 0; j < missing.length; j++) fresh[j]!.push(cells[missing[j]!] ?? null);
    }
    // Rows may have been added since the ids were read (a version change clears them above).
    entry.ids = ids;
    missing.forEach((c, j) => entry.columns.set(c, fresh[j]!));
    while (entry.columns.size > CACHED_COLUMNS) {
      const oldest = [...entry.columns.keys()].find((c) => !wanted.includes(c));
      if (oldest === undefined) break;
      entry.columns.delete(oldest);
    }
  }
  return entry;
}

export function readSourcePage(
  db: DB,
  cache: PageKeyCache,
  columnCache: SourceColumnCache,
  t: SourceTable,
  req: PageRequest,
): { columns: ColumnInfo[]; rows: Cell[][]; total: number | null; offset: number } {
  const sortCol = req.sort ? columnIndex(t, req.sort.column) : -1;
  const types = columnTypes(db, t);
  const filters = req.filters.filter((f) => f.value !== '').map((f) => ({ col: columnIndex(t, f.column), match: matcher(f, types[f.column]) }));
  const reader = new OriginalReader(db, 'customers');
  const v = db.prepare('SELECT count(*) AS n, max(id) AS m FROM records WHERE source_id = ?').get(t.sourceId) as { n: number; m: number | null };
  const version = `${v.n}:${v.m}:${t.columns.length}`;
  // the filtered columns' types change how a filter reads them: part of the cached key list's name
  const id = `${t.name}|${JSON.stringify(req.sort ?? null)}|${JSON.stringify(req.filters)}|${JSON.stringify(req.filters.map((f) => types[f.column] ?? null))}`;
  let keys: number[];
  const hit = cache.get(id);
  if (hit && hit.version === version) {
    cache.delete(id);
    cache.set(id, hit);
    keys = hit.keys;
  } else {
    if (!req.sort && filters.length === 0) {
      // Rowids follow import and row order (imports append), so the default order needs no decoding.
      keys = db.prepare('SELECT id FROM records WHERE source_id = ? ORDER BY id').pluck().all(t.sourceId) as number[];
    } else {
      const data = columnValues(db, t, reader, columnCache, version, [...filters.map((f) => f.col), ...(sortCol >= 0 ? [sortCol] : [])]);
      const tests = filters.map((f) => ({ values: data.columns.get(f.col)!, match: f.match }));
      const kept: number[] = [];
      for (let i = 0; i < data.ids.length; i++) if (tests.every((x) => x.match(x.values[i] ?? null))) kept.push(i);
      if (sortCol >= 0) {
        const values = data.columns.get(sortCol)!;
        keys = sortKeys(
          kept.map((i) => data.ids[i]!),
          kept.map((i) => values[i] ?? null),
          req.sort!.dir,
        );
      } else keys = kept.map((i) => data.ids[i]!);
    }
    cache.set(id, { version, keys });
    while (cache.size > 4) cache.delete(cache.keys().next().value!);
  }
  const pageKeys = keys.slice(req.offset, req.offset + req.limit);
  return { columns: t.columns, rows: fetchSourceRows(db, t, reader, pageKeys), total: keys.length, offset: req.offset };
}

/** One column's values in the rows the filters keep (for facets), in id order. */
export function filteredSourceColumn(db: DB, columnCache: SourceColumnCache, t: SourceTable, filters: Filter[], column: string): Cell[] {
  const col = columnIndex(t, column);
  const types = columnTypes(db, t);
  const fs = filters.filter((f) => f.value !== '').map((f) => ({ col: columnIndex(t, f.column), match: matcher(f, types[f.column]) }));
  const v = db.prepare('SELECT count(*) AS n, max(id) AS m FROM records WHERE source_id = ?').get(t.sourceId) as { n: number; m: number | null };
  const data = columnValues(db, t, new OriginalReader(db, 'customers'), columnCache, `${v.n}:${v.m}:${t.columns.length}`, [col, ...fs.map((f) => f.col)]);
  const tests = fs.map((f) => ({ values: data.columns.get(f.col)!, match: f.match }));
  const values = data.columns.get(col)!;
  const out: Cell[] = [];
  for (let i = 0; i < data.ids.length; i++) if (tests.every((x) => x.match(x.values[i] ?? null))) out.push(values[i] ?? null);
  return out;
}

/** The decoded rows of `keys`, in that order. */
export function fetchSourceRows(db: DB, t: SourceTable, reader: OriginalReader, keys: number[]): Cell[][] {
  if (keys.length === 0) return [];
  const rows = db.prepare('SELECT * FROM records WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(keys)) as StoredRow[];
  const byId = new Map(rows.map((r) => [r.id, toCells(t, r, reader.values(r))]));
  return keys.map((k) => byId.get(k)).filter((r): r is Cell[] => r !== undefined);
}
