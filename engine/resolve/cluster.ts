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
  const known = new Map<number, number>();
  for (let p = 0; p < inp.a.length; p++) {
    const i = inp.a[p]!;
    const j = inp.b[p]!;
    const pr = inp.probability[p]!;
    known.set(i < j ? i * n + j : j * n + i, pr);
    if (pr >= inp.threshold) {
      const x = find(parent, i);
      const y = find(parent, j);
      if (x !== y) parent[Math.max(x, y)] = Math.min(x, y);
    }
  }
  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = find(parent, i);
    const l = members.get(r);
    if (l) l.push(i);
    else members.set(r, [i]);
  }
  const label = new Int32Array(n).fill(-1);
  let next = 0;
  let split = 0;
  let householdGuards = 0;
  const maxComp = inp.maxComponent ?? 400;
  const prob = (i: number, j: number) => {
    const k = i < j ? i * n + j : j * n + i;
    let v = known.get(k);
    if (v === undefined) {
      v = inp.pairProbability(i, j);
      known.set(k, v);
    }
    return v;
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
  for (const comp of members.values()) {
    const groups = groupsOf(comp);
    if (groups.length > 1) split++;
    for (const g of groups) {
      for (const i of g) label[i] = -2 - next;
      next++;
    }
  }
  // renumber in order of each entity's first record (stable output order)
  const renum = new Map<number, number>();
  const entity = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const l = label[i]!;
    let e = renum.get(l);
    if (e === undefined) {
      e = renum.size;
      renum.set(l, e);
    }
    entity[i] = e;
  }
  return { entity, entities: renum.size, split, householdGuards };
}

/**
 * Average linkage inside one component: start from single records, repeatedly merge the two
 * groups whose pairs have the highest mean probability, while that mean reaches the threshold and
 * no pair across them is a cannot-link.
 */
export function averageLinkage(comp: number[], prob: (i: number, j: number) => number, threshold: number, cannotLink?: (i: number, j: number) => boolean, onGuard?: () => void): number[][] {
  const k = comp.length;
  // sums[x][y]: total probability between groups x and y; counts by group sizes
  const sums: Float64Array[] = [];
  const blocked: Uint8Array[] = [];
  for (let x = 0; x < k; x++) {
    sums.push(new Float64Array(k));
    blocked.push(new Uint8Array(k));
  }
  for (let x = 0; x < k; x++)
    for (let y = x + 1; y < k; y++) {
      const p = prob(comp[x]!, comp[y]!);
      sums[x]![y] = sums[y]![x] = p;
      if (cannotLink?.(comp[x]!, comp[y]!)) {
        blocked[x]![y] = blocked[y]![x] = 1;
        if (p >= threshold) onGuard?.();
      }
    }
  const size = new Int32Array(k).fill(1);
  const alive = new Uint8Array(k).fill(1);
  const groups: number[][] = comp.map((i) => [i]);
  for (;;) {
    let best = -1;
    let bx = -1;
    let by = -1;
    for (let x = 0; x < k; x++) {
      if (!alive[x]) continue;
      for (let y = x + 1; y < k; y++) {
        if (!alive[y] || blocked[x]![y]) continue;
        const mean = sums[x]![y]! / (size[x]! * size[y]!);
        if (mean > best) {
          best = mean;
          bx = x;
          by = y;
        }
      }
    }
    if (bx < 0 || best < threshold) break;
    // merge by into bx
    groups[bx]!.push(...groups[by]!);
    size[bx]! += size[by]!;
    alive[by] = 0;
    for (let z = 0; z < k; z++) {
      if (!alive[z] || z === bx) continue;
      sums[bx]![z] = sums[z]![bx] = sums[bx]![z]! + sums[by]![z]!;
      if (blocked[by]![z]) blocked[bx]![z] = blocked[z]![bx] = 1;
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
