// Standardised, comparable forms of every matching column, held column-wise (one array per form).
// Derived and rebuildable: the original values are never changed. Field meaning (names, emails,
// phones, addresses, postcodes) comes from engine/standardize; what is kept here is what matching
// needs on top: flattened and phonetic forms, nickname groups, date readings.
import { D, dateKey, parseDate } from '../standardize/dates.js';
import { addressTokens } from '../standardize/address.js';
import { emailParts, nameTokens, normalizeEmail, normalizeId, normalizePostcode, postcodeOutward } from '../standardize/contact.js';
import { cleanNameTokens, splitFullName } from '../standardize/names.js';
import { nysiis } from '../standardize/phonetic.js';
import { phoneE164 } from '../standardize/phones.js';
import { nicknameGroups } from './nicknames.js';
import type { ColumnRole, Role, Table } from './types.js';

type Str = (string | null)[];

/**
 * Interned values of a column's main form: id per record (-1 when missing), one representative
 * record per id. Levels depend only on the values, so comparisons memoise them per pair of ids.
 */
export interface Interned {
  id: Int32Array;
  rep: Int32Array;
  distinct: number;
}

export function intern(values: Str): Interned {
  const ids = new Map<string, number>();
  const id = new Int32Array(values.length);
  const rep: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      id[i] = -1;
      continue;
    }
    let k = ids.get(v);
    if (k === undefined) {
      k = rep.length;
      ids.set(v, k);
      rep.push(i);
    }
    id[i] = k;
  }
  return { id, rep: Int32Array.from(rep), distinct: rep.length };
}

export interface NameColumn {
  /** Interned main form (norm; key for dates). */
  values: Interned;
  kind: 'name';
  column: string;
  role: 'givenName' | 'surname';
  /** Tokens joined by one space ("mary ann"). */
  norm: Str;
  /** Tokens joined without spaces ("maryann"): spacing typos and compound names agree. */
  flat: Str;
  /** NYSIIS of the flat form. */
  phon: Str;
  /** Nickname groups of the first token. */
  nick: (readonly number[] | null)[];
}

export interface DateColumn {
  /** Interned main form (norm; key for dates). */
  values: Interned;
  kind: 'date';
  column: string;
  birth: boolean;
  /** yyyymmdd when the value is a date, else its digits (a corrupted date still compares by edits). */
  key: Str;
  /** Days since 1970-01-01 (NaN when not a date). */
  days: Float64Array;
}

export interface EmailColumn {
  /** Interned main form (norm; key for dates). */
  values: Interned;
  kind: 'email';
  column: string;
  norm: Str;
  /** Local part without dots and +tag, then @domain: a comparison level, never a rewrite. */
  canon: Str;
  local: Str;
}

export interface PhoneColumn {
  /** Interned main form (norm; key for dates). */
  values: Interned;
  kind: 'phone';
  column: string;
  /** E.164 where libphonenumber reads it, else the digits. */
  norm: Str;
  /** Last nine digits: agrees across country-code and trunk-prefix differences. */
  tail: Str;
}

export interface TextColumn {
  /** Interned main form (norm; key for dates). */
  values: Interned;
  kind: 'text';
  column: string;
  role: Exclude<Role, 'givenName' | 'surname' | 'fullName' | 'date' | 'email' | 'phone' | 'id' | 'ignore'>;
  norm: Str;
  flat: Str;
  tokens: (string[] | null)[];
  /** postcode: district/outward part; numeric: the number. */
  part: Str;
}

export type PreparedColumn = NameColumn | DateColumn | EmailColumn | PhoneColumn | TextColumn;

export interface Prepared {
  n: number;
  columns: PreparedColumn[];
}

export interface StandardiseOptions {
  /** Country for phone numbers written without a country code (ISO alpha-2). */
  country?: string;
}

const nn = (s: string): string | null => (s.length > 0 ? s : null);
const NONE: Interned = { id: new Int32Array(0), rep: new Int32Array(0), distinct: 0 };

function nameColumn(column: string, role: 'givenName' | 'surname', tokens: (string[] | null)[]): NameColumn {
  const n = tokens.length;
  const c: NameColumn = { kind: 'name', column, role, values: NONE, norm: new Array(n), flat: new Array(n), phon: new Array(n), nick: new Array(n) };
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    if (!t || t.length === 0) {
      c.norm[i] = c.flat[i] = c.phon[i] = null;
      c.nick[i] = null;
      continue;
    }
    const flat = t.join('');
    c.norm[i] = t.join(' ');
    c.flat[i] = flat;
    c.phon[i] = nn(nysiis(flat));
    c.nick[i] = role === 'givenName' ? nicknameGroups(t[0]!) : null;
  }
  c.values = intern(c.norm);
  return c;
}

const DAY_MS = 86_400_000;

