// Phone numbers by their digits, without a numbering plan: whether a value is shaped like a number,
// a number inside free text, and digit keys for search and linking. Validity against the numbering
// plan (libphonenumber) is phone-validator.ts; E.164 forms for matching are phones.ts.

/** Written with digits and + ( ) - . / and spaces only, 7-24 characters, 7-17 of them digits. */
export function looksLikePhone(t: string): boolean {
  if (t.length < 7 || t.length > 24) return false;
  let digits = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (!(c === 32 || c === 43 || c === 45 || c === 40 || c === 41 || c === 46 || c === 47)) return false;
  }
  return digits >= 7 && digits <= 17;
}

/** Digits only (for duplicate keys on numbers that do not validate). */
export function phoneDigits(t: string): string {
  let out = '';
  for (let i = 0; i < t.length; i++) {
    const ch = t.charCodeAt(i);
    if (ch >= 48 && ch <= 57) out += t[i];
  }
  return out;
}

/** Digits of a phone number with international prefixes reduced ("+44 7700 900123" -> "07700900123"). */
export function normalizePhone(s: string | null | undefined): string | null {
  if (!s) return null;
  let d = s.replace(/[^0-9+]/g, '');
  if (d.startsWith('+')) d = d.slice(1);
  else if (d.startsWith('00')) d = d.slice(2);
  else if (d.length > 0) return d.replace(/\+/g, '').length >= 5 ? d.replace(/\+/g, '') : null;
  d = d.replace(/\+/g, '');
  // country code 44 (UK) and 61 (AU) written internationally -> national form with trunk 0
  if ((d.startsWith('44') || d.startsWith('61')) && d.length >= 11) d = '0' + d.slice(2);
  return d.length >= 5 ? d : null;
}

/** Matching key of a phone: its last 9 digits (ignores trunk prefix and country code). */
export function phoneKey(s: string | null | undefined): string | null {
  const d = normalizePhone(s);
  if (!d) return null;
  return d.length > 9 ? d.slice(-9) : d;
}

const PHONE_IN_TEXT = /(?:\+|\b0)[\d\s().-]{8,}\d/;

/** The first phone number in free text (starting with + or 0, 9-15 digits), as matched, or null. */
export function phoneInText(text: string): string | null {
  const m = PHONE_IN_TEXT.exec(text);
  if (!m) return null;
  const digits = m[0].replace(/\D/g, '').length;
  return digits >= 9 && digits <= 15 ? m[0] : null;
}
