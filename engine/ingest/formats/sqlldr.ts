// SQL*Loader control file (.ctl) + data file (.dat) pairs.
//
// Supported: OPTIONS (SKIP=n), LOAD DATA, CHARACTERSET, INFILE 'file' | INFILE * with BEGINDATA,
// INTO TABLE t, FIELDS TERMINATED BY ','|WHITESPACE|X'09' [OPTIONALLY] ENCLOSED BY '"' [AND '"'],
// TRAILING NULLCOLS, and a field list with POSITION(a:b) / POSITION(*+n), CHAR(n), INTEGER/DECIMAL/
// FLOAT EXTERNAL, DATE/TIMESTAMP "mask", FILLER, CONSTANT 'x'. Records are lines.
// Not supported (a note says so): several INTO TABLE clauses (only the first is read), WHEN
// clauses (all records are read), SQL expressions "UPPER(:x)" (the raw value is loaded), "str"/
// "fix"/"var" record formats, SEQUENCE/RECNUM/EXPRESSION columns (null).
// Value rules (SQL*Loader's): empty or all-blank fields are null; trailing blanks of unenclosed
// fields are trimmed; rows with fewer fields are rejected unless TRAILING NULLCOLS. Unlike
// SQL*Loader, rows with more fields than the control file lists are rejected, never cut silently.
// Fixed positions count bytes (UTF-8 data is sliced as bytes).

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import { badData, show } from './errors.js';
import { normaliseHeaders } from './headers.js';
import { oracleDateToIso } from '../../standardize/oracle-dates.js';
import { chooseEncoding, decodeBuffer, decodeFile, readHead, rejectUnreadable } from './text-source.js';
import { BadBytesByLine, describeBadBytes, utf8Census } from './utf8.js';
import { DEFAULT_MAX_FIELD_BYTES, SAMPLE_ROWS, type DetectOptions, type DetectResult, type ReadItem, type ReadOptions, type SqlldrControl, type SqlldrField } from './types.js';

interface Tok { t: 'word' | 'str' | 'dstr' | 'hex' | 'num' | 'punct'; v: string }

const ORACLE_CHARSETS: Record<string, string> = {
  UTF8: 'utf-8', AL32UTF8: 'utf-8', WE8MSWIN1252: 'windows-1252', WE8ISO8859P1: 'iso-8859-1', WE8ISO8859P15: 'iso-8859-15',
  EE8MSWIN1250: 'windows-1250', EE8ISO8859P2: 'iso-8859-2', CL8MSWIN1251: 'windows-1251', AL16UTF16: 'utf-16be', AL16UTF16LE: 'utf-16le',
  US7ASCII: 'utf-8', WE8PC850: 'cp850', WE8PC437: 'cp437', EL8MSWIN1253: 'windows-1253', TR8MSWIN1254: 'windows-1254',
};

