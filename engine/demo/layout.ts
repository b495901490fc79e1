// How `customers` accounts are spread over the three demo sources and which true person each one
// belongs to. Pure arithmetic on (seed, customers): no table needs to be read to know that row k
// of the marketing feed is a second account of person 4711.
//
// - Rows: 60% crm, 25% marketing, 15% billing (sum = customers exactly).
// - In each source, one row in every block of ten is a duplicate account of a person that source
//   already holds (an earlier row), so ~10% of accounts are duplicates beyond the natural overlap.
// - The other rows ("base" accounts) cover distinct persons: persons sit on a ring of positions
//   q = 0..P-1; crm covers the first 90%, marketing the last ~37%, billing ~22% from the middle,
//   so every person is somewhere and ~40% are in two or three feeds. A keyed permutation maps
//   positions to person ids, so overlap is not visible in the ids.
import { hash, permute } from './random.js';

export const SOURCE_NAMES = ['crm', 'marketing', 'billing'] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];
const SHARE = [0.6, 0.25, 0.15] as const;
const CRM_COVERAGE = 0.9;
const BILLING_FROM = 0.5;

export interface Layout {
  seed: number;
  customers: number;
  /** Rows per source, in SOURCE_NAMES order. */
  rows: [number, number, number];
  /** First global index of each source (records are written crm, marketing, billing). */
  offset: [number, number, number];
  /** Non-duplicate accounts per source. */
  base: [number, number, number];
  /** Ring start of each source's base accounts. */
  start: [number, number, number];
  persons: number;
}

/** Position of the duplicate row in block b of source s (never row 0 of the feed). */
const dupPos = (seed: number, s: number, b: number): number => (b === 0 ? 1 + (hash(seed, 101 + s, b) % 9) : hash(seed, 101 + s, b) % 10);

function baseCount(seed: number, s: number, rows: number): number {
  const full = Math.floor(rows / 10);
  const rem = rows % 10;
  return full * 9 + rem - (rem > 0 && dupPos(seed, s, full) < rem ? 1 : 0);
}

export function layout(seed: number, customers: number): Layout {
  const crm = Math.max(1, Math.round(customers * SHARE[0]));
  const mkt = Math.round(customers * SHARE[1]);
  const bill = Math.max(0, customers - crm - mkt);
  const rows: [number, number, number] = [crm, mkt, bill];
  const base: [number, number, number] = [baseCount(seed, 0, crm), baseCount(seed, 1, mkt), baseCount(seed, 2, bill)];
  const persons = Math.max(1, Math.round(base[0] / CRM_COVERAGE));
  const mod = (x: number) => ((x % persons) + persons) % persons;
  return {
    seed,
    customers,
    rows,
    offset: [0, crm, crm + mkt],
    base,
    start: [0, mod(persons - base[1]), mod(Math.floor(persons * BILLING_FROM))],
    persons,
  };
}

export interface RowRef {
  source: number;
  /** 0-based row within the source (row_no - 1). */
  k: number;
  person: number;
  /** Ring position (which feeds a person is in follows from it). */
  q: number;
  duplicate: boolean;
}

/** The person behind base account j of source s. */
export function basePerson(L: Layout, s: number, j: number): { person: number; q: number } {
  const q = (L.start[s]! + j) % L.persons;
  return { person: permute(q, L.persons, hash(L.seed, 0x5eed)), q };
}

export function rowRef(L: Layout, s: number, k: number): RowRef {
  const b = Math.floor(k / 10);
  const pos = k % 10;
  const d = dupPos(L.seed, s, b);
  if (pos === d) {
    // A second account of someone this feed already holds (an earlier base row).
    const earlier = Math.min(b * 9 + pos, L.base[s]!);
    const j = hash(L.seed, 201 + s, k) % earlier;
    return { source: s, k, ...basePerson(L, s, j), duplicate: true };
  }
  const j = b * 9 + (pos < d ? pos : pos - 1);
  return { source: s, k, ...basePerson(L, s, j), duplicate: false };
}

/** Global record index → (source, row within source). */
export function locate(L: Layout, i: number): { s: number; k: number } {
  const s = i >= L.offset[2] ? 2 : i >= L.offset[1] ? 1 : 0;
  return { s, k: i - L.offset[s]! };
}

/** Does source s hold a base account for ring position q? */
export function covers(L: Layout, s: number, q: number): boolean {
  const rel = (((q - L.start[s]!) % L.persons) + L.persons) % L.persons;
  return rel < L.base[s]!;
}
