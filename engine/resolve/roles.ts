// Column roles inferred from the header words and the values together. The header proposes, the
// values confirm (an "email" column without addresses in it is not treated as email); columns
// whose header says nothing are read from their values alone. Same rules for every file.
import { dateKey } from '../standardize/dates.js';
import type { ColumnRole, Role, Table } from './types.js';
import { isKnownGivenName } from './nicknames.js';

/** Header words: "FIRST_NM" -> ["first", "nm"], "dateOfBirth" -> ["date", "of", "birth"]. */
export function headerWords(h: string): string[] {
  return h
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const has = (w: string[], ...xs: string[]) => xs.some((x) => w.includes(x));
const joined = (w: string[]) => w.join('');

/** The role a header suggests, or null. Order matters: the most specific words first. */
export function roleFromHeader(h: string): { role: Role; birth?: boolean } | null {
  const w = headerWords(h);
  const j = joined(w);
  if (w.length === 0) return null;
  if (has(w, 'email', 'mail', 'emailaddress') || j.includes('email')) return { role: 'email' };
  if (has(w, 'phone', 'tel', 'telephone', 'mobile', 'mob', 'cell', 'cellphone', 'fax', 'msisdn', 'landline') || /phone|mobile/.test(j)) return { role: 'phone' };
  if (has(w, 'ssn', 'nino', 'nhs', 'passport', 'tin', 'sin', 'bsn', 'nid', 'aadhaar', 'medicare', 'personnummer') || (has(w, 'soc', 'social') && has(w, 'sec', 'security')) || /nationalid|nationalinsurance|socialsecurity|taxid|taxnumber/.test(j)) return { role: 'nationalId' };
  if (has(w, 'dob', 'birth', 'birthdate', 'birthday', 'born', 'bday') || /dateofbirth|birthdate/.test(j)) return { role: 'date', birth: true };
  if (has(w, 'postcode', 'zip', 'zipcode', 'postal', 'plz', 'pincode', 'eircode') || /postcode|zipcode|postalcode/.test(j)) return { role: 'postcode' };
  const given = has(w, 'first', 'given', 'forename', 'forenames', 'fname', 'firstname', 'givenname', 'christian', 'middle', 'middlename');
  const family = has(w, 'surname', 'last', 'lastname', 'family', 'familyname', 'lname', 'sname', 'maiden');
  if (given && family) return { role: 'fullName' };
  if (given) return { role: 'givenName' };
  if (family) return { role: 'surname' };
  if ((has(w, 'house', 'street', 'building', 'civic') && has(w, 'number', 'no', 'num', 'nr', 'nbr')) || has(w, 'housenumber', 'streetnumber', 'houseno')) return { role: 'houseNumber' };
  if (has(w, 'city', 'town', 'suburb', 'locality', 'municipality', 'village', 'hamlet', 'commune', 'ort', 'stadt', 'ville')) return { role: 'town' };
  if (has(w, 'state', 'county', 'province', 'region', 'country', 'gender', 'sex', 'title', 'salutation', 'status', 'type', 'segment', 'channel', 'source', 'nationality', 'language')) return { role: 'categorical' };
  if (has(w, 'address', 'addr', 'street', 'road', 'line', 'address1', 'address2', 'address3', 'line1', 'line2', 'line3', 'adr')) return { role: 'address' };
  // organisations are compared as text, never split into given and family names
  if (has(w, 'company', 'companyname', 'organisation', 'organization', 'org', 'employer', 'business', 'firm', 'vendor', 'supplier', 'merchant', 'account', 'trading')) return { role: 'freeText' };
  if (has(w, 'name', 'fullname', 'customer', 'contact', 'person', 'client')) return { role: 'fullName' };
  if (has(w, 'date', 'dt', 'day') || /date$/.test(j)) return { role: 'date' };
  if (has(w, 'id', 'key', 'ref', 'reference', 'uid', 'guid', 'uuid', 'pk', 'code', 'no', 'number', 'num', 'nr', 'account', 'acct', 'urn')) return { role: 'id' };
  if (has(w, 'note', 'notes', 'comment', 'comments', 'description', 'remarks', 'text')) return { role: 'freeText' };
  return null;
}

const EMAIL_RE = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const PHONE_CHARS = /^[+(]?[0-9][0-9 ()./-]{5,22}$/;
const INT_RE = /^[+-]?\d+$/;
const NUM_RE = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/** Value figures of one column, over a sample of its non-null values. */
export interface ValueStats {
  nonNull: number;
  distinct: number;
  email: number;
  date: number;
  phone: number;
  integer: number;
  numeric: number;
  letters: number;
  meanTokens: number;
  meanLength: number;
  givenName: number;
}

export function valueStats(values: (string | null)[], sample = 5000): ValueStats {
  const step = Math.max(1, Math.floor(values.length / sample));
  const seen = new Set<string>();
  const s = { nonNull: 0, distinct: 0, email: 0, date: 0, phone: 0, integer: 0, numeric: 0, letters: 0, meanTokens: 0, meanLength: 0, givenName: 0 };
  let tokens = 0;
  let length = 0;
  let nonNullAll = 0;
  for (const v of values) if (v !== null) nonNullAll++;
  for (let i = 0; i < values.length; i += step) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    s.nonNull++;
    seen.add(v);
    if (EMAIL_RE.test(v)) s.email++;
    if (dateKey(v) !== null) s.date++;
    const digits = v.replace(/\D/g, '').length;
    if (PHONE_CHARS.test(v) && digits >= 7 && digits <= 15) s.phone++;
    if (INT_RE.test(v)) s.integer++;
    if (NUM_RE.test(v)) s.numeric++;
    if (/[A-Za-z\u00C0-\u024F]/.test(v)) s.letters++;
    const tk = v.split(/[\s,]+/).filter(Boolean);
    tokens += tk.length;
    length += v.length;
    if (tk[0] && isKnownGivenName(tk[0])) s.givenName++;
  }
  const n = Math.max(1, s.nonNull);
  // distinct counted over the whole column: uniqueness decides whether an id is evidence
  const all = new Set<string>();
  for (const v of values) if (v !== null) all.add(v);
  return {
    nonNull: nonNullAll,
    distinct: all.size,
    email: s.email / n,
    date: s.date / n,
    phone: s.phone / n,
    integer: s.integer / n,
    numeric: s.numeric / n,
    letters: s.letters / n,
    meanTokens: tokens / n,
    meanLength: length / n,
    givenName: s.givenName / n,
  };
}

/** The role of a column from its values alone. */
function roleFromValues(st: ValueStats, rows: number): { role: Role; reason: string } {
  if (st.nonNull === 0) return { role: 'ignore', reason: 'no values' };
  if (st.email >= 0.6) return { role: 'email', reason: 'values look like email addresses' };
  if (st.date >= 0.8 && st.letters < 0.5) return { role: 'date', reason: 'values parse as dates' };
  const unique = st.distinct === st.nonNull;
  if (st.phone >= 0.8 && st.integer < 0.9) return { role: 'phone', reason: 'values look like phone numbers' };
  if (unique && st.nonNull >= Math.min(rows, 20) * 0.5 && st.meanTokens <= 1.2) return { role: 'id', reason: 'a different value on every row' };
  if (st.numeric >= 0.9) return st.integer >= 0.9 && st.meanLength >= 6 ? { role: 'nationalId', reason: 'long integers shared by some rows' } : { role: 'numeric', reason: 'numeric values' };
  if (st.distinct <= Math.max(12, Math.sqrt(st.nonNull))) return { role: 'categorical', reason: 'few distinct values' };
  if (st.givenName >= 0.5 && st.meanTokens < 1.6) return { role: 'givenName', reason: 'values are mostly known given names' };
  if (st.meanTokens >= 2.5 && st.givenName >= 0.5) return { role: 'fullName', reason: 'values start with known given names' };
  return { role: 'freeText', reason: 'text values' };
}

/** Do the values contradict what the header says? Then the values decide. */
function contradicts(role: Role, st: ValueStats): boolean {
  switch (role) {
    case 'email':
      return st.email < 0.3;
    case 'date':
      return st.date < 0.5;
    case 'phone':
      return st.phone < 0.3;
    case 'givenName':
    case 'surname':
    case 'town':
      return st.email >= 0.6 || st.numeric >= 0.9 || st.date >= 0.5;
    case 'fullName':
      // "name" over product titles or company names: no given names, many words
      return st.email >= 0.6 || st.numeric >= 0.9 || st.date >= 0.5 || (st.givenName < 0.1 && st.meanTokens >= 3);
    case 'categorical':
      // "title" over paper titles, "type" over descriptions: too many different values
      return st.distinct > 50 && st.distinct > 0.5 * st.nonNull;
    default:
      return false;
  }
}

const EVENT_WORDS = ['created', 'create', 'updated', 'update', 'modified', 'signup', 'joined', 'join', 'registered', 'registration', 'opened', 'closed', 'order', 'purchase', 'paid', 'due', 'start', 'end', 'since', 'last', 'first', 'expiry', 'expires', 'valid', 'from', 'to', 'at', 'ts', 'timestamp', 'time', 'loaded', 'import', 'sent', 'received'];

/** Median year at least 16 years back: birth dates, not events of the last few years. */
function looksLikeBirths(values: (string | null)[]): boolean {
  const years: number[] = [];
  for (let i = 0; i < values.length && years.length < 2000; i++) {
    const v = values[i];
    if (!v) continue;
    const k = dateKey(v);
    if (k !== null) years.push(Math.floor(k / 10000));
  }
  if (years.length === 0) return false;
  years.sort((a, b) => a - b);
  return years[years.length >> 1]! <= new Date().getUTCFullYear() - 16;
}

export interface RoleOptions {
  /** The record identifier column (never compared). */
  id?: string | undefined;
  /** Columns that take no part at all. */
  ignore?: string[] | undefined;
}

/** Roles of every column of a table. Unknown `id` / `ignore` names are the caller's to report. */
export function inferRoles(table: Table, opts: RoleOptions = {}): ColumnRole[] {
  const ignore = new Set(opts.ignore ?? []);
  const out: ColumnRole[] = table.columns.map((column, index) => {
    if (column === opts.id) return { column, index, role: 'id', reason: 'the --id column' };
    if (ignore.has(column)) return { column, index, role: 'ignore', reason: 'named in --ignore' };
    const values = table.rows.map((r) => r[index] ?? null);
    const st = valueStats(values);
    if (st.nonNull === 0) return { column, index, role: 'ignore', reason: 'no values' };
    const fromHeader = roleFromHeader(column);
    let role: Role;
    let reason: string;
    let birth: boolean | undefined;
    if (fromHeader && !contradicts(fromHeader.role, st)) {
      role = fromHeader.role;
      reason = `header "${column}"`;
      birth = fromHeader.birth;
    } else {
      ({ role, reason } = roleFromValues(st, table.rows.length));
    }
    // An identifier is evidence only when rows share it; a different value on every row is a row key.
    if (role === 'id' && st.distinct < st.nonNull) {
      role = 'nationalId';
      reason += '; values shared by several rows, so compared as a key';
    }
    if (role === 'nationalId' && st.distinct === st.nonNull && fromHeader?.role !== 'nationalId') {
      role = 'id';
      reason += '; a different value on every row';
    }
    if (role === 'fullName' && st.meanTokens < 1.3 && st.givenName >= 0.5) role = 'givenName';
    return { column, index, role, reason, ...(birth ? { birth } : {}) };
  });
  // One date column, no birth date named, no event named ("created", "signup"), and its dates lie
  // far enough back to be births: that date is taken as the birth date.
  const dates = out.filter((c) => c.role === 'date');
  const d = dates[0];
  if (dates.length === 1 && d && !d.birth && !EVENT_WORDS.some((w) => headerWords(d.column).includes(w)) && looksLikeBirths(table.rows.map((r) => r[d.index] ?? null))) d.birth = true;
  return out;
}
