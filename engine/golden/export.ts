// Exports of the latest golden build, all through the safe writer: the golden records with
// provenance columns (rule, confidence, the source rows a value came from) as CSV or XLSX; a
// pseudonymised variant (keyed tokens instead of direct identifiers and of the golden id; free text
// and the source-row columns left out, since they name people or point back at the raw rows); and
// the crosswalk from every source record to its golden id. Text cells a spreadsheet would run as a
// formula are neutralised as in the rejects export.
import type ExcelJSModule from 'exceljs';
import type { GoldenAttribute } from '../api/golden.js';
import type { DB } from '../db/sqlite.js';
import { csvCell, neutraliseForSpreadsheet } from '../util/spreadsheet-safety.js';
import { writeExport, type WriteExportOptions } from '../util/safe-write.js';
import { DIRECT_IDENTIFIERS, FREE_TEXT, GOLDEN_ATTRIBUTES, valueKey } from './attributes.js';
import { pseudonymSecret, tokenizer } from './pseudonym.js';
import { currentRules } from './rules.js';
import type { LatestBuild } from './store.js';

type Cell = string | number | null;

const MAX_SOURCES = 5;

/** The export's header and its rows, one golden record at a time in id order. */
function* goldenRows(db: DB, build: LatestBuild, pseudonymise: boolean): Generator<Cell[], void, undefined> {
  const country = currentRules(db).rules.country;
  const token = pseudonymise ? tokenizer(pseudonymSecret(db)) : null;
  const lineage = new Map<number, string>();
  if (!pseudonymise) {
    for (const [id, source, importId, rowNo] of db.prepare('SELECT r.id, s.name, r.import_id, r.row_no FROM records r JOIN sources s ON s.id = r.source_id').raw().iterate() as Iterable<[number, string, number, number]>) {
      lineage.set(id, `${source} import ${importId} row ${rowNo}`);
    }
  }
  const attributes = pseudonymise ? GOLDEN_ATTRIBUTES.filter((a) => !FREE_TEXT.has(a)) : GOLDEN_ATTRIBUTES;
  const header: string[] = ['golden_id', 'records'];
  for (const a of attributes) header.push(a, `${a}_rule`, `${a}_confidence`, ...(pseudonymise ? [] : [`${a}_sources`]));
  yield header;
  const values = db.prepare('SELECT golden_id, attribute, value, rule, confidence, records FROM golden_values WHERE build_id = ? ORDER BY golden_id').raw().iterate(build.id) as Iterator<[string, GoldenAttribute, string, string, number, string]>;
  let next = values.next();
  for (const [id, size] of db.prepare('SELECT id, size FROM golden_records WHERE build_id = ? ORDER BY id').raw().iterate(build.id) as Iterable<[string, number]>) {
    const mine = new Map<GoldenAttribute, [string, string, number, string]>();
    while (!next.done && next.value[0] <= id) {
      if (next.value[0] === id) mine.set(next.value[1], [next.value[2], next.value[3], next.value[4], next.value[5]]);
      next = values.next();
    }
    const row: Cell[] = [token ? token('golden_id', id) : id, size];
    for (const a of attributes) {
      const v = mine.get(a);
      if (!v) {
        row.push(null, null, null, ...(pseudonymise ? [] : [null]));
        continue;
      }
      const [value, rule, confidence, recs] = v;
      row.push(token && DIRECT_IDENTIFIERS.has(a) ? token(a, valueKey(a, value, country)) : value, rule, Math.round(confidence * 1000) / 1000);
      if (!pseudonymise) {
        const ids = JSON.parse(recs) as number[];
        const shown = ids.slice(0, MAX_SOURCES).map((r) => lineage.get(r) ?? `record ${r}`);
        row.push(ids.length === 0 ? 'steward' : shown.join('; ') + (ids.length > MAX_SOURCES ? `; +${ids.length - MAX_SOURCES} more` : ''));
      }
    }
    yield row;
  }
}

export async function exportGolden(db: DB, build: LatestBuild, path: string, format: 'csv' | 'xlsx', pseudonymise: boolean, opts: WriteExportOptions): Promise<{ path: string; rows: number }> {
  let rows = -1;
  const written = await writeExport(path, opts, async (out) => {
    if (format === 'csv') {
      await out.write('\ufeff');
      for (const r of goldenRows(db, build, pseudonymise)) {
        await out.write(`${r.map(csvCell).join(',')}\r\n`);
        rows++;
      }
      return;
    }
    // loaded on first use, as the xlsx reader does (a large module most sessions never need)
    const ExcelJS = ((await import('exceljs')) as unknown as { default: typeof ExcelJSModule }).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(pseudonymise ? 'golden (pseudonymised)' : 'golden records');
    for (const r of goldenRows(db, build, pseudonymise)) {
      ws.addRow(r.map((v) => (typeof v === 'string' ? neutraliseForSpreadsheet(v) : v)));
      rows++;
    }
    await out.write(new Uint8Array(await wb.xlsx.writeBuffer()));
  });
  return { path: written.path, rows };
}

export async function exportCrosswalk(db: DB, build: LatestBuild, path: string, opts: WriteExportOptions): Promise<{ path: string; rows: number }> {
  let rows = 0;
  const written = await writeExport(path, opts, async (out) => {
    await out.write('\ufeffsource,source_key,import_id,row_no,record_id,golden_id\r\n');
    const q = db.prepare(
      `SELECT s.name, r.source_key, r.import_id, r.row_no, r.id, m.golden_id
         FROM records r JOIN sources s ON s.id = r.source_id LEFT JOIN golden_members m ON m.build_id = ? AND m.record_id = r.id
        ORDER BY r.id`,
    );
    for (const r of q.raw().iterate(build.id) as Iterable<Cell[]>) {
      await out.write(`${r.map(csvCell).join(',')}\r\n`);
      rows++;
    }
  });
  return { path: written.path, rows };
}