function tokenize(s: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (c === '-' && s[i + 1] === '-') { const j = s.indexOf('\n', i); i = j < 0 ? s.length : j + 1; continue; }
    if ((c === 'X' || c === 'x') && s[i + 1] === "'") {
      const j = s.indexOf("'", i + 2);
      out.push({ t: 'hex', v: Buffer.from(s.slice(i + 2, j < 0 ? s.length : j), 'hex').toString('latin1') });
      i = j < 0 ? s.length : j + 1;
      continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      let v = '';
      for (;;) {
        const k = s.indexOf(c, j);
        if (k < 0) throw new Error(`unclosed ${c === "'" ? 'string' : 'double-quoted string'} starting ${show(s.slice(i, i + 30))}`);
        if (s[k + 1] === c) { v += s.slice(j, k + 1); j = k + 2; continue; }
        v += s.slice(j, k);
        i = k + 1;
        break;
      }
      out.push({ t: c === "'" ? 'str' : 'dstr', v });
      continue;
    }
    if (/\d/.test(c)) { const m = /^\d+/.exec(s.slice(i))![0]; out.push({ t: 'num', v: m }); i += m.length; continue; }
    if (/[A-Za-z_$#]/.test(c)) { const m = /^[A-Za-z0-9_$#.]+/.exec(s.slice(i))![0]; out.push({ t: 'word', v: m }); i += m.length; continue; }
    out.push({ t: 'punct', v: c });
    i++;
  }
  return out;
}

/** Split the control text from inline data after BEGINDATA. */
function splitBegindata(text: string): { ctl: string; data: string | null; dataLine: number } {
  const m = /^[ \t]*BEGINDATA[ \t]*\r?\n?/im.exec(text);
  if (!m) return { ctl: text, data: null, dataLine: 0 };
  const before = text.slice(0, m.index);
  return { ctl: before, data: text.slice(m.index + m[0].length), dataLine: before.split('\n').length + 1 };
}

export function parseControlFile(ctlFile: string, text: string, notes: string[]): SqlldrControl & { inlineData: string | null; inlineLine: number } {
  const { ctl, data, dataLine } = splitBegindata(text);
  let toks: Tok[];
  try {
    toks = tokenize(ctl);
  } catch (e) {
    throw badData(ctlFile, `The SQL*Loader control file cannot be read: ${(e as Error).message}.`, 'Fix the control file, or export the table as CSV instead.');
  }
  let k = 0;
  const up = (t: Tok | undefined) => (t && t.t === 'word' ? t.v.toUpperCase() : '');
  const isW = (w: string) => up(toks[k]) === w;
  const fail = (what: string): never => {
    const near = toks.slice(k, k + 6).map((t) => (t.t === 'str' ? `'${t.v}'` : t.t === 'dstr' ? `"${t.v}"` : t.v)).join(' ');
    throw badData(ctlFile, `The SQL*Loader control file cannot be read: expected ${what} near ${show(near || 'the end')}.`, 'Check the control file syntax (LOAD DATA INFILE ... INTO TABLE ... FIELDS ... (columns)), or export the table as CSV instead.');
  };
  const skipParens = () => {
    if (toks[k]?.v !== '(') return;
    let depth = 0;
    do {
      if (toks[k]?.v === '(') depth++;
      else if (toks[k]?.v === ')') depth--;
      k++;
    } while (k < toks.length && depth > 0);
  };
  let skip = 0;
  let encoding: string | undefined;
  let infile: string | null | undefined;
  let table = '';
  let terminator: string | undefined;
  let enclosure: SqlldrControl['enclosure'];
  let trailingNullcols = false;
  let fieldToks: Tok[] | null = null;
  const strVal = (): string => {
    const t = toks[k];
    if (!t || (t.t !== 'str' && t.t !== 'dstr' && t.t !== 'hex')) fail('a quoted string');
    k++;
    return t!.v;
  };

  while (k < toks.length) {
    const w = up(toks[k]);
    if (w === 'OPTIONS') {
      k++;
      const start = k;
      skipParens();
      const opt = toks.slice(start, k).map((t) => t.v).join(' ');
      const m = /SKIP\s*=\s*(\d+)/i.exec(opt);
      if (m) skip = Number(m[1]);
      continue;
    }
    if (w === 'LOAD' || w === 'CONTINUE_LOAD') { k++; if (isW('DATA')) k++; continue; }
    if (w === 'UNRECOVERABLE' || w === 'RECOVERABLE' || w === 'APPEND' || w === 'REPLACE' || w === 'INSERT' || w === 'TRUNCATE' || w === 'PRESERVE') { k++; if (isW('BLANKS')) k++; continue; }
    if (w === 'CHARACTERSET') {
      k++;
      const cs = (toks[k++]?.v ?? '').toUpperCase();
      encoding = ORACLE_CHARSETS[cs] ?? (iconv.encodingExists(cs.toLowerCase()) ? cs.toLowerCase() : undefined);
      if (!encoding) notes.push(`CHARACTERSET ${cs} is not known; the data file encoding is detected instead.`);
      continue;
    }
    if (w === 'BYTEORDER' || w === 'BADFILE' || w === 'DISCARDFILE' || w === 'DISCARDMAX' || w === 'LENGTH') {
      k++;
      if (toks[k] && toks[k]!.t !== 'punct') k++;
      continue;
    }
    if (w === 'INFILE' || w === 'INDDN') {
      k++;
      const t = toks[k];
      let name: string | null;
      if (t?.v === '*') { name = null; k++; }
      else if (t && (t.t === 'str' || t.t === 'dstr' || t.t === 'word' || t.t === 'num')) { name = t.v; k++; }
      else return fail("a data file name after INFILE (INFILE 'data.dat' or INFILE *)");
      if (toks[k]?.t === 'dstr') {
        const fmt = toks[k]!.v;
        k++;
        if (!/^\s*$/.test(fmt)) notes.push(`Record format "${fmt}" is not supported; each line is read as one record.`);
      }
      if (infile === undefined) infile = name;
      else notes.push(`Only the first INFILE is read; ${name ?? '*'} is ignored.`);
      continue;
    }
    if (w === 'INTO') {
      if (table) { notes.push('Only the first INTO TABLE clause is read; later ones are ignored.'); break; }
      k++;
      if (!isW('TABLE')) fail('TABLE after INTO');
      k++;
      const t = toks[k];
      if (!t || (t.t !== 'word' && t.t !== 'dstr')) fail('a table name');
      table = t!.v;
      k++;
      continue;
    }
    if (w === 'WHEN') {
      k++;
      skipParens();
      while (isW('AND')) { k++; skipParens(); }
      notes.push('The WHEN clause is ignored: every record is read.');
      continue;
    }
    if (w === 'FIELDS') {
      k++;
      if (isW('TERMINATED')) {
        k++;
        if (isW('BY')) k++;
        if (isW('WHITESPACE')) { terminator = 'WHITESPACE'; k++; }
        else if (isW('EOF')) { k++; }
        else terminator = strVal();
      }
      if (isW('OPTIONALLY') || isW('ENCLOSED')) {
        const optional = isW('OPTIONALLY');
        if (optional) k++;
        if (!isW('ENCLOSED')) fail('ENCLOSED BY');
        k++;
        if (isW('BY')) k++;
        const open = strVal();
        let close = open;
        if (isW('AND')) { k++; close = strVal(); }
        enclosure = { open, close, optional };
      }
      continue;
    }
    if (w === 'TRAILING') { k++; if (isW('NULLCOLS')) k++; trailingNullcols = true; continue; }
    if (toks[k]?.v === '(' && table) {
      const start = k + 1;
      skipParens();
      fieldToks = toks.slice(start, k - 1);
      continue;
    }
    if (!table && !w) fail('LOAD DATA ... INTO TABLE');
    k++; // unknown word (SINGLEROW, REENABLE, SORTED, ...): ignore
  }
  if (!table) fail('INTO TABLE <name>');
  if (!fieldToks || fieldToks.length === 0) fail('a column list in parentheses after INTO TABLE');
  if (infile === undefined) {
    if (data === null) fail("INFILE 'data file' (or INFILE * with BEGINDATA)");
    infile = null;
  }
  const fields = parseFields(ctlFile, fieldToks!, notes);
  const fixed = fields.some((f) => f.position);
  if (!fixed && terminator === undefined) {
    if (fields.every((f) => f.constant !== undefined)) fail('FIELDS TERMINATED BY or POSITION(...)');
    terminator = ',';
    notes.push("No FIELDS TERMINATED BY and no POSITION(...): fields are read as comma-separated.");
  }
  const dataFile = infile === null ? null : isAbsolute(infile) ? infile : resolve(dirname(ctlFile), infile);
  const control: SqlldrControl & { inlineData: string | null; inlineLine: number } = {
    controlFile: ctlFile, dataFile, table, mode: fixed ? 'fixed' : 'delimited', trailingNullcols, skip, fields, inlineData: data, inlineLine: dataLine,
  };
  if (terminator !== undefined) control.terminator = terminator;
  if (enclosure) control.enclosure = enclosure;
  if (encoding) control.encoding = encoding;
  return control;
}

function parseFields(ctlFile: string, toks: Tok[], notes: string[]): SqlldrField[] {
  // split by top-level commas
  const groups: Tok[][] = [[]];
  let depth = 0;
  for (const t of toks) {
    if (t.v === '(' && t.t === 'punct') depth++;
    if (t.v === ')' && t.t === 'punct') depth--;
    if (t.v === ',' && t.t === 'punct' && depth === 0) groups.push([]);
    else groups[groups.length - 1]!.push(t);
  }
  const fields: SqlldrField[] = [];
  let prevEnd = 0;
  for (const g of groups) {
    if (g.length === 0) continue;
    const nameTok = g[0]!;
    if (nameTok.t !== 'word' && nameTok.t !== 'dstr') throw badData(ctlFile, `The SQL*Loader field list has an entry without a column name near ${show(g.map((t) => t.v).join(' '))}.`, 'Check the column list of the control file.');
    const f: SqlldrField = { name: nameTok.v, filler: false, type: 'CHAR' };
    let len: number | undefined;
    for (let i = 1; i < g.length; i++) {
      const t = g[i]!;
      const w = t.t === 'word' ? t.v.toUpperCase() : '';
      if (w === 'POSITION' || (t.v === '(' && i === 1)) {
        if (w === 'POSITION') i++;
        const inner: string[] = [];
        let j = i + 1;
        while (j < g.length && g[j]!.v !== ')') inner.push(g[j++]!.v);
        i = j;
        const spec = inner.join('');
        const m = /^(\*|\d+)(?:\+(\d+))?(?:[:-](\d+))?$/.exec(spec);
        if (!m) throw badData(ctlFile, `POSITION(${spec}) of field ${f.name} is not understood.`, 'Use POSITION(start:end) with byte positions.');
        const start = m[1] === '*' ? prevEnd + 1 + Number(m[2] ?? 0) : Number(m[1]);
        const end = m[3] !== undefined ? Number(m[3]) : -1;
        f.position = { start, end };
        continue;
      }
      if (w === 'FILLER' || w === 'BOUNDFILLER') { f.filler = true; continue; }
      if (w === 'CONSTANT') { f.constant = g[i + 1]?.v ?? ''; i++; continue; }
      if (w === 'SEQUENCE' || w === 'RECNUM' || w === 'EXPRESSION' || w === 'SYSDATE') {
        notes.push(`Field ${f.name} is ${w}; SQL*Loader would generate it, here it is left empty (null).`);
        f.type = w;
        if (w === 'EXPRESSION' && g[i + 1]?.t === 'dstr') { f.sqlExpression = g[i + 1]!.v; i++; }
        if (g[i + 1]?.v === '(') { while (i < g.length && g[i]!.v !== ')') i++; }
        continue;
      }
      if (['CHAR', 'VARCHAR', 'VARCHAR2', 'INTEGER', 'DECIMAL', 'FLOAT', 'DOUBLE', 'ZONED', 'DATE', 'TIMESTAMP', 'NUMBER', 'RAW', 'CLOB'].includes(w)) {
        f.type = w;
        if (g[i + 1]?.t === 'word' && g[i + 1]!.v.toUpperCase() === 'EXTERNAL') { f.type += ' EXTERNAL'; i++; }
        if (g[i + 1]?.v === '(' && g[i + 2]?.t === 'num') { len = Number(g[i + 2]!.v); i += 2; while (i < g.length && g[i]!.v !== ')') i++; }
        if ((w === 'DATE' || w === 'TIMESTAMP') && (g[i + 1]?.t === 'dstr' || g[i + 1]?.t === 'str')) { f.mask = g[i + 1]!.v; i++; }
        if (w === 'TIMESTAMP' && g[i + 1]?.t === 'word' && /^WITH$/i.test(g[i + 1]!.v)) {
          while (i + 1 < g.length && g[i + 1]!.t === 'word' && /^(WITH|LOCAL|TIME|ZONE)$/i.test(g[i + 1]!.v)) i++;
          if (g[i + 1]?.t === 'dstr') { f.mask = g[i + 1]!.v; i++; }
        }
        continue;
      }
      if (w === 'NULLIF' || w === 'DEFAULTIF') {
        // NULLIF col=BLANKS etc.: blank values are null anyway; skip the condition.
        while (i + 1 < g.length && !(g[i + 1]!.t === 'dstr')) i++;
        continue;
      }
      if (w === 'TERMINATED' || w === 'ENCLOSED' || w === 'OPTIONALLY') {
        notes.push(`Field ${f.name} has its own ${w} clause; the FIELDS clause is used for every field.`);
        while (i + 1 < g.length && (g[i + 1]!.t === 'word' || g[i + 1]!.t === 'str' || g[i + 1]!.t === 'hex') && !/^(NULLIF|DEFAULTIF|CHAR|DATE)$/i.test(g[i + 1]!.v)) i++;
        continue;
      }
      if (t.t === 'dstr') {
        f.sqlExpression = t.v;
        notes.push(`SQL expression "${t.v}" on field ${f.name} is not evaluated; the raw value is read.`);
        continue;
      }
    }
    if (f.position) {
      if (f.position.end < 0) f.position.end = f.position.start + (len ?? 1) - 1;
      prevEnd = f.position.end;
    }
    fields.push(f);
  }
  return fields;
}

async function findControlFor(dataFile: string): Promise<string | null> {
  const stem = join(dirname(dataFile), basename(dataFile, extname(dataFile)));
  for (const ext of ['.ctl', '.CTL', '.Ctl']) if (existsSync(stem + ext)) return stem + ext;
  return null;
}

/** The control file for `file`: itself if it is one, or a same-stem .ctl beside a data file. */
export async function controlFileFor(file: string, headText: string): Promise<string | null> {
  if (extname(file).toLowerCase() === '.ctl') return file;
  const stripped = headText.replace(/^\uFEFF/, '').replace(/^(\s*--[^\n]*\n)*/, '');
  if (/^\s*(OPTIONS\s*\([^)]*\)\s*)?(UNRECOVERABLE\s+|RECOVERABLE\s+)?LOAD\s+DATA\b/i.test(stripped)) return file;
  return findControlFor(file);
}

