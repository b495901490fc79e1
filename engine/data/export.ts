// The grid as a CSV or XLSX file: a table (a source's table has every column its files had) with
// the grid's sort, filters and visible columns, every matching row, headed by the column labels.
// Read in pages through readPage so it is the same rows in the same order the grid shows; written
// through the safe writer (never over the workspace, never over a file unasked), formula-like
// cells neutralised in both formats.
import type ExcelJSModule from 'exceljs';
import { AerieError } from '../api/errors.js';
import type { Cell, ColumnInfo, Filter, Sort } from '../api/data.js';
import type { DB } from '../db/sqlite.js';
import { csvCell, neutraliseForSpreadsheet } from '../util/spreadsheet-safety.js';
import { writeExport, type WriteExportOptions } from '../util/safe-write.js';
import { OriginalReader } from './original.js';
import { fetchRows, readPage, type PageKeyCache } from './page.js';
import { fetchSourceRows, findSourceTable, type SourceColumnCache } from './source-table.js';
import { findTable } from './tables.js';

const CHUNK = 2000;

export interface ExportRequest {
  table: string;
  sort?: Sort | undefined;
  filters: Filter[];
  /** Visible columns in order (names); default every column. */
  columns?: string[] | undefined;
  format?: 'csv' | 'xlsx';
  /** Only these rows, in this order (search results): see idRows. */
  ids?: number[] | undefined;
}

/** The rows of `ids` (in that order; ids not in the table are left out) of a workspace or source table. */
function idRows(db: DB, table: string, ids: number[]): { columns: ColumnInfo[]; rows: Cell[][] } {
  const st = findSourceTable(db, table);
  if (st) return { columns: st.columns, rows: fetchSourceRows(db, st, new OriginalReader(db, 'customers'), ids) };
  const t = findTable(table);
  if (!t) throw new AerieError('NOT_FOUND', `No table ${table} to export.`);
  return { columns: t.columns, rows: fetchRows(db, t, ids) };
}

/** Indexes of the requested columns, or INVALID_INPUT naming one the table lacks. */
function pick(all: ColumnInfo[], names: string[] | undefined, table: string): number[] {
  if (!names) return all.map((_, i) => i);
  return names.map((n) => {
    const i = all.findIndex((c) => c.name === n);
    if (i < 0) throw new AerieError('INVALID_INPUT', `Table ${table} has no column ${n} to export.`, { column: n, hint: `Columns: ${all.map((c) => c.name).join(', ')}` });
    return i;
  });
}

export async function exportTable(
  db: DB,
  caches: { pages: PageKeyCache; columns: SourceColumnCache },
  req: ExportRequest,
  path: string,
  opts: WriteExportOptions,
): Promise<{ path: string; rows: number; columns: number }> {
  // Resolve the table (and refuse a bad column) before any file is created.
  const q = { table: req.table, sort: req.sort, filters: req.filters };
  const listed = req.ids ? idRows(db, req.table, req.ids) : null;
  const first = listed ? { ...listed, total: listed.rows.length, offset: 0 } : readPage(db, caches.pages, { ...q, offset: 0, limit: CHUNK, withTotal: true }, caches.columns);
  const idx = pick(first.columns, req.columns, req.table);
  const labels = idx.map((i) => first.columns[i]!.label);
  let rows = 0;
  async function* pages(): AsyncGenerator<Cell[]> {
    for (let page = first; ; ) {
      for (const r of page.rows) yield idx.map((i) => r[i] ?? null);
      rows += page.rows.length;
      if (listed || page.rows.length < CHUNK) break;
      page = readPage(db, caches.pages, { ...q, offset: rows, limit: CHUNK, withTotal: false }, caches.columns);
    }
  }
  const written = await writeExport(path, opts, async (out) => {
    if (req.format !== 'xlsx') {
      await out.write(`\ufeff${labels.map(csvCell).join(',')}\r\n`);
      for await (const r of pages()) await out.write(`${r.map(csvCell).join(',')}\r\n`);
      return;
    }
    // loaded on first use (a large module most sessions never need)
    const ExcelJS = ((await import('exceljs')) as unknown as { default: typeof ExcelJSModule }).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('aerie export');
    ws.addRow(labels.map((l) => neutraliseForSpreadsheet(l)));
    for await (const r of pages()) ws.addRow(r.map((v) => (typeof v === 'string' ? neutraliseForSpreadsheet(v) : v)));
    await out.write(new Uint8Array(await wb.xlsx.writeBuffer()));
  });
  return { path: written.path, rows, columns: idx.length };
}

/** The earlier name (bench/source-table.ts), CSV unless the request says otherwise. */
export const exportTableCsv = exportTable;
