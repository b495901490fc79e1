// Candidate pairs kept in typed arrays: an open-addressing hash set of (i, j) and growable Int32 /
// Uint8 lists. A JS Set of numbers stops at 2^24 entries (about 16.7M pairs, reached near 1M
// records) and costs ~50 bytes a pair; this costs 20–35 (the set at load ≤ 0.7, plus the lists).

/** Set of record pairs (i, j), 0 ≤ i, j < 2^26 (keys i·n + j stay exact in a double). */
export class PairSet {
  private keys: Float64Array;
  private mask: number;
  size = 0;
  constructor(private readonly n: number, expected = 1024) {
    let cap = 1024;
    while (cap * 0.7 < expected) cap *= 2;
    this.keys = new Float64Array(cap);
    this.mask = cap - 1;
  }
  private static slot(key: number, mask: number): number {
    // mix the high and low halves: keys i·n + j exceed 2^32
    const lo = key >>> 0;
    const hi = (key / 4294967296) >>> 0;
    let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h & mask;
  }
  /** Adds (i, j); false when it was already there. */
  add(i: number, j: number): boolean {
    const key = i * this.n + j + 1; // 0 marks an empty slot
    const keys = this.keys;
    let s = PairSet.slot(key, this.mask);
    for (;;) {
      const k = keys[s]!;
      if (k === 0) break;
      if (k === key) return false;
      s = (s + 1) & this.mask;
    }
    keys[s] = key;
    if (++this.size > keys.length * 0.7) this.grow();
    return true;
  }
  private grow(): void {
    const old = this.keys;
    const keys = new Float64Array(old.length * 2);
    const mask = keys.length - 1;
    for (let x = 0; x < old.length; x++) {
      const k = old[x]!;
      if (k === 0) continue;
      let s = PairSet.slot(k, mask);
      while (keys[s] !== 0) s = (s + 1) & mask;
      keys[s] = k;
    }
    this.keys = keys;
    this.mask = mask;
  }
}

/** An append-only list of small integers in a typed array that doubles as it fills. */
export class GrowList<T extends Int32Array | Uint8Array> {
  private buf: T;
  length = 0;
  constructor(private readonly make: (n: number) => T, initial = 1024) {
    this.buf = make(initial);
  }
  push(v: number): void {
    if (this.length === this.buf.length) {
      const next = this.make(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = v;
  }
  /** The values, copied into an array of exactly their length. */
  toArray(): T {
    return this.buf.slice(0, this.length) as T;
  }
}