type Ctl = SqlldrControl & { inlineData: string | null; inlineLine: number };

export async function detectSqlldr(file: string, ctlFile: string, opts: DetectOptions, notes: string[]): Promise<DetectResult> {
  const ctlBytes = await readFile(ctlFile);
  const ctlChoice = chooseEncoding(ctlFile, { size: ctlBytes.length, bytes: ctlBytes, complete: true });
  const ctlEnc = ctlChoice.encoding;
  const ctl = parseControlFile(ctlFile, decodeBuffer(ctlBytes, ctlEnc), notes);
  if (ctlFile !== file) {
    if (ctl.dataFile && resolve(ctl.dataFile) !== resolve(file)) notes.push(`The control file names ${basename(ctl.dataFile)} as INFILE; ${basename(file)}, the file chosen, is read instead.`);
    ctl.dataFile = resolve(file);
    ctl.inlineData = null;
    notes.push(`Read with the SQL*Loader control file ${basename(ctlFile)} found beside it.`);
  }
  let encoding: string;
  let encodingReason: string;
  let sampleText: string;
  if (ctl.dataFile === null) {
    encoding = ctlEnc;
    encodingReason = `${ctlChoice.reason} (the data is inline in the control file)`;
    sampleText = ctl.inlineData ?? '';
    notes.push(encodingReason, 'Data is inline in the control file (INFILE * ... BEGINDATA).');
  } else {
    if (!existsSync(ctl.dataFile)) {
      throw badData(ctlFile, `The data file ${ctl.dataFile} named by INFILE in ${basename(ctlFile)} does not exist.`, 'Put the .dat file next to the control file (or fix the INFILE path), then import again.');
    }
    const head = await readHead(ctl.dataFile);
    rejectUnreadable(ctl.dataFile, head);
    const byUser = !!opts.encoding && opts.encoding !== 'auto';
    const forced = byUser ? opts.encoding : ctl.encoding;
    const ch = chooseEncoding(ctl.dataFile, head, forced, byUser ? 'the user' : `CHARACTERSET in ${basename(ctlFile)}`);
    encoding = ch.encoding;
    encodingReason = ch.reason;
    notes.push(...ch.notes);
    sampleText = decodeBuffer(head.bytes, encoding);
    if (!head.complete) sampleText = sampleText.slice(0, sampleText.lastIndexOf('\n') + 1);
  }
  const outFields = ctl.fields.filter((f) => !f.filler);
  const h = normaliseHeaders(outFields.map((f) => f.name));
  notes.push(...h.notes);
  if (ctl.skip > 0) notes.push(`OPTIONS (SKIP=${ctl.skip}): the first ${ctl.skip} record(s) are skipped.`);
  const columns = h.columns;
  const conv = makeConverter(ctl, encoding, DEFAULT_MAX_FIELD_BYTES);
  const sample: (string | null)[][] = [];
  let recNo = 0;
  for (const ln of sampleText.split('\n')) {
    const line = ln.endsWith('\r') ? ln.slice(0, -1) : ln;
    if (line.trim() === '') continue;
    recNo++;
    if (recNo <= ctl.skip) continue;
    const r = conv(line);
    if (Array.isArray(r)) sample.push(r);
    if (sample.length >= SAMPLE_ROWS) break;
  }
  const { inlineData: _d, inlineLine: _l, ...control } = ctl;
  if (ctl.mode === 'fixed') {
    // SQL*Loader ignores bytes past the last POSITION; say so when the records have any.
    const last = Math.max(0, ...ctl.fields.map((f) => f.position?.end ?? 0));
    const longest = sampleText.split('\n').reduce((m, l) => Math.max(m, Buffer.byteLength(l.replace(/\r$/, '').trimEnd(), 'utf8')), 0);
    if (last > 0 && longest > last) notes.push(`Records are up to ${longest} bytes long but the control file reads bytes 1-${last} only: the bytes after position ${last} are not loaded (as SQL*Loader does). Add fields to the control file to load them.`);
  }
  const result: DetectResult = { file, format: 'sqlldr', encoding, encodingReason, hasHeader: false, columns, sample, notes, table: ctl.table, control: { ...control } };
  if (ctl.terminator && ctl.terminator !== 'WHITESPACE') result.delimiter = ctl.terminator;
  if (ctl.enclosure) result.quote = ctl.enclosure.open;
  return result;
}

