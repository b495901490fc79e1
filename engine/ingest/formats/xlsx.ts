// XLSX workbooks through exceljs's streaming WorkbookReader (flat memory: rows are parsed as the
// zip entry streams). First worksheet by default, or the one named in DetectOptions.sheet.
// Cell values become strings: numbers as JavaScript prints them, booleans TRUE/FALSE, dates ISO
// 8601 (YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS when there is a time), rich text as its plain text,
// hyperlinks as their text, formulas as their cached result (the formula text "=..." when there is
// none), errors as written (#N/A). Text starting with = + - @ is kept verbatim.
// rowNo counts non-empty data rows; `line` is the worksheet row number shown in Excel.

import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import type ExcelJSModule from 'exceljs';
import { isoOfUtcDate } from '../../standardize/dates.js';
import { badData, throwIfAborted } from './errors.js';
import { genericColumns, guessHeader, normaliseHeaders } from './headers.js';
import { DEFAULT_MAX_FIELD_BYTES, SAMPLE_ROWS, type DetectOptions, type DetectResult, type ReadItem, type ReadOptions } from './types.js';

export function cellToString(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : null;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return isoOfUtcDate(v);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('') || null;
    if ('formula' in o || 'sharedFormula' in o) {
      if (o.result !== undefined && o.result !== null && !(typeof o.result === 'object' && 'error' in (o.result as object))) return cellToString(o.result);
      if (o.result && typeof o.result === 'object') return cellToString(o.result);
      return `=${String(o.formula ?? o.sharedFormula)}`;
    }
    if ('error' in o) return String(o.error);
    if ('text' in o) return cellToString(o.text);
    if ('hyperlink' in o) return String(o.hyperlink);
  }
  return String(v);
}

interface XRow { number: number; values: (string | null)[]; bytes: number }

/**
 * A complete zip ends with its central directory (signature PK\x05\x06 within the last 64 KiB +
 * 22 bytes). A truncated or damaged workbook is refused here: fed to exceljs, it fails inside the
 * library's own temp-file streams, where the error cannot be caught and would take the engine down.
 */
function requireZipDirectory(file: string): void {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const n = Math.min(size, 65_557);
    const tail = Buffer.alloc(n);
    readSync(fd, tail, 0, n, size - n);
    if (tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) < 0) {
      throw badData(file, `${basename(file)} is not a readable XLSX workbook: the zip archive has no central directory (the file is truncated or damaged).`, 'Open it in Excel and save it again as .xlsx, or export the sheet as CSV (UTF-8).');
    }
  } finally {
    closeSync(fd);
  }
}

type SheetItem = XRow | { sheetName: string } | { otherSheets: string[] };

/**
 * Stream the rows of the chosen sheet; empty rows are skipped. exceljs's streaming reader sometimes
 * parses a worksheet before the workbook part when a writer stored that part last (as exceljs
 * itself does): a race in its single unzip pass (exceljs/exceljs#3064) that fails before anything
 * was read. Then the file is read again, up to three times.
 */
async function* sheetRows(file: string, sheet: string | undefined, signal?: AbortSignal): AsyncGenerator<SheetItem> {
  for (let attempt = 1; ; attempt++) {
    let yielded = false;
    try {
      for await (const item of sheetRowsOnce(file, sheet, signal)) {
        yielded = true;
        yield item;
      }
      return;
    } catch (e) {
      const race = e instanceof Error && e.message.includes("reading 'sheets'");
      if (yielded || !race || attempt >= 3) throw e;
    }
  }
}

async function* sheetRowsOnce(file: string, sheet: string | undefined, signal?: AbortSignal): AsyncGenerator<SheetItem> {
  requireZipDirectory(file);
  const input = createReadStream(file);
  // exceljs loads on first use only: it is large and most imports are text.
  const ExcelJS = ((await import('exceljs')) as unknown as { default: typeof ExcelJSModule }).default;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  const seen: string[] = [];
  let found = false;
  try {
    for await (const ws of reader) {
      const name = (ws as unknown as { name: string }).name;
      seen.push(name);
      if (found || (sheet !== undefined && name !== sheet)) continue;
      found = true;
      yield { sheetName: name };
      for await (const row of ws) {
        throwIfAborted(signal, file);
        const vals = row.values as unknown[]; // 1-based sparse array
        const out: (string | null)[] = [];
        let any = false;
        for (let c = 1; c < vals.length; c++) {
          const s = cellToString(vals[c]);
          out.push(s);
          if (s !== null) any = true;
        }
        if (any) yield { number: row.number, values: out, bytes: input.bytesRead };
      }
    }
  } catch (e) {
    if ((e as { code?: string }).code === 'CANCELLED') throw e;
    if (e instanceof Error && (e as { code?: string }).code !== 'BAD_DATA') {
      throw badData(file, `${basename(file)} is not a readable XLSX workbook: ${e.message}.`, 'Open it in Excel and save it again as .xlsx, or export the sheet as CSV (UTF-8).');
    }
    throw e;
  }
  finally {
    input.destroy();
  }
  if (!found) {
    if (sheet !== undefined) throw badData(file, `Worksheet ${JSON.stringify(sheet)} is not in ${basename(file)}${seen.length ? ` (sheets: ${seen.join(', ')})` : ''}.`, 'Choose one of the worksheets listed.');
    throw badData(file, `${basename(file)} has no worksheet.`, 'Open it in Excel, check the data is there, and save it again.');
  }
  const read = seen.findIndex((n) => sheet === undefined || n === sheet);
  const others = seen.filter((_, i) => i !== read);
  if (others.length > 0) yield { otherSheets: others };
}

