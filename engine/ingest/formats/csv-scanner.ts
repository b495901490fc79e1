// A fast, resumable scanner for delimited text (RFC 4180 plus the habits of legacy exports).
//
// Why not csv-parse: its raw-record capture loses parts of CRLF line ends and glues skipped blank
// lines onto the next record, per-record `info` is costly, its max_record_size with
// skip_records_with_error drops the rest of the chunk, and it cannot resynchronise after a bad
// quote. This scanner works on decoded string chunks with indexOf/split (several hundred MB/s),
// keeps the exact source text of each record and its line number, and reports quoting problems
// as located items so the reader can reject one row and go on.
//
// Rules:
// - Records end at LF or CRLF outside quotes; blank / whitespace-only lines are skipped.
// - A field that starts with the quote char is quoted; "" inside is one quote; blanks after the
//   closing quote are ignored. A quote inside an unquoted field is kept literally (Bob "B" Smith).
// - A closing quote followed by anything but a delimiter / line end is a quoting error: the record
//   up to the end of that physical line is reported as 'bad' and scanning resumes on the next line.
// - Unquoted empty field -> null; quoted empty field ("") -> '' (the PostgreSQL COPY convention).

export type ScanItem =
  | { kind: 'record'; fields: (string | null)[]; raw: string; line: number }
  /** Quoting error; resynchronised at the next line. */
  | { kind: 'bad'; raw: string; line: number; fieldIndex: number; reason: string }
  /** Input ended inside a quoted field. */
  | { kind: 'unclosed'; raw: string; line: number; fieldIndex: number; openLine: number; lines: number; chars: number }
  /** An unfinished record grew past maxRecordChars (almost always an unbalanced quote). Ends the read: raw is empty. */
  | { kind: 'runaway'; raw: string; line: number; fieldIndex: number; openLine: number; chars: number };

const LF = 10;
const CR = 13;

export class CsvScanner {
  private buf = '';
  private parts: string[] = [];
  private partsLen = 0;
  /** Line number where the next record starts. */
  line = 1;
  private readonly d: string;
  private readonly dc: number;
  private readonly q: string;
  private readonly qc: number;

  constructor(
    delimiter: string,
    quote = '"',
    private readonly maxRecordChars = 64 * 1024 * 1024,
  ) {
    if (delimiter.length !== 1 || quote.length !== 1) throw new Error('delimiter and quote must be one character');
    this.d = delimiter;
    this.dc = delimiter.charCodeAt(0);
    this.q = quote;
    this.qc = quote.charCodeAt(0);
  }

  /** Feed the next decoded chunk; returns the records it completed. */
  push(text: string, out: ScanItem[] = []): ScanItem[] {
    if (this.buf.length > 64 * 1024) {
      // A long unfinished record: wait until the new text at least matches it, so rescanning
      // the record stays linear overall (geometric growth).
      this.parts.push(text);
      this.partsLen += text.length;
      if (this.partsLen < this.buf.length) return out;
      text = this.parts.join('');
      this.parts = [];
      this.partsLen = 0;
    }
    this.buf = this.buf.length > 0 ? this.buf + text : text;
    this.scan(false, out);
    if (this.buf.length > this.maxRecordChars) {
      const o = openField(this.buf, this.dc, this.qc);
      out.push({ kind: 'runaway', raw: '', line: this.line, fieldIndex: o.fieldIndex, openLine: this.line + o.lineOffset, chars: this.buf.length });
      this.buf = '';
    }
    return out;
  }

  /** Line of the next character to be pushed. */
  nextLine(): number {
    let n = this.line + countLf(this.buf, 0, this.buf.length);
    for (const p of this.parts) n += countLf(p, 0, p.length);
    return n;
  }

  /** End of input: returns the last records. */
  end(out: ScanItem[] = []): ScanItem[] {
    if (this.parts.length > 0) {
      this.buf += this.parts.join('');
      this.parts = [];
      this.partsLen = 0;
    }
    this.scan(true, out);
    this.buf = '';
    return out;
  }

  private scan(final: boolean, out: ScanItem[]): void {
    const s = this.buf;
    const n = s.length;
    const D = this.d;
    const Q = this.q;
    let pos = 0;
    let nextQuote = s.indexOf(Q);
    while (pos < n) {
      let nl = s.indexOf('\n', pos);
      if (nl === -1) {
        if (!final) break;
        nl = n;
      }
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = s.indexOf(Q, pos);
      let lineEnd = nl;
      if (lineEnd > pos && s.charCodeAt(lineEnd - 1) === CR) lineEnd--;
      if (nextQuote === -1 || nextQuote >= lineEnd) {
        // Fast path: one physical line, no quotes.
        const startLine = this.line++;
        const text = s.slice(pos, lineEnd);
        pos = nl + 1;
        if (text.length === 0 || (text.charCodeAt(0) <= 32 && text.trim() === '')) continue;
        const parts: (string | null)[] = text.split(D);
        for (let i = 0; i < parts.length; i++) if (parts[i] === '') parts[i] = null;
        out.push({ kind: 'record', fields: parts, raw: text, line: startLine });
        continue;
      }
      const next = this.scanQuoted(s, pos, final, out);
      if (next < 0) break;
      pos = next;
    }
    this.buf = pos < n ? s.slice(pos) : '';
  }

