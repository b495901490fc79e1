// Entities from scored pairs: connected components of the pairs at or above the threshold, then,
// inside each component, average-linkage merging so that a chain of single weak links does not
// join two groups (two groups merge only when their pairs agree on average), and a cannot-link
// guard keeps apart members of one household (same surname and address, different given name
// and birth date) however the links run.

export interface ClusterInput {
  n: number;
  /** Candidate pairs and their match probabilities. */
  a: Int32Array;
  b: Int32Array;
  probability: Float64Array;
  threshold: number;
  /** Probability of any pair (those not among the candidates are computed on demand). */
  pairProbability: (i: number, j: number) => number;
  /** True when i and j must not be in one entity. */
  cannotLink?: ((i: number, j: number) => boolean) | undefined;
  /** Components larger than this keep their links as they are (bounded work). */
  maxComponent?: number;
}

export interface ClusterResult {
  /** Entity number of every record, 0-based, in order of each entity's first record. */
  entity: Int32Array;
  entities: number;
  /** Components split by average linkage or the household guard. */
  split: number;
  /** Pairs kept apart by the household guard. */
  householdGuards: number;
}

function find(parent: Int32Array, x: number): number {
  while (parent[x] !== x) {
    parent[x] = parent[parent[x]!]!;
    x = parent[x]!;
  }
  return x;
}

export function cluster(inp: ClusterInput): ClusterResult {
  const { n } = inp;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  for (let p = 0; p < inp.a.length; p++) {
    if (inp.probability[p]! < inp.threshold) continue;
    const x = find(parent, inp.a[p]!);
    const y = find(parent, inp.b[p]!);
    if (x !== y) parent[Math.max(x, y)] = Math.min(x, y);
  }
  // components as runs of one array (counting sort by root), in order of their smallest record
  const root = new Int32Array(n);
  const size = new Int32Array(n);
  for (let i = 0; i < n; i++) size[(root[i] = find(parent, i))]!++;
  const start = new Int32Array(n + 1);
  const order: number[] = [];
  for (let i = 0; i < n; i++) if (root[i] === i) order.push(i);
  let at = 0;
  for (const r of order) {
    start[r] = at;
    at += size[r]!;
  }
  const fill = new Int32Array(n);
  const members = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const r = root[i]!;
    members[start[r]! + fill[r]!++] = i;
  }
  const maxComp = inp.maxComponent ?? 400;
  // Only components that average linkage splits (3…maxComp records) need their pairs' scores:
  // keep just those candidate pairs, not a map of every candidate pair (8M entries at 1M records).
  const known = new Map<number, number>();
  for (let p = 0; p < inp.a.length; p++) {
    const i = inp.a[p]!;
    const k = size[root[i]!]!;
    if (k < 3 || k > maxComp || root[i] !== root[inp.b[p]!]) continue;
    const j = inp.b[p]!;
    known.set(i < j ? i * n + j : j * n + i, inp.probability[p]!);
  }
  const label = new Int32Array(n).fill(-1);
  let next = 0;
  let split = 0;
  let householdGuards = 0;
  const prob = (i: number, j: number) => {
    const k = i < j ? i * n + j : j * n + i;
    const v = known.get(k);
    return v === undefined ? inp.pairProbability(i, j) : v;
  };
  const groupsOf = (comp: number[]): number[][] => {
    if (comp.length === 1) return [comp];
    if (comp.length === 2) {
      if (inp.cannotLink?.(comp[0]!, comp[1]!)) {
        householdGuards++;
        return [[comp[0]!], [comp[1]!]];
      }
      return [comp];
    }
    if (comp.length > maxComp) return [comp];
    return averageLinkage(comp, prob, inp.threshold, inp.cannotLink, () => householdGuards++);
  };
  for (const r of order) {
    const comp = Array.from(members.subarray(start[r]!, start[r]! + size[r]!));
    const groups = groupsOf(comp);
    if (groups.length > 1) split++;
    for (const g of groups) {
      for (const i of g) label[i] = next;
      next++;
    }
  }
  // renumber in order of each entity's first record (stable output order)
  const renum = new Int32Array(next).fill(-1);
  const entity = new Int32Array(n);
  let entities = 0;
  for (let i = 0; i < n; i++) {
    const l = label[i]!;
    if (renum[l] === -1) renum[l] = entities++;
    entity[i] = renum[l]!;
  }
  return { entity, entities, split, householdGuards };
}

/**
 * Average linkage inside one component: start from single records, repeatedly merge the two
 * groups whose pairs have the highest mean probability, while that mean reaches the threshold and
 * no pair across them is a cannot-link. Each group keeps its best partner among the later groups,
 * so a merge costs O(k) updates instead of a rescan of all O(k²) pairs; ties go to the first pair
 * in (x, y) order, as a full scan would.
 */
