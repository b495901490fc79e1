// Frequent-value counting: exact while a column has few distinct values, then a Misra-Gries
// summary (k counters, pruned in batches) whose counts are lower bounds, each at most
// `maxError` below the truth. Any value occurring more than n/(k+1) times is guaranteed kept.

import type { Counted } from '../api/profile-types.js';

export type { Counted };

/** Sort by count descending, then value ascending, so equal counts come out in a stable order. */
export function byCount(a: Counted, b: Counted): number {
  return b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
}

export class MisraGries {
  counts = new Map<string, number>();
  /** Total subtracted from every counter so far: each reported count is ≤ this much too low. */
  maxError = 0;

  /** Keeps at least k counters; prunes when 4k are held, so a prune is paid for by 3k additions. */
  constructor(readonly k = 1000) {}

  add(v: string, w = 1): void {
    const c = this.counts.get(v);
    this.counts.set(v, c === undefined ? w : c + w);
    if (this.counts.size > 4 * this.k) this.prune();
  }

  private prune(): void {
    const vals = Float64Array.from(this.counts.values());
    const cut = kthLargest(vals, this.k); // the (k+1)-th largest count
    if (cut <= 0) return;
    this.maxError += cut;
    // Rebuild rather than delete: in a mostly-unique column nearly every counter goes.
    const next = new Map<string, number>();
    for (const [v, c] of this.counts) if (c > cut) next.set(v, c - cut);
    this.counts = next;
  }

  top(n: number): Counted[] {
    return topOf(this.counts, n);
  }
}

/** The element that would sit at index k if `a` were sorted descending (quickselect; reorders a). */
export function kthLargest(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! > pivot) i++;
      while (a[j]! < pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

/** The n most frequent entries of a count map (partial selection, then a small sort). */
export function topOf(counts: Map<string, number>, n: number): Counted[] {
  const best: Counted[] = [];
  let floor = -Infinity;
  for (const [value, count] of counts) {
    if (best.length >= n && count < floor) continue;
    best.push({ value, count });
    if (best.length > n * 4) {
      best.sort(byCount);
      best.length = n;
      floor = best[n - 1]!.count;
    }
  }
  best.sort(byCount);
  if (best.length > n) best.length = n;
  return best;
}

/** Exact counts up to `threshold` distinct values, a Misra-Gries summary beyond. */
export class ValueCounter {
  private exactMap: Map<string, number> | null = new Map();
  private mg: MisraGries | null = null;

  constructor(
    readonly threshold = 50_000,
    readonly k = 1000,
  ) {}

  get exact(): boolean {
    return this.exactMap !== null;
  }

  get maxError(): number {
    return this.mg?.maxError ?? 0;
  }

  add(v: string, w = 1): void {
    const m = this.exactMap;
    if (m) {
      m.set(v, (m.get(v) ?? 0) + w);
      if (m.size > this.threshold) {
        this.mg = new MisraGries(this.k);
        for (const [x, c] of m) this.mg.add(x, c);
        this.exactMap = null;
      }
    } else this.mg!.add(v, w);
  }

  /** Exact distinct count, or null once the counter has become a sketch. */
  get distinct(): number | null {
    return this.exactMap ? this.exactMap.size : null;
  }

  top(n: number): Counted[] {
    return this.exactMap ? topOf(this.exactMap, n) : this.mg!.top(n);
  }
}
