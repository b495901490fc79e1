// The grid as a CSV file: a table (a source's table has every column its files had) with the
// grid's sort and filters, every matching row, headed by the column labels. Read in pages through
// readPage so it is the same rows in the same order the grid shows; written through the safe
// writer (never over the workspace, never over a file unasked), formula-like cells neutralised.
import type { Cell, Filter, Sort } from '../api/data.js';
import type { DB } from '../db/sqlite.js';
import { neutraliseForSpreadsheet } from '../ingest/formats/index.js';
import { writeExport, type WriteExportOptions } from '../util/safe-write.js';
import { readPage, type PageKeyCache } from './page.js';
import type { SourceColumnCache } from './source-table.js';

const CHUNK = 2000;

function csvCell(v: Cell): string {
  const s = v === null ? '' : typeof v === 'number' ? String(v) : (neutraliseForSpreadsheet(v) ?? '');
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export async function exportTableCsv(
  db: DB,
  caches: { pages: PageKeyCache; columns: SourceColumnCache },
  req: { table: string; sort?: Sort | undefined; filters: Filter[] },
  path: string,
  opts: WriteExportOptions,
): Promise<{ path: string; rows: number; columns: number }> {
  // Resolve the table (and refuse a bad column) before any file is created.
  const first = readPage(db, caches.pages, { ...req, offset: 0, limit: CHUNK, withTotal: true }, caches.columns);
  let rows = 0;
  const written = await writeExport(path, opts, async (out) => {
    await out.write(`\ufeff${first.columns.map((c) => csvCell(c.label)).join(',')}\r\n`);
    for (let page = first; ; ) {
      for (const r of page.rows) await out.write(`${r.map(csvCell).join(',')}\r\n`);
      rows += page.rows.length;
      if (page.rows.length < CHUNK) break;
      page = readPage(db, caches.pages, { ...req, offset: rows, limit: CHUNK, withTotal: false }, caches.columns);
    }
  });
  return { path: written.path, rows, columns: first.columns.length };
}
