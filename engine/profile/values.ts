// Per-value tests: blank, kind (type inference), shape. Hand-written char loops on the hot paths;
// regexes only on short candidate strings. What a date, an email or a phone number is, is
// standardize's (one set of rules for import, profile, search and matching).

import type { ValueKind } from '../api/profile-types.js';
import { D, parseDate } from '../standardize/dates.js';
import { isEmail } from '../standardize/email.js';
import { looksLikePhone } from '../standardize/phone-digits.js';

// engine/resolve (work in progress) reads dates through this module; new code imports standardize.
export { D, parseDate, type DateParse } from '../standardize/dates.js';

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
  if (looksLikePhone(t)) {
    lastPhoneLike = true;
    return 'phone';
  }
  return 'text';
}
