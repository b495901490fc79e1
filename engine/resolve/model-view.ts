// The live match model as the Model view draws it: per comparison, each level's m, u and weight
// log2(m/u); the prior and the threshold, both also as weights, so the bars read on one scale.
import type { Model } from './em.js';
import { priorWeight } from './score.js';

export interface ModelViewMeta {
  modelId: number;
  version: number;
  runId: number;
  threshold: number;
}

/** A probability as a weight (log2 odds). */
export const oddsWeight = (p: number) => Math.log2(p / (1 - p));

export function modelView(model: Model, meta: ModelViewMeta) {
  return {
    ...meta,
    prior: model.lambda,
    priorWeight: priorWeight(model),
    household: model.lambdaHousehold,
    thresholdWeight: oddsWeight(meta.threshold),
    comparisons: model.comparisons.map((c) => ({
      name: c.name,
      columns: [...c.columns],
      shared: c.shared,
      tfLevel: c.tfLevel,
      levels: c.levels.map((label, l) => ({ label, m: c.m[l]!, u: c.u[l]!, weight: Math.log2(Math.max(c.m[l]!, 1e-12) / Math.max(c.u[l]!, 1e-12)) })),
    })),
  };
}
