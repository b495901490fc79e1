// Email addresses: is a value one (isEmail: valid syntax; looksLikeEmail: shaped like one, for
// guessing what a column holds), its canonical form for keys and search terms, and its parts.
import { normalizeText } from './text.js';

const EMAIL =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/**
 * RFC 5321-style address syntax: dot-atom local part (≤ 64), dotted host names, alphabetic TLD.
 * ASCII only. "ann.@example.com", "ann..b@example.com" and "ann@example" are not addresses.
 */
export function isEmail(t: string): boolean {
  if (t.length < 6 || t.length > 254) return false;
  const at = t.indexOf('@');
  if (at < 1 || at > 64) return false;
  return EMAIL.test(t);
}

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Shaped like an address (something@something.something, no spaces), valid or not. */
export function looksLikeEmail(t: string): boolean {
  return EMAIL_SHAPE.test(t);
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

const EMAIL_IN_TEXT = /[^\s,;<>()]*@[^\s,;<>()]*/;

/** The first run of text around an '@' in free text ("ann smith ann@x.com leeds" → "ann@x.com"), or null. */
export function emailInText(text: string): string | null {
  const m = EMAIL_IN_TEXT.exec(text);
  return m && m[0].length > 1 ? m[0] : null;
}
