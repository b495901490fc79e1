// Streaming splitter for Oracle SQL scripts (SQL Developer / SQLcl / SQL*Plus exports).
// Cuts the text into statements at top-level ';' (or a '/' line), respecting '...' strings with
// doubled quotes, q'[...]' quoting, "identifiers", -- and /* */ comments, and SQL*Plus line
// commands (REM, PROMPT, SET, SPOOL, ...) that end at the line end.
//
// Resynchronisation: an INSERT with an unescaped quote (e.g. 'O'Brien') would flip every later
// string. When a string is still open at a line that starts with INSERT INTO and the previous
// line ended with ';', the open statement is cut there and reported as unterminated, and
// splitting resumes at that INSERT.
//
// An unclosed /* at the end of the file would otherwise swallow the rest of the script without a
// trace. The text from the comment on is split again as if the /* were not there, and every
// statement found there is returned with a problem naming the line where the comment opens, so
// each INSERT in it becomes a located reject that keeps its text.

export interface SqlStatement {
  kind: 'sql' | 'command';
  /** Statement text without the terminator. */
  text: string;
  /** 1-based line where the statement starts. */
  line: number;
  /** Set when the statement could not be closed: the reason, for a reject. */
  problem?: string;
  /** False when the input ended before a terminator. */
  terminated: boolean;
}

const NORMAL = 0;
const SQUOTE = 1;
const QQUOTE = 2;
const DQUOTE = 3;
const LINE_COMMENT = 4;
const BLOCK_COMMENT = 5;
const LINE_CMD = 6;

const SQLPLUS = /^(?:REM(?:ARK)?|PRO(?:MPT)?|SET|SPO(?:OL)?|WHENEVER|CONN(?:ECT)?|DEF(?:INE)?|UNDEF(?:INE)?|EXIT|QUIT|SHO(?:W)?|COL(?:UMN)?|TTITLE|BTITLE|PAUSE|EXEC(?:UTE)?|CL(?:EAR)?|ALTER\s+SESSION)(?:\s|;|$)|^@/i;
const RESYNC = /;[ \t]*\r?\n([ \t]*)insert[ \t]+into[ \t]/i;
const CLOSERS: Record<string, string> = { '[': ']', '{': '}', '<': '>', '(': ')' };

export class SqlSplitter {
  private buf = '';
  private pos = 0;
  private start = -1;
  private startLine = 1;
  private state = NORMAL;
  private qclose = '';
  private qopen = '';
  private cmd = false;
  private lineStart = true;
  private stringOpen = -1;
  private stringLine = 1;
  private resyncFrom = 0;
  /** Where the current /* comment opens (index in buf, line), or -1. Its text is kept until it closes. */
  private commentOpen = -1;
  private commentLine = 1;
  /** Characters dropped from the front of buf so far. */
  private dropped = 0;
  /** Second pass only: where each emitted statement ends, in characters from the start. */
  private readonly ends: number[] | null;
  line = 1;

  constructor(
    private readonly maxStatementChars = 256 * 1024 * 1024,
    /** Split the text of an unclosed comment again at the end (false inside that second pass). */
    private readonly recoverComments = true,
  ) {
    this.ends = recoverComments ? null : [];
  }

  push(text: string, out: SqlStatement[] = []): SqlStatement[] {
    this.buf += text;
    this.run(false, out);
    this.compact();
    if (this.start >= 0 && this.buf.length > this.maxStatementChars) {
      throw new RangeError(`the statement starting on line ${this.startLine} is longer than ${this.maxStatementChars} characters`);
    }
    if (this.commentOpen >= 0 && this.buf.length > this.maxStatementChars) {
      throw new RangeError(`the /* comment that opens on line ${this.commentLine} runs on for more than ${this.maxStatementChars} characters without a closing */`);
    }
    return out;
  }

  /** Line of the next character to be pushed. */
  nextLine(): number {
    return this.line + countLf(this.buf, this.pos, this.buf.length);
  }

