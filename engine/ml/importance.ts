// Global feature importance: total split gain and split count per feature (from the trees), and
// mean |TreeSHAP| over a sample of rows (what a feature moves scores by, on average).

import type { Matrix } from './matrix.js';
import { rowOf } from './matrix.js';
import { treeShap } from './shap.js';
import type { TreeEnsemble } from './tree.js';

export interface FeatureImportance {
  feature: string;
  /** Share of the total split gain (sums to 1 over features). */
  gain: number;
  splits: number;
  meanAbsShap?: number;
}

/** Features by decreasing gain; with `sample`, mean |SHAP| over up to `maxRows` of its rows too. */
export function featureImportance(model: TreeEnsemble, sample?: Matrix, maxRows = 1000): FeatureImportance[] {
  const d = model.featureNames.length;
  const gain = new Float64Array(d);
  const splits = new Float64Array(d);
  for (const t of model.trees) {
    for (let n = 0; n < t.feature.length; n++) {
      const f = t.feature[n]!;
      if (f >= 0) {
        gain[f] = gain[f]! + t.gain[n]!;
        splits[f] = splits[f]! + 1;
      }
    }
  }
  const total = gain.reduce((s, v) => s + v, 0) || 1;
  let shap: Float64Array | null = null;
  if (sample && sample.rows > 0) {
    shap = new Float64Array(d);
    const step = Math.max(1, Math.floor(sample.rows / maxRows));
    let k = 0;
    for (let i = 0; i < sample.rows; i += step, k++) {
      const phi = treeShap(model, rowOf(sample, i));
      for (let f = 0; f < d; f++) shap[f] = shap[f]! + Math.abs(phi[f]!);
    }
    for (let f = 0; f < d; f++) shap[f] = shap[f]! / k;
  }
  return model.featureNames
    .map((feature, f) => ({ feature, gain: gain[f]! / total, splits: splits[f]!, ...(shap ? { meanAbsShap: shap[f]! } : {}) }))
    .sort((a, b) => b.gain - a.gain);
}
