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

/** The comparison key of a value (never empty for a non-blank value). */
export function valueKey(attribute: GoldenAttribute, value: string, country: string): string {
  switch (attribute) {
    case 'email':
      return normalizeEmail(value) ?? folded(value);
    case 'phone':
      return phoneE164(value, country) ?? value.replace(/\D+/g, '');
    case 'postcode':
      return normalizePostcode(value) ?? folded(value);
    default:
      return folded(value);
  }
}

/** Whether the value passes the attribute's validator (true where there is none). */
export function isValid(attribute: GoldenAttribute, value: string, country: string): boolean {
  if (attribute === 'email') {
    const e = normalizeEmail(value);
    return e !== null && isEmail(e);
  }
  if (attribute === 'phone') return phoneE164(value, country) !== null;
  return true;
}
