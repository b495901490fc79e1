// ROC and PR curve points: the PR curve starts at the first churner found, so a top-scored group of
// stayers does not draw a point at (recall 0, precision 0) that the chart would show as a cliff.
import { describe, expect, it } from 'vitest';
import { curves } from '../../../engine/churn/curves.js';

describe('churn curves', () => {
  it('emits PR points only once a churner is found; ROC still starts at (0, 0)', () => {
    const { roc, pr } = curves([0, 1, 1, 0], [0.9, 0.8, 0.7, 0.1]);
    expect(pr[0]).toEqual({ recall: 0.5, precision: 0.5, threshold: 0.8 });
    expect(pr.every((p) => p.recall > 0)).toBe(true);
    expect(pr.at(-1)).toMatchObject({ recall: 1, precision: 0.5 });
    expect(roc[0]).toMatchObject({ fpr: 0, tpr: 0 });
    expect(roc[1]).toMatchObject({ fpr: 0.5, tpr: 0 });
    expect(roc.at(-1)).toMatchObject({ fpr: 1, tpr: 1 });
  });

  it('moves tied scores together', () => {
    const { pr } = curves([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.2]);
    expect(pr).toEqual([
      { recall: 0.5, precision: 0.5, threshold: 0.5 },
      { recall: 1, precision: 0.5, threshold: 0.2 },
    ]);
  });

  it('has no PR points without churners', () => {
    expect(curves([0, 0], [0.3, 0.1]).pr).toEqual([]);
  });
});
