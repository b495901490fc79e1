// What each golden attribute means for survivorship: the key two values are "the same" by (so
// "Ann@Example.com" and "ann@example.com" count as one value), and whether a value is valid
// (emails and phones by the standardize validators; other attributes have no validity test).
import type { GoldenAttribute } from '../api/golden.js';
import { isEmail, normalizeEmail } from '../standardize/email.js';
import { phoneE164 } from '../standardize/phones.js';
import { normalizePostcode } from '../standardize/postcode.js';
import { normalizeText } from '../standardize/text.js';

export const GOLDEN_ATTRIBUTES: readonly GoldenAttribute[] = ['given_name', 'family_name', 'full_name', 'email', 'phone', 'address_line', 'city', 'postcode', 'country', 'date_of_birth', 'company'];

/** Attributes that identify a person directly: tokens in a pseudonymised export. */
export const DIRECT_IDENTIFIERS: ReadonlySet<GoldenAttribute> = new Set(['given_name', 'family_name', 'full_name', 'email', 'phone', 'address_line', 'postcode', 'date_of_birth']);

/** Free text (a company name is often a sole trader's own name): left out of a pseudonymised export. */
export const FREE_TEXT: ReadonlySet<GoldenAttribute> = new Set(['company']);

const folded = (v: string) => normalizeText(v).replace(/\s+/g, ' ').trim();

// A UK number written with digits, spaces, dots, dashes or brackets, as 0, +44 or 0044 and a ten-digit
// national number of a geographic, non-geographic or mobile range: its E.164 form is +44 and those ten
// digits, as libphonenumber says (test/unit/golden/phone-key.test.ts checks the two agree), without
// its parse (most of a 1M-record golden build's time went to parsing phones).
const UK_PLAIN = /^[\d\s().-]+$|^\+[\d\s().-]+$/;
const UK_TEN = /^(?:\+44|0044|0)([1-357-9]\d{9})$/;

/** E.164 form of a phone number, or null where libphonenumber reads no possible number. */
export function phoneKey(value: string, country: string): string | null {
  if (country === 'GB') {
    const t = value.trim();
    if (t.length >= 5 && t.length <= 40 && UK_PLAIN.test(t)) {
      const m = UK_TEN.exec(t.replace(/[^\d+]/g, ''));
      if (m) return `+44${m[1]}`;
    }
  }
  return phoneE164(value, country);
}

/** A value's comparison key (never empty for a non-blank value) and whether it passes the
 * attribute's validator (true where there is none), with one parse of an email or phone. */
export function keyAndValidity(attribute: GoldenAttribute, value: string, country: string): { key: string; valid: boolean } {
  switch (attribute) {
    case 'email': {
      const e = normalizeEmail(value);
      return { key: e ?? folded(value), valid: e !== null && isEmail(e) };
    }
    case 'phone': {
      const e = phoneKey(value, country);
      return { key: e ?? value.replace(/\D+/g, ''), valid: e !== null };
    }
    case 'postcode':
      return { key: normalizePostcode(value) ?? folded(value), valid: true };
    default:
      return { key: folded(value), valid: true };
  }
}

/** The comparison key of a value (never empty for a non-blank value). */
export const valueKey = (attribute: GoldenAttribute, value: string, country: string): string => keyAndValidity(attribute, value, country).key;

/** Whether the value passes the attribute's validator (true where there is none). */
export const isValid = (attribute: GoldenAttribute, value: string, country: string): boolean => keyAndValidity(attribute, value, country).valid;