export async function detectXlsx(file: string, opts: DetectOptions, notes: string[]): Promise<DetectResult> {
  const rows: XRow[] = [];
  let sheetName = '';
  const it = sheetRows(file, opts.sheet);
  for await (const r of it) {
    if ('sheetName' in r) { sheetName = r.sheetName; continue; }
    if ('otherSheets' in r) continue;
    rows.push(r);
    if (rows.length > SAMPLE_ROWS + 30) break;
  }
  await it.return(undefined);
  if (rows.length === 0) throw badData(file, `Worksheet ${JSON.stringify(sheetName)} of ${basename(file)} is empty.`, 'Choose the worksheet that holds the data (option sheet), or check the workbook.');
  notes.push(`Worksheet ${JSON.stringify(sheetName)}.`);
  let hasHeader: boolean;
  if (opts.hasHeader === true || opts.hasHeader === false) hasHeader = opts.hasHeader;
  else {
    const g = guessHeader(rows.map((r) => r.values));
    hasHeader = g.hasHeader;
    if (!g.sure) notes.push(hasHeader ? 'The first row is taken as column names; if it is data, set “First row holds column names” to No (CLI: --header no).' : 'The first row is taken as data; if it holds column names, set “First row holds column names” to Yes (CLI: --header yes).');
  }
  let columns: string[];
  if (hasHeader) {
    const h = normaliseHeaders(rows[0]!.values);
    columns = h.columns;
    notes.push(...h.notes);
  } else {
    columns = genericColumns(Math.max(...rows.map((r) => r.values.length)));
  }
  const sample = rows.slice(hasHeader ? 1 : 0, (hasHeader ? 1 : 0) + SAMPLE_ROWS).map((r) => fit(r.values, columns.length));
  return { file, format: 'xlsx', encoding: 'utf-8', encodingReason: 'An XLSX workbook is XML in Unicode: no encoding to guess.', hasHeader, columns, sample, notes, sheet: sheetName };
}

function fit(v: (string | null)[], width: number): (string | null)[] {
  const out = v.slice(0, width);
  while (out.length < width) out.push(null);
  return out;
}

export async function* readXlsx(detected: DetectResult, opts: ReadOptions = {}): AsyncGenerator<ReadItem> {
  const file = detected.file;
  const width = detected.columns.length;
  const maxField = opts.maxFieldBytes ?? DEFAULT_MAX_FIELD_BYTES;
  let headerPending = detected.hasHeader;
  let rowNo = 0;
  for await (const r of sheetRows(file, detected.sheet, opts.signal)) {
    if ('sheetName' in r) continue;
    if ('otherSheets' in r) {
      // Only one worksheet is imported: say which ones were not, rather than leave them unseen.
      yield { kind: 'note', note: { line: 0, message: `Worksheet${r.otherSheets.length > 1 ? 's' : ''} ${r.otherSheets.map((n) => JSON.stringify(n)).join(', ')} of ${basename(file)} ${r.otherSheets.length > 1 ? 'were' : 'was'} not read; import ${r.otherSheets.length > 1 ? 'each' : 'it'} with the sheet option.` } };
      continue;
    }
    if (headerPending) { headerPending = false; continue; }
    rowNo++;
    const raw = r.values.map((v) => v ?? '').join('\t');
    const beyond = r.values.findIndex((v, i) => i >= width && v !== null);
    if (beyond >= 0) {
      yield { kind: 'reject', reject: { rowNo, line: r.number, raw, bytes: r.bytes, reason: `worksheet row ${r.number} has a value in column ${beyond + 1}, beyond the ${width} columns of the header.` } };
      continue;
    }
    const values = fit(r.values, width);
    const big = values.findIndex((v) => v !== null && v.length * 3 > maxField && Buffer.byteLength(v, 'utf8') > maxField);
    if (big >= 0) {
      yield { kind: 'reject', reject: { rowNo, line: r.number, raw, bytes: r.bytes, column: detected.columns[big]!, reason: `worksheet row ${r.number}: value in column ${detected.columns[big]} is over the ${maxField}-byte limit per value.` } };
      continue;
    }
    yield { kind: 'row', row: { rowNo, line: r.number, values, raw, bytes: r.bytes } };
  }
}