  /** Scan one record that contains a quote. Returns the index after it, or -1 if incomplete. */
  private scanQuoted(s: string, pos: number, final: boolean, out: ScanItem[]): number {
    const n = s.length;
    const D = this.d;
    const dc = this.dc;
    const Q = this.q;
    const qc = this.qc;
    const fields: (string | null)[] = [];
    let i = pos;
    let nl = -2; // cached position of the next LF at or after i (-1: none in the buffer)
    for (;;) {
      if (i < n && s.charCodeAt(i) === qc) {
        const openAt = i;
        i++;
        let acc = '';
        let seg = i;
        for (;;) {
          const j = s.indexOf(Q, i);
          if (j === -1 || (j + 1 >= n && !final)) {
            if (!final) return -1;
            const lines = countLf(s, openAt, n);
            const startLine = this.line;
            out.push({ kind: 'unclosed', raw: s.slice(pos, n), line: startLine, fieldIndex: fields.length, openLine: startLine + countLf(s, pos, openAt), lines: lines + 1, chars: n - openAt });
            this.line += countLf(s, pos, n) + 1;
            return n;
          }
          if (s.charCodeAt(j + 1) === qc) {
            acc += s.slice(seg, j + 1);
            i = j + 2;
            seg = i;
            continue;
          }
          acc += s.slice(seg, j);
          i = j + 1;
          break;
        }
        while (i < n) {
          const c = s.charCodeAt(i);
          if (c === 32 || (c === 9 && dc !== 9)) i++;
          else break;
        }
        if (i >= n && !final) return -1;
        const c = i < n ? s.charCodeAt(i) : LF;
        if (c === dc) {
          fields.push(acc);
          i++;
          continue;
        }
        if (c === CR && i + 1 >= n && !final) return -1;
        if (c === LF || (c === CR && (i + 1 >= n || s.charCodeAt(i + 1) === LF))) {
          fields.push(acc);
          return this.finish(s, pos, i, c === CR && i < n ? i + 2 : i + 1, fields, out);
        }
        // A closing quote followed by something else: quoting error. Resync at the next line.
        let eol = s.indexOf('\n', i);
        if (eol === -1) {
          if (!final) return -1;
          eol = n;
        }
        const startLine = this.line;
        const closeLine = startLine + countLf(s, pos, i);
        const openLine = startLine + countLf(s, pos, openAt);
        const got = s.slice(i, i + 10);
        const reason =
          closeLine > openLine
            ? `unbalanced quote: the quoted value that opens on line ${openLine} runs to line ${closeLine}, where a quote is followed by ${JSON.stringify(got)} instead of ${JSON.stringify(D)} or a line end. A quote inside a value must be doubled ("").`
            : `bad quoting on line ${openLine}: a closing quote is followed by ${JSON.stringify(got)} instead of ${JSON.stringify(D)} or a line end. A quote inside a quoted value must be doubled ("").`;
        let end = eol;
        if (end > pos && s.charCodeAt(end - 1) === CR) end--;
        out.push({ kind: 'bad', raw: s.slice(pos, end), line: startLine, fieldIndex: fields.length, reason });
        this.line += countLf(s, pos, eol) + 1;
        return eol + 1;
      }
      // Unquoted field.
      if (nl === -2 || (nl !== -1 && nl < i)) nl = s.indexOf('\n', i);
      if (nl === -1) {
        if (!final) return -1;
        nl = n;
      }
      const d = s.indexOf(D, i);
      if (d !== -1 && d < nl) {
        fields.push(d === i ? null : s.slice(i, d));
        i = d + 1;
        continue;
      }
      let e = nl;
      if (e > i && s.charCodeAt(e - 1) === CR) e--;
      fields.push(e === i ? null : s.slice(i, e));
      return this.finish(s, pos, e, nl + 1, fields, out);
    }
  }

  private finish(s: string, pos: number, end: number, next: number, fields: (string | null)[], out: ScanItem[]): number {
    out.push({ kind: 'record', fields, raw: s.slice(pos, end), line: this.line });
    this.line += countLf(s, pos, Math.min(next, s.length));
    if (next > s.length) this.line++;
    return next;
  }
}

export function countLf(s: string, from: number, to: number): number {
  let c = 0;
  for (let i = s.indexOf('\n', from); i !== -1 && i < to; i = s.indexOf('\n', i + 1)) c++;
  return c;
}

/** For an unfinished record: which field holds the open quote and on which line (offset) it opened. */
function openField(s: string, dc: number, qc: number): { fieldIndex: number; lineOffset: number } {
  let field = 0;
  let inQ = false;
  let fieldStart = true;
  let line = 0;
  let openLine = 0;
  let openField = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === LF) line++;
    if (inQ) {
      if (c === qc) {
        if (s.charCodeAt(i + 1) === qc) i++;
        else inQ = false;
      }
      continue;
    }
    if (c === qc && fieldStart) {
      inQ = true;
      openLine = line;
      openField = field;
    } else if (c === dc) {
      field++;
      fieldStart = true;
      continue;
    }
    fieldStart = false;
  }
  return inQ ? { fieldIndex: openField, lineOffset: openLine } : { fieldIndex: field, lineOffset: 0 };
}
