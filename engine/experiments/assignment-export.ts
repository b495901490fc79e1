// Assignments as CSV for the campaign system, through the safe writer (never over the workspace,
// all or nothing, owner-only mode); formula-like cells neutralised as in the other exports. One row
// per source account behind each unit, with the crosswalk keys (source, source key, golden id), so
// a campaign system keyed by any of them can act on the arm.
import { csvCell } from '../util/spreadsheet-safety.js';
import { writeExport, type WriteExportOptions } from '../util/safe-write.js';
import type { Assignment } from './assignment.js';
import type { UnitInfo } from './units.js';

export const EXPORT_HEADER = 'experiment,unit,source,source_key,golden_id,stratum,arm';

export async function exportAssignments(path: string, experiment: string, rows: Assignment[], units: Map<string, UnitInfo>, opts: WriteExportOptions = {}): Promise<{ path: string; bytes: number; rows: number }> {
  let written = 0;
  const r = await writeExport(path, opts, async (out) => {
    await out.write(`${EXPORT_HEADER}\r\n`);
    for (const a of rows) {
      // a unit gone since it was assigned (a golden record merged away) keeps its row, without keys
      const accounts = units.get(a.unit)?.accounts ?? [{ source: null, key: null, goldenId: null }];
      for (const acct of accounts) {
        await out.write(`${[experiment, a.unit, acct.source, acct.key, acct.goldenId, a.stratum, a.arm].map(csvCell).join(',')}\r\n`);
        written++;
      }
    }
  });
  return { ...r, rows: written };
}
