// One page of a browsable table. Filters use LIKE with escaped wildcards; sorting breaks ties on
// the table key so pages never overlap or skip rows.
import { AerieError } from '../api/errors.js';
import type { Cell, ColumnInfo, Filter, Sort } from '../api/schemas.js';
import type { DB } from '../db/sqlite.js';
import { findTable } from './tables.js';

export interface PageRequest {
  table: string;
  offset: number;
  limit: number;
  sort?: Sort | undefined;
  filters: Filter[];
  withTotal: boolean;
}

const escapeLike = (v: string) => v.replace(/[\\%_]/g, (m) => `\\${m}`);

export function readPage(db: DB, req: PageRequest): { columns: ColumnInfo[]; rows: Cell[][]; total: number | null; offset: number } {
  const t = findTable(req.table);
  if (!t) throw new AerieError('NOT_FOUND', `No table ${req.table} to browse.`);
  const known = new Set(t.columns.map((c) => c.name));
  const col = (name: string) => {
    if (!known.has(name)) throw new AerieError('INVALID_INPUT', `Table ${t.label} has no column ${name}.`, { column: name });
    return `"${name}"`;
  };
  const where: string[] = [];
  const args: string[] = [];
  for (const f of req.filters) {
    if (f.value === '') continue;
    if (f.op === 'equals') {
      where.push(`${col(f.column)} = ?`);
      args.push(f.value);
    } else {
      where.push(`${col(f.column)} LIKE ? ESCAPE '\\'`);
      args.push(f.op === 'prefix' ? `${escapeLike(f.value)}%` : `%${escapeLike(f.value)}%`);
    }
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const order = req.sort ? `ORDER BY ${col(req.sort.column)} ${req.sort.dir === 'desc' ? 'DESC' : 'ASC'}, "${t.key}"` : `ORDER BY "${t.key}"`;
  const select = t.columns.map((c) => `"${c.name}"`).join(', ');
  const rows = db
    .prepare(`SELECT ${select} FROM ${t.sql} ${whereSql} ${order} LIMIT ? OFFSET ?`)
    .raw(true)
    .all(...args, req.limit, req.offset) as Cell[][];
  const total = req.withTotal ? (db.prepare(`SELECT count(*) FROM ${t.sql} ${whereSql}`).pluck().get(...args) as number) : null;
  return { columns: t.columns, rows, total, offset: req.offset };
}
