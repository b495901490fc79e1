// The hidden truth behind the demo data: who each true person is, how likely they are to churn,
// and when they did. Every value is a pure function of (seed, person id), so any record of any
// source can be rebuilt alone, and the truth file can be rewritten identically after a resume.
import { FIRST_SIGNUP, WINDOW_END, WINDOW_START } from './calendar.js';
import { CITIES, COMPANIES, DOMAINS, FAMILY, GIVEN, STREETS } from './people.js';
import { chance, hash, int, pick, rng, unit, type Rng } from './random.js';

export interface Person {
  id: number;
  /** The person whose address and family name this household shares (themselves when alone). */
  household: number;
  given: string;
  family: string;
  title: string;
  dob: { y: number; m: number; d: number };
  /** The correct, well-formed address. */
  emailLocal: string;
  emailDomain: string;
  mobile: string; // 11 digits, 07…
  landline: string; // 11 digits, 01… or 02…
  houseNo: number;
  flat: number | null;
  street: string;
  city: string;
  postcode: string; // canonical "AB12 3CD"
  company: string | null;
  consentEmail: boolean;
  consentSms: boolean;
  /** Day numbers (see calendar.ts). */
  signup: number;
  priceSensitivity: number;
  complaintRate: number;
  engagement: number;
  propensity: number;
  churned: boolean;
  churnDay: number | null;
}

const HOUSEHOLD_JOIN = 0.2;
const POSTCODE_LETTERS = [...'ABDEFGHJLNPQRSTUWXYZ'];

/** Household members are consecutive ids: a person joins the previous one's household 20% of the time. */
function householdHead(seed: number, p: number): number {
  let h = p;
  for (let steps = 0; steps < 3 && h > 0 && unit(seed, 7, h) < HOUSEHOLD_JOIN; steps++) h--;
  return h;
}

const asciiMemo = new Map<string, string>();
/** Without accents (José → Jose, Łukasz → Lukasz). */
export function ascii(s: string): string {
  let a = asciiMemo.get(s);
  if (a === undefined) {
    a = toAscii(s);
    if (asciiMemo.size < 10_000) asciiMemo.set(s, a);
  }
  return a;
}

function toAscii(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/Ł/g, 'L')
    .replace(/ł/g, 'l')
    .replace(/Ø/g, 'O')
    .replace(/ø/g, 'o');
}

/**
 * The address a person would choose if it were free: their names in one of a few patterns, on one
 * of a few providers. Draws from r (always the same number of draws).
 */
function wantedEmail(r: Rng, given: string, family: string, y: number): [string, string] {
  const g = ascii(given).toLowerCase();
  const f = ascii(family).toLowerCase().replace(/[^a-z]/g, '');
  const local = pick(r, [`${g}.${f}`, `${g}${f}`, `${g[0]}${f}`, `${g}.${f}${int(r, 1, 99)}`, `${f}.${g}`, `${g}${y % 100}`]);
  return [local, pick(r, DOMAINS)];
}

/** The draws of person() up to the wanted address (kept in step with person()). */
function wantedOf(seed: number, p: number): string {
  const h = rng(hash(seed, 11, householdHead(seed, p)));
  const family = pick(h, FAMILY);
  const r = rng(hash(seed, 12, p));
  const given = pick(r, GIVEN);
  const y = int(r, 1940, 2004);
  int(r, 1, 12);
  int(r, 1, 28);
  const [local, domain] = wantedEmail(r, given, family, y);
  return `${local}@${domain}`;
}

// A mailbox belongs to one person, as providers enforce: the lowest person id that wants an
// address gets it; anyone later gets it with their id appended after a dot ("sarah.ahmed.4821"),
// which no wanted address ends in, so every person's address is their own. Whether a lower id
// wanted the same address depends only on (seed, id), never on the run's size or order, so any
// record can still be rebuilt alone; the claims of ids 0…p are replayed once per seed (a 53-bit
// hash per claimed address in an open-addressing table, about 20 MB at a million persons).
interface Claims {
  seed: number;
  /** Persons replayed: ids below this. */
  upTo: number;
  /** 1: the person got their wanted address. */
  owns: Uint8Array;
  table: Float64Array;
  used: number;
}
const claimsBySeed: Claims[] = []; // the last two seeds used

function addressKey(s: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  // 1 + a 53-bit value (0 marks an empty slot)
  return 1 + (h1 >>> 0) * 2097152 + ((h2 >>> 0) & 0x1fffff);
}

