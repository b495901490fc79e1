// Per-value tests: blank, kind (type inference), shape, date parsing, email/postcode/national-id
// syntax. Hand-written char loops on the hot paths; regexes only on short candidate strings.

import type { ValueKind } from '../api/profile-types.js';

export type { ValueKind };
export const VALUE_KINDS: readonly ValueKind[] = ['boolean', 'integer', 'decimal', 'date', 'email', 'phone', 'text'];

function isWs(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 160 || c === 0xfeff || (c >= 0x2000 && c <= 0x200a) || c === 0x3000;
}

/** Empty or whitespace only. */
export function isBlank(v: string): boolean {
  if (v.length === 0) return true;
  if (!isWs(v.charCodeAt(0))) return false;
  for (let i = 1; i < v.length; i++) if (!isWs(v.charCodeAt(i))) return false;
  return true;
}

/** Leading or trailing whitespace (a cleaning issue worth counting). */
export function hasOuterWs(v: string): boolean {
  return v.length > 0 && (isWs(v.charCodeAt(0)) || isWs(v.charCodeAt(v.length - 1)));
}

// ---------------------------------------------------------------- shapes

/** Runs of one symbol longer than this are written as the symbol followed by '+'. */
export const SHAPE_RUN_MAX = 4;
/** Shapes are cut after this many runs and end with "…". */
export const SHAPE_MAX_SYMBOLS = 40;

const UPPER = /\p{Lu}|\p{Lt}/u;
const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

/** Shape symbol per ASCII code. */
const ASCII_SYM = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  ASCII_SYM[c] = c >= 97 && c <= 122 ? 97 : c >= 65 && c <= 90 ? 65 : c >= 48 && c <= 57 ? 57 : isWs(c) ? 32 : c;
}
const SYM_STR = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c));
const RUNS = new Map<number, string[]>();

function shapeSymbol(c: number): number {
  if (c < 128) return ASCII_SYM[c]!;
  if (isWs(c)) return 32;
  if (c >= 0xd800 && c <= 0xdfff) return c; // surrogate halves: keep (rare in CRM data)
  const ch = String.fromCharCode(c);
  if (UPPER.test(ch)) return 65;
  if (LETTER.test(ch)) return 97;
  if (DIGIT.test(ch)) return 57;
  return c;
}

/** The written form of a run of `n` symbols `s`: the symbol n times (n ≤ 4), else symbol + '+'. */
function runText(s: number, n: number): string {
  let forms = RUNS.get(s);
  if (!forms) {
    const ch = s < 128 ? SYM_STR[s]! : String.fromCharCode(s);
    forms = [''];
    for (let i = 1; i <= SHAPE_RUN_MAX; i++) forms.push(ch.repeat(i));
    forms.push(ch + '+');
    if (RUNS.size < 4096) RUNS.set(s, forms);
  }
  return forms[n > SHAPE_RUN_MAX ? SHAPE_RUN_MAX + 1 : n]!;
}

/**
 * The value's shape: upper-case letters → A, lower-case → a, digits → 9, any whitespace → space,
 * everything else kept. A run of the same symbol up to 4 long is written out ("John 12" →
 * "Aaaa 99", "Smith" → "Aaaaa"); a longer run becomes the symbol and "+" ("Jonathan" → "Aa+", "07700 900123" → "9+ 9+").
 * Shapes stop after 40 runs with '…'.
 */
export function shapeOf(v: string): string {
  let out = '';
  let runs = 0;
  let prev = -1;
  let run = 0;
  for (let i = 0; i < v.length; i++) {
    const s = shapeSymbol(v.charCodeAt(i));
    if (s === prev) {
      run++;
      continue;
    }
    if (run > 0) {
      out += runText(prev, run);
      if (++runs >= SHAPE_MAX_SYMBOLS) return out + '…';
    }
    prev = s;
    run = 1;
  }
  if (run > 0) out += runText(prev, run);
  return out;
}

// ---------------------------------------------------------------- dates

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
};

