// Do a column's sample values fit an attribute? Each attribute has a check on one trimmed value,
// built on the validators the rest of Aerie uses (engine/standardize); source keys and dates of
// birth are also judged on the column as a whole (unique values; a plausible range of births).
import { dateKey, detectDateFormat, isoDateTime, normalizeDate } from '../../standardize/dates.js';
import { looksLikeEmail } from '../../standardize/email.js';
import { nationalIdClass } from '../../standardize/ids.js';
import { looksLikePhone, phoneDigits } from '../../standardize/phone-digits.js';
import { looksLikePostcode, postcodeClass } from '../../standardize/postcode.js';

export interface Fit {
  /** Share of the non-blank sample values that fit (0 when there are none). */
  fit: number;
  fitting: number;
  checked: number;
  /** What a fitting value is, for the reason shown: "phone numbers", "dates (DD/MM/YYYY)". */
  what: string;
  /** Why the column as a whole does not fit although its values may (duplicate keys, recent dates). */
  veto?: string;
}

const HAS_LETTER = /\p{L}/u;
const FLAGS = new Set(['y', 'n', 'yes', 'no', 'true', 'false', 't', 'f', '1', '0', 'ja', 'nein', 'oui', 'non', 'si', 'sí', 'nee', 'x', 'optin', 'opt-in', 'optout', 'opt-out', 'opted in', 'opted out', 'subscribed', 'unsubscribed']);
const MONEY = /^[-+(]?\s*(?:[$€£¥]|[A-Z]{3})?\s*[-+]?\d{1,3}(?:[,.' \u00a0]?\d{3})*(?:[.,]\d{1,4})?\s*(?:[$€£¥]|[A-Z]{3})?\)?$/;

/** A yes/no flag as exports write them (Y/N, true/false, 1/0, ja/nein, oui/non, sí/no, opt-in…). */
export const isFlag = (t: string): boolean => FLAGS.has(t.toLowerCase());
/** An amount of money or a plain number: "29.85", "$1,234.50", "1.234,50 €", "(12.00)". */
export const isMoney = (t: string): boolean => MONEY.test(t);

/**
 * Name-like text: more letters (any script) than digits ("Smith12" is a dirty name, "C0001" is
 * an id), no @, at most `words` words, not a yes/no flag, a date or a postcode.
 */
export function isNameLike(t: string, words: number): boolean {
  if (t.length > 120 || t.includes('@') || t.split(/\s+/).length > words || isFlag(t)) return false;
  const letters = (t.match(/\p{L}/gu) ?? []).length;
  const digits = (t.match(/\d/g) ?? []).length;
  return letters > digits && dateKey(t) === null && !(digits > 0 && looksLikePostcode(t));
}

/** A date of birth: a calendar date (two-digit years as normalizeDate reads them) from 1900 to today, with no time of day. */
function isBirthDate(t: string): boolean {
  const d = normalizeDate(t);
  if (d === null || d < '19000101' || d > today()) return false;
  const iso = isoDateTime(t);
  return iso === null || !iso.includes('T') || /T00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)?$/.test(iso);
}

/**
 * A phone number as people write one, for a column whose header says nothing: phone-shaped
 * (looksLikePhone), not a date or a national id, and written like a number to dial: with +, a
 * leading 0 or separators and at least 9 digits, or 10 digits or more. A bare 7-digit run (an id,
 * FEBRL's soc_sec_id) or 19560409 (a date) is not.
 */
export function isWrittenPhone(t: string): boolean {
  if (!looksLikePhone(t) || normalizeDate(t) !== null || nationalIdClass(t) !== null) return false;
  const digits = phoneDigits(t).length;
  if (digits >= 10) return true;
  return digits >= 9 && (/^[+0(]/.test(t) || /[\s().\-/]/.test(t));
}

/** A postcode that cannot be a number: UK (with letters), ZIP+4 or a Dutch 1234 AB. Bare digit runs need the header. */
const isLetteredPostcode = (t: string): boolean => (looksLikePostcode(t) && HAS_LETTER.test(t)) || /^\d{5}-\d{4}$/.test(t) || /^\d{4} ?[A-Z]{2}$/i.test(t);

/** Per-value checks, and what the values are called in reasons. */
const CHECKS: Record<string, { test: (t: string) => boolean; what: string }> = {
  // under an email header a malformed address ('bob at example.com', 'cy@example') is still one, for the profile to flag
  email: { test: (t) => t.length <= 254 && !/\s.*\s.*\s/.test(t) && /@|\(at\)|\sat\s/i.test(t), what: 'email addresses' },
  phone: { test: (t) => looksLikePhone(t) && nationalIdClass(t) === null && dateKey(t) === null, what: 'phone numbers' },
  postcode: { test: (t) => (postcodeClass(t) !== 'invalid' || looksLikePostcode(t)) && dateKey(t) === null, what: 'postcodes' },
  date_of_birth: { test: isBirthDate, what: 'birth dates' },
  at: { test: (t) => isoDateTime(t) !== null, what: 'dates' },
  given_name: { test: (t) => isNameLike(t, 4), what: 'names' },
  family_name: { test: (t) => isNameLike(t, 4), what: 'names' },
  full_name: { test: (t) => isNameLike(t, 6), what: 'names' },
  city: { test: (t) => isNameLike(t, 5), what: 'place names' },
  country: { test: (t) => isNameLike(t, 5), what: 'country names or codes' },
  address_line: { test: (t) => t.length <= 200 && /[\p{L}\d]/u.test(t) && !looksLikeEmail(t) && !isFlag(t), what: 'address text' },
  company: { test: (t) => t.length <= 200 && HAS_LETTER.test(t) && !isFlag(t), what: 'names' },
  consent_email: { test: isFlag, what: 'yes/no flags' },
  consent_sms: { test: isFlag, what: 'yes/no flags' },
  notes: { test: (t) => t.length > 0, what: 'text' },
  text: { test: (t) => t.length > 0, what: 'text' },
  type: { test: (t) => t.length <= 100 && HAS_LETTER.test(t), what: 'short labels' },
  channel: { test: (t) => t.length <= 100 && HAS_LETTER.test(t), what: 'short labels' },
  amount: { test: isMoney, what: 'amounts' },
};

/** Stricter checks for a column whose header says nothing, so that only unmistakable shapes are suggested. */
export const VALUE_ONLY: Record<string, Record<string, { test: (t: string) => boolean; what: string }>> = {
  customers: {
    email: { test: looksLikeEmail, what: 'email addresses' },
    postcode: { test: isLetteredPostcode, what: 'postcodes' },
    date_of_birth: CHECKS.date_of_birth!,
    phone: { test: isWrittenPhone, what: 'phone numbers' },
  },
  events: { at: CHECKS.at! },
};

/** Today as yyyymmdd (a birth date cannot be later). */
const today = (): string => new Date().toISOString().slice(0, 10).replace(/-/g, '');

const present = (values: (string | null)[]) => values.map((v) => (v ?? '').trim()).filter((t) => t.length > 0);

function share(values: string[], test: (t: string) => boolean, what: string): Fit {
  let fitting = 0;
  for (const t of values) if (test(t)) fitting++;
  return { fit: values.length === 0 ? 0 : fitting / values.length, fitting, checked: values.length, what };
}

/** A source key: every sampled row has one (and, in a customer file, its own); short, not free text. */
function keyFit(values: (string | null)[], unique: boolean): Fit {
  const vals = present(values);
  const distinct = new Set(vals).size;
  const fitting = unique ? distinct : vals.length;
  const f: Fit = { fit: values.length === 0 ? 0 : fitting / values.length, fitting, checked: values.length, what: unique ? 'unique, non-empty keys' : 'non-empty keys' };
  if (vals.some((t) => t.length > 64)) f.veto = 'some values are longer than a key (64 characters)';
  return f;
}

/**
 * Dates of birth: each value a birth date, few with a time of day; from the values alone
 * (`strict`) the dates must also spread over a lifetime rather than the last ten years.
 */
function birthFit(values: (string | null)[], strict: boolean): Fit {
  const vals = present(values);
  const guess = detectDateFormat(vals);
  const f = share(vals, isBirthDate, guess.format ? `birth dates (${guess.format})` : 'birth dates');
  if (guess.timed > vals.length * 0.2) f.veto = `${guess.timed} of ${vals.length} values have a time of day (timestamps, not birth dates)`;
  const keys = vals.map((t) => normalizeDate(t)).filter((d): d is string => d !== null).sort();
  const median = keys[Math.floor(keys.length / 2)];
  const recent = String(new Date().getUTCFullYear() - 10);
  if (strict && !f.veto && median !== undefined && median.slice(0, 4) > recent) f.veto = `most dates are after ${recent} (record dates, not birth dates)`;
  return f;
}

/** How well a column's sample values fit an attribute, or null when there is nothing to check. */
export function valueFit(attribute: string, values: (string | null)[], kind: 'customers' | 'events', strict = false): Fit | null {
  if (attribute === 'source_key') return keyFit(values, kind === 'customers');
  const vals = present(values);
  if (vals.length === 0) return null;
  if (attribute === 'date_of_birth') return birthFit(values, strict);
  const check = strict ? VALUE_ONLY[kind]?.[attribute] : CHECKS[attribute];
  if (!check) return null;
  if (attribute === 'at') {
    const g = detectDateFormat(vals);
    return share(vals, check.test, g.format ? `dates (${g.format})` : check.what);
  }
  return share(vals, check.test, check.what);
}
