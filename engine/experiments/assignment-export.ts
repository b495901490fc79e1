// Assignments as CSV for the campaign system, through the safe writer (never over the workspace,
// all or nothing, owner-only mode); formula-like cells neutralised as in the other exports.
import { neutraliseForSpreadsheet } from '../ingest/formats/index.js';
import { writeExport, type WriteExportOptions } from '../util/safe-write.js';
import type { Assignment } from './assignment.js';

function cell(v: string | null): string {
  const s = neutraliseForSpreadsheet(v) ?? '';
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function exportAssignments(path: string, experiment: string, rows: Assignment[], opts: WriteExportOptions = {}): Promise<{ path: string; bytes: number }> {
  return writeExport(path, opts, async (out) => {
    await out.write('experiment,unit,stratum,arm\r\n');
    for (const r of rows) await out.write(`${[experiment, r.unit, r.stratum, r.arm].map(cell).join(',')}\r\n`);
  });
}
