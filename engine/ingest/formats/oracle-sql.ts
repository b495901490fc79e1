// Oracle INSERT scripts (SQL Developer "Export > insert", SQLcl `set sqlformat insert`, SQL*Plus
// spools). One INSERT = one row; its number (1-based, counting every INSERT statement) is rowNo.
// Columns come from the first INSERT's column list. A statement that does not parse becomes a
// reject (with its number, line and raw text) and reading goes on at the next statement.

import { basename } from 'node:path';
import { badData } from './errors.js';
import { genericColumns, normaliseHeaders } from './headers.js';
import { parseInsert, SqlSyntaxError, locate, type ParsedInsert } from './sql-insert.js';
import { SqlSplitter, type SqlStatement } from './sql-splitter.js';
import { decodeBuffer, decodeFile, type EncodingChoice, type Head } from './text-source.js';
import { DEFAULT_MAX_FIELD_BYTES, SAMPLE_ROWS, type DetectResult, type ReadItem, type ReadOptions } from './types.js';
import { BadBytesByLine, countLines, describeBadBytes } from './utf8.js';

/** Statements that carry no data and are skipped without a note. */
const HARMLESS = /^(COMMIT|ROLLBACK|SAVEPOINT|ALTER\s+SESSION|SET\s|SET$)/i;
const INSERT = /^INSERT\s/i;
/** A statement that could not be closed may still hold a data row: counted and kept as a reject. */
const HOLDS_INSERT = /\bINSERT\s+INTO\s/i;

/** Does this text look like an INSERT script? (first statement that is not a SQL*Plus command) */
export function looksLikeInsertScript(text: string): boolean {
  const sp = new SqlSplitter();
  const stmts = sp.push(text.slice(0, 65536));
  const first = stmts.find((s) => s.kind === 'sql' && !HARMLESS.test(s.text));
  return !!first && INSERT.test(first.text);
}

const norm = (name: string) => name.toUpperCase();

export function detectOracleSql(file: string, head: Head, enc: EncodingChoice, notes: string[]): DetectResult {
  const encoding = enc.encoding;
  const text = decodeBuffer(head.bytes, encoding);
  const sp = new SqlSplitter();
  const stmts = sp.push(text);
  if (head.complete) sp.end(stmts);
  let first: ParsedInsert | null = null;
  let firstError: string | null = null;
  const sample: (string | null)[][] = [];
  let columns: string[] = [];
  for (const st of stmts) {
    if (st.kind === 'sql' && st.problem && HOLDS_INSERT.test(st.text)) firstError ??= `line ${st.line}: ${st.problem}`;
    if (st.kind !== 'sql' || !INSERT.test(st.text) || st.problem) continue;
    let p: ParsedInsert;
    try {
      p = parseInsert(st.text);
    } catch (e) {
      if (!(e instanceof SqlSyntaxError)) throw e;
      // Where, not what: the printed error must not quote the file's text.
      const at = locate(st.text, e.offset, st.line);
      firstError ??= `line ${at.line}, column ${at.col}: ${e.brief}`;
      continue;
    }
    if (!first) {
      first = p;
      if (p.columns) {
        const h = normaliseHeaders(p.columns);
        columns = h.columns;
        notes.push(...h.notes);
      } else {
        columns = genericColumns(p.values.length);
        notes.push(`The first INSERT has no column list; columns are named COLUMN_1 to COLUMN_${columns.length}.`);
      }
    }
    const m = mapValues(p, first, columns);
    if (typeof m !== 'string' && sample.length < SAMPLE_ROWS) sample.push(m);
    if (sample.length >= SAMPLE_ROWS) break;
  }
  if (!first) {
    throw badData(
      file,
      `No readable INSERT statement found in the first ${head.complete ? '' : 'MiB of '}${basename(file)}${firstError ? ` (first error at ${firstError})` : ''}.`,
      'Export the table from SQL Developer with format "insert", or as CSV.',
    );
  }
  notes.push("Oracle semantics: NULL and '' are both read as null; TO_DATE/TO_TIMESTAMP values become ISO 8601 dates where the mask is understood.");
  return { file, format: 'oracle-sql', encoding, encodingReason: enc.reason, hasHeader: false, columns, sample, notes, table: first.table };
}

/** Values in the order of `columns`, or the reason the statement cannot be used. */
function mapValues(p: ParsedInsert, first: ParsedInsert, columns: string[]): (string | null)[] | string {
  if (norm(p.table) !== norm(first.table)) return `the INSERT is into ${p.table}; this import reads ${first.table} (the table of the first INSERT).`;
  if (p.columns === null || first.columns === null) {
    if (p.values.length !== columns.length) return `expected ${columns.length} values, found ${p.values.length}.`;
    return p.values;
  }
  if (p.columns.length !== p.values.length) return `${p.columns.length} columns are listed but ${p.values.length} values are given.`;
  if (p.columns === first.columns) return p.values;
  const firstIdx = new Map<string, number>();
  first.columns.forEach((c, i) => { if (!firstIdx.has(norm(c))) firstIdx.set(norm(c), i); });
  const out: (string | null)[] = new Array(columns.length).fill(null);
  for (let i = 0; i < p.columns.length; i++) {
    const idx = firstIdx.get(norm(p.columns[i]!));
    if (idx === undefined) return `column ${p.columns[i]} is not in the column list of the first INSERT.`;
    out[idx] = p.values[i]!;
  }
  return out;
}

