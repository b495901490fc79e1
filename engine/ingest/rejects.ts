// Rejected rows: listed for the UI and CLI, exported to CSV with formula-like cells neutralised.
import type { RejectRow } from '../api/ingest.js';
import type { DB } from '../db/sqlite.js';
import { writeExport, type WriteExportOptions } from '../util/safe-write.js';
import { csvCell } from '../util/spreadsheet-safety.js';

const where = (importId: number | undefined) => (importId === undefined ? { sql: '', args: [] as number[] } : { sql: 'WHERE import_id = ?', args: [importId] });

export function listRejects(db: DB, importId: number | undefined, offset: number, limit: number): { total: number; rows: RejectRow[] } {
  const w = where(importId);
  const total = db.prepare(`SELECT count(*) FROM rejects ${w.sql}`).pluck().get(...w.args) as number;
  const rows = db
    .prepare(`SELECT import_id AS importId, row_no AS rowNo, column_name AS "column", reason, raw FROM rejects ${w.sql} ORDER BY import_id, row_no LIMIT ? OFFSET ?`)
    .all(...w.args, limit, offset) as RejectRow[];
  return { total, rows };
}

/** Write the rejects as CSV through the safe writer (never onto the workspace, no silent overwrite). */
export async function exportRejectsCsv(db: DB, importId: number | undefined, path: string, opts: WriteExportOptions = {}): Promise<{ path: string; rows: number }> {
  const w = where(importId);
  let n = 0;
  const written = await writeExport(path, opts, async (out) => {
    await out.write('\ufeffimport_id,row_no,column,reason,raw\r\n');
    for (const r of db.prepare(`SELECT import_id, row_no, column_name, reason, raw FROM rejects ${w.sql} ORDER BY import_id, row_no`).raw().iterate(...w.args) as IterableIterator<[number, number, string | null, string, string]>) {
      await out.write(`${r.map(csvCell).join(',')}\r\n`);
      n++;
    }
  });
  return { path: written.path, rows: n };
}
