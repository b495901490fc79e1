// Index terms of a customer record and of a query, as 32-bit hashes of (kind, text).
// Kinds: w = word token, t = boundary-marked character trigram of a token, f = NYSIIS code,
// e = whole email, d = email domain, p = phone key (last 9 digits), q = last 6 phone digits,
// c = postcode (compact), o = outward postcode, i = identifier.
import { recordNameTokens, type RecordRow } from '../records/record.js';
import { ABBREVIATIONS } from '../standardize/address.js';
import { normalizeDate } from '../standardize/dates.js';
import { emailParts, normalizeEmail } from '../standardize/email.js';
import { normalizeId } from '../standardize/ids.js';
import { phoneKey } from '../standardize/phone-digits.js';
import { nysiis } from '../standardize/phonetic.js';
import { normalizePostcode, postcodeOutward } from '../standardize/postcode.js';
import { words } from '../standardize/text.js';

export const F_NAME = 1;
export const F_EMAIL = 2;
export const F_PHONE = 4;
export const F_ADDR = 8;
export const F_CITY = 16;
export const F_POSTCODE = 32;
export const F_ID = 64;
export const F_OTHER = 128;
export const F_ALL = 255;

export const K_WORD = 0x77; // w
export const K_TRI = 0x74; // t
export const K_PHON = 0x66; // f
export const K_EMAIL = 0x65; // e
export const K_DOMAIN = 0x64; // d
export const K_PHONE = 0x70; // p
export const K_PHONE6 = 0x71; // q
export const K_POSTCODE = 0x63; // c
export const K_OUTWARD = 0x6f; // o
export const K_ID = 0x69; // i

export function hashTerm(kind: number, s: string, start = 0, end = s.length): number {
  let h = Math.imul(0x811c9dc5 ^ kind, 0x01000193);
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/** Receives the terms of one record: (hash, field bit). */
export type TermSink = (hash: number, field: number) => void;

/** Trigrams of "<tok>" (or "<tok" when the end is open, for a word still being typed). */
export function emitTrigrams(tok: string, field: number, sink: TermSink, openEnd = false): number {
  const s = `<${tok}${openEnd ? '' : '>'}`;
  if (s.length < 3) {
    sink(hashTerm(K_TRI, s), field);
    return 1;
  }
  for (let i = 0; i + 3 <= s.length; i++) sink(hashTerm(K_TRI, s, i, i + 3), field);
  return s.length - 2;
}

function nameLike(tokens: string[], field: number, sink: TermSink): void {
  for (const t of tokens) {
    sink(hashTerm(K_WORD, t), field);
    emitTrigrams(t, field, sink);
    if (t.length >= 2 && /[a-z]/.test(t)) {
      const code = nysiis(t);
      if (code) sink(hashTerm(K_PHON, code), field);
    }
  }
}

/**
 * Address words: as written, their expansion when abbreviated ("st" also as "street", so a typed
 * "st" finds "street" and back), and the sound of each longer word, so a typed street name with a
 * slip ("hosaeson" for "hoseason") still meets it. No trigrams: they would double the postings.
 */
function addressTerms(tokens: string[], sink: TermSink): void {
  for (const t of tokens) {
    sink(hashTerm(K_WORD, t), F_ADDR);
    const full = ABBREVIATIONS[t];
    if (full) sink(hashTerm(K_WORD, full), F_ADDR);
    if (t.length >= 4 && !full && /^[a-z]+$/.test(t)) {
      const code = nysiis(t);
      if (code) sink(hashTerm(K_PHON, code), F_ADDR);
    }
  }
}

/** Every index term of a record. */
export function recordTerms(r: RecordRow, sink: TermSink): void {
  nameLike(recordNameTokens(r), F_NAME, sink);
  nameLike(words(r.city), F_CITY, sink);
  addressTerms(words(r.address_line), sink);
  for (const t of words(r.company)) sink(hashTerm(K_WORD, t), F_OTHER);
  const email = normalizeEmail(r.email);
  if (email) {
    sink(hashTerm(K_EMAIL, email), F_EMAIL);
    const { tokens, domain } = emailParts(email);
    for (const t of tokens) {
      sink(hashTerm(K_WORD, t), F_EMAIL);
      emitTrigrams(t, F_EMAIL, sink);
    }
    if (domain) sink(hashTerm(K_DOMAIN, domain), F_EMAIL);
  }
  const pk = phoneKey(r.phone);
  if (pk) {
    sink(hashTerm(K_PHONE, pk), F_PHONE);
    if (pk.length >= 6) sink(hashTerm(K_PHONE6, pk.slice(-6)), F_PHONE);
  }
  const pc = normalizePostcode(r.postcode);
  if (pc) {
    sink(hashTerm(K_POSTCODE, pc), F_POSTCODE);
    sink(hashTerm(K_OUTWARD, postcodeOutward(pc)), F_POSTCODE);
    for (const t of words(r.postcode)) sink(hashTerm(K_WORD, t), F_POSTCODE);
  }
  const id = normalizeId(r.source_key);
  if (id) {
    sink(hashTerm(K_ID, id), F_ID);
    sink(hashTerm(K_WORD, id.toLowerCase()), F_ID);
  }
  const dob = normalizeDate(r.date_of_birth);
  if (dob) sink(hashTerm(K_WORD, dob), F_OTHER);
}

