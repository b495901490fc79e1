// Small seeded PRNG (mulberry32) and integer hashing: the same seed gives the same demo data on
// every machine. Every generated value derives from (seed, a few integers), never from call order
// across records, so any record can be rebuilt alone (resume, truth file).
import { fmix32 } from '../util/hash.js';

export type Rng = () => number;

export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** murmur3 finaliser: a well-mixed 32-bit value. */
export const mix = fmix32;

/** Hash of up to four integers (unsigned 32-bit). */
export function hash(a: number, b = 0, c = 0, d = 0): number {
  let h = mix(a ^ 0x9e3779b9);
  h = mix(h ^ Math.imul(b + 0x7f4a7c15, 0x2545f491));
  h = mix(h ^ Math.imul(c + 0x3c6ef372, 0x9e3779b1));
  return mix(h ^ Math.imul(d + 0x1b873593, 0x85ebca6b));
}

/** A uniform number in [0, 1) from a hash. */
export const unit = (a: number, b = 0, c = 0, d = 0): number => hash(a, b, c, d) / 4294967296;

export const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
export const int = (r: Rng, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
export const chance = (r: Rng, p: number): boolean => r() < p;

/** Pick from [value, weight] pairs. */
export function weighted<T>(r: Rng, xs: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const x of xs) total += x[1];
  let u = r() * total;
  for (const x of xs) {
    u -= x[1];
    if (u < 0) return x[0];
  }
  return xs[xs.length - 1]![0];
}

/** Exponential waiting time with the given mean. */
export const expo = (r: Rng, mean: number): number => -Math.log(1 - r()) * mean;

/**
 * A pseudo-random permutation of [0, n): a 4-round Feistel network over the next even power of
 * two, cycle-walking until the value falls inside [0, n). Cheap, stateless, invertible in theory.
 */
export function permute(x: number, n: number, key: number): number {
  if (n <= 1) return 0;
  let bits = Math.max(2, Math.ceil(Math.log2(n)));
  if (bits % 2) bits++;
  const half = bits / 2;
  const mask = (1 << half) - 1;
  let v = x;
  do {
    let l = v >>> half;
    let r = v & mask;
    for (let round = 0; round < 4; round++) {
      const f = hash(key, round, r) & mask;
      const nl = r;
      r = (l ^ f) & mask;
      l = nl;
    }
    v = ((l << half) | r) >>> 0;
  } while (v >= n);
  return v;
}
