// One page of a browsable table, in two steps: find the page's row keys, then fetch those rows.
// - Default order walks a narrow index, so a page deep in a 1M-row table costs index entries only.
// - A sort or filter the indexes cannot serve is computed once into a list of keys, cached while
//   the table is unchanged, so scrolling through it afterwards is as fast as the default order.
// Only column names listed in tables.ts ever reach SQL; values are bound parameters.
import { AerieError } from '../api/errors.js';
import type { Cell, ColumnInfo, Filter, Sort } from '../api/data.js';
import type { DB } from '../db/sqlite.js';
import { findSourceTable, readSourcePage, type SourceColumnCache } from './source-table.js';
import { matchSql, parsedFilter, registerFilterFunction } from './filter-sql.js';
import { findTable, type BrowsableTable } from './tables.js';

export interface PageRequest {
  table: string;
  offset: number;
  limit: number;
  sort?: Sort | undefined;
  filters: Filter[];
  withTotal: boolean;
}

interface KeyList {
  version: string;
  keys: number[];
}

const CACHE_ENTRIES = 4;
/** Sorted, filtered key lists of recent pages (most recently used last); one per open session. */
export type PageKeyCache = Map<string, KeyList>;

const escapeLike = (v: string) => v.replace(/[\\%_]/g, (m) => `\\${m}`);

export function whereClause(t: BrowsableTable, filters: Filter[]): { sql: string; args: (string | number)[] } {
  const known = new Set(t.columns.map((c) => c.name));
  const where: string[] = [];
  const args: (string | number)[] = [];
  for (const f of filters) {
    if (f.value === '') continue;
    if (!known.has(f.column)) throw new AerieError('INVALID_INPUT', `Table ${t.label} has no column ${f.column}.`, { column: f.column });
    if (f.column === t.sourceColumn && f.op === 'match') {
      const m = matchSql('name', parsedFilter(f), f.value);
      where.push(`"${f.column}" IN (SELECT id FROM sources WHERE ${m.sql})`);
      args.push(...m.args);
    } else if (f.column === t.sourceColumn) {
      // Shown as the source's name, so matched on it; equals also takes the id (the Sources screen's fixed filter).
      if (f.op === 'equals') {
        where.push(`"${f.column}" IN (SELECT id FROM sources WHERE name = ? OR CAST(id AS TEXT) = ?)`);
        args.push(f.value, f.value);
      } else {
        where.push(`"${f.column}" IN (SELECT id FROM sources WHERE name LIKE ? ESCAPE '\\')`);
        args.push(f.op === 'prefix' ? `${escapeLike(f.value)}%` : `%${escapeLike(f.value)}%`);
      }
    } else if (f.op === 'match') {
      const m = matchSql(`"${f.column}"`, parsedFilter(f), f.value);
      where.push(m.sql);
      args.push(...m.args);
    } else if (f.op === 'equals') {
      where.push(`"${f.column}" = ?`);
      args.push(f.value);
    } else {
      where.push(`"${f.column}" LIKE ? ESCAPE '\\'`);
      args.push(f.op === 'prefix' ? `${escapeLike(f.value)}%` : `%${escapeLike(f.value)}%`);
    }
  }
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', args };
}

/** Changes whenever rows are added or removed (tables here are append-only or small). */
function tableVersion(db: DB, t: BrowsableTable): string {
  const r = db.prepare(`SELECT count(*) AS n, max("${t.key}") AS m FROM ${t.sql}`).get() as { n: number; m: number | null };
  return `${r.n}:${r.m}`;
}

/** Case- and accent-insensitive order (Łukasz beside Lukas, not after Zoe); empty values last either way. */
function sortedByText(db: DB, t: BrowsableTable, sort: Sort, where: { sql: string; args: (string | number)[] }): number[] {
  const rows = db.prepare(`SELECT "${t.key}", "${sort.column}" FROM ${t.sql} ${where.sql}`).raw(true).all(...where.args) as [number, string | null][];
  const fold = (v: string) => v.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/ł/gi, 'l').replace(/ø/gi, 'o').toLowerCase();
  const keyed: { k: number; f: string }[] = [];
  const empty: number[] = [];
  for (const [k, v] of rows) {
    if (v === null || v.trim() === '') empty.push(k);
    else keyed.push({ k, f: fold(v) });
  }
  const dir = sort.dir === 'desc' ? -1 : 1;
  keyed.sort((a, b) => (a.f < b.f ? -dir : a.f > b.f ? dir : a.k - b.k));
  return [...keyed.map((x) => x.k), ...empty];
}

