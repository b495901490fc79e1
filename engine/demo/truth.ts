// The hidden truth behind the demo data: who each true person is, how likely they are to churn,
// and when they did. Every value is a pure function of (seed, person id), so any record of any
// source can be rebuilt alone, and the truth file can be rewritten identically after a resume.
import { FIRST_SIGNUP, WINDOW_END, WINDOW_START } from './calendar.js';
import { CITIES, COMPANIES, DOMAINS, FAMILY, GIVEN, STREETS } from './people.js';
import { chance, hash, int, pick, rng, unit } from './random.js';

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
  const g = ascii(given).toLowerCase();
  const f = ascii(family).toLowerCase().replace(/[^a-z]/g, '');
  const emailLocal = pick(r, [`${g}.${f}`, `${g}${f}`, `${g[0]}${f}`, `${g}.${f}${int(r, 1, 99)}`, `${f}.${g}`, `${g}${y % 100}`]);
  const emailDomain = pick(r, DOMAINS);
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
