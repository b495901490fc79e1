// Candidates by nearest neighbours: each record's k most similar records by the built-in
// embedding (character n-grams of its names, birth date, contact and address), searched with the
// vector store's multi-index. Pairs that no blocking key catches — a typo in every key — can then
// still be scored. Added as one more rule beside the blocking rules; it never trains the model
// (its pseudo-key agrees on nothing, so em.ts opens no session for it).
import { partitionK, trainPartition, type Partition } from '../embed/partition.js';
import { VectorIndex } from '../embed/vector-index.js';
import type { BlockingRule, Candidates } from './blocking.js';
import { embedTexts, recordTexts } from './knn-vectors.js';
import { GrowList, PairSet } from './pair-set.js';
import type { Prepared } from './standardise.js';

export interface NearestOptions {
  /** Neighbours per record (default 10, at most 50). */
  k?: number;
  /** Vectors the coarse scan of one query visits (default 4,000). */
  budget?: number;
  /** Cosine below which a neighbour is not a candidate (default 0.5). */
  minSimilarity?: number;
  /**
   * How far a neighbour's cosine must stand above the record's k-th neighbour's (default 0.15): a
   * duplicate stands out of its neighbourhood, while in a file of look-alike records (one town,
   * one e-mail domain) every neighbour is about as close and none says "same person".
   */
  margin?: number;
}

export const MAX_K = 50;

export interface NearestPairs {
  /** Record indices (a < b for dedupe; a in source A, b in source B for link). */
  a: Int32Array;
  b: Int32Array;
  sim: Float32Array;
}

/** Partition cells for n vectors: none for small files (a full scan is cheap), then the store's sizes. */
function cellsFor(n: number): number {
  if (n < 4000) return 1;
  if (n < 20_000) return 8;
  return partitionK(n);
}

function partitionFor(vecs: Int8Array, n: number, dims: number): Partition | null {
  const k = cellsFor(n);
  if (k === 1) return null;
  // a strided sample (deterministic) of at most 20k vectors trains the centroids
  const m = Math.min(n, 20_000);
  const step = n / m;
  const sample = new Int8Array(m * dims);
  for (let s = 0; s < m; s++) sample.set(vecs.subarray(Math.floor(s * step) * dims, (Math.floor(s * step) + 1) * dims), s * dims);
  return trainPartition(sample, m, dims, k);
}

/**
 * Each record's k nearest neighbours (cosine ≥ minSimilarity, and `margin` above its k-th
 * neighbour's), each pair once. With `split`
 * (link), records of source B look for neighbours among source A's.
 */
export function nearestPairs(p: Prepared, opts: NearestOptions = {}, split?: number): NearestPairs {
  const k = Math.max(1, Math.min(MAX_K, Math.floor(opts.k ?? 10)));
  const budget = opts.budget ?? 4000;
  const minSim = opts.minSimilarity ?? 0.5;
  const margin = opts.margin ?? 0.15;
  const n = p.n;
  const { dims, vecs } = embedTexts(recordTexts(p));
  const nIndex = split ?? n;
  const first = split ?? 0;
  const ids = new Uint32Array(nIndex);
  for (let i = 0; i < nIndex; i++) ids[i] = i;
  const indexVecs = vecs.subarray(0, nIndex * dims);
  const index = VectorIndex.fromVectors(ids, indexVecs, dims, partitionFor(indexVecs, nIndex, dims));
  const seen = new PairSet(n, n * k);
  const a = new GrowList((x) => new Int32Array(x));
  const b = new GrowList((x) => new Int32Array(x));
  const sim: number[] = [];
  const q = new Float32Array(dims);
  for (let i = first; i < n; i++) {
    let zero = true;
    for (let d = 0; d < dims; d++) if ((q[d] = vecs[i * dims + d]!) !== 0) zero = false;
    if (zero) continue;
    // the query's own norm scales every score alike; the threshold needs the true cosine
    let qn = 0;
    for (let d = 0; d < dims; d++) qn += q[d]! * q[d]!;
    const inv = 1 / Math.sqrt(qn);
    const hits = index.search(q, split === undefined ? k + 1 : k, budget, Math.max(64, k * 8));
    const floor = hits.length > 0 ? hits[hits.length - 1]!.sim * inv + margin : Infinity;
    for (const h of hits) {
      const j = h.id;
      const s = h.sim * inv;
      if (j === i || s < minSim || s < floor) continue;
      const [x, y] = split === undefined ? (i < j ? [i, j] : [j, i]) : [j, i];
      if (!seen.add(x, y)) continue;
      a.push(x);
      b.push(y);
      sim.push(s);
    }
  }
  return { a: a.toArray(), b: b.toArray(), sim: Float32Array.from(sim) };
}

/** The rule the nearest-neighbour pairs are tagged with: its key agrees on no pair. */
export function nearestRule(k: number, comparisons: number): BlockingRule {
  const name = `nearest neighbours (k=${k})`;
  return { name, keys: [{ name, column: '', of: () => null, exact: false, pairable: false }], comparisons, capped: { blocks: 0, records: 0 } };
}

/** The candidates with the nearest-neighbour pairs no blocking rule produced added, as one more rule. */
export function withNearest(p: Prepared, cand: Candidates, opts: NearestOptions | undefined, split?: number): Candidates {
  if (!opts) return cand;
  const near = nearestPairs(p, opts, split);
  const have = new PairSet(p.n, cand.a.length + near.a.length);
  for (let x = 0; x < cand.a.length; x++) have.add(cand.a[x]!, cand.b[x]!);
  const size = Math.max(1024, cand.a.length + near.a.length);
  const a = new GrowList((x) => new Int32Array(x), size);
  const b = new GrowList((x) => new Int32Array(x), size);
  for (let x = 0; x < cand.a.length; x++) (a.push(cand.a[x]!), b.push(cand.b[x]!));
  let added = 0;
  for (let x = 0; x < near.a.length; x++)
    if (have.add(near.a[x]!, near.b[x]!)) (a.push(near.a[x]!), b.push(near.b[x]!), added++);
  const rule = new Uint8Array(cand.a.length + added);
  rule.set(cand.rule);
  rule.fill(cand.rules.length, cand.a.length);
  const k = Math.max(1, Math.min(MAX_K, Math.floor(opts.k ?? 10)));
  return { a: a.toArray(), b: b.toArray(), rule, rules: [...cand.rules, nearestRule(k, added)] };
}
