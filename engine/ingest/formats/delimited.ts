// Delimited text (CSV, TSV, ;- and |-separated): dialect detection and the streaming reader.

import { basename } from 'node:path';
import { CsvScanner, type ScanItem } from './csv-scanner.js';
import { badData, show } from './errors.js';
import { genericColumns, guessHeader, normaliseHeaders } from './headers.js';
import { decodeBuffer, decodeFile, type EncodingChoice, type Head } from './text-source.js';
import { DEFAULT_MAX_FIELD_BYTES, SAMPLE_ROWS, type DetectOptions, type DetectResult, type ReadItem, type ReadOptions } from './types.js';
import { BadBytesByLine, countLines, describeBadBytes } from './utf8.js';

const CANDIDATES = [',', ';', '\t', '|'] as const;

function delimiterName(d: string): string {
  return d === '\t' ? 'tab' : JSON.stringify(d);
}

/** Complete records of a head sample (the last, possibly cut, record is dropped unless the head is the whole file). */
function sampleRecords(text: string, complete: boolean, delimiter: string, max: number, quote = '"', skip = 0): ScanItem[] {
  const sc = new CsvScanner(delimiter, quote);
  const items = sc.push(text);
  if (complete) sc.end(items);
  return items.slice(skip, skip + max);
}

/** No quote character: one that cannot occur in decoded text. */
const NO_QUOTE = '\u0000';

/** The scanner's quote character from the user's choice ('none', one character, or the default "). */
function quoteChar(file: string, q: string | undefined): string {
  if (q === undefined || q === '') return '"';
  if (q === 'none') return NO_QUOTE;
  if (q.length !== 1) throw badData(file, `The quote must be one character or 'none', got ${show(q)}.`, `Use '"', "'" or 'none'.`);
  return q;
}

export function chooseDelimiter(text: string, complete: boolean): { delimiter: string; fields: number; note?: string } {
  const probe = complete && text.length <= 65536 ? text : text.slice(0, Math.max(text.lastIndexOf('\n', 65536), Math.min(text.length, 65536)));
  const probeComplete = complete && probe.length === text.length;
  let best = { delimiter: ',', fields: 1, score: -1 };
  for (const d of CANDIDATES) {
    const counts = sampleRecords(probe, probeComplete, d, 200)
      .filter((r) => r.kind === 'record')
      .map((r) => r.fields.length);
    if (counts.length === 0) continue;
    const freq = new Map<number, number>();
    for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
    let mode = 1;
    let modeN = 0;
    for (const [c, k] of freq) if (k > modeN || (k === modeN && c > mode)) [mode, modeN] = [c, k];
    if (mode < 2) continue;
    // Consistency first, then more fields.
    const score = (modeN / counts.length) * 1000 + Math.min(mode, 999);
    if (score > best.score) best = { delimiter: d, fields: mode, score };
  }
  if (best.score < 0) return { delimiter: ',', fields: 1, note: 'No delimiter found (, ; tab |); the file is read as a single column.' };
  return { delimiter: best.delimiter, fields: best.fields };
}

