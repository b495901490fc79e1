// Normalised forms of contact fields, used as deterministic keys and as search terms.
import { normalizeText, tokenize } from '../embed/featurize.js';

/** Lower-cased, accent-folded name tokens ("O'Brien-Smith, Ann" -> ["obrien", "smith", "ann"]). */
export function nameTokens(s: string | null | undefined): string[] {
  return s ? tokenize(s) : [];
}

/**
 * Email in canonical form: trimmed, lower-cased, spaces removed, " at " / "(at)" and " dot " repaired.
 * Returns null when nothing like an address is left.
 */
export function normalizeEmail(s: string | null | undefined): string | null {
  if (!s) return null;
  let e = normalizeText(s.trim());
  e = e.replace(/\s*[([]\s*at\s*[)\]]\s*/g, '@').replace(/\s+at\s+/g, '@').replace(/\s*[([]\s*dot\s*[)\]]\s*/g, '.').replace(/\s+dot\s+/g, '.');
  e = e.replace(/^mailto:/, '').replace(/[\s<>"]/g, '');
  return e.length >= 3 && e.includes('@') ? e : null;
}

/** The parts of an email used for fuzzy matching: local-part tokens and the domain. */
export function emailParts(email: string): { local: string; domain: string; tokens: string[] } {
  const at = email.lastIndexOf('@');
  const local = at >= 0 ? email.slice(0, at) : email;
  const domain = at >= 0 ? email.slice(at + 1) : '';
  return { local, domain, tokens: local.split(/[^a-z0-9]+/).filter((t) => t.length > 0) };
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

/** Identifier in canonical form: alphanumerics only, upper-cased. */
export function normalizeId(s: string | null | undefined): string | null {
  if (!s) return null;
  const v = s.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return v.length > 0 ? v : null;
}

/** Date of birth as YYYYMMDD when it is recognisably a date, else null. */
export function normalizeDate(s: string | null | undefined): string | null {
  if (!s) return null;
  const t = s.trim();
  let m = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(t);
  if (m) return `${m[1]}${m[2]}${m[3]}`;
  m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(t);
  if (m) return `${m[3]}${m[2]!.padStart(2, '0')}${m[1]!.padStart(2, '0')}`;
  return null;
}
