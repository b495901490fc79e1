// Parser for one Oracle INSERT statement as written by SQL Developer / SQLcl exports:
//   Insert into SCHEMA.TABLE (COL1,COL2) values ('a',to_date('12-JAN-01','DD-MON-RR'));
// Value semantics (Oracle's):
// - NULL and '' are both null (Oracle stores the empty string as NULL).
// - Numbers are kept as written (no float rounding).
// - TO_DATE / TO_TIMESTAMP(_TZ) / DATE '...' / TIMESTAMP '...' become ISO 8601 when the mask is
//   understood (see standardize/oracle-dates.ts), otherwise the literal string is kept verbatim.
// - 'a' || 'b', TO_CLOB('...'), TO_CHAR/TO_NUMBER('...'), CHR(n), HEXTORAW('..') are evaluated;
//   EMPTY_CLOB() / EMPTY_BLOB() are null; other expressions (SYSDATE, user functions) are kept as
//   their source text.

import { oracleDateToIso } from '../../standardize/oracle-dates.js';

export interface ParsedInsert {
  table: string;
  columns: string[] | null;
  values: (string | null)[];
}

export class SqlSyntaxError extends Error {
  /** The message without quoted file text, for errors that are printed (they must not echo data). */
  readonly brief: string;
  constructor(message: string, readonly offset: number, brief?: string) {
    super(message);
    this.brief = brief ?? message;
  }
}

type TokType = 'ident' | 'qident' | 'string' | 'number' | 'punct' | 'end';
interface Tok { type: TokType; value: string; start: number; end: number }

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_$#]/;
const CLOSERS: Record<string, string> = { '[': ']', '{': '}', '<': '>', '(': ')' };

function tokenize(s: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  const n = s.length;
  while (i < n) {
    const c = s[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f') { i++; continue; }
    if (c === '-' && s[i + 1] === '-') { const j = s.indexOf('\n', i); i = j < 0 ? n : j + 1; continue; }
    if (c === '/' && s[i + 1] === '*') {
      const j = s.indexOf('*/', i + 2);
      if (j < 0) throw new SqlSyntaxError('unclosed /* comment', i);
      i = j + 2;
      continue;
    }
    const start = i;
    // q'[..]', nq'[..]', N'..'
    const lower = c.toLowerCase();
    if ((lower === 'q' && s[i + 1] === "'") || (lower === 'n' && (s[i + 1] === 'q' || s[i + 1] === 'Q') && s[i + 2] === "'")) {
      const q = lower === 'q' ? i + 1 : i + 2;
      const open = s[q + 1];
      if (open === undefined) throw new SqlSyntaxError("unfinished q'...' string", start);
      const close = (CLOSERS[open] ?? open) + "'";
      const j = s.indexOf(close, q + 2);
      if (j < 0) throw new SqlSyntaxError("q'...' string is not closed", start);
      toks.push({ type: 'string', value: s.slice(q + 2, j), start, end: j + 2 });
      i = j + 2;
      continue;
    }
    if (c === "'" || (lower === 'n' && s[i + 1] === "'")) {
      let j = c === "'" ? i + 1 : i + 2;
      let v = '';
      for (;;) {
        const k = s.indexOf("'", j);
        if (k < 0) throw new SqlSyntaxError('string is not closed', start);
        if (s[k + 1] === "'") { v += s.slice(j, k + 1); j = k + 2; continue; }
        v += s.slice(j, k);
        i = k + 1;
        break;
      }
      toks.push({ type: 'string', value: v, start, end: i });
      continue;
    }
    if (c === '"') {
      const j = s.indexOf('"', i + 1);
      if (j < 0) throw new SqlSyntaxError('"quoted identifier" is not closed', start);
      toks.push({ type: 'qident', value: s.slice(i + 1, j), start, end: j + 1 });
      i = j + 1;
      continue;
    }
    if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < n && IDENT_PART.test(s[j]!)) j++;
      toks.push({ type: 'ident', value: s.slice(i, j), start, end: j });
      i = j;
      continue;
    }
    if ((c >= '0' && c <= '9') || (c === '.' && /\d/.test(s[i + 1] ?? ''))) {
      const m = /^(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?[fFdD]?/.exec(s.slice(i, i + 64))!;
      toks.push({ type: 'number', value: m[0], start, end: i + m[0].length });
      i += m[0].length;
      continue;
    }
    if (c === '|' && s[i + 1] === '|') { toks.push({ type: 'punct', value: '||', start, end: i + 2 }); i += 2; continue; }
    if ('(),.;+-*/:'.includes(c)) { toks.push({ type: 'punct', value: c, start, end: i + 1 }); i++; continue; }
    throw new SqlSyntaxError(`unexpected character ${JSON.stringify(c)}`, i, 'unexpected character');
  }
  toks.push({ type: 'end', value: '', start: n, end: n });
  return toks;
}

interface Val { v: string | null; isString: boolean }

