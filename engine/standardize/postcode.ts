// Postcodes: which format a value has (UK, US ZIP, another plausible code), whether it is shaped
// like one (for guessing what a column holds), a UK postcode inside free text, and the compact
// and outward forms used as keys and search terms.
import { normalizeText } from './text.js';

// UK: outward A9, A99, AA9, AA99, A9A, AA9A, then inward 9AA; plus the one non-geographic GIR 0AA.
const UK_OUTWARD = '[A-Z]{1,2}\\d[A-Z\\d]?';
const UK_INWARD = '\\d[A-Z]{2}';
const UK_POSTCODE = new RegExp(`^(?:GIR ?0AA|${UK_OUTWARD} ?${UK_INWARD})$`, 'i');
const US_ZIP = /^\d{5}(?:-\d{4})?$/;
const OTHER_POSTCODE = /^(?=.*\d)[A-Z0-9](?:[A-Z0-9 -]{0,8})[A-Z0-9]$/i;

export type PostcodeClass = 'uk' | 'us' | 'other' | 'invalid';

/** UK postcode format (one optional space), US ZIP / ZIP+4, or another plausible code (2-10 letters/digits with a digit). */
export function postcodeClass(t: string): PostcodeClass {
  if (t.length < 2 || t.length > 10) return 'invalid';
  if (UK_POSTCODE.test(t)) return 'uk';
  if (US_ZIP.test(t)) return 'us';
  return OTHER_POSTCODE.test(t) ? 'other' : 'invalid';
}

const FOUR_DIGITS = /^\d{4}$/;

/**
 * Shaped like a postcode, for guessing a column: a UK postcode however spaced, a US ZIP or ZIP+4,
 * or four digits (Australia, New Zealand, much of Europe).
 */
export function looksLikePostcode(t: string): boolean {
  const s = t.trim();
  if (US_ZIP.test(s) || FOUR_DIGITS.test(s)) return true;
  return UK_POSTCODE.test(s.replace(/\s+/g, ' '));
}

const UK_IN_TEXT = new RegExp(`\\b(${UK_OUTWARD})\\s*(${UK_INWARD})\\b`, 'i');

/** The first UK postcode in free text: the text matched, and the code as "OUT IN" upper-cased. */
export function ukPostcodeInText(text: string): { text: string; postcode: string } | null {
  const m = UK_IN_TEXT.exec(text);
  return m ? { text: m[0], postcode: `${m[1]} ${m[2]}`.toUpperCase() } : null;
}

/** Postcode without spaces, upper-cased ("sw1a 1aa" -> "SW1A1AA"). */
export function normalizePostcode(s: string | null | undefined): string | null {
  if (!s) return null;
  const p = normalizeText(s).toUpperCase().replace(/[^A-Z0-9]/g, '');
  return p.length > 0 ? p : null;
}

/** Outward part of a UK-style postcode (all but the last three characters), or the whole code. */
export function postcodeOutward(p: string): string {
  return /[A-Z]/.test(p) && p.length >= 5 ? p.slice(0, -3) : p;
}
