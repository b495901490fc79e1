// The fitted tree ensemble and its walk. A node sends x left when float32(x) <= threshold, and a
// missing value (NaN) to its learned default side. Leaf values already include the learning rate;
// margin = baseScore + sum of leaves, probability = sigmoid(margin).

import type { Matrix } from './matrix.js';

export interface Tree {
  /** Split feature per node, -1 for a leaf. */
  feature: Int32Array;
  /** float32 threshold: left when fround(x) <= threshold (Infinity: every present value goes left). */
  threshold: Float64Array;
  /** 1 when a missing value goes left. */
  defaultLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  /** Leaf value (0 for inner nodes). */
  value: Float64Array;
  /** Sum of training hessians that reached the node (TreeSHAP's expectation weights). */
  cover: Float64Array;
  /** Loss reduction of the split (0 for leaves): global importance. */
  gain: Float64Array;
}

export interface TreeEnsemble {
  kind: 'gbdt';
  /** Starting margin (log-odds of the weighted base rate). */
  baseScore: number;
  trees: Tree[];
  featureNames: string[];
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** The leaf x reaches in tree t. */
export function leafOf(t: Tree, x: ArrayLike<number>): number {
  let n = 0;
  while (t.feature[n]! >= 0) {
    const v = x[t.feature[n]!]!;
    const goLeft = Number.isNaN(v) ? t.defaultLeft[n] === 1 : Math.fround(v) <= t.threshold[n]!;
    n = goLeft ? t.left[n]! : t.right[n]!;
  }
  return n;
}

export function marginOfRow(model: TreeEnsemble, x: ArrayLike<number>): number {
  let s = model.baseScore;
  for (const t of model.trees) s += t.value[leafOf(t, x)]!;
  return s;
}

/** Rows per block of the batch walk: the block's values (as float32) stay in cache for every tree. */
const SCORE_BLOCK = 512;

/**
 * Margins for every row of m. Rows go in blocks: a block's values are copied once into a row-major
 * float32 buffer (the rounding every comparison needs, done once per value instead of per node),
 * then every tree walks the block. Each row still sums baseScore + tree 0 + tree 1 + … in order.
 */
export function predictMargin(model: TreeEnsemble, m: Matrix): Float64Array {
  if (m.columns.length !== model.featureNames.length) {
    throw new RangeError(`the model takes ${model.featureNames.length} features (${model.featureNames.slice(0, 5).join(', ')}${model.featureNames.length > 5 ? ', …' : ''}) but the rows have ${m.columns.length}`);
  }
  const n = m.rows;
  const F = m.columns.length;
  const out = new Float64Array(n).fill(model.baseScore);
  // only the features some tree splits on are copied
  const used = new Uint8Array(F);
  for (const t of model.trees) for (let k = 0; k < t.feature.length; k++) if (t.feature[k]! >= 0) used[t.feature[k]!] = 1;
  const usedFeats = [...used.keys()].filter((f) => used[f] === 1);
  const xb = new Float32Array(SCORE_BLOCK * Math.max(F, 1));
  for (let s = 0; s < n; s += SCORE_BLOCK) {
    const nb = Math.min(n, s + SCORE_BLOCK) - s;
    for (const f of usedFeats) {
      const c = m.columns[f]!;
      for (let i = 0, at = f; i < nb; i++, at += F) xb[at] = c[s + i]!;
    }
    for (const t of model.trees) {
      const { feature, threshold, defaultLeft, left, right, value } = t;
      for (let i = 0, rb = 0; i < nb; i++, rb += F) {
        let nd = 0;
        let f = feature[0]!;
        while (f >= 0) {
          const v = xb[rb + f]!;
          nd = (v !== v ? defaultLeft[nd] === 1 : v <= threshold[nd]!) ? left[nd]! : right[nd]!;
          f = feature[nd]!;
        }
        out[s + i] = out[s + i]! + value[nd]!;
      }
    }
  }
  return out;
}

export function predictProba(model: TreeEnsemble, m: Matrix): Float64Array {
  const z = predictMargin(model, m);
  for (let i = 0; i < z.length; i++) z[i] = sigmoid(z[i]!);
  return z;
}

/** JSON-safe form (typed arrays as plain arrays) for the model registry. */
export function ensembleToJson(model: TreeEnsemble): unknown {
  return {
    ...model,
    trees: model.trees.map((t) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Array.from(v as ArrayLike<number>, (x) => (x === Infinity ? 'Infinity' : x))]))),
  };
}

/** Inverse of ensembleToJson (the registry's artefact back into a model). */
export function ensembleFromJson(v: unknown): TreeEnsemble {
  const o = v as { kind: string; baseScore: number; featureNames: string[]; trees: Record<string, (number | string)[]>[] };
  if (o?.kind !== 'gbdt' || !Array.isArray(o.trees) || !Array.isArray(o.featureNames)) throw new Error('not a stored gbdt ensemble (kind, trees and featureNames expected)');
  const num = (a: (number | string)[] | undefined) => (a ?? []).map((x) => (x === 'Infinity' ? Infinity : Number(x)));
  return {
    kind: 'gbdt',
    baseScore: o.baseScore,
    featureNames: o.featureNames,
    trees: o.trees.map((t) => ({
      feature: Int32Array.from(num(t.feature)),
      threshold: Float64Array.from(num(t.threshold)),
      defaultLeft: Uint8Array.from(num(t.defaultLeft)),
      left: Int32Array.from(num(t.left)),
      right: Int32Array.from(num(t.right)),
      value: Float64Array.from(num(t.value)),
      cover: Float64Array.from(num(t.cover)),
      gain: Float64Array.from(num(t.gain)),
    })),
  };
}
