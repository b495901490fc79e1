// A small synthetic customer file with a known truth: persons with 0–2 messy duplicates, and
// households (same surname, address and landline; another given name, birth date and e-mail).
import type { Table } from '../../../engine/resolve/types.js';

const GIVEN = ['james', 'mary', 'robert', 'patricia', 'john', 'jennifer', 'michael', 'linda', 'william', 'elizabeth', 'david', 'barbara', 'richard', 'susan', 'joseph', 'jessica', 'thomas', 'sarah', 'charles', 'karen', 'daniel', 'nancy', 'matthew', 'lisa', 'anthony', 'betty', 'mark', 'margaret', 'steven', 'sandra', 'paul', 'ashley', 'andrew', 'emily', 'joshua', 'donna', 'kenneth', 'michelle', 'kevin', 'carol', 'brian', 'amanda', 'george', 'melissa', 'edward', 'deborah'];
const FAMILY = ['smith', 'jones', 'taylor', 'brown', 'williams', 'wilson', 'johnson', 'davies', 'robinson', 'wright', 'thompson', 'evans', 'walker', 'white', 'roberts', 'green', 'hall', 'wood', 'jackson', 'clarke', 'patel', 'khan', 'lewis', 'james', 'phillips', 'mason', 'mitchell', 'rose', 'davis', 'rodriguez', 'cox', 'alexander', 'kowalski', 'nguyen', 'okafor', 'schmidt', 'muller', 'rossi', 'dubois', 'novak'];
const STREETS = ['high street', 'station road', 'church lane', 'park avenue', 'mill lane', 'victoria road', 'green lane', 'manor road', 'kings road', 'queens drive'];
const TOWNS = [['leeds', 'LS'], ['york', 'YO'], ['bath', 'BA'], ['derby', 'DE'], ['hull', 'HU'], ['bristol', 'BS'], ['oxford', 'OX'], ['cardiff', 'CF']] as const;
const NICK: Record<string, string> = { robert: 'bob', william: 'bill', elizabeth: 'liz', richard: 'dick', michael: 'mike', thomas: 'tom', joseph: 'joe', jennifer: 'jen', daniel: 'dan', matthew: 'matt', anthony: 'tony', steven: 'steve', andrew: 'andy', kenneth: 'ken', edward: 'ted' };

/** Deterministic PRNG (LCG) so the file is the same on every run. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

interface Person {
  given: string;
  family: string;
  dob: [number, number, number];
  email: string;
  phone: string;
  street: string;
  town: string;
  postcode: string;
  household: number;
}

const cap = (s: string) => s.replace(/\b[a-z]/g, (c) => c.toUpperCase());

export interface Synth {
  table: Table;
  /** True person of each row. */
  person: number[];
  household: number[];
}

export function synthPeople(persons: number, seed = 7): Synth {
  const r = lcg(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const people: Person[] = [];
  for (let p = 0; p < persons; p++) {
    const prev = people[p - 1];
    const given = pick(GIVEN);
    const dob: [number, number, number] = [int(1940, 2004), int(1, 12), int(1, 28)];
    if (prev && r() < 0.25) {
      // a household member: same surname, address and landline; own given name, birth date, e-mail
      const other = given === prev.given ? GIVEN[(GIVEN.indexOf(given) + 1) % GIVEN.length]! : given;
      people.push({ ...prev, given: other, dob, email: `${other[0]}${prev.family}${int(1, 99)}@mail.example`, household: prev.household });
      continue;
    }
    const family = pick(FAMILY);
    const [town, area] = pick(TOWNS);
    people.push({
      given,
      family,
      dob,
      email: `${given}.${family}${int(1, 999)}@${pick(['mail.example', 'post.example', 'inbox.example'])}`,
      phone: `01${int(100, 999)} ${int(100000, 999999)}`,
      street: `${int(1, 200)} ${pick(STREETS)}`,
      town,
      postcode: `${area}${int(1, 29)} ${int(1, 9)}${pick(['AB', 'DF', 'GH', 'JL', 'NP'])}`,
      household: p,
    });
  }
  const typo = (s: string) => {
    if (s.length < 4) return s;
    const k = int(1, s.length - 2);
    return r() < 0.5 ? s.slice(0, k) + s[k + 1] + s[k] + s.slice(k + 2) : s.slice(0, k) + s.slice(k + 1);
  };
  const rows: (string | null)[][] = [];
  const person: number[] = [];
  const household: number[] = [];
  let id = 0;
  people.forEach((p, k) => {
    const copies = 1 + (r() < 0.45 ? int(1, 2) : 0);
    for (let c = 0; c < copies; c++) {
      const messy = c > 0;
      let given = p.given;
      if (messy && r() < 0.15 && NICK[given]) given = NICK[given]!;
      else if (messy && r() < 0.2) given = typo(given);
      const family = messy && r() < 0.2 ? typo(p.family) : p.family;
      const [y, m, d] = p.dob;
      const swap = messy && r() < 0.05 && d <= 12;
      const dob = `${String(swap ? m : d).padStart(2, '0')}/${String(swap ? d : m).padStart(2, '0')}/${y}`;
      const names = messy && r() < 0.05 ? [family, given] : [given, family];
      rows.push([
        `C${String(++id).padStart(5, '0')}`,
        r() < 0.3 ? names[0]!.toUpperCase() : cap(names[0]!),
        cap(names[1]!),
        messy && r() < 0.15 ? null : dob,
        messy && r() < 0.25 ? null : messy && r() < 0.3 ? p.email.replace('@', '+shop@') : p.email,
        messy && r() < 0.2 ? null : messy && r() < 0.5 ? `+44 ${p.phone.slice(1).replace(' ', '')}` : p.phone,
        messy && r() < 0.3 ? p.street.replace('street', 'st').replace('road', 'rd') : cap(p.street),
        cap(p.town),
        messy && r() < 0.3 ? p.postcode.replace(' ', '').toLowerCase() : p.postcode,
      ]);
      person.push(k);
      household.push(p.household);
    }
  });
  return { table: { columns: ['customer_id', 'first_name', 'last_name', 'date_of_birth', 'email', 'phone', 'street', 'town', 'postcode'], rows }, person, household };
}
