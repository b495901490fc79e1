// Query parsing: fielded parts (name:, email:, phone:, postcode:, city:, address:, id:, dob:,
// company:), contact values recognised in free text (an email, a phone number, a UK postcode),
// and the lexical terms each part contributes.
import type { SearchFieldName } from '../api/search.js';
import { ABBREVIATIONS } from '../standardize/address.js';
import { normalizeDate, parseDate } from '../standardize/dates.js';
import { emailInText, emailParts, normalizeEmail } from '../standardize/email.js';
import { normalizeId } from '../standardize/ids.js';
import { phoneInText, phoneKey } from '../standardize/phone-digits.js';
import { nysiis } from '../standardize/phonetic.js';
import { normalizePostcode, postcodeOutward, ukPostcodeInText } from '../standardize/postcode.js';
import { words } from '../standardize/text.js';
import type { QueryTerm } from './lexical.js';
import {
  emitTrigrams, F_ADDR, F_ALL, F_CITY, F_EMAIL, F_ID, F_NAME, F_OTHER, F_PHONE, F_POSTCODE, hashTerm,
  K_DOMAIN, K_EMAIL, K_ID, K_OUTWARD, K_PHON, K_PHONE, K_PHONE6, K_POSTCODE, K_TRI, K_WORD,
} from './terms.js';

const FIELD_NAMES: readonly SearchFieldName[] = ['name', 'email', 'phone', 'postcode', 'city', 'address', 'id', 'dob', 'company'];
const FIELD_RE = new RegExp(`(?:^|\\s)(${FIELD_NAMES.join('|')}):`, 'gi');

export interface ParsedQuery {
  raw: string;
  /** Free-text tokens (name, address, anything). */
  free: string[];
  /** Fielded values as typed (explicit or recognised). */
  fields: Partial<Record<SearchFieldName, string>>;
  email: string | null;
  phone: string | null;
  postcode: string | null;
  id: string | null;
  dob: string | null;
  /** Tokens that may be name tokens: name: plus free text. */
  nameTokens: string[];
  /** Tokens aimed at the city (city: plus free text). */
  cityTokens: string[];
  /** True when the user is still typing the last free word (no trailing space). */
  openEnd: boolean;
}

export function parseQuery(q: string): ParsedQuery {
  const fields: Partial<Record<SearchFieldName, string>> = {};
  let freeText = '';
  // split at field markers; a field's value runs to the next marker
  const marks: { field: SearchFieldName; start: number; valueStart: number }[] = [];
  FIELD_RE.lastIndex = 0;
  for (let m = FIELD_RE.exec(q); m; m = FIELD_RE.exec(q)) {
    const start = m.index + (m[0].length - m[1]!.length - 1);
    marks.push({ field: m[1]!.toLowerCase() as SearchFieldName, start, valueStart: m.index + m[0].length });
  }
  freeText = marks.length ? q.slice(0, marks[0]!.start) : q;
  marks.forEach((mk, i) => {
    const end = i + 1 < marks.length ? marks[i + 1]!.start : q.length;
    const v = q.slice(mk.valueStart, end).trim().replace(/^"(.*)"$/, '$1');
    if (v) fields[mk.field] = fields[mk.field] ? `${fields[mk.field]} ${v}` : v;
  });
  // recognise contact values in free text
  if (!fields.email) {
    const m = emailInText(freeText);
    if (m) {
      fields.email = m;
      freeText = freeText.replace(m, ' ');
    }
  }
  if (!fields.dob) {
    // a date typed as one token (1956-04-09, 09/04/1956, 9-APR-56) is a date of birth,
    // not three numbers
    const m = dateInText(freeText);
    if (m) {
      fields.dob = m;
      freeText = freeText.replace(m, ' ');
    }
  }
  if (!fields.phone) {
    const m = phoneInText(freeText);
    if (m) {
      fields.phone = m.trim();
      freeText = freeText.replace(m, ' ');
    }
  }
  if (!fields.postcode) {
    const m = ukPostcodeInText(freeText);
    if (m) {
      fields.postcode = m.postcode;
      freeText = freeText.replace(m.text, ' ');
    }
  }
  const free = words(freeText);
  const email = fields.email ? (normalizeEmail(fields.email.includes('@') ? fields.email : `${fields.email}@`) ?? fields.email.toLowerCase().trim()) : null;
  const nameTokens = [...words(fields.name), ...free];
  const cityTokens = [...words(fields.city), ...free];
  return {
    raw: q,
    free,
    fields,
    email,
    phone: fields.phone ? phoneKey(fields.phone) ?? fields.phone.replace(/\D/g, '') : null,
    postcode: fields.postcode ? normalizePostcode(fields.postcode) : null,
    id: fields.id ? normalizeId(fields.id) : null,
    dob: fields.dob ? normalizeDate(fields.dob) ?? fields.dob.replace(/\D/g, '') : free.map((t) => (/^\d{8}$/.test(t) ? normalizeDate(t) : null)).find((x) => x) ?? null,
    nameTokens,
    cityTokens,
    openEnd: freeText.length > 0 && !/\s$/.test(q) && marks.length === 0,
  };
}

/** The first whitespace-separated token that reads as a calendar date, or null. */
function dateInText(text: string): string | null {
  for (const tok of text.split(/\s+/)) {
    // digits only (19560409) stay free words: they already match the indexed date, and may be ids
    if (tok.length < 6 || !/\d/.test(tok) || /^\d+$/.test(tok)) continue;
    if (parseDate(tok) !== 0 && normalizeDate(tok) !== null) return tok;
  }
  return null;
}