export function averageLinkage(comp: number[], prob: (i: number, j: number) => number, threshold: number, cannotLink?: (i: number, j: number) => boolean, onGuard?: () => void): number[][] {
  const k = comp.length;
  // sums[x*k+y]: total probability between groups x and y; means divide by the group sizes
  const sums = new Float64Array(k * k);
  const blocked = new Uint8Array(k * k);
  for (let x = 0; x < k; x++)
    for (let y = x + 1; y < k; y++) {
      const p = prob(comp[x]!, comp[y]!);
      sums[x * k + y] = sums[y * k + x] = p;
      if (cannotLink?.(comp[x]!, comp[y]!)) {
        blocked[x * k + y] = blocked[y * k + x] = 1;
        if (p >= threshold) onGuard?.();
      }
    }
  const size = new Int32Array(k).fill(1);
  const alive = new Uint8Array(k).fill(1);
  const groups: number[][] = comp.map((i) => [i]);
  const mean = (x: number, y: number) => sums[x * k + y]! / (size[x]! * size[y]!);
  // best[x]: the first y > x with the highest mean (−1: none); bestMean[x] its mean
  const best = new Int32Array(k).fill(-1);
  const bestMean = new Float64Array(k).fill(-1);
  const rescan = (x: number) => {
    let b = -1;
    let bm = -1;
    for (let y = x + 1; y < k; y++) {
      if (!alive[y] || blocked[x * k + y]) continue;
      const m = mean(x, y);
      if (m > bm) {
        bm = m;
        b = y;
      }
    }
    best[x] = b;
    bestMean[x] = bm;
  };
  for (let x = 0; x < k; x++) rescan(x);
  for (;;) {
    let bx = -1;
    let top = -1;
    for (let x = 0; x < k; x++) {
      if (!alive[x] || best[x]! < 0) continue;
      if (bestMean[x]! > top) {
        top = bestMean[x]!;
        bx = x;
      }
    }
    if (bx < 0 || top < threshold) break;
    const by = best[bx]!;
    // merge by into bx
    groups[bx]!.push(...groups[by]!);
    size[bx]! += size[by]!;
    alive[by] = 0;
    for (let z = 0; z < k; z++) {
      if (!alive[z] || z === bx) continue;
      sums[bx * k + z] = sums[z * k + bx] = sums[bx * k + z]! + sums[by * k + z]!;
      if (blocked[by * k + z]) blocked[bx * k + z] = blocked[z * k + bx] = 1;
    }
    // partners to look at again: bx itself, groups before bx (their mean to bx changed), groups whose partner was by
    rescan(bx);
    for (let z = 0; z < k; z++) {
      if (!alive[z] || z === bx) continue;
      if (best[z] === by || best[z] === bx) rescan(z);
      else if (z < bx && !blocked[z * k + bx]) {
        const m = mean(z, bx);
        if (m > bestMean[z]! || (m === bestMean[z]! && bx < best[z]!)) {
          best[z] = bx;
          bestMean[z] = m;
        }
      }
    }
  }
  return groups.filter((_, x) => alive[x]);
}

/** The comparisons the household guard reads, found by their columns' roles. */
export interface HouseholdColumns {
  given: number;
  surname: number;
  birth: number;
  /** Address-like comparisons: street lines, house numbers, postcodes. */
  address: number[];
  /** Personal identifiers (national id, email, phone): agreeing on one says "same person", not "same household". */
  personal: number[];
}

/**
 * Household guard: same surname (exact or near), same address (every address-like comparison
 * present agrees exactly or within a typo), but given names that disagree and birth dates more than
 * a typo apart, and no personal identifier (national id, email, phone) in common. Needs all four
 * kinds of column; without them it never fires.
 */
export function householdGuard(level: (c: number, i: number, j: number) => number, cols: HouseholdColumns | null, elseLevel: (c: number) => number): ((i: number, j: number) => boolean) | undefined {
  if (!cols || cols.address.length === 0) return undefined;
  return (i, j) => {
    const s = level(cols.surname, i, j);
    if (s < 0 || s > 1) return false;
    const g = level(cols.given, i, j);
    if (g < 0 || g !== elseLevel(cols.given)) return false;
    const d = level(cols.birth, i, j);
    if (d < 3) return false;
    for (const c of cols.personal) {
      const l = level(c, i, j);
      if (l >= 0 && l <= 1) return false;
    }
    let present = 0;
    for (const c of cols.address) {
      const l = level(c, i, j);
      if (l < 0) continue;
      if (l > 1) return false;
      present++;
    }
    return present > 0;
  };
}