export function detectDelimited(file: string, head: Head, enc: EncodingChoice, notes: string[], opts: DetectOptions): DetectResult {
  const encoding = enc.encoding;
  const quote = quoteChar(file, opts.quote);
  const skip = opts.skipRows ?? 0;
  if (quote !== '"') notes.push(quote === NO_QUOTE ? 'Values are read unquoted (quote: none), as chosen by the user.' : `Quote ${JSON.stringify(quote)} was chosen by the user.`);
  if (skip > 0) notes.push(`${skip} row${skip === 1 ? '' : 's'} above the header skipped, as chosen by the user.`);
  let text = decodeBuffer(head.bytes, encoding);
  if (!head.complete) {
    const cut = text.lastIndexOf('\n');
    if (cut > 0) text = text.slice(0, cut + 1);
  }
  let delimiter: string;
  if (opts.delimiter) {
    delimiter = opts.delimiter === 'tab' || opts.delimiter === '\\t' ? '\t' : opts.delimiter;
    if (delimiter.length !== 1) throw badData(file, `The delimiter must be one character, got ${show(opts.delimiter)}.`, "Use ',', ';', '|' or 'tab'.");
    notes.push(`Delimiter ${delimiterName(delimiter)} was chosen by the user.`);
  } else {
    const c = chooseDelimiter(skip > 0 ? textAfterLines(text, skip) : text, head.complete);
    delimiter = c.delimiter;
    notes.push(c.note ?? `Delimiter ${delimiterName(delimiter)} (${c.fields} fields per row).`);
  }
  const items = sampleRecords(text, head.complete, delimiter, SAMPLE_ROWS + 50, quote, skip);
  const records = items.filter((r): r is Extract<ScanItem, { kind: 'record' }> => r.kind === 'record').map((r) => r.fields);
  const first = items[0];
  if (first && first.kind !== 'record' && opts.hasHeader !== false) {
    throw badData(file, `The first row of ${basename(file)} (line ${first.line}) cannot be read: ${first.kind === 'bad' ? first.reason : 'a quoted value is never closed'}.`, `Check the quoting on line ${first.line} of the file, or re-export it.`, { row: 1, line: first.line });
  }
  if (records.length === 0) {
    throw badData(file, `${basename(file)} holds no rows.`, 'Check that the export finished and wrote rows, then import it again.');
  }
  let hasHeader: boolean;
  if (opts.hasHeader === true || opts.hasHeader === false) {
    hasHeader = opts.hasHeader;
  } else {
    const g = guessHeader(records.slice(0, 50));
    hasHeader = g.hasHeader;
    if (!g.sure) notes.push(hasHeader ? 'The first row is taken as column names (it could not be told apart from data for sure); if it is data, set “First row holds column names” to No (CLI: --header no).' : 'The first row is taken as data; if it holds column names, set “First row holds column names” to Yes (CLI: --header yes).');
  }
  let columns: string[];
  if (hasHeader) {
    const h = normaliseHeaders(records[0]!);
    columns = h.columns;
    notes.push(...h.notes);
    // Tolerate one trailing delimiter on every data row (some spool exports add it).
  } else {
    const freq = new Map<number, number>();
    for (const r of records) freq.set(r.length, (freq.get(r.length) ?? 0) + 1);
    const width = [...freq.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]![0];
    columns = genericColumns(width);
    notes.push(`No header row; columns are named COLUMN_1 to COLUMN_${width}.`);
  }
  const sample = records
    .slice(hasHeader ? 1 : 0)
    .map((r) => fitRow(r, columns.length))
    .filter((r): r is (string | null)[] => r !== null)
    .slice(0, SAMPLE_ROWS);
  return { file, format: 'csv', encoding, encodingReason: enc.reason, delimiter, quote, ...(skip > 0 ? { skipRows: skip } : {}), hasHeader, columns, sample, notes };
}

/** The text after its first n lines (for choosing a delimiter below a title). */
function textAfterLines(text: string, n: number): string {
  let at = 0;
  for (let i = 0; i < n && at >= 0; i++) {
    const nl = text.indexOf('\n', at);
    at = nl < 0 ? -1 : nl + 1;
  }
  return at < 0 ? '' : text.slice(at);
}

/** The row's values if its width matches (one trailing empty field is tolerated), else null. */
function fitRow(fields: (string | null)[], width: number): (string | null)[] | null {
  if (fields.length === width) return fields;
  if (fields.length === width + 1 && fields[width] === null) {
    fields.pop();
    return fields;
  }
  return null;
}

function byteLength(v: string): number {
  return v.length < 0x40000 ? v.length * 3 : Buffer.byteLength(v, 'utf8'); // cheap upper bound first
}

export async function* readDelimited(detected: DetectResult, opts: ReadOptions = {}): AsyncGenerator<ReadItem> {
  for await (const batch of readDelimitedBatches(detected, opts)) yield* batch;
}

