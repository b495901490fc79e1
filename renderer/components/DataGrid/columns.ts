// Column sizing and cell formatting for the data grid.
import type { Cell, ColumnInfo } from '../../../engine/api/data.js';
import { fmtDecimal } from '../format.js';

export const MIN_COL_PX = 56;

export function defaultWidth(c: ColumnInfo): number {
  // A source shown by name ('demo-crm'): as narrow as the id it replaced.
  if (c.type === 'integer' || c.type === 'real' || c.name === 'source_id') return 96;
  if (c.type === 'date') return 128;
  if (/email|address|hash|digest|reason|raw|text/i.test(c.name)) return 220;
  return 150;
}

export function isNumeric(c: ColumnInfo): boolean {
  return c.type === 'integer' || c.type === 'real';
}

export function formatCell(v: Cell, c: ColumnInfo): string {
  if (v === null) return '';
  if (typeof v === 'number') return c.type === 'integer' && /(^id$|_id$|^seq$|^row_no$)/.test(c.name) ? String(v) : fmtDecimal(v, 4);
  return v;
}
