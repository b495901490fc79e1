// An exact-membership set of 64-bit hashes (open addressing over a Uint32Array), used to count
// distinct duplicate keys (normalised email, phone, name+dob) over millions of rows in a few MB.
// Two different keys share a 64-bit hash with probability ~n²/2⁶⁵ (≈ 3·10⁻⁸ at 1M keys).
import { H, hash64 } from './hash.js';

export class HashSet64 {
  private table: Uint32Array;
  private mask: number;
  size = 0;

  constructor(initialCapacity = 1024) {
    let cap = 16;
    while (cap < initialCapacity * 2) cap <<= 1;
    this.table = new Uint32Array(cap * 2);
    this.mask = cap - 1;
  }

  /** Add `s`; true when it was not there before. */
  add(s: string): boolean {
    hash64(s, HashSet64.SEED);
    return this.addHash(H.h1, H.h2);
  }

  /** The seed `add` hashes with (for callers that hash once and add to several sets). */
  static readonly SEED = 0x5bd1e995;

  /** Add a key already hashed with hash64(key, HashSet64.SEED). */
  addHash(a: number, b: number): boolean {
    if (a === 0 && b === 0) a = 1; // (0,0) marks an empty slot
    return this.insert(a, b);
  }

  private insert(a: number, b: number): boolean {
    const t = this.table;
    let i = (a ^ Math.imul(b, 0x9e3779b1)) & this.mask;
    for (;;) {
      const x = t[i * 2]!;
      const y = t[i * 2 + 1]!;
      if (x === 0 && y === 0) break;
      if (x === a && y === b) return false;
      i = (i + 1) & this.mask;
    }
    t[i * 2] = a;
    t[i * 2 + 1] = b;
    this.size++;
    if (this.size * 2 > this.mask + 1) this.grow();
    return true;
  }

  private grow(): void {
    const old = this.table;
    const cap = (this.mask + 1) * 2;
    this.table = new Uint32Array(cap * 2);
    this.mask = cap - 1;
    this.size = 0;
    for (let i = 0; i < old.length; i += 2) {
      const a = old[i]!;
      const b = old[i + 1]!;
      if (a !== 0 || b !== 0) this.insert(a, b);
    }
  }
}