  end(out: SqlStatement[] = []): SqlStatement[] {
    this.run(true, out);
    if (this.state === BLOCK_COMMENT && this.commentOpen >= 0 && this.recoverComments) {
      this.recoverComment(out);
    } else if (this.start >= 0) {
      const text = this.buf.slice(this.start).trimEnd();
      let problem: string | undefined;
      const rest = 'the rest of the file is kept in this reject';
      if (this.state === SQUOTE) problem = `the file ends inside the string that opens on line ${this.stringLine}; the file looks truncated, or that string has an unbalanced quote (a quote inside a value must be doubled: ''); ${rest}`;
      else if (this.state === QQUOTE) problem = `the file ends inside the q'${this.qopen} string that opens on line ${this.stringLine}; it must end with ${this.qclose}; ${rest}`;
      else if (this.state === DQUOTE) problem = `the file ends inside the "quoted identifier" that opens on line ${this.stringLine}; ${rest}`;
      else if (this.state === BLOCK_COMMENT) problem = `the /* comment that opens on line ${this.commentLine} is never closed (close it with */); ${rest}`;
      if (text.length > 0) {
        this.ends?.push(this.dropped + this.buf.length);
        out.push(problem ? { kind: this.cmd ? 'command' : 'sql', text, line: this.startLine, problem, terminated: false } : { kind: this.cmd ? 'command' : 'sql', text, line: this.startLine, terminated: false });
      }
    }
    this.buf = '';
    this.pos = 0;
    this.start = -1;
    this.commentOpen = -1;
    return out;
  }

  /**
   * The file ended inside a /* comment: split the text from it on again as if the /* were not
   * there. Each statement found becomes one piece of that text (the first starts with the /*; text
   * between statements goes with the next one), so the pieces together hold all of it.
   */
  private recoverComment(out: SqlStatement[]): void {
    const from = this.start >= 0 ? this.start : this.commentOpen;
    const original = this.buf.slice(from);
    const at = this.commentOpen - from;
    const sub = new SqlSplitter(this.maxStatementChars, false);
    sub.line = this.start >= 0 ? this.startLine : this.commentLine;
    const found = sub.push(`${original.slice(0, at)}  ${original.slice(at + 2)}`);
    sub.end(found);
    const ends = sub.ends!;
    const sql = found.map((st, i) => ({ st, end: ends[i]! })).filter((x) => x.st.kind === 'sql');
    const problem = `the /* comment that opens on line ${this.commentLine} is never closed, so everything after it, this statement included, would be read as a comment; close the comment with */ where it should end (or remove the /*) and import again`;
    let prev = 0;
    let line = this.start >= 0 ? this.startLine : this.commentLine;
    sql.forEach(({ st, end }, k) => {
      let e = k === sql.length - 1 ? original.length : end;
      if (original.charCodeAt(e) === 59) e++; // the ';' belongs to its statement
      const piece = original.slice(prev, e);
      const lead = piece.length - piece.trimStart().length;
      line += countLf(original, prev, prev + lead);
      const text = piece.trim();
      if (text.length > 0) out.push({ kind: 'sql', text, line, problem: st.problem ? `${problem}; besides, ${st.problem}` : problem, terminated: false });
      line += countLf(original, prev + lead, e);
      prev = e;
    });
  }

  private compact(): void {
    const keep = Math.min(this.start >= 0 ? this.start : this.pos, this.commentOpen >= 0 ? this.commentOpen : this.pos);
    if (keep > 0) {
      this.dropped += keep;
      this.buf = this.buf.slice(keep);
      this.pos -= keep;
      if (this.commentOpen >= 0) this.commentOpen -= keep;
      if (this.stringOpen >= 0) this.stringOpen -= keep;
      this.resyncFrom = Math.max(0, this.resyncFrom - keep);
      if (this.start >= 0) this.start -= keep;
    }
  }

  private emit(end: number, out: SqlStatement[], problem?: string): void {
    this.ends?.push(this.dropped + end);
    const text = this.buf.slice(this.start, end).trimEnd();
    out.push(problem ? { kind: this.cmd ? 'command' : 'sql', text, line: this.startLine, problem, terminated: false } : { kind: this.cmd ? 'command' : 'sql', text, line: this.startLine, terminated: true });
    this.start = -1;
    this.cmd = false;
  }