/** Adds key; false when it was there already. */
function claim(c: Claims, key: number): boolean {
  if ((c.used + 1) * 10 > c.table.length * 7) {
    const old = c.table;
    c.table = new Float64Array(old.length * 2);
    c.used = 0;
    for (const k of old) if (k !== 0) claim(c, k);
  }
  const mask = c.table.length - 1;
  let s = (Math.imul(key % 4294967296 >>> 0, 0x9e3779b1) ^ Math.floor(key / 4294967296)) & mask;
  for (;;) {
    const v = c.table[s]!;
    if (v === key) return false;
    if (v === 0) {
      c.table[s] = key;
      c.used++;
      return true;
    }
    s = (s + 1) & mask;
  }
}

function ownsWanted(seed: number, p: number): boolean {
  let c = claimsBySeed.find((x) => x.seed === seed);
  if (!c) {
    c = { seed, upTo: 0, owns: new Uint8Array(1024), table: new Float64Array(1024), used: 0 };
    claimsBySeed.unshift(c);
    claimsBySeed.length = Math.min(claimsBySeed.length, 2);
  }
  if (p >= c.upTo) {
    const to = Math.max(p + 1, Math.min(2 * c.upTo, c.upTo + 1_000_000));
    if (to > c.owns.length) {
      let len = c.owns.length;
      while (len < to) len *= 2;
      const o = new Uint8Array(len);
      o.set(c.owns);
      c.owns = o;
    }
    for (let q = c.upTo; q < to; q++) c.owns[q] = claim(c, addressKey(wantedOf(seed, q))) ? 1 : 0;
    c.upTo = to;
  }
  return c.owns[p] === 1;
}

export function person(seed: number, p: number): Person {
  const head = householdHead(seed, p);
  const h = rng(hash(seed, 11, head));
  const family = pick(h, FAMILY);
  const [city, areas] = pick(h, CITIES);
  const postcode = `${pick(h, areas)}${int(h, 1, 28)} ${int(h, 1, 9)}${pick(h, POSTCODE_LETTERS)}${pick(h, POSTCODE_LETTERS)}`;
  const houseNo = int(h, 1, 240);
  const flat = chance(h, 0.12) ? int(h, 1, 24) : null;
  const street = pick(h, STREETS);
  const landline = `0${pick(h, ['1', '2'])}${String(int(h, 0, 999_999_999)).padStart(9, '0')}`;

  const r = rng(hash(seed, 12, p));
  const given = pick(r, GIVEN);
  const y = int(r, 1940, 2004);
  const dob = { y, m: int(r, 1, 12), d: int(r, 1, 28) };
  const [wanted, emailDomain] = wantedEmail(r, given, family, y);
  const emailLocal = ownsWanted(seed, p) ? wanted : `${wanted}.${p}`;
  const mobile = `07${String(int(r, 0, 999_999_999)).padStart(9, '0')}`;
  const company = chance(r, 0.35) ? pick(r, COMPANIES) : null;
  const title = pick(r, ['Mr', 'Mrs', 'Ms', 'Miss', 'Dr', 'Mr', 'Ms']);
  const consentEmail = chance(r, 0.8);
  const consentSms = chance(r, 0.4);
  // 60% were customers before the window opened; the rest joined during it.
  const signup = chance(r, 0.6) ? int(r, FIRST_SIGNUP, WINDOW_START - 1) : int(r, WINDOW_START, WINDOW_END - 120);

  // Latent churn drivers.
  const priceSensitivity = r();
  const complaintRate = r() * r();
  const engagement = (r() + r()) / 2;
  const tenureYears = Math.max(0, (WINDOW_END - signup) / 365);
  const z = -1.9 + 1.5 * priceSensitivity + 2.2 * complaintRate - 1.4 * engagement - 0.06 * Math.min(tenureYears, 15) + (tenureYears < 1.5 ? 0.5 : 0);
  const propensity = 1 / (1 + Math.exp(-z));
  const from = Math.max(signup + 90, WINDOW_START + 60);
  let churned = r() < propensity && from < WINDOW_END - 1;
  const churnDay = churned ? int(r, from, WINDOW_END - 1) : null;
  if (churnDay === null) churned = false;
  return {
    id: p, household: head, given, family, title, dob, emailLocal, emailDomain, mobile, landline, houseNo, flat, street, city, postcode,
    company, consentEmail, consentSms, signup, priceSensitivity, complaintRate, engagement, propensity, churned, churnDay,
  };
}