/** Returns a function from one record (line) to values, or a reject reason with its column. */
function makeConverter(ctl: SqlldrControl, encoding: string, maxField: number): (line: string) => (string | null)[] | { reason: string; column?: string } {
  const fields = ctl.fields;
  const readFields = fields.filter((f) => f.constant === undefined && !['SEQUENCE', 'RECNUM', 'EXPRESSION', 'SYSDATE'].includes(f.type));
  const convert = (f: SqlldrField, v: string | null): string | null => {
    if (f.constant !== undefined) return f.constant;
    if (v === null) return null;
    if (f.mask && (f.type === 'DATE' || f.type.startsWith('TIMESTAMP'))) return oracleDateToIso(v, f.mask, f.type === 'DATE' ? 'date' : 'timestamp') ?? v;
    return v;
  };
  const finish = (raw: (string | null)[]): (string | null)[] | { reason: string; column?: string } => {
    const out: (string | null)[] = [];
    let r = 0;
    for (const f of fields) {
      let v: string | null = null;
      if (readFields.includes(f)) v = raw[r++] ?? null;
      if (v !== null && v.length * 3 > maxField && Buffer.byteLength(v, 'utf8') > maxField) return { reason: `value in column ${f.name} is ${Buffer.byteLength(v, 'utf8')} bytes, over the ${maxField}-byte limit per value.`, column: f.name };
      if (!f.filler) out.push(convert(f, v));
    }
    return out;
  };
  if (ctl.mode === 'fixed') {
    const utf8 = encoding === 'utf-8';
    return (line) => {
      const bytes = utf8 && /[^\x00-\x7f]/.test(line) ? Buffer.from(line, 'utf8') : null;
      const len = bytes ? bytes.length : line.length;
      const raw: (string | null)[] = [];
      for (const f of readFields) {
        const pos = f.position;
        if (!pos) return { reason: `field ${f.name} has no POSITION in a fixed-width control file.`, column: f.name };
        if (pos.start > len) {
          if (!ctl.trailingNullcols) return { reason: `the record is ${len} bytes long; field ${f.name} at positions ${pos.start}-${pos.end} is missing (the control file has no TRAILING NULLCOLS).`, column: f.name };
          raw.push(null);
          continue;
        }
        const v = (bytes ? bytes.subarray(pos.start - 1, pos.end).toString('utf8') : line.slice(pos.start - 1, pos.end)).trimEnd();
        raw.push(v === '' ? null : v);
      }
      return finish(raw);
    };
  }
  const term = ctl.terminator ?? ',';
  const enc = ctl.enclosure;
  return (line) => {
    const raw = splitDelimited(line, term, enc);
    if (typeof raw === 'string') return { reason: raw };
    if (raw.length < readFields.length) {
      if (!ctl.trailingNullcols) {
        return { reason: `expected ${readFields.length} fields, found ${raw.length}: fields missing (the control file has no TRAILING NULLCOLS, so SQL*Loader would reject this record too).`, column: readFields[raw.length]?.name ?? '' };
      }
      while (raw.length < readFields.length) raw.push(null);
    } else if (raw.length > readFields.length) {
      return { reason: `expected ${readFields.length} fields, found ${raw.length}: extra fields (a value may hold an unenclosed ${term === 'WHITESPACE' ? 'blank' : JSON.stringify(term)}).` };
    }
    return finish(raw);
  };
}

