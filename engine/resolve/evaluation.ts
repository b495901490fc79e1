// Evaluation of a stored run against labels, over dense record indices 0..n−1: the precision–recall
// curve of the scored pairs as the threshold moves (with matches and entities at each threshold, so
// a threshold can be chosen before re-running), and the run's entities against the truth. Recall
// always divides by every true pair among the records: a true pair the blocking never proposed (or
// scored below the storage floor) is a miss at every threshold.
import { metrics, type PairwiseMetrics } from './evaluate.js';

/** The truth: a label per record (null: not labelled; pairs with it are not judged), or a set of true pairs. */
export type Truth =
  | { kind: 'column'; label: (string | null)[] }
  /** judged: when given, only these pairs are judged (review labels: the true pairs and the labelled non-matches). */
  | { kind: 'pairs'; pairs: Set<number>; n: number; judged?: Set<number> };

/** Key of the unordered pair (i, j) among n records (exact in a double for n < 2^26). */
export const pairKey = (n: number, i: number, j: number) => (i < j ? i * n + j : j * n + i);

export interface ScoredPairs {
  a: Int32Array;
  b: Int32Array;
  probability: Float64Array;
}

export interface CurvePoint {
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
  matches: number;
  truePositives: number;
  entities: number;
}

const c2 = (k: number) => (k * (k - 1)) / 2;

/** Judge function and count of true pairs among the n records. */
export function truthPairs(truth: Truth, n: number): { judged: (i: number, j: number) => boolean; isTrue: (i: number, j: number) => boolean; truePairs: number } {
  if (truth.kind === 'column') {
    const { label } = truth;
    const size = new Map<string, number>();
    for (const l of label) if (l !== null) size.set(l, (size.get(l) ?? 0) + 1);
    let truePairs = 0;
    for (const s of size.values()) truePairs += c2(s);
    return { judged: (i, j) => label[i] !== null && label[j] !== null, isTrue: (i, j) => label[i] !== null && label[i] === label[j], truePairs };
  }
  const { pairs, judged } = truth;
  return { judged: judged ? (i, j) => judged.has(pairKey(n, i, j)) : () => true, isTrue: (i, j) => pairs.has(pairKey(n, i, j)), truePairs: pairs.size };
}

function find(parent: Int32Array, x: number): number {
  while (parent[x] !== x) {
    parent[x] = parent[parent[x]!]!;
    x = parent[x]!;
  }
  return x;
}

/**
 * Precision, recall, F1, matches and entities at each threshold (returned ascending). Pairs whose
 * records are not both labelled count as matches and link entities but are not judged.
 */
export function thresholdCurve(n: number, scored: ScoredPairs, truth: Truth, thresholds: number[]): CurvePoint[] {
  const { judged, isTrue, truePairs } = truthPairs(truth, n);
  const P = scored.a.length;
  const desc = [...thresholds].sort((x, y) => y - x);
  const T = desc.length;
  // bucket k holds the pairs that reach desc[k] but not desc[k − 1] (a counting sort: no sort of
  // millions of pairs, only a binary search over the thresholds each)
  const bucket = new Int32Array(P);
  const start = new Int32Array(T + 2);
  for (let p = 0; p < P; p++) {
    const pr = scored.probability[p]!;
    let lo = 0;
    let hi = T; // first k with desc[k] <= pr, T when none
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (desc[mid]! <= pr) hi = mid;
      else lo = mid + 1;
    }
    bucket[p] = lo;
    start[lo + 1]!++;
  }
  for (let k = 0; k <= T; k++) start[k + 1]! += start[k]!;
  const order = new Int32Array(P);
  const fill = start.slice();
  for (let p = 0; p < P; p++) order[fill[bucket[p]!]!++] = p;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  let components = n;
  let tp = 0;
  let judgedCount = 0;
  const out: CurvePoint[] = [];
  for (let k = 0; k < T; k++) {
    for (let q = start[k]!; q < start[k + 1]!; q++) {
      const p = order[q]!;
      const i = scored.a[p]!;
      const j = scored.b[p]!;
      if (judged(i, j)) {
        judgedCount++;
        if (isTrue(i, j)) tp++;
      }
      const x = find(parent, i);
      const y = find(parent, j);
      if (x !== y) {
        parent[Math.max(x, y)] = Math.min(x, y);
        components--;
      }
    }
    const m = metrics(tp, judgedCount, truePairs);
    out.push({ threshold: desc[k]!, precision: m.precision, recall: m.recall, f1: m.f1, matches: start[k + 1]!, truePositives: tp, entities: components });
  }
  return out.reverse();
}

/** Thresholds the chooser offers: 0.01 to 0.99 by 0.01 (the bounds of resolve.run). */
export function chooserThresholds(): number[] {
  return Array.from({ length: 99 }, (_, k) => (k + 1) / 100);
}

/** True pairs the run scored (and stored), out of all true pairs. */
export function truePairsScored(n: number, scored: ScoredPairs, truth: Truth): number {
  const { isTrue } = truthPairs(truth, n);
  let c = 0;
  for (let p = 0; p < scored.a.length; p++) if (isTrue(scored.a[p]!, scored.b[p]!)) c++;
  return c;
}

/** The run's entities against the truth: every pair of judged records in one entity is a predicted pair. */
export function entityPairwise(entity: ArrayLike<number>, truth: Truth): PairwiseMetrics {
  const n = entity.length;
  const { truePairs } = truthPairs(truth, n);
  if (truth.kind === 'column') {
    // pairs inside an entity, among labelled records; true positives: same entity and same label
    // (numeric keys entity·L + label number: string keys cost seconds at a million records)
    const labelNo = new Map<string, number>();
    for (const l of truth.label) if (l !== null && !labelNo.has(l)) labelNo.set(l, labelNo.size);
    const L = labelNo.size + 1;
    const pSize = new Map<number, number>();
    const both = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const l = truth.label[i];
      if (l === null || l === undefined) continue;
      const e = entity[i]!;
      pSize.set(e, (pSize.get(e) ?? 0) + 1);
      const k = e * L + labelNo.get(l)!;
      both.set(k, (both.get(k) ?? 0) + 1);
    }
    let pp = 0;
    let tp = 0;
    for (const s of pSize.values()) pp += c2(s);
    for (const s of both.values()) tp += c2(s);
    return metrics(tp, pp, truePairs);
  }
  let pp = 0;
  if (truth.judged) {
    // sparse labels: only the judged pairs inside one entity are predicted pairs
    for (const key of truth.judged) {
      const i = Math.floor(key / n);
      if (entity[i] === entity[key - i * n]) pp++;
    }
  } else {
    const size = new Map<number, number>();
    for (let i = 0; i < n; i++) size.set(entity[i]!, (size.get(entity[i]!) ?? 0) + 1);
    for (const s of size.values()) pp += c2(s);
  }
  let tp = 0;
  for (const key of truth.pairs) {
    const i = Math.floor(key / n);
    const j = key - i * n;
    if (entity[i] === entity[j]) tp++;
  }
  return metrics(tp, pp, truePairs);
}