function dateColumn(column: string, birth: boolean, values: Str): DateColumn {
  const n = values.length;
  // Day-first or month-first: the column decides, from values that fit only one reading.
  let dayFirst = 0;
  let monthFirst = 0;
  for (const v of values) {
    if (v && parseDate(v) === 1) {
      if (D.evidence === 1) dayFirst++;
      else if (D.evidence === 2) monthFirst++;
    }
  }
  const useMonthFirst = monthFirst > dayFirst;
  const c: DateColumn = { kind: 'date', column, birth, values: NONE, key: new Array(n), days: new Float64Array(n).fill(NaN) };
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const k = dateKey(v, useMonthFirst);
    if (k !== null) {
      const y = Math.floor(k / 10000);
      const m = Math.floor(k / 100) % 100;
      const d = k % 100;
      c.key[i] = String(k);
      const t = Date.UTC(y, m - 1, d);
      c.days[i] = t / DAY_MS;
    } else {
      const digits = v ? v.replace(/\D/g, '') : '';
      c.key[i] = digits.length >= 6 ? digits : null;
    }
  }
  c.values = intern(c.key);
  return c;
}

/** `normalize`: how a value becomes its normal form (identity for stored forms, already normal). */
function emailColumn(column: string, values: Str, normalize: (v: string | null) => string | null = normalizeEmail): EmailColumn {
  const n = values.length;
  const c: EmailColumn = { kind: 'email', column, values: NONE, norm: new Array(n), canon: new Array(n), local: new Array(n) };
  for (let i = 0; i < n; i++) {
    const e = normalize(values[i] ?? null);
    if (!e) {
      c.norm[i] = c.canon[i] = c.local[i] = null;
      continue;
    }
    const { local, domain } = emailParts(e);
    const bare = local.replace(/\+.*$/, '').replace(/\./g, '');
    c.norm[i] = e;
    c.local[i] = nn(bare);
    c.canon[i] = `${bare}@${domain}`;
  }
  c.values = intern(c.norm);
  return c;
}

function phoneColumn(column: string, values: Str, country: string): PhoneColumn {
  const n = values.length;
  const c: PhoneColumn = { kind: 'phone', column, values: NONE, norm: new Array(n), tail: new Array(n) };
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const digits = v ? v.replace(/\D/g, '') : '';
    if (digits.length < 5) {
      c.norm[i] = c.tail[i] = null;
      continue;
    }
    const e = phoneE164(v, country);
    c.norm[i] = e ?? digits;
    const d = e ? e.slice(1) : digits;
    c.tail[i] = d.length > 9 ? d.slice(-9) : d;
  }
  c.values = intern(c.norm);
  return c;
}

function textColumn(column: string, role: TextColumn['role'], values: Str): TextColumn {
  const n = values.length;
  const c: TextColumn = { kind: 'text', column, role, values: NONE, norm: new Array(n), flat: new Array(n), tokens: new Array(n), part: new Array(n) };
  for (let i = 0; i < n; i++) {
    const v = values[i];
    let tokens: string[] = [];
    let part: string | null = null;
    if (v) {
      switch (role) {
        case 'postcode': {
          const p = normalizePostcode(v);
          tokens = p ? [p] : [];
          // the district: a UK outward code, or the leading digits of a numeric code
          part = p ? (/[A-Z]/.test(p) ? postcodeOutward(p) : p.slice(0, Math.ceil(p.length * 0.6))) : null;
          break;
        }
        case 'houseNumber':
        case 'nationalId': {
          const id = normalizeId(v);
          tokens = id ? [id] : [];
          break;
        }
        case 'numeric': {
          const x = Number(v.replace(/[\s,]/g, ''));
          tokens = Number.isFinite(x) ? [String(x)] : nameTokens(v);
          part = Number.isFinite(x) ? String(x) : null;
          break;
        }
        case 'address':
          tokens = addressTokens(v);
          break;
        default:
          tokens = nameTokens(v);
      }
    }
    if (tokens.length === 0) {
      c.norm[i] = c.flat[i] = c.part[i] = null;
      c.tokens[i] = null;
      continue;
    }
    c.norm[i] = tokens.join(' ');
    c.flat[i] = tokens.join('');
    // unique and sorted: word overlap is a merge, with no allocation per pair
    c.tokens[i] = [...new Set(tokens)].sort();
    c.part[i] = part;
  }
  c.values = intern(c.norm);
  return c;
}