/** Split one record; returns the reason on an unclosed enclosure. */
export function splitDelimited(line: string, term: string, enc?: { open: string; close: string; optional: boolean }): (string | null)[] | string {
  const out: (string | null)[] = [];
  if (term === 'WHITESPACE') {
    let i = 0;
    const n = line.length;
    while (i < n) {
      while (i < n && (line[i] === ' ' || line[i] === '\t')) i++;
      if (i >= n) break;
      if (enc && line.startsWith(enc.open, i)) {
        const r = enclosed(line, i, enc);
        if (typeof r === 'string') return r;
        out.push(r.v === '' ? null : r.v);
        i = r.next;
        continue;
      }
      let j = i;
      while (j < n && line[j] !== ' ' && line[j] !== '\t') j++;
      out.push(line.slice(i, j));
      i = j;
    }
    return out;
  }
  let i = 0;
  const n = line.length;
  for (;;) {
    let s = i;
    if (enc) {
      while (s < n && (line[s] === ' ' || line[s] === '\t') && !line.startsWith(term, s)) s++;
      if (line.startsWith(enc.open, s)) {
        const r = enclosed(line, s, enc);
        if (typeof r === 'string') return `field ${out.length + 1}: ${r}`;
        let j = r.next;
        while (j < n && (line[j] === ' ' || line[j] === '\t') && !line.startsWith(term, j)) j++;
        if (j < n && !line.startsWith(term, j)) return `field ${out.length + 1}: the closing ${enc.close} is followed by ${show(line.slice(j, j + 10))} instead of ${JSON.stringify(term)}.`;
        out.push(r.v === '' ? null : r.v);
        if (j >= n) return out;
        i = j + term.length;
        continue;
      }
    }
    const j = line.indexOf(term, i);
    const v = (j < 0 ? line.slice(i) : line.slice(i, j)).trimEnd();
    out.push(v.trim() === '' ? null : v);
    if (j < 0) return out;
    i = j + term.length;
  }
}