export async function* readOracleSql(detected: DetectResult, opts: ReadOptions = {}): AsyncGenerator<ReadItem> {
  const file = detected.file;
  const maxField = opts.maxFieldBytes ?? DEFAULT_MAX_FIELD_BYTES;
  const columns = detected.columns;
  const sp = new SqlSplitter(Math.max(256 * 1024 * 1024, maxField * 16));
  let first: ParsedInsert | null = null;
  let rowNo = 0;
  let bytes = 0;
  const out: SqlStatement[] = [];
  const badBytes = new BadBytesByLine();

  function* handle(st: SqlStatement): Generator<ReadItem> {
    if (st.kind === 'command') return;
    const isInsert = INSERT.test(st.text) || (st.problem !== undefined && HOLDS_INSERT.test(st.text));
    if (!isInsert) {
      if (HARMLESS.test(st.text)) return;
      if (st.problem) {
        yield { kind: 'note', note: { line: st.line, message: `Statement on line ${st.line} could not be read: ${st.problem}.` } };
        return;
      }
      const word = /^\s*(\w+(?:\s+\w+)?)/.exec(st.text)?.[1] ?? 'statement';
      yield { kind: 'note', note: { line: st.line, message: `Statement on line ${st.line} (${word.toUpperCase()} …) is not an INSERT; skipped.` } };
      return;
    }
    rowNo++;
    const raw = st.text + (st.terminated ? ';' : '');
    const reject = (reason: string, column?: string): ReadItem => ({ kind: 'reject', reject: column ? { rowNo, line: st.line, raw, bytes, reason, column } : { rowNo, line: st.line, raw, bytes, reason } });
    if (st.problem) {
      yield reject(`INSERT statement ${rowNo} (line ${st.line}): ${st.problem}.`);
      return;
    }
    if (badBytes.size > 0 && st.text.includes('\uFFFD')) {
      const bad = badBytes.take(st.line, st.line + countLines(st.text));
      if (bad.length > 0) {
        yield reject(`INSERT statement ${rowNo} (line ${st.line}): ${describeBadBytes(bad)} ${bad.length === 1 ? 'is' : 'are'} not valid UTF-8 (kept as U+FFFD in the raw text). Fix the bytes in the file, or import it again with encoding 'windows-1252' if the whole file is Windows-1252/Latin-1.`);
        return;
      }
    }
    let p: ParsedInsert;
    try {
      p = parseInsert(st.text);
    } catch (e) {
      if (!(e instanceof SqlSyntaxError)) throw e;
      const at = locate(st.text, e.offset, st.line);
      const cut = st.terminated ? '' : ' The file ends here without a closing ";": it looks truncated.';
      yield reject(`INSERT statement ${rowNo} (line ${st.line}): syntax error at line ${at.line}, column ${at.col}: ${e.message}.${cut}`);
      return;
    }
    first ??= p;
    const m = mapValues(p, first, columns);
    if (typeof m === 'string') {
      yield reject(`INSERT statement ${rowNo} (line ${st.line}): ${m}`);
      return;
    }
    for (let c = 0; c < m.length; c++) {
      const v = m[c];
      if (v != null && v.length * 3 > maxField && Buffer.byteLength(v, 'utf8') > maxField) {
        yield reject(`INSERT statement ${rowNo} (line ${st.line}): value in column ${columns[c]} is ${Buffer.byteLength(v, 'utf8')} bytes, over the ${maxField}-byte limit per value.`, columns[c]);
        return;
      }
    }
    yield { kind: 'row', row: { rowNo, line: st.line, values: m, raw, bytes } };
  }

  try {
    for await (const chunk of decodeFile(file, detected.encoding, opts.signal)) {
      bytes = chunk.bytes;
      out.length = 0;
      if (chunk.bad.length > 0) badBytes.add(sp.nextLine(), chunk.bad);
      sp.push(chunk.text, out);
      for (const st of out) yield* handle(st);
    }
    out.length = 0;
    for (const st of sp.end(out)) yield* handle(st);
  } catch (e) {
    if (e instanceof RangeError) {
      throw badData(file, `Reading ${basename(file)} stopped: ${e.message}.`, 'The file is probably damaged (an unclosed quote or comment at that line). Fix it there or re-export it.', { row: rowNo + 1 });
    }
    throw e;
  }
}