function daysIn(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** yyyymmdd as a number, or -1 when not a real calendar date. */
function ymd(y: number, m: number, d: number): number {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return -1;
  return y * 10000 + m * 100 + d;
}

/** Two-digit years follow Oracle's RR rule as seen from this century: 00-49 → 20xx, 50-99 → 19xx. */
function year2(s: string): number {
  const n = Number(s);
  return s.length === 2 ? (n < 50 ? 2000 + n : 1900 + n) : n;
}

export function isoOfKey(k: number): string {
  const y = Math.floor(k / 10000);
  const m = Math.floor(k / 100) % 100;
  const d = k % 100;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export interface DateParse {
  /** 0 not a date, 1 one reading, 2 day/month ambiguous (both readings valid and different). */
  kind: 0 | 1 | 2;
  /** The date (kind 1), or the day-first reading (kind 2), as yyyymmdd. */
  a: number;
  /** The month-first reading (kind 2). */
  b: number;
  format: string;
  /** 1 when only a day-first reading fits (e.g. 25/12/1980), 2 when only month-first fits. */
  evidence: 0 | 1 | 2;
}

/** Result slot reused by parseDate (no allocation per value). */
export const D: DateParse = { kind: 0, a: -1, b: -1, format: '', evidence: 0 };

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:([T ])\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const YMD_SLASH = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/;
const NUMERIC = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp][Mm])?)?$/;
const MON = /^(\d{1,2})([- ])([A-Za-z]{3,9})\.?\2(\d{4}|\d{2})(?:[ :]\d{1,2}[.:]\d{2}(?:[.:]\d{2}(?:[.,]\d+)?)?(?:\s?[AaPp]\.?[Mm]\.?)?)?$/;
const MON_FIRST = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/;

/**
 * Parse the common date formats of CRM exports into D:
 *   ISO 8601 date or date-time (YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS][Z]), YYYY/MM/DD;
 *   DD/MM/YYYY, MM/DD/YYYY, with '/', '.' or '-' and 2- or 4-digit years (when both parts are
 *   ≤ 12 both readings are kept and the column decides; see ColumnProfiler);
 *   Oracle DD-MON-YY / DD-MON-RR / DD-MON-YYYY (optionally with a time), "12 March 1985",
 *   "Mar 12, 1985". Two-digit years use the RR rule. Returns D.kind.
 */
export function parseDate(t: string): 0 | 1 | 2 {
  D.kind = 0;
  const n = t.length;
  if (n < 6 || n > 40) return 0;
  const c0 = t.charCodeAt(0);
  if (c0 >= 48 && c0 <= 57) {
    const c2 = t.charCodeAt(2);
    const c4 = t.charCodeAt(4);
    if (c4 === 45 /* - */) {
      const m = ISO.exec(t);
      if (m) return one(ymd(+m[1]!, +m[2]!, +m[3]!), m[4] ? 'ISO date-time' : 'YYYY-MM-DD');
    }
    if (c4 === 47 || c4 === 46) {
      const m = YMD_SLASH.exec(t);
      if (m) return one(ymd(+m[1]!, +m[2]!, +m[3]!), 'YYYY/MM/DD');
    }
    const c1 = t.charCodeAt(1);
    const sep = c1 >= 48 && c1 <= 57 ? c2 : c1;
    if (sep === 47 || sep === 46 || sep === 45) {
      const m = NUMERIC.exec(t);
      if (m) {
        const p = +m[1]!;
        const q = +m[3]!;
        const y = year2(m[4]!);
        const sepName = m[2]!;
        const dmy = ymd(y, q, p);
        const mdy = ymd(y, p, q);
        const yy = m[4]!.length === 2 ? 'YY' : 'YYYY';
        if (dmy > 0 && mdy > 0 && dmy !== mdy) {
          D.kind = 2;
          D.evidence = 0;
          D.a = dmy;
          D.b = mdy;
          D.format = `DD${sepName}MM${sepName}${yy} or MM${sepName}DD${sepName}${yy}`;
          return 2;
        }
        if (dmy > 0) {
          if (p === q) return one(dmy, `DD${sepName}MM${sepName}${yy} or MM${sepName}DD${sepName}${yy}`);
          one(dmy, `DD${sepName}MM${sepName}${yy}`);
          D.evidence = 1;
          return 1;
        }
        if (mdy > 0) {
          one(mdy, `MM${sepName}DD${sepName}${yy}`);
          D.evidence = 2;
          return 1;
        }
        return 0;
      }
    }
    if (sep === 45 || sep === 32 || c2 === 45 || c2 === 32) {
      const m = MON.exec(t);
      if (m) {
        const mon = MONTHS[m[3]!.toLowerCase()];
        if (mon === undefined) return 0;
        const fmt = m[2] === '-' ? (m[3]!.length === 3 ? `DD-MON-${m[4]!.length === 2 ? 'YY' : 'YYYY'}` : `DD-MONTH-${m[4]!.length === 2 ? 'YY' : 'YYYY'}`) : 'DD Month YYYY';
        return one(ymd(year2(m[4]!), mon, +m[1]!), fmt);
      }
    }
    return 0;
  }
  if ((c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122)) {
    const m = MON_FIRST.exec(t);
    if (m) {
      const mon = MONTHS[m[1]!.toLowerCase()];
      if (mon !== undefined) return one(ymd(+m[3]!, mon, +m[2]!), 'Month DD, YYYY');
    }
  }
  return 0;
}