function cachedKeys(db: DB, cache: PageKeyCache, t: BrowsableTable, orderSql: string, where: { sql: string; args: (string | number)[] }, textSort?: Sort): { keys: number[]; cached: boolean } {
  const id = `${t.name}|${orderSql}|${where.sql}|${JSON.stringify(where.args)}`;
  const version = tableVersion(db, t);
  const hit = cache.get(id);
  if (hit && hit.version === version) {
    cache.delete(id);
    cache.set(id, hit); // most recently used last
    return { keys: hit.keys, cached: true };
  }
  const keys = textSort ? sortedByText(db, t, textSort, where) : (db.prepare(`SELECT "${t.key}" FROM ${t.sql} ${where.sql} ORDER BY ${orderSql}`).pluck().all(...where.args) as number[]);
  cache.set(id, { version, keys });
  while (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  return { keys, cached: false };
}

export function fetchRows(db: DB, t: BrowsableTable, keys: number[]): Cell[][] {
  if (keys.length === 0) return [];
  const cols = t.columns.map((c) => `"${c.name}"`).join(', ');
  const rows = db
    .prepare(`SELECT "${t.key}" AS __k, ${cols} FROM ${t.sql} WHERE "${t.key}" IN (SELECT value FROM json_each(?))`)
    .raw(true)
    .all(JSON.stringify(keys)) as Cell[][];
  const byKey = new Map(rows.map((r) => [r[0] as number, r.slice(1)]));
  const out = keys.map((k) => byKey.get(k)!).filter(Boolean);
  const sc = t.sourceColumn ? t.columns.findIndex((c) => c.name === t.sourceColumn) : -1;
  if (sc >= 0) {
    const names = new Map((db.prepare('SELECT id, name FROM sources').raw(true).all() as [number, string][]).map(([id, name]) => [id, name]));
    for (const r of out) if (typeof r[sc] === 'number') r[sc] = names.get(r[sc]) ?? r[sc];
  }
  return out;
}

export function readPage(db: DB, cache: PageKeyCache, req: PageRequest, columnCache: SourceColumnCache = new Map()): { columns: ColumnInfo[]; rows: Cell[][]; total: number | null; offset: number } {
  const st = findSourceTable(db, req.table);
  if (st) return readSourcePage(db, cache, columnCache, st, req);
  const t = findTable(req.table);
  if (!t) throw new AerieError('NOT_FOUND', `No table ${req.table} to browse.`);
  if (req.sort && !t.columns.some((c) => c.name === req.sort!.column)) {
    throw new AerieError('INVALID_INPUT', `Table ${t.label} has no column ${req.sort.column}.`, { column: req.sort.column });
  }
  registerFilterFunction(db);
  const where = whereClause(t, req.filters);
  let keys: number[];
  let total: number | null = null;
  if (!req.sort && !where.sql) {
    keys = db.prepare(`SELECT "${t.key}" FROM ${t.sql} ORDER BY ${t.order} LIMIT ? OFFSET ?`).pluck().all(req.limit, req.offset) as number[];
    if (req.withTotal) total = db.prepare(`SELECT count(*) FROM ${t.sql}`).pluck().get() as number;
  } else {
    const order = req.sort ? `"${req.sort.column}" ${req.sort.dir === 'desc' ? 'DESC' : 'ASC'}, "${t.key}"` : t.order;
    const textSort = req.sort && req.sort.column !== t.sourceColumn && t.columns.find((c) => c.name === req.sort!.column)?.type === 'text' ? req.sort : undefined;
    const all = cachedKeys(db, cache, t, order, where, textSort).keys;
    keys = all.slice(req.offset, req.offset + req.limit);
    total = all.length;
  }
  return { columns: t.columns, rows: fetchRows(db, t, keys), total, offset: req.offset };
}
