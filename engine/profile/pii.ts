// PII class of a column: from the canonical attribute it feeds, else its header name, else its values.

import type { PiiBasis, PiiClass } from '../api/profile-types.js';
import { identityNumberFromHeader } from '../standardize/ids.js';

export type { PiiBasis, PiiClass };

export const CANONICAL_PII: Record<string, PiiClass> = {
  given_name: 'name',
  family_name: 'name',
  full_name: 'name',
  email: 'email',
  phone: 'phone',
  address_line: 'address',
  city: 'address',
  postcode: 'address',
  country: 'none',
  date_of_birth: 'date_of_birth',
  company: 'none',
  consent_email: 'none',
  consent_sms: 'none',
  notes: 'free_text',
  source_key: 'none',
};

/** Lower-case word tokens of a header: "DateOfBirth" → date, of, birth; "e_mail_addr" → e, mail, addr. */
export function headerTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 0);
}

const has = (toks: string[], words: readonly string[]) => toks.some((t) => words.includes(t));

/** Identity numbers (national id, tax id, account number): personal, and never judged as phones. */
export const isIdentityNumber = (c: PiiClass): boolean => c === 'national_id' || c === 'tax_id' || c === 'account_number';

/** Header-name hint, or null when the header says nothing. */
export function piiFromHeader(name: string): PiiClass | null {
  const toks = headerTokens(name);
  const joined = toks.join('');
  const identity = identityNumberFromHeader(name);
  if (identity) return identity;
  if (has(toks, ['dob', 'bday', 'birthday', 'birthdate', 'dateofbirth']) || joined.includes('birth')) return 'date_of_birth';
  if (has(toks, ['email', 'emails', 'mail']) || joined.includes('email')) return 'email';
  if (has(toks, ['phone', 'tel', 'telephone', 'mobile', 'cell', 'fax', 'msisdn', 'landline']) || /phone|mobile/.test(joined)) return 'phone';
  if (has(toks, ['company', 'organisation', 'organization', 'org', 'business', 'employer', 'product', 'brand', 'file', 'country', 'domain', 'source'])) return null;
  if (has(toks, ['name', 'names', 'firstname', 'lastname', 'surname', 'forename', 'forenames', 'given', 'family', 'fullname', 'first', 'last', 'middle', 'initials', 'contact']) || /(first|last|sur|fore|given|family|full)name/.test(joined)) return 'name';
  if (has(toks, ['address', 'addr', 'street', 'line1', 'line2', 'city', 'town', 'postcode', 'zip', 'zipcode', 'postal', 'county', 'locality', 'house', 'building', 'flat', 'suburb']) || /address|postcode|street/.test(joined)) return 'address';
  if (has(toks, ['notes', 'note', 'comment', 'comments', 'description', 'remarks', 'remark', 'memo', 'message', 'feedback', 'text'])) return 'free_text';
  return null;
}

/** Does the header (or canonical attribute) name a postcode field? */
export function isPostcodeHeader(name: string): boolean {
  const joined = headerTokens(name).join('');
  return /postcode|postalcode|zip|postal|post_?code/.test(joined);
}

export interface ValueEvidence {
  nonBlank: number;
  emailValid: number;
  phoneKind: number;
  nationalId: number;
  ukPostcode: number;
  meanLength: number;
  withSpaces: number;
}

/**
 * Value-based class when the names say nothing: ≥ 80 % of non-blank values valid emails → email,
 * phone-shaped → phone, NINO/SSN → national_id, UK postcodes → address; long values with spaces
 * (mean ≥ 30 chars, ≥ 50 % with a space) → free_text. Names and birth dates cannot be told from
 * values alone and need a header or a mapping.
 */
export function piiFromValues(e: ValueEvidence): PiiClass | null {
  if (e.nonBlank === 0) return null;
  const share = (x: number) => x / e.nonBlank;
  if (share(e.emailValid) >= 0.8) return 'email';
  if (share(e.phoneKind) >= 0.8) return 'phone';
  if (share(e.nationalId) >= 0.8) return 'national_id';
  if (share(e.ukPostcode) >= 0.8) return 'address';
  if (e.meanLength >= 30 && share(e.withSpaces) >= 0.5) return 'free_text';
  return null;
}
