// Exact TreeSHAP (Lundberg, Erion & Lee 2018, Algorithm 2, path-dependent): per-row feature
// contributions to the margin, with expectations weighted by the training covers. For every row
// sum(contributions) = margin - expectedMargin (checked by test/unit/ml/shap.test.ts, which also
// compares against brute-force Shapley values).

import type { Tree, TreeEnsemble } from './tree.js';

// The paths live in flat typed arrays (one region per recursion level, as in the reference C++
// implementation) instead of arrays of objects copied at every node: one row's explanation allocates
// nothing but its result, which keeps a single customer's explanation within milliseconds at 1000
// trees. The arithmetic is the same, operation for operation.
interface Paths {
  feature: Int32Array;
  zero: Float64Array;
  one: Float64Array;
  w: Float64Array;
}

function extend(p: Paths, o: number, depth: number, zero: number, one: number, feature: number): void {
  const w = p.w;
  p.feature[o + depth] = feature;
  p.zero[o + depth] = zero;
  p.one[o + depth] = one;
  w[o + depth] = depth === 0 ? 1 : 0;
  for (let i = depth - 1; i >= 0; i--) {
    w[o + i + 1] = w[o + i + 1]! + (one * w[o + i]! * (i + 1)) / (depth + 1);
    w[o + i] = (zero * w[o + i]! * (depth - i)) / (depth + 1);
  }
}

function unwind(p: Paths, o: number, depth: number, at: number): void {
  const w = p.w;
  const one = p.one[o + at]!;
  const zero = p.zero[o + at]!;
  let next = w[o + depth]!;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = w[o + i]!;
      w[o + i] = (next * (depth + 1)) / ((i + 1) * one);
      next = tmp - (w[o + i]! * zero * (depth - i)) / (depth + 1);
    } else {
      w[o + i] = (w[o + i]! * (depth + 1)) / (zero * (depth - i));
    }
  }
  for (let i = at; i < depth; i++) {
    p.feature[o + i] = p.feature[o + i + 1]!;
    p.zero[o + i] = p.zero[o + i + 1]!;
    p.one[o + i] = p.one[o + i + 1]!;
  }
}

function unwoundSum(p: Paths, o: number, depth: number, at: number): number {
  const w = p.w;
  const one = p.one[o + at]!;
  const zero = p.zero[o + at]!;
  let next = w[o + depth]!;
  let total = 0;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = (next * (depth + 1)) / ((i + 1) * one);
      total += tmp;
      next = w[o + i]! - tmp * zero * ((depth - i) / (depth + 1));
    } else if (zero !== 0) {
      total += w[o + i]! / zero / ((depth - i) / (depth + 1));
    }
  }
  return total;
}

function hotChild(t: Tree, n: number, x: ArrayLike<number>): number {
  const v = x[t.feature[n]!]!;
  const left = Number.isNaN(v) ? t.defaultLeft[n] === 1 : Math.fround(v) <= t.threshold[n]!;
  return left ? t.left[n]! : t.right[n]!;
}

/** Node n with its parent's path in the region at `po` (elements 0..depth-1); its own region follows. */
function recurse(t: Tree, x: ArrayLike<number>, phi: Float64Array, p: Paths, n: number, po: number, depth: number, zero: number, one: number, feature: number): void {
  const o = po + depth + 1;
  // a loop, not copyWithin: the paths are a few elements long and the native call costs more
  for (let i = 0; i < depth; i++) {
    p.feature[o + i] = p.feature[po + i]!;
    p.zero[o + i] = p.zero[po + i]!;
    p.one[o + i] = p.one[po + i]!;
    p.w[o + i] = p.w[po + i]!;
  }
  extend(p, o, depth, zero, one, feature);
  const f = t.feature[n]!;
  if (f < 0) {
    const v = t.value[n]!;
    for (let i = 1; i <= depth; i++) {
      const w = unwoundSum(p, o, depth, i);
      const pf = p.feature[o + i]!;
      phi[pf] = phi[pf]! + w * (p.one[o + i]! - p.zero[o + i]!) * v;
    }
    return;
  }
  const hot = hotChild(t, n, x);
  const cold = hot === t.left[n] ? t.right[n]! : t.left[n]!;
  const cover = t.cover[n]!;
  let inZero = 1;
  let inOne = 1;
  let at = 0;
  for (; at <= depth; at++) if (p.feature[o + at] === f) break;
  if (at !== depth + 1) {
    inZero = p.zero[o + at]!;
    inOne = p.one[o + at]!;
    unwind(p, o, depth, at);
    depth -= 1;
  }
  recurse(t, x, phi, p, hot, o, depth + 1, (t.cover[hot]! / cover) * inZero, inOne, f);
  recurse(t, x, phi, p, cold, o, depth + 1, (t.cover[cold]! / cover) * inZero, 0, f);
}

function treeDepth(t: Tree, n = 0): number {
  return t.feature[n]! < 0 ? 0 : 1 + Math.max(treeDepth(t, t.left[n]!), treeDepth(t, t.right[n]!));
}

/** Path buffers big enough for the model's deepest tree, made once per model. */
const pathsOf = new WeakMap<TreeEnsemble, Paths>();
function paths(model: TreeEnsemble): Paths {
  let p = pathsOf.get(model);
  if (!p) {
    let d = 0;
    for (const t of model.trees) d = Math.max(d, treeDepth(t));
    // a level at depth k takes k + 1 slots after the parent's k; the root's parent region is slot 0
    const size = ((d + 2) * (d + 3)) / 2 + d + 4;
    p = { feature: new Int32Array(size), zero: new Float64Array(size), one: new Float64Array(size), w: new Float64Array(size) };
    pathsOf.set(model, p);
  }
  return p;
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
  const p = paths(model);
  for (const t of model.trees) {
    if (t.feature[0]! < 0) continue; // a single leaf explains nothing
    recurse(t, x, phi, p, 0, 0, 0, 1, 1, -1);
  }
  return phi;
}
