// Exact TreeSHAP: contributions sum to the margin minus the expected margin, and equal Shapley
// values computed by brute force (every subset of features, expectations weighted by cover).
import { describe, expect, it } from 'vitest';
import { trainGbdt } from '../../../engine/ml/gbdt.js';
import { featureImportance } from '../../../engine/ml/importance.js';
import { rowOf } from '../../../engine/ml/matrix.js';
import { expectedMargin, treeShap } from '../../../engine/ml/shap.js';
import { marginOfRow, type Tree, type TreeEnsemble } from '../../../engine/ml/tree.js';
import { missingData, xorData } from './synth.js';

/** E[tree(x) | features in S known], unknown features averaged over the children by cover. */
function condExp(t: Tree, x: ArrayLike<number>, S: Set<number>, n = 0): number {
  const f = t.feature[n]!;
  if (f < 0) return t.value[n]!;
  if (S.has(f)) {
    const v = x[f]!;
    const left = Number.isNaN(v) ? t.defaultLeft[n] === 1 : Math.fround(v) <= t.threshold[n]!;
    return condExp(t, x, S, left ? t.left[n]! : t.right[n]!);
  }
  const l = t.left[n]!;
  const r = t.right[n]!;
  return (t.cover[l]! * condExp(t, x, S, l) + t.cover[r]! * condExp(t, x, S, r)) / t.cover[n]!;
}

function bruteShapley(model: TreeEnsemble, x: ArrayLike<number>): number[] {
  const M = model.featureNames.length;
  const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
  const v = (S: Set<number>) => model.trees.reduce((s, t) => s + condExp(t, x, S), 0);
  const phi = new Array<number>(M).fill(0);
  for (let i = 0; i < M; i++) {
    const others = [...Array(M).keys()].filter((j) => j !== i);
    for (let mask = 0; mask < 1 << others.length; mask++) {
      const S = new Set(others.filter((_, k) => mask & (1 << k)));
      const w = (fact(S.size) * fact(M - S.size - 1)) / fact(M);
      phi[i] = phi[i]! + w * (v(new Set([...S, i])) - v(S));
    }
  }
  return phi;
}

// a hand-made tree that splits on x0 twice along one path, with a missing-value default
const tiny: Tree = {
  feature: Int32Array.of(0, 1, 0, -1, -1, 2, -1, -1, -1),
  threshold: Float64Array.of(0.5, 0.3, 0.8, 0, 0, 0.1, 0, 0, 0),
  defaultLeft: Uint8Array.of(1, 0, 0, 0, 0, 1, 0, 0, 0),
  left: Int32Array.of(1, 3, 5, -1, -1, 7, -1, -1, -1),
  right: Int32Array.of(2, 4, 6, -1, -1, 8, -1, -1, -1),
  value: Float64Array.of(0, 0, 0, -0.4, 0.2, 0, 0.9, 0.1, -0.3),
  cover: Float64Array.of(100, 60, 40, 45, 15, 25, 15, 10, 15),
  gain: Float64Array.of(5, 1, 2, 0, 0, 1, 0, 0, 0),
};
const tinyModel: TreeEnsemble = { kind: 'gbdt', baseScore: -1.2, trees: [tiny], featureNames: ['x0', 'x1', 'x2'] };

describe('TreeSHAP', () => {
  it('equals brute-force Shapley values on a tiny hand-made tree (repeated feature, missing values)', () => {
    const rows = [
      [0.2, 0.1, 0.0],
      [0.7, 0.9, 0.05],
      [0.7, 0.9, 0.5],
      [0.95, NaN, NaN],
      [NaN, 0.4, 0.0],
    ];
    for (const x of rows) {
      const phi = Array.from(treeShap(tinyModel, x));
      const brute = bruteShapley(tinyModel, x);
      phi.forEach((p, i) => expect(p).toBeCloseTo(brute[i]!, 10));
      const sum = phi.reduce((s, v) => s + v, 0);
      expect(sum).toBeCloseTo(marginOfRow(tinyModel, x) - expectedMargin(tinyModel), 10);
    }
  });

  it('equals brute force on a trained ensemble and sums to margin minus the expected margin', () => {
    const d = xorData(800, 21);
    const fit = trainGbdt(d.m, d.y, { rounds: 25, maxDepth: 4, validationFraction: 0, seed: 2 });
    const base = expectedMargin(fit.model);
    for (const i of [0, 1, 2, 3, 4]) {
      const x = rowOf(d.m, i);
      const phi = treeShap(fit.model, x);
      const brute = bruteShapley(fit.model, x);
      phi.forEach((p, k) => expect(p).toBeCloseTo(brute[k]!, 9));
      expect(phi.reduce((s, v) => s + v, 0)).toBeCloseTo(marginOfRow(fit.model, x) - base, 9);
    }
  });

  it('sums to the margin on rows with missing values, and ranks the informative feature first', () => {
    const d = missingData(2000, 22);
    const fit = trainGbdt(d.m, d.y, { seed: 4 });
    const base = expectedMargin(fit.model);
    for (let i = 0; i < 50; i++) {
      const x = rowOf(d.m, i);
      const sum = treeShap(fit.model, x).reduce((s, v) => s + v, 0);
      expect(sum).toBeCloseTo(marginOfRow(fit.model, x) - base, 9);
    }
    const imp = featureImportance(fit.model, d.m, 200);
    expect(imp[0]!.feature).toBe('x0');
    expect(imp.reduce((s, r) => s + r.gain, 0)).toBeCloseTo(1, 9);
    expect(imp[0]!.meanAbsShap!).toBeGreaterThan(imp[1]!.meanAbsShap!);
  });
});