  private run(final: boolean, out: SqlStatement[]): void {
    const s = this.buf;
    const n = s.length;
    let p = this.pos;
    let line = this.line;
    scan: while (p < n) {
      switch (this.state) {
        case NORMAL: {
          const c = s.charCodeAt(p);
          if (c === 10) { line++; p++; this.lineStart = true; continue; }
          if (c === 32 || c === 9 || c === 13 || c === 12) { p++; continue; }
          if (p + 1 >= n && !final && (c === 45 || c === 47 || c === 39 || c === 113 || c === 81 || c === 110 || c === 78)) break scan;
          const c2 = p + 1 < n ? s.charCodeAt(p + 1) : 0;
          if (c === 45 && c2 === 45) { this.state = LINE_COMMENT; p += 2; continue; }
          if (c === 47 && c2 === 42) { this.state = BLOCK_COMMENT; this.commentOpen = p; this.commentLine = line; p += 2; continue; }
          if (this.lineStart) {
            if (c === 47) {
              // A '/' alone on a line runs the buffered statement.
              const eol = s.indexOf('\n', p);
              if (eol < 0 && !final) break scan;
              const rest = s.slice(p + 1, eol < 0 ? n : eol);
              if (rest.trim() === '') {
                if (this.start >= 0) this.emit(p, out);
                p = eol < 0 ? n : eol;
                continue;
              }
            }
            if (this.start < 0) {
              if (p + 16 > n && !final && s.indexOf('\n', p) < 0) break scan;
              if (SQLPLUS.test(s.slice(p, p + 16))) {
                this.start = p;
                this.startLine = line;
                this.cmd = true;
                this.state = LINE_CMD;
                continue;
              }
            }
          }
          this.lineStart = false;
          if (this.start < 0) {
            this.start = p;
            this.startLine = line;
          }
          if (c === 39) { // '
            this.state = SQUOTE;
            this.stringOpen = p;
            this.stringLine = line;
            this.resyncFrom = p;
            const prev = p > 0 ? s.charCodeAt(p - 1) : 0;
            if ((prev === 113 || prev === 81) && p - 1 >= this.start) {
              const before = p - 2 >= 0 ? s[p - 2]! : ' ';
              if (!/[A-Za-z0-9_$#]/.test(before) || /[Nn]/.test(before)) {
                if (p + 1 >= n && !final) { this.state = NORMAL; break scan; }
                const open = s[p + 1] ?? '';
                this.qopen = open;
                this.qclose = (CLOSERS[open] ?? open) + "'";
                this.state = QQUOTE;
                p += 2;
                continue;
              }
            }
            p++;
            continue;
          }
          if (c === 34) { this.state = DQUOTE; this.stringLine = line; p++; continue; }
          if (c === 59) { this.emit(p, out); p++; continue; }
          p++;
          continue;
        }
        case SQUOTE:
        case QQUOTE: {
          const close = this.state === SQUOTE ? "'" : this.qclose;
          const j = s.indexOf(close, p);
          if (this.state === SQUOTE && j >= 0 && j + 1 >= n && !final) break scan;
          // Resync check over the string text seen so far.
          const spanEnd = j < 0 ? n : j;
          const from = Math.max(this.resyncFrom, this.stringOpen);
          if (s.indexOf('\n', from) >= 0 && s.indexOf('\n', from) < spanEnd) {
            RESYNC.lastIndex = 0;
            const m = RESYNC.exec(s.slice(from, spanEnd));
            if (m) {
              const semi = from + m.index;
              const nl = s.indexOf('\n', semi);
              line += countLf(s, p, nl + 1);
              this.emit(semi, out, `the string that opens on line ${this.stringLine} is not closed before the next INSERT on line ${line} (a quote inside a value must be doubled: '')`);
              this.state = NORMAL;
              this.lineStart = true;
              p = nl + 1;
              continue;
            }
          }
          if (j < 0) {
            if (!final) { this.resyncFrom = Math.max(this.stringOpen, n - 64); break scan; }
            line += countLf(s, p, n);
            p = n;
            break scan;
          }
          if (this.state === SQUOTE && s.charCodeAt(j + 1) === 39) {
            line += countLf(s, p, j + 2);
            p = j + 2;
            continue;
          }
          line += countLf(s, p, j + close.length);
          p = j + close.length;
          this.state = NORMAL;
          continue;
        }
        case DQUOTE: {
          const j = s.indexOf('"', p);
          if (j < 0) { if (!final) break scan; line += countLf(s, p, n); p = n; break scan; }
          line += countLf(s, p, j + 1);
          p = j + 1;
          this.state = NORMAL;
          continue;
        }
        case LINE_COMMENT:
        case LINE_CMD: {
          const j = s.indexOf('\n', p);
          if (j < 0) { if (!final) break scan; p = n; if (this.state === LINE_CMD) { this.state = NORMAL; this.emit(n, out); } else this.state = NORMAL; break scan; }
          if (this.state === LINE_CMD) this.emit(j, out);
          this.state = NORMAL;
          p = j; // NORMAL counts the newline
          continue;
        }
        case BLOCK_COMMENT: {
          const j = s.indexOf('*/', p);
          if (j < 0) { if (!final) { const keep = Math.max(p, n - 1); line += countLf(s, p, keep); p = keep; break scan; } line += countLf(s, p, n); p = n; break scan; }
          line += countLf(s, p, j + 2);
          p = j + 2;
          this.state = NORMAL;
          this.commentOpen = -1;
          continue;
        }
      }
    }
    this.pos = p;
    this.line = line;
  }
}

export function countLf(s: string, from: number, to: number): number {
  let c = 0;
  for (let i = s.indexOf('\n', from); i !== -1 && i < to; i = s.indexOf('\n', i + 1)) c++;
  return c;
}