function one(k: number, format: string): 0 | 1 {
  if (k < 0) return 0;
  D.kind = 1;
  D.evidence = 0;
  D.a = k;
  D.b = k;
  D.format = format;
  return 1;
}

/** A date value as ISO yyyy-mm-dd (day-first unless `monthFirst`), or null. */
export function toIsoDate(t: string, monthFirst: boolean): string | null {
  const k = parseDate(t.trim());
  if (k === 0) return null;
  return isoOfKey(k === 2 && monthFirst ? D.b : D.a);
}

// ---------------------------------------------------------------- syntax checks

const EMAIL =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/** RFC 5321-style address syntax: dot-atom local part (≤ 64), dotted host names, alphabetic TLD. ASCII only. */
export function isEmail(t: string): boolean {
  if (t.length < 6 || t.length > 254) return false;
  const at = t.indexOf('@');
  if (at < 1 || at > 64) return false;
  return EMAIL.test(t);
}

export type PostcodeClass = 'uk' | 'us' | 'other' | 'invalid';
const UK_POSTCODE = /^(?:GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})$/i;
const US_ZIP = /^\d{5}(?:-\d{4})?$/;
const OTHER_POSTCODE = /^(?=.*\d)[A-Z0-9](?:[A-Z0-9 -]{0,8})[A-Z0-9]$/i;

/** UK postcode format (outward A9, A99, AA9, AA99, A9A, AA9A + inward 9AA), US ZIP / ZIP+4, or another plausible code. */
export function postcodeClass(t: string): PostcodeClass {
  if (t.length < 2 || t.length > 10) return 'invalid';
  if (UK_POSTCODE.test(t)) return 'uk';
  if (US_ZIP.test(t)) return 'us';
  return OTHER_POSTCODE.test(t) ? 'other' : 'invalid';
}

export type NationalIdClass = 'nino' | 'ssn' | null;
const NINO = /^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]$/i;
const SSN = /^(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}$/;

/** UK National Insurance number or US Social Security number (formatted). */
export function nationalIdClass(t: string): NationalIdClass {
  if (t.length < 9 || t.length > 13) return null;
  if (SSN.test(t)) return 'ssn';
  if (NINO.test(t)) return 'nino';
  return null;
}

// ---------------------------------------------------------------- kinds

const BOOLS = new Set(['true', 'false', 'yes', 'no', 'y', 'n', 't', 'f']);
const DECIMAL = /^[+-]?(?:\d+\.\d*|\.\d+|\d+(?:\.\d+)?[eE][+-]?\d+|\d{1,3}(?:,\d{3})+(?:\.\d+)?)$/;

/** Numeric value of the last value classified integer/decimal. */
export let lastNumber = 0;
/** Digits in the last value classified phone (or phone-like integer). */
export let lastPhoneLike = false;

function digitsOnly(t: string, from: number): boolean {
  if (from >= t.length) return false;
  for (let i = from; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Chars a phone number may be written with; at most 17 digits, at least 7. */
function phoneLike(t: string): boolean {
  if (t.length < 7 || t.length > 24) return false;
  let digits = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (!(c === 32 || c === 43 || c === 45 || c === 40 || c === 41 || c === 46 || c === 47)) return false;
  }
  return digits >= 7 && digits <= 17;
}

/**
 * Classify a trimmed, non-empty value. Order matters: boolean words, integers (digits only; but a
 * leading-zero run of 10-11 digits, e.g. 07700900123, reads as a phone number), decimals (also
 * 1,234.56 and 1e5), dates (see parseDate; result left in D), emails (syntax valid), phone-like
 * strings (digits with + ( ) - . / and spaces, 7-17 digits), else text.
 */
export function classify(t: string): ValueKind {
  lastPhoneLike = false;
  const c0 = t.charCodeAt(0);
  const n = t.length;
  if (n <= 5 && BOOLS.has(t.toLowerCase())) {
    D.kind = 0;
    return 'boolean';
  }
  const signed = c0 === 43 || c0 === 45;
  if (digitsOnly(t, signed ? 1 : 0)) {
    D.kind = 0;
    if (c0 === 48 && n >= 10 && n <= 11) {
      lastPhoneLike = true;
      return 'phone';
    }
    lastNumber = Number(t);
    lastPhoneLike = n >= 7 && n <= 17 && !signed;
    return 'integer';
  }
  if ((c0 >= 48 && c0 <= 57) || signed || c0 === 46) {
    if (DECIMAL.test(t)) {
      D.kind = 0;
      lastNumber = Number(t.replace(/,/g, ''));
      return 'decimal';
    }
  }
  if (parseDate(t) !== 0) return 'date';
  if (t.indexOf('@') > 0 && isEmail(t)) return 'email';
  if (phoneLike(t)) {
    lastPhoneLike = true;
    return 'phone';
  }
  return 'text';
}
