// A cross-tab of two columns (Churn by Contract): rows counted by each pair of values, over the
// rows the grid's filters keep. The most common values of each side are kept (top), the rest
// counted together as "(other)"; empty cells as "(blank)", so the totals are every row.
import type { Cell, Crosstab, Filter } from '../api/data.js';
import type { DB } from '../db/sqlite.js';
import { filteredColumns } from './facet.js';
import type { SourceColumnCache } from './source-table.js';

export const BLANK_LABEL = '(blank)';
export const OTHER_LABEL = '(other)';

const label = (v: Cell) => (v === null || String(v).trim() === '' ? BLANK_LABEL : String(v));

/** The kept values of one side, most common first, "(other)" last when some were dropped. */
function keep(values: string[], top: number): { list: string[]; index: Map<string, number> } {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([v]) => v);
  const list = sorted.length > top ? [...sorted.slice(0, top - 1), OTHER_LABEL] : sorted;
  const index = new Map<string, number>();
  sorted.forEach((v, i) => index.set(v, Math.min(i, list.length - 1)));
  return { list, index };
}

export function readCrosstab(db: DB, columnCache: SourceColumnCache, req: { table: string; rows: string; cols: string; filters: Filter[]; top: number }): Crosstab {
  const [a, b] = filteredColumns(db, columnCache, req.table, req.filters, [req.rows, req.cols]) as [Cell[], Cell[]];
  const ra = a.map(label);
  const cb = b.map(label);
  const R = keep(ra, req.top);
  const C = keep(cb, req.top);
  const counts = R.list.map(() => new Array<number>(C.list.length).fill(0));
  for (let i = 0; i < ra.length; i++) counts[R.index.get(ra[i]!)!]![C.index.get(cb[i]!)!]!++;
  const rowTotals = counts.map((r) => r.reduce((s, x) => s + x, 0));
  const colTotals = C.list.map((_, j) => counts.reduce((s, r) => s + r[j]!, 0));
  return { rows: req.rows, cols: req.cols, rowValues: R.list, colValues: C.list, counts, rowTotals, colTotals, total: ra.length };
}