/** Standardise the matching columns of a table (roles 'id' and 'ignore' take no part). */
export function standardise(table: Table, roles: ColumnRole[], opts: StandardiseOptions = {}): Prepared {
  const n = table.rows.length;
  const country = opts.country ?? 'GB';
  const col = (index: number): Str => table.rows.map((r) => r[index] ?? null);
  const columns: PreparedColumn[] = [];
  for (const r of roles) {
    switch (r.role) {
      case 'id':
      case 'ignore':
        break;
      case 'givenName':
      case 'surname':
        columns.push(nameColumn(r.column, r.role, col(r.index).map((v) => (v ? cleanNameTokens(v) : null))));
        break;
      case 'fullName': {
        const parts = col(r.index).map(splitFullName);
        columns.push(nameColumn(`${r.column} (given)`, 'givenName', parts.map((p) => (p.given ? p.given.split(' ') : null))));
        columns.push(nameColumn(`${r.column} (family)`, 'surname', parts.map((p) => (p.family ? p.family.split(' ') : null))));
        break;
      }
      case 'date':
        columns.push(dateColumn(r.column, r.birth === true, col(r.index)));
        break;
      case 'email':
        columns.push(emailColumn(r.column, col(r.index)));
        break;
      case 'phone':
        columns.push(phoneColumn(r.column, col(r.index), country));
        break;
      default:
        columns.push(textColumn(r.column, r.role, col(r.index)));
    }
  }
  return { n, columns };
}

/**
 * One record's standardised forms, one entry per prepared column, as JSON-able values. A full run
 * stores them (resolve_forms) so that an incremental run rebuilds the existing records' columns
 * with preparedFromForms instead of standardising them again (phone parsing above all). Only what
 * cannot be derived cheaply is kept: a name's tokens (its norm), a date's key and day, an email's
 * and a phone's normal form, a text's norm and part (and its flat form and tokens only where they
 * do not follow from the norm, as with a postcode holding a space).
 */
export function recordForms(p: Prepared, i: number): unknown[] {
  return p.columns.map((c) => {
    switch (c.kind) {
      case 'name':
      case 'email':
      case 'phone':
        return c.norm[i];
      case 'date':
        return c.key[i] === null ? null : [c.key[i], Number.isNaN(c.days[i]) ? null : c.days[i]];
      case 'text': {
        const norm = c.norm[i];
        if (norm === null || norm === undefined) return null;
        const split = norm.split(' ');
        const derived = split.join('') === c.flat[i] && sameTokens([...new Set(split)].sort(), c.tokens[i]!);
        return derived ? [norm, c.part[i]] : [norm, c.part[i], c.flat[i], c.tokens[i]];
      }
    }
  });
}

function sameTokens(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, k) => x === b[k]);
}

/** Columns shaped like `template`'s (same names, kinds and roles) from records' stored forms (recordForms), in the order given. */
export function preparedFromForms(template: Prepared, forms: unknown[][]): Prepared {
  const n = forms.length;
  const columns = template.columns.map((t, ci): PreparedColumn => {
    const at = (i: number) => forms[i]![ci] ?? null;
    switch (t.kind) {
      case 'name':
        return nameColumn(t.column, t.role, forms.map((_, i) => (at(i) === null ? null : (at(i) as string).split(' '))));
      case 'date': {
        const c: DateColumn = { kind: 'date', column: t.column, birth: t.birth, values: NONE, key: new Array(n), days: new Float64Array(n).fill(NaN) };
        for (let i = 0; i < n; i++) {
          const f = at(i) as [string, number | null] | null;
          c.key[i] = f ? f[0] : null;
          if (f && f[1] !== null) c.days[i] = f[1];
        }
        c.values = intern(c.key);
        return c;
      }
      case 'email':
        // stored forms are the normal form already: the same derivation as a fresh run
        return emailColumn(t.column, forms.map((_, i) => at(i) as string | null), (v) => v);
      case 'phone': {
        const c: PhoneColumn = { kind: 'phone', column: t.column, values: NONE, norm: new Array(n), tail: new Array(n) };
        for (let i = 0; i < n; i++) {
          const e = at(i) as string | null;
          c.norm[i] = e;
          if (e === null) {
            c.tail[i] = null;
            continue;
          }
          // as phoneColumn: E.164 starts with '+', the digits-only fallback never does
          const d = e.startsWith('+') ? e.slice(1) : e;
          c.tail[i] = d.length > 9 ? d.slice(-9) : d;
        }
        c.values = intern(c.norm);
        return c;
      }
      case 'text': {
        const c: TextColumn = { kind: 'text', column: t.column, role: t.role, values: NONE, norm: new Array(n), flat: new Array(n), tokens: new Array(n), part: new Array(n) };
        for (let i = 0; i < n; i++) {
          const f = at(i) as [string, string | null, string?, string[]?] | null;
          if (f === null) {
            c.norm[i] = c.flat[i] = c.part[i] = null;
            c.tokens[i] = null;
            continue;
          }
          c.norm[i] = f[0];
          c.part[i] = f[1];
          if (f.length > 2) {
            c.flat[i] = f[2]!;
            c.tokens[i] = f[3]!;
          } else {
            const split = f[0].split(' ');
            c.flat[i] = split.join('');
            c.tokens[i] = [...new Set(split)].sort();
          }
        }
        c.values = intern(c.norm);
        return c;
      }
    }
  });
  return { n, columns };
}
