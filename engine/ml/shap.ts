// Exact TreeSHAP (Lundberg, Erion & Lee 2018, Algorithm 2, path-dependent): per-row feature
// contributions to the margin, with expectations weighted by the training covers. For every row
// sum(contributions) = margin - expectedMargin (checked by test/unit/ml/shap.test.ts, which also
// compares against brute-force Shapley values).

import type { Tree, TreeEnsemble } from './tree.js';

interface PathEl {
  feature: number;
  zero: number;
  one: number;
  w: number;
}

function extend(path: PathEl[], depth: number, zero: number, one: number, feature: number): void {
  path[depth] = { feature, zero, one, w: depth === 0 ? 1 : 0 };
  for (let i = depth - 1; i >= 0; i--) {
    path[i + 1]!.w += (one * path[i]!.w * (i + 1)) / (depth + 1);
    path[i]!.w = (zero * path[i]!.w * (depth - i)) / (depth + 1);
  }
}

function unwind(path: PathEl[], depth: number, at: number): void {
  const { one, zero } = path[at]!;
  let next = path[depth]!.w;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = path[i]!.w;
      path[i]!.w = (next * (depth + 1)) / ((i + 1) * one);
      next = tmp - (path[i]!.w * zero * (depth - i)) / (depth + 1);
    } else {
      path[i]!.w = (path[i]!.w * (depth + 1)) / (zero * (depth - i));
    }
  }
  for (let i = at; i < depth; i++) {
    path[i]!.feature = path[i + 1]!.feature;
    path[i]!.zero = path[i + 1]!.zero;
    path[i]!.one = path[i + 1]!.one;
  }
}

function unwoundSum(path: PathEl[], depth: number, at: number): number {
  const { one, zero } = path[at]!;
  let next = path[depth]!.w;
  let total = 0;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = (next * (depth + 1)) / ((i + 1) * one);
      total += tmp;
      next = path[i]!.w - tmp * zero * ((depth - i) / (depth + 1));
    } else if (zero !== 0) {
      total += path[i]!.w / zero / ((depth - i) / (depth + 1));
    }
  }
  return total;
}

function hotChild(t: Tree, n: number, x: ArrayLike<number>): number {
  const v = x[t.feature[n]!]!;
  const left = Number.isNaN(v) ? t.defaultLeft[n] === 1 : Math.fround(v) <= t.threshold[n]!;
  return left ? t.left[n]! : t.right[n]!;
}

function recurse(t: Tree, x: ArrayLike<number>, phi: Float64Array, n: number, parentPath: PathEl[], depth: number, zero: number, one: number, feature: number): void {
  const path = parentPath.slice(0, depth).map((e) => ({ ...e }));
  extend(path, depth, zero, one, feature);
  const f = t.feature[n]!;
  if (f < 0) {
    for (let i = 1; i <= depth; i++) {
      const w = unwoundSum(path, depth, i);
      const el = path[i]!;
      phi[el.feature] = phi[el.feature]! + w * (el.one - el.zero) * t.value[n]!;
    }
    return;
  }
  const hot = hotChild(t, n, x);
  const cold = hot === t.left[n] ? t.right[n]! : t.left[n]!;
  const cover = t.cover[n]!;
  let inZero = 1;
  let inOne = 1;
  let at = 0;
  for (; at <= depth; at++) if (path[at]!.feature === f) break;
  if (at !== depth + 1) {
    inZero = path[at]!.zero;
    inOne = path[at]!.one;
    unwind(path, depth, at);
    depth -= 1;
  }
  recurse(t, x, phi, hot, path, depth + 1, (t.cover[hot]! / cover) * inZero, inOne, f);
  recurse(t, x, phi, cold, path, depth + 1, (t.cover[cold]! / cover) * inZero, 0, f);
}

/** Cover-weighted mean leaf value: the tree's expected output. */
export function treeExpectation(t: Tree): number {
  let s = 0;
  for (let n = 0; n < t.feature.length; n++) if (t.feature[n]! < 0) s += t.value[n]! * t.cover[n]!;
  return s / t.cover[0]!;
}

/** The margin before any feature is known: baseScore + sum of tree expectations. */
export function expectedMargin(model: TreeEnsemble): number {
  let s = model.baseScore;
  for (const t of model.trees) s += treeExpectation(t);
  return s;
}

/** Contribution of each feature to this row's margin (length = number of features). */
export function treeShap(model: TreeEnsemble, x: ArrayLike<number>): Float64Array {
  const phi = new Float64Array(model.featureNames.length);
  for (const t of model.trees) {
    if (t.feature[0]! < 0) continue; // a single leaf explains nothing
    recurse(t, x, phi, 0, [], 0, 1, 1, -1);
  }
  return phi;
}
