// Facets as OpenRefine has them, computed by the engine over the rows the grid's filters keep:
// a text facet (most common values with counts), a blank count, and a numeric range histogram.
// One pass over the column's values: a Map of counts and a running min/max, then the bins.
import { AerieError } from '../api/errors.js';
import type { Cell, Facet, Filter } from '../api/data.js';
import type { DB } from '../db/sqlite.js';
import type { ColumnType } from '../api/profile-types.js';
import { looseNumber } from '../standardize/loose-number.js';
import { registerFilterFunction } from './filter-sql.js';
import { whereClause } from './page.js';
import { columnTypes, filteredSourceColumn, findSourceTable, type SourceColumnCache } from './source-table.js';
import { findTable } from './tables.js';

const NUM = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;
const BINS = 10;

/**
 * The facet of a list of values (blanks: null or only spaces). With the analyst's type for the
 * column (records/column-types.ts): a numeric range only for integer / decimal columns, reading
 * "1,234" and "£12" as numbers there; never for text, categorical, boolean or date columns.
 */
export function facetOf(column: string, values: readonly Cell[], top: number, type?: ColumnType): Facet {
  const numericType = type === 'integer' || type === 'decimal';
  const noRange = type !== undefined && !numericType;
  const counts = new Map<string, number>();
  let blanks = 0;
  let n = 0;
  let min = Infinity;
  let max = -Infinity;
  const nums: number[] = [];
  for (const v of values) {
    if (v === null) {
      blanks++;
      continue;
    }
    const s = typeof v === 'number' ? String(v) : v;
    if (s.trim() === '') {
      blanks++;
      continue;
    }
    counts.set(s, (counts.get(s) ?? 0) + 1);
    if (noRange) continue;
    const x = typeof v === 'number' || NUM.test(s) ? Number(s) : numericType ? looseNumber(s.trim()) : null;
    if (x !== null) {
      n++;
      nums.push(x);
      if (x < min) min = x;
      if (x > max) max = x;
    }
  }
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  // a numeric facet only where numbers are most of the values (an id column with a stray "n/a" still qualifies)
  let numeric: Facet['numeric'] = null;
  if (n > 0 && n >= 0.5 * (values.length - blanks)) {
    const width = (max - min) / BINS || 1;
    const bins = Array.from({ length: min === max ? 1 : BINS }, (_, i) => ({ from: min + i * width, to: i === BINS - 1 ? max : min + (i + 1) * width, count: 0 }));
    for (const x of nums) bins[Math.min(bins.length - 1, Math.floor((x - min) / width))]!.count++;
    numeric = { count: n, min, max, bins };
  }
  return { column, rows: values.length, blanks, values: sorted.slice(0, top).map(([value, count]) => ({ value, count })), distinct: counts.size, numeric };
}

/** Some columns' values (aligned arrays) in the rows the filters keep, of a workspace or source table. */
export function filteredColumns(db: DB, columnCache: SourceColumnCache, table: string, filters: Filter[], columns: string[]): Cell[][] {
  const st = findSourceTable(db, table);
  if (st) return columns.map((c) => filteredSourceColumn(db, columnCache, st, filters, c));
  const t = findTable(table);
  if (!t) throw new AerieError('NOT_FOUND', `No table ${table} to browse.`);
  for (const c of columns) if (!t.columns.some((x) => x.name === c)) throw new AerieError('INVALID_INPUT', `Table ${t.label} has no column ${c}.`, { column: c });
  registerFilterFunction(db);
  const where = whereClause(t, filters);
  const sel = columns.map((c) => (c === t.sourceColumn ? `(SELECT name FROM sources WHERE id = "${c}")` : `"${c}"`)).join(', ');
  const rows = db.prepare(`SELECT ${sel} FROM ${t.sql} ${where.sql}`).raw(true).all(...where.args) as Cell[][];
  return columns.map((_, j) => rows.map((r) => r[j] ?? null));
}

export function readFacet(db: DB, columnCache: SourceColumnCache, req: { table: string; column: string; filters: Filter[]; top: number }): Facet {
  // a source's own column may carry the analyst's type (keyed by the column's name in the file)
  const st = findSourceTable(db, req.table);
  const type = st ? columnTypes(db, st)[req.column] : undefined;
  return facetOf(req.column, filteredColumns(db, columnCache, req.table, req.filters, [req.column])[0]!, req.top, type);
}
