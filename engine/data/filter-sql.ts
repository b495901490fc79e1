// The grid's filter syntax (api/data-filter.ts) in SQL for the workspace tables: contains and
// blank as plain SQL, comparisons, ranges and regular expressions through one SQL function that
// runs the contract's own test, so a source table (filtered in JS) and a workspace table read a
// filter identically. Values are bound parameters; only listed column names reach SQL.
import { FILTER_SYNTAX_HELP, filterTest, parseFilter, type FilterExpr } from '../api/data-filter.js';
import { AerieError } from '../api/errors.js';
import type { Filter } from '../api/data.js';
import type { DB } from '../db/sqlite.js';

/** A filter's parsed expression, or INVALID_INPUT naming the column and what to write instead. */
export function parsedFilter(f: Filter): FilterExpr {
  const p = parseFilter(f.value);
  if (!p.ok) throw new AerieError('INVALID_INPUT', `Filter on ${f.column}: ${p.message}`, { column: f.column, hint: `Filters read: ${FILTER_SYNTAX_HELP}` });
  return p.expr;
}

const escapeLike = (v: string) => v.replace(/[\\%_]/g, (m) => `\\${m}`);

const tests = new Map<string, (v: string | number | null) => boolean>();
const registered = new WeakSet<DB>();

/** Registers aerie_filter(filterText, value) on this connection (once). */
export function registerFilterFunction(db: DB): void {
  if (registered.has(db)) return;
  db.function('aerie_filter', { deterministic: true }, (text: unknown, v: unknown) => {
    const key = String(text);
    let t = tests.get(key);
    if (!t) {
      const p = parseFilter(key);
      t = p.ok ? filterTest(p.expr) : () => false;
      if (tests.size > 200) tests.clear();
      tests.set(key, t);
    }
    return t(typeof v === 'number' || typeof v === 'string' ? v : v === null || v === undefined ? null : String(v)) ? 1 : 0;
  });
  registered.add(db);
}

/** SQL for `col` against a parsed filter (`text` is the filter as written, for aerie_filter). */
export function matchSql(col: string, e: FilterExpr, text: string): { sql: string; args: (string | number)[] } {
  if (e.kind === 'contains') return { sql: `${col} LIKE ? ESCAPE '\\'`, args: [`%${escapeLike(e.text)}%`] };
  if (e.kind === 'equals') return { sql: `CAST(${col} AS TEXT) = ?`, args: [e.text] };
  if (e.kind === 'blank') return { sql: `${e.not ? 'NOT ' : ''}(${col} IS NULL OR trim(CAST(${col} AS TEXT)) = '')`, args: [] };
  return { sql: `aerie_filter(?, ${col}) = 1`, args: [text] };
}
