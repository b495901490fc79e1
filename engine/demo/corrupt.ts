// The ways legacy systems mangle a value: typos, case drift, nicknames, format drift, broken emails.
import { NICKNAMES, STREET_ABBREV } from './people.js';
import { chance, int, pick, type Rng } from './random.js';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const p2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** One keyboard slip: insert, delete, substitute or transpose a character. */
export function typo(r: Rng, s: string): string {
  if (s.length < 2) return s;
  const i = int(r, 0, s.length - 1);
  const c = LETTERS[int(r, 0, 25)]!;
  switch (int(r, 0, 3)) {
    case 0:
      return s.slice(0, i) + c + s.slice(i);
    case 1:
      return s.slice(0, i) + s.slice(i + 1);
    case 2:
      return s.slice(0, i) + c + s.slice(i + 1);
    default: {
      const j = Math.min(i, s.length - 2);
      return s.slice(0, j) + s[j + 1] + s[j] + s.slice(j + 2);
    }
  }
}

/** UPPER, lower, or as typed. */
export function caseDrift(r: Rng, s: string, pUpper = 0.12, pLower = 0.06): string {
  const u = r();
  if (u < pUpper) return s.toUpperCase();
  if (u < pUpper + pLower) return s.toLowerCase();
  return s;
}

export function nickname(r: Rng, given: string): string {
  const n = NICKNAMES[given];
  return n ? pick(r, n) : given;
}

/** A given name as a clerk entered it: nickname, typo, initial, case drift. */
export function messyGiven(r: Rng, given: string, rates: { nick: number; typo: number; initial?: number }): string {
  let g = given;
  if (chance(r, rates.nick)) g = nickname(r, g);
  if (chance(r, rates.typo)) g = typo(r, g);
  if (rates.initial && chance(r, rates.initial)) g = `${g[0]}${chance(r, 0.5) ? '.' : ''}`;
  return caseDrift(r, g);
}

export function messyFamily(r: Rng, family: string, pTypo: number): string {
  let f = family;
  if (chance(r, pTypo)) f = typo(r, f);
  if (chance(r, 0.03)) f = f.replace(/[üé]/g, (c) => (c === 'ü' ? 'u' : 'e')).replace("'", '');
  return caseDrift(r, f);
}

export type DateStyle = 'iso' | 'dmy' | 'oracle' | 'dmy-short' | 'compact';
export function formatDate(d: { y: number; m: number; d: number }, style: DateStyle): string {
  switch (style) {
    case 'iso':
      return `${d.y}-${p2(d.m)}-${p2(d.d)}`;
    case 'dmy':
      return `${p2(d.d)}/${p2(d.m)}/${d.y}`;
    case 'dmy-short':
      return `${d.d}/${d.m}/${d.y}`;
    case 'oracle':
      return `${p2(d.d)}-${MONTHS[d.m - 1]}-${p2(d.y % 100)}`;
    case 'compact':
      return `${d.y}${p2(d.m)}${p2(d.d)}`;
  }
}

/** A UK number (11 digits, leading 0) in one of the spellings seen in the wild. */
export function formatPhone(r: Rng, digits: string): string {
  const n = digits.slice(1);
  switch (int(r, 0, 7)) {
    case 0:
      return `+44 ${n.slice(0, 4)} ${n.slice(4)}`;
    case 1:
      return digits;
    case 2:
      return `${digits.slice(0, 5)} ${digits.slice(5)}`;
    case 3:
      return `${digits.slice(0, 5)}-${digits.slice(5, 8)}-${digits.slice(8)}`;
    case 4:
      return `+44${n}`;
    case 5:
      return `(${digits.slice(0, 5)}) ${digits.slice(5)}`;
    case 6:
      return `0044 ${n}`;
    default:
      return `${digits.slice(0, 5)} ${digits.slice(5, 8)} ${digits.slice(8)}`;
  }
}

/** Postcode: upper, lower, or without its space. */
export function formatPostcode(r: Rng, pc: string): string {
  const u = r();
  if (u < 0.6) return pc;
  if (u < 0.75) return pc.toLowerCase();
  if (u < 0.92) return pc.replace(' ', '');
  return ` ${pc.toLowerCase().replace(' ', '')}`;
}

export function messyStreet(r: Rng, houseNo: number, street: string, flat: number | null): string {
  let s = street;
  if (chance(r, 0.35)) {
    const parts = s.split(' ');
    const last = parts.pop()!;
    const ab = STREET_ABBREV[last];
    s = [...parts, ab ? pick(r, ab) : last].join(' ');
  }
  if (chance(r, 0.04)) s = typo(r, s);
  let line = pick(r, [`${houseNo} ${s}`, `${houseNo} ${s}`, `${houseNo}, ${s}`]);
  if (flat !== null) line = pick(r, [`Flat ${flat}, ${line}`, `${flat}/${line}`, `Flat ${flat} ${line}`]);
  return caseDrift(r, line, 0.1, 0.03);
}

/** A malformed email the way forms and clerks produce them. */
export function breakEmail(r: Rng, local: string, domain: string): string {
  switch (int(r, 0, 6)) {
    case 0:
      return `${local}${domain}`; // missing @
    case 1:
      return `${local.includes('.') ? local.replace('.', '..') : `${local}.`}@${domain}`; // double dot / dot before @
    case 2:
      return `${local.replace('.', ' ')}@${domain}`.replace(/^([^ @]+)@/, '$1 @'); // a space
    case 3:
      return `${local}@${domain},`; // trailing comma
    case 4:
      return `${local} at ${domain}`;
    case 5:
      return `${local}@${domain.split('.')[0]}`; // no top-level domain
    default:
      return `${local}@@${domain}`;
  }
}

/** The address as this source holds it: mostly fine, sometimes typo'd or upper-cased, sometimes broken. */
export function messyEmail(r: Rng, local: string, domain: string, pBroken: number): string {
  if (chance(r, pBroken)) return breakEmail(r, local, domain);
  let l = local;
  if (chance(r, 0.03)) l = typo(r, l);
  const e = `${l}@${domain}`;
  return chance(r, 0.08) ? e.toUpperCase() : chance(r, 0.05) ? `${e[0]!.toUpperCase()}${e.slice(1)}` : e;
}

/** A consent flag in this source's vocabulary, or blank. */
export const consentText = (r: Rng, yes: boolean, vocab: readonly (readonly [string, string])[], pBlank: number): string =>
  chance(r, pBlank) ? '' : yes ? pick(r, vocab)[0] : pick(r, vocab)[1];
