// Accuracy figures against labels.
import { describe, expect, it } from 'vitest';
import { clusterMetrics, pairwiseFromClusters, pairwiseFromPairs, prCurve } from '../../../engine/resolve/evaluate.js';

describe('evaluation', () => {
  it('pairwise precision, recall and F1 from clusters', () => {
    // truth {0,1,2} {3,4}; predicted {0,1} {2,3,4}
    const m = pairwiseFromClusters([0, 0, 1, 1, 1], ['a', 'a', 'a', 'b', 'b']);
    expect(m).toMatchObject({ truePairs: 4, predictedPairs: 4, truePositives: 2 });
    expect(m.precision).toBe(0.5);
    expect(m.recall).toBe(0.5);
    expect(m.f1).toBe(0.5);
    expect(pairwiseFromClusters([0, 1, 2], ['a', 'b', 'c']).f1).toBe(1); // no pairs on either side: nothing wrong
    expect(pairwiseFromClusters([7, 7], ['x', 'x']).f1).toBe(1);
  });

  it('pairwise figures from predicted pairs (duplicates counted once)', () => {
    const m = pairwiseFromPairs(['1|2', '1|2', '3|4'], new Set(['1|2', '5|6']));
    expect(m).toMatchObject({ truePositives: 1, predictedPairs: 2, truePairs: 2, precision: 0.5, recall: 0.5 });
  });

  it('B-cubed and exact entities', () => {
    const c = clusterMetrics([0, 0, 1, 1, 1], ['a', 'a', 'a', 'b', 'b']);
    // precision per record: 1, 1, 1/3, 2/3, 2/3; recall: 2/3, 2/3, 1/3, 1, 1
    expect(c.bcubed.precision).toBeCloseTo((1 + 1 + 1 / 3 + 2 / 3 + 2 / 3) / 5, 10);
    expect(c.bcubed.recall).toBeCloseTo((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5, 10);
    expect(c.exactEntities).toBe(0);
    expect(clusterMetrics([0, 0, 1], ['a', 'a', 'b']).exactEntities).toBe(1);
  });

  it('precision–recall curve and its best threshold', () => {
    const { points, best } = prCurve(Float64Array.from([0.95, 0.9, 0.6, 0.3]), Uint8Array.from([1, 1, 0, 1]), 4, [0.2, 0.5, 0.8]);
    expect(points.map((x) => [x.threshold, x.precision, x.recall])).toEqual([
      [0.2, 0.75, 0.75],
      [0.5, 2 / 3, 0.5],
      [0.8, 1, 0.5],
    ]);
    expect(best.threshold).toBe(0.2);
  });
});