/** The items of each read chunk as one array: no per-row promise, for the import's hot loop. */
export async function* readDelimitedBatches(detected: DetectResult, opts: ReadOptions = {}): AsyncGenerator<ReadItem[]> {
  const file = detected.file;
  const maxField = opts.maxFieldBytes ?? DEFAULT_MAX_FIELD_BYTES;
  const columns = detected.columns;
  const width = columns.length;
  const scanner = new CsvScanner(detected.delimiter ?? ',', detected.quote ?? '"', Math.max(64 * 1024 * 1024, maxField * 8));
  let headerPending = detected.hasHeader;
  // records above the header the user chose to skip (title lines, report banners)
  let toSkip = detected.skipRows ?? 0;
  let rowNo = 0;
  let bytes = 0;
  const badBytes = new BadBytesByLine();
  const items: ScanItem[] = [];
  const colName = (i: number) => columns[i] ?? `field ${i + 1}`;

  function* handle(it: ScanItem): Generator<ReadItem> {
    if (toSkip > 0 && it.kind !== 'runaway') {
      toSkip--;
      return;
    }
    if (headerPending) {
      headerPending = false;
      if (it.kind === 'record') return;
      throw badData(file, `The header row of ${basename(file)} (line ${it.line}) cannot be read (quoting error).`, `Check the quotes on line ${it.line}, or re-export the file.`, { row: 0, line: it.line });
    }
    rowNo++;
    switch (it.kind) {
      case 'record': {
        const f = it.fields;
        if (f.length !== width && !(f.length === width + 1 && f[width] === null)) {
          const more = f.length > width;
          yield {
            kind: 'reject',
            reject: {
              rowNo, line: it.line, raw: it.raw, bytes,
              reason: `expected ${width} fields, found ${f.length}: ${more ? `extra fields (a value may hold an unquoted ${delimiterName(detected.delimiter ?? ',')})` : 'fields missing (the row may be cut short, or a line break inside an unquoted value split it)'}.`,
            },
          };
          return;
        }
        if (f.length > width) f.pop();
        for (let c = 0; c < width; c++) {
          const v = f[c];
          if (v != null && byteLength(v) > maxField && Buffer.byteLength(v, 'utf8') > maxField) {
            yield { kind: 'reject', reject: { rowNo, line: it.line, raw: it.raw, bytes, column: colName(c), reason: `value in column ${colName(c)} is ${Buffer.byteLength(v, 'utf8')} bytes, over the ${maxField}-byte limit per value.` } };
            return;
          }
        }
        if (badBytes.size > 0 && it.raw.includes('\uFFFD')) {
          const bad = badBytes.take(it.line, it.line + countLines(it.raw));
          if (bad.length > 0) {
            const c = f.findIndex((v) => v != null && v.includes('\uFFFD'));
            const column = colName(c < 0 ? 0 : c);
            yield {
              kind: 'reject',
              reject: {
                rowNo, line: it.line, raw: it.raw, bytes, column,
                reason: `column ${column} holds ${describeBadBytes(bad)}, not valid UTF-8 (kept as U+FFFD in the raw text). Fix the bytes in the file, or import it again with encoding 'windows-1252' if the whole file is Windows-1252/Latin-1.`,
              },
            };
            return;
          }
        }
        yield { kind: 'row', row: { rowNo, line: it.line, values: f, raw: it.raw, bytes } };
        return;
      }
      case 'bad':
        yield { kind: 'reject', reject: { rowNo, line: it.line, raw: it.raw, bytes, column: colName(it.fieldIndex), reason: `column ${colName(it.fieldIndex)}: ${it.reason}` } };
        return;
      case 'unclosed':
        if (it.lines <= 100 && it.chars <= maxField) {
          yield {
            kind: 'reject',
            reject: {
              rowNo, line: it.line, raw: it.raw, bytes, column: colName(it.fieldIndex),
              reason: `the file ends inside the quoted value of column ${colName(it.fieldIndex)} that opens on line ${it.openLine}: the file looks truncated (export cut short), or that value has an unbalanced quote.`,
            },
          };
          return;
        }
        throw badData(
          file,
          `Unbalanced quote: the quoted value in column ${colName(it.fieldIndex)} of row ${rowNo} (line ${it.openLine}) is never closed, so the rest of the file (${it.lines} lines) would be one value.`,
          `Fix the quote on line ${it.openLine} (a quote inside a value must be doubled: ""), or re-export the file with proper quoting.`,
          { row: rowNo, line: it.openLine, column: colName(it.fieldIndex) },
        );
      case 'runaway':
        throw badData(
          file,
          `Unbalanced quote: the quoted value in column ${colName(it.fieldIndex)} of row ${rowNo} (line ${it.openLine}) runs on for ${it.chars} characters without closing.`,
          `Fix the quote on line ${it.openLine} (a quote inside a value must be doubled: ""), or re-export the file with proper quoting.`,
          { row: rowNo, line: it.openLine, column: colName(it.fieldIndex) },
        );
    }
  }

  let out: ReadItem[] = [];
  try {
    for await (const chunk of decodeFile(file, detected.encoding, opts.signal)) {
      bytes = chunk.bytes;
      if (chunk.bad.length > 0) badBytes.add(scanner.nextLine(), chunk.bad);
      items.length = 0;
      scanner.push(chunk.text, items);
      for (const it of items) {
        if (it.kind === 'record' && !headerPending && toSkip === 0 && it.fields.length === width && (badBytes.size === 0 || !it.raw.includes('\uFFFD')) && !hasLongField(it.fields, maxField)) {
          rowNo++; // fast path: a clean row
          out.push({ kind: 'row', row: { rowNo, line: it.line, values: it.fields, raw: it.raw, bytes } });
        } else {
          for (const r of handle(it)) out.push(r);
        }
      }
      if (badBytes.size > 0) badBytes.dropBefore(scanner.line);
      if (out.length > 0) yield out;
      out = [];
    }
    items.length = 0;
    for (const it of scanner.end(items)) for (const r of handle(it)) out.push(r);
  } catch (e) {
    // A whole-file error: hand over the rows read before it first, as a row-by-row reader would.
    if (out.length > 0) yield out;
    throw e;
  }
  if (out.length > 0) yield out;
}

function hasLongField(f: (string | null)[], maxField: number): boolean {
  const lim = maxField / 3;
  for (let i = 0; i < f.length; i++) {
    const v = f[i];
    if (v != null && v.length > lim) return true;
  }
  return false;
}