export function parseInsert(sql: string): ParsedInsert {
  const toks = tokenize(sql);
  let k = 0;
  const peek = () => toks[k]!;
  const describe = (t: Tok) => (t.type === 'end' ? 'the end of the statement' : JSON.stringify(sql.slice(t.start, Math.min(t.end, t.start + 30))));
  const fail = (what: string): never => {
    const t = peek();
    throw new SqlSyntaxError(`expected ${what} but found ${describe(t)}`, t.start, `expected ${what}`);
  };
  const isKw = (w: string) => peek().type === 'ident' && peek().value.toUpperCase() === w;
  const kw = (w: string) => { if (!isKw(w)) fail(w); k++; };
  const punct = (p: string) => { if (peek().type !== 'punct' || peek().value !== p) fail(`'${p}'`); k++; };
  const isPunct = (p: string) => peek().type === 'punct' && peek().value === p;
  const name = (what: string): string => {
    const t = peek();
    if (t.type !== 'ident' && t.type !== 'qident') fail(what);
    k++;
    return t.value;
  };

  kw('INSERT');
  kw('INTO');
  let table = name('a table name');
  while (isPunct('.')) { k++; table += '.' + name('a table name after "."'); }
  if (peek().type === 'ident' && !isKw('VALUES')) k++; // alias
  let columns: string[] | null = null;
  if (isPunct('(')) {
    k++;
    columns = [name('a column name')];
    while (isPunct(',')) { k++; columns.push(name('a column name')); }
    punct(')');
  }
  kw('VALUES');
  punct('(');
  const values: (string | null)[] = [];
  values.push(expr().v);
  while (isPunct(',')) { k++; values.push(expr().v); }
  punct(')');
  if (peek().type !== 'end') fail(`the end of the statement after value ${values.length}`);
  return { table, columns, values };

  function expr(): Val {
    let left = term();
    if (!isPunct('||')) return left;
    let acc = left.v ?? '';
    while (isPunct('||')) {
      k++;
      left = term();
      acc += left.v ?? '';
    }
    return { v: acc === '' ? null : acc, isString: true };
  }

  function term(): Val {
    const t = peek();
    if (t.type === 'string') { k++; return { v: t.value === '' ? null : t.value, isString: true }; }
    if (t.type === 'number') { k++; return { v: t.value, isString: false }; }
    if (t.type === 'punct' && (t.value === '-' || t.value === '+') && toks[k + 1]?.type === 'number') {
      k += 2;
      return { v: (t.value === '-' ? '-' : '') + toks[k - 1]!.value, isString: false };
    }
    if (t.type === 'punct' && t.value === '(') {
      k++;
      const v = expr();
      punct(')');
      return v;
    }
    if (t.type === 'ident') {
      const up = t.value.toUpperCase();
      if (up === 'NULL') { k++; return { v: null, isString: false }; }
      if ((up === 'DATE' || up === 'TIMESTAMP') && toks[k + 1]?.type === 'string') {
        k += 2;
        const lit = toks[k - 1]!.value;
        const iso = up === 'DATE' ? oracleDateToIso(lit, 'YYYY-MM-DD') : oracleDateToIso(lit, 'YYYY-MM-DD HH24:MI:SS.FF', 'timestamp') ?? oracleDateToIso(lit, 'YYYY-MM-DD HH24:MI:SS', 'timestamp');
        return { v: iso ?? lit, isString: true };
      }
      let j = k + 1;
      while (toks[j]?.type === 'punct' && toks[j]!.value === '.' && (toks[j + 1]?.type === 'ident')) j += 2;
      if (toks[j]?.type === 'punct' && toks[j]!.value === '(') {
        const fname = toks.slice(k, j).map((x) => x.value).join('').toUpperCase();
        const startTok = t;
        k = j + 1;
        const args: Val[] = [];
        if (!isPunct(')')) {
          args.push(expr());
          while (isPunct(',')) { k++; args.push(expr()); }
        }
        punct(')');
        return call(fname, args, sql.slice(startTok.start, toks[k - 1]!.end));
      }
      // Bare identifier: SYSDATE, CURRENT_TIMESTAMP, TRUE, ...
      k = j;
      return { v: sql.slice(t.start, toks[j - 1]!.end), isString: false };
    }
    return fail('a value');
  }

  function call(fname: string, args: Val[], source: string): Val {
    const a0 = args[0]?.v ?? null;
    switch (fname) {
      case 'TO_DATE':
      case 'TO_TIMESTAMP':
      case 'TO_TIMESTAMP_TZ': {
        if (a0 === null) return { v: null, isString: true };
        const mask = args[1]?.v;
        if (!mask) return { v: a0, isString: true };
        return { v: oracleDateToIso(a0, mask, fname === 'TO_DATE' ? 'date' : 'timestamp') ?? a0, isString: true };
      }
      case 'TO_CLOB': case 'TO_NCLOB': case 'TO_CHAR': case 'TO_NCHAR': case 'TO_NUMBER':
      case 'TO_BINARY_DOUBLE': case 'TO_BINARY_FLOAT': case 'HEXTORAW': case 'TO_BLOB':
        if (args.length === 1) return { v: a0, isString: true };
        return { v: source, isString: false };
      case 'CHR': case 'NCHR': {
        const code = Number(a0);
        return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? { v: String.fromCodePoint(code), isString: true } : { v: source, isString: false };
      }
      case 'EMPTY_CLOB': case 'EMPTY_BLOB':
        return { v: null, isString: true };
      default:
        return { v: source, isString: false };
    }
  }
}

/** 'line L, column C' of an offset within a statement that starts on `line`. */
export function locate(sql: string, offset: number, line: number): { line: number; col: number } {
  let l = line;
  let last = -1;
  for (let i = sql.indexOf('\n'); i !== -1 && i < offset; i = sql.indexOf('\n', i + 1)) { l++; last = i; }
  return { line: l, col: offset - last };
}