/** Lexical query terms, grouped: each group is one query word or one contact value. */
export function queryTerms(p: ParsedQuery): { terms: QueryTerm[]; groupCap: Float32Array } {
  const terms: QueryTerm[] = [];
  const caps: number[] = [];
  let group = 0;
  const tokenGroup = (tok: string, fields: number, open: boolean, weight = 1) => {
    const g = group++;
    terms.push({ hash: hashTerm(K_WORD, tok), weight, fields, group: g });
    const tri: number[] = [];
    const n = emitTrigrams(tok, fields, (h) => tri.push(h), open);
    for (const h of tri) terms.push({ hash: h, weight: (weight * 1.2) / n, fields: fields & (F_NAME | F_CITY | F_EMAIL), group: g });
    // an abbreviation typed in an address ("st", "rd", "cres") also looks for the word in full
    const full = ABBREVIATIONS[tok];
    if (full && fields & F_ADDR) terms.push({ hash: hashTerm(K_WORD, full), weight, fields: F_ADDR, group: g });
    // sounds: names and cities for any word; addresses index the sound of longer words (terms.ts)
    const soundFields = fields & (F_NAME | F_CITY | (tok.length >= 4 && !full && /^[a-z]+$/.test(tok) ? F_ADDR : 0));
    if (tok.length >= 2 && /[a-z]/.test(tok) && soundFields) {
      const code = nysiis(tok);
      if (code) terms.push({ hash: hashTerm(K_PHON, code), weight: 0.5 * weight, fields: soundFields, group: g });
    }
    // a word matches fully or through its parts, never more than an exact word would
    caps[g] = Infinity;
  };
  p.free.forEach((t, i) => tokenGroup(t, F_ALL, p.openEnd && i === p.free.length - 1));
  // A space typed inside a word ("satte rley", "barwo nheads"): the joined pair, as a whole word
  // and its sound, is one more group. It only matches when such a word exists.
  for (let i = 0; i + 1 < p.free.length; i++) {
    const joined = joinedPair(p.free[i]!, p.free[i + 1]!);
    if (!joined) continue;
    const g = group++;
    terms.push({ hash: hashTerm(K_WORD, joined), weight: 1, fields: F_NAME | F_CITY | F_ADDR | F_OTHER, group: g });
    const code = nysiis(joined);
    if (code) terms.push({ hash: hashTerm(K_PHON, code), weight: 0.5, fields: F_NAME | F_CITY, group: g });
    caps[g] = Infinity;
  }
  for (const t of words(p.fields.name)) tokenGroup(t, F_NAME, false);
  for (const t of words(p.fields.city)) tokenGroup(t, F_CITY, false);
  for (const t of words(p.fields.address)) tokenGroup(t, F_ADDR, false);
  for (const t of words(p.fields.company)) tokenGroup(t, F_OTHER, false);
  if (p.email) {
    const g = group++;
    terms.push({ hash: hashTerm(K_EMAIL, p.email), weight: 3, fields: F_EMAIL, group: g });
    const { tokens, domain } = emailParts(p.email);
    if (domain) terms.push({ hash: hashTerm(K_DOMAIN, domain), weight: 0.3, fields: F_EMAIL, group: g });
    for (const t of tokens) {
      terms.push({ hash: hashTerm(K_WORD, t), weight: 1, fields: F_EMAIL | F_NAME, group: g });
      const tri: number[] = [];
      const n = emitTrigrams(t, F_EMAIL, (h) => tri.push(h));
      for (const h of tri) terms.push({ hash: h, weight: 1.2 / n, fields: F_EMAIL | F_NAME, group: g });
    }
  }
  if (p.phone) {
    const g = group++;
    terms.push({ hash: hashTerm(K_PHONE, p.phone), weight: 3, fields: F_PHONE, group: g });
    if (p.phone.length >= 6) terms.push({ hash: hashTerm(K_PHONE6, p.phone.slice(-6)), weight: 1.5, fields: F_PHONE, group: g });
  }
  if (p.postcode) {
    const g = group++;
    terms.push({ hash: hashTerm(K_POSTCODE, p.postcode), weight: 2, fields: F_POSTCODE, group: g });
    terms.push({ hash: hashTerm(K_OUTWARD, postcodeOutward(p.postcode)), weight: 0.7, fields: F_POSTCODE, group: g });
    terms.push({ hash: hashTerm(K_WORD, p.postcode.toLowerCase()), weight: 1, fields: F_POSTCODE, group: g });
  }
  if (p.id) {
    const g = group++;
    terms.push({ hash: hashTerm(K_ID, p.id), weight: 3, fields: F_ID, group: g });
  }
  if (p.fields.dob && p.dob) {
    const g = group++;
    terms.push({ hash: hashTerm(K_WORD, p.dob), weight: 1.5, fields: F_OTHER, group: g });
  }
  void K_TRI;
  return { terms, groupCap: Float32Array.from(caps.map((c) => (Number.isFinite(c) ? c : 1e9))) };
}

/** Two adjacent query words that may be one word split by a stray space: letters only, joined length 5..24. */
export function joinedPair(a: string, b: string): string | null {
  if (!/^[a-z]+$/.test(a) || !/^[a-z]+$/.test(b)) return null;
  const j = a + b;
  return j.length >= 5 && j.length <= 24 ? j : null;
}

/** The text embedded for the vector channel. */
export function queryText(p: ParsedQuery): string {
  return [p.fields.name, p.free.join(' '), p.fields.address, p.fields.city, p.fields.postcode, p.fields.email, p.fields.company].filter((x) => x && x.trim()).join(', ');
}

export { F_ADDR, F_CITY, F_EMAIL, F_ID, F_NAME, F_OTHER, F_PHONE, F_POSTCODE };