function enclosed(line: string, at: number, enc: { open: string; close: string }): { v: string; next: number } | string {
  let i = at + enc.open.length;
  let v = '';
  for (;;) {
    const j = line.indexOf(enc.close, i);
    if (j < 0) return `the value enclosed by ${enc.open} is not closed on this line.`;
    if (line.startsWith(enc.close, j + enc.close.length)) { v += line.slice(i, j + enc.close.length); i = j + 2 * enc.close.length; continue; }
    v += line.slice(i, j);
    return { v, next: j + enc.close.length };
  }
}

export async function* readSqlldr(detected: DetectResult, opts: ReadOptions = {}): AsyncGenerator<ReadItem> {
  const ctl = detected.control;
  if (!ctl) throw badData(detected.file, 'No SQL*Loader control file information; run detect() first.', 'Detect the file again.');
  const maxField = opts.maxFieldBytes ?? DEFAULT_MAX_FIELD_BYTES;
  const conv = makeConverter(ctl, detected.encoding, maxField);
  let recNo = 0;
  let bytes = 0;
  let line = 0;
  const badBytes = new BadBytesByLine();
  function* handle(text: string): Generator<ReadItem> {
    line++;
    const l = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (l.trim() === '') return;
    recNo++;
    if (recNo <= ctl!.skip) return;
    const raw = l;
    if (badBytes.size > 0 && l.includes('\uFFFD')) {
      const bad = badBytes.take(line, line);
      if (bad.length > 0) {
        yield { kind: 'reject', reject: { rowNo: recNo, line, raw, bytes, reason: `record ${recNo} (line ${line}): ${describeBadBytes(bad)} ${bad.length === 1 ? 'is' : 'are'} not valid UTF-8 (kept as U+FFFD in the raw text). Fix the bytes in the file, or import it again with encoding 'windows-1252' if the whole file is Windows-1252/Latin-1.` } };
        return;
      }
    }
    const r = conv(l);
    if (Array.isArray(r)) yield { kind: 'row', row: { rowNo: recNo, line, values: r, raw, bytes } };
    else {
      const reject = { rowNo: recNo, line, raw, bytes, reason: `record ${recNo} (line ${line}): ${r.reason}` };
      yield { kind: 'reject', reject: r.column ? { ...reject, column: r.column } : reject };
    }
  }
  if (ctl.dataFile === null) {
    const buf = await readFile(ctl.controlFile);
    const text = decodeBuffer(buf, detected.encoding);
    if (detected.encoding === 'utf-8' && text.includes('\uFFFD')) badBytes.add(1, utf8Census(buf).bad);
    const { data, dataLine } = splitBegindata(text);
    line = dataLine - 1;
    bytes = buf.length;
    for (const l of (data ?? '').split('\n')) yield* handle(l);
    return;
  }
  let tail = '';
  for await (const chunk of decodeFile(ctl.dataFile, detected.encoding, opts.signal)) {
    bytes = chunk.bytes;
    if (chunk.bad.length > 0) badBytes.add(line + 1, chunk.bad);
    const text = tail + chunk.text;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      yield* handle(text.slice(start, nl));
      start = nl + 1;
    }
    tail = text.slice(start);
    if (tail.length > Math.max(64 * 1024 * 1024, maxField * 8)) {
      throw badData(ctl.dataFile, `Record ${recNo + 1} of ${basename(ctl.dataFile)} has no line end within ${tail.length} characters.`, 'SQL*Loader records are lines here; check that the data file matches the control file.', { row: recNo + 1, line: line + 1 });
    }
  }
  if (tail !== '') yield* handle(tail);
}
