// Streaming row readers for legacy CRM exports: delimited text, Oracle INSERT scripts,
// SQL*Loader control + data files, and XLSX workbooks.
//
//   const d = await detect(file);                 // format, encoding, dialect, columns, sample, notes
//   for await (const item of readRows(file, d)) {  // rows, rejects (never dropped) and notes
//     if (item.kind === 'row') ...; else if (item.kind === 'reject') ...;
//   }
//
// Whole-file problems (empty, binary, Oracle .dmp, unreadable header, runaway quote) throw
// AerieError BAD_DATA with details { file, row?, line?, column?, hint } (never the file's text). Row-level problems
// (wrong field count, bad quoting, a value over maxFieldBytes, invalid UTF-8, an INSERT that does not
// parse, a truncated last record) are yielded as rejects with a located reason, and reading goes on.
// Values are kept verbatim (no trimming, no formula neutralisation: see engine/util/spreadsheet-safety.ts).

import { extname } from 'node:path';
import { AerieError } from '../../api/errors.js';
import { detectDelimited, readDelimited, readDelimitedBatches } from './delimited.js';
import { badData } from './errors.js';
import { detectOracleSql, looksLikeInsertScript, readOracleSql } from './oracle-sql.js';
import { controlFileFor, detectSqlldr, readSqlldr } from './sqlldr.js';
import { chooseEncoding, decodeBuffer, readHead, rejectUnreadable } from './text-source.js';
import type { DetectOptions, DetectResult, FormatName, ReadItem, ReadOptions } from './types.js';
import { detectXlsx, readXlsx } from './xlsx.js';

export type { DetectOptions, DetectResult, FormatName, ReadItem, ReadOptions, RowRecord, RowReject, SqlldrControl, SqlldrField } from './types.js';
export { DEFAULT_MAX_FIELD_BYTES, RAW_CAP } from './types.js';
export { neutraliseForSpreadsheet, isFormulaLike } from '../../util/spreadsheet-safety.js';

const FORMATS: readonly FormatName[] = ['csv', 'oracle-sql', 'sqlldr', 'xlsx'];

/** Sniff a file: format, encoding, delimiter, header, columns and the first rows. */
export async function detect(file: string, opts: DetectOptions = {}): Promise<DetectResult> {
  const forced = opts.format && opts.format !== 'auto' ? opts.format : null;
  if (forced && !FORMATS.includes(forced)) {
    throw new AerieError('INVALID_INPUT', `Unknown format ${JSON.stringify(forced)}.`, { file, hint: `Use one of ${FORMATS.join(', ')} or 'auto'.` });
  }
  const head = await readHead(file);
  rejectUnreadable(file, head);
  const notes: string[] = [];
  const isZip = head.bytes[0] === 0x50 && head.bytes[1] === 0x4b;
  if (forced === 'xlsx' || (!forced && isZip)) {
    if (!isZip) throw badData(file, 'The file is not an XLSX workbook (no ZIP signature).', 'Choose format auto, or export the sheet again as .xlsx.');
    return detectXlsx(file, opts, notes);
  }
  if (isZip) throw badData(file, `The file is an XLSX workbook, not ${forced}.`, "Choose format 'xlsx' or 'auto'.");

  const enc = chooseEncoding(file, head, opts.encoding);
  const headText = decodeBuffer(head.bytes, enc.encoding);
  if (forced === 'sqlldr' || !forced) {
    const ctl = await controlFileFor(file, headText);
    if (ctl) return detectSqlldr(file, ctl, opts, notes);
    if (forced) throw badData(file, 'No SQL*Loader control file: the file is not a .ctl and no .ctl with the same name sits beside it.', 'Choose the .ctl file, or put it next to the data file with the same name.');
  }
  notes.push(...enc.notes);
  const ext = extname(file).toLowerCase();
  if (forced === 'oracle-sql' || (!forced && (ext === '.sql' || looksLikeInsertScript(headText)))) {
    return detectOracleSql(file, head, enc, notes);
  }
  return detectDelimited(file, head, enc, notes, opts);
}

/**
 * Stream the rows of a file described by `detect()`. Memory stays flat (one read chunk, about
 * 1 MiB, plus the current record). Cancel with opts.signal (throws AerieError CANCELLED).
 */
export function readRows(file: string, detected: DetectResult, opts: ReadOptions = {}): AsyncIterable<ReadItem> {
  const d = detected.file === file ? detected : { ...detected, file };
  switch (d.format) {
    case 'csv':
      return readDelimited(d, opts);
    case 'oracle-sql':
      return readOracleSql(d, opts);
    case 'sqlldr':
      return readSqlldr(d, opts);
    case 'xlsx':
      return readXlsx(d, opts);
    default:
      throw new AerieError('INVALID_INPUT', `Unknown format ${JSON.stringify((d as { format: unknown }).format)}.`, { file });
  }
}

/**
 * readRows in arrays (one per read chunk for delimited text), for hot loops that would otherwise
 * pay a promise per row. Same items, same order, same errors.
 */
export async function* readRowBatches(file: string, detected: DetectResult, opts: ReadOptions = {}): AsyncGenerator<ReadItem[]> {
  const d = detected.file === file ? detected : { ...detected, file };
  if (d.format === 'csv') {
    yield* readDelimitedBatches(d, opts);
    return;
  }
  let batch: ReadItem[] = [];
  try {
    for await (const item of readRows(file, d, opts)) {
      batch.push(item);
      if (batch.length >= 1000) {
        yield batch;
        batch = [];
      }
    }
  } catch (e) {
    if (batch.length > 0) yield batch;
    throw e;
  }
  if (batch.length > 0) yield batch;
}
