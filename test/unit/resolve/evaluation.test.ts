// Evaluation math of a stored run: the threshold curve (precision, recall, F1, matches, entities),
// true pairs never scored counted as misses, unlabelled records not judged, entity-level figures.
import { describe, expect, it } from 'vitest';
import { chooserThresholds, entityPairwise, pairKey, thresholdCurve, truePairsScored, type Truth } from '../../../engine/resolve/evaluation.js';

const scored = (pairs: [number, number, number][]) => ({
  a: Int32Array.from(pairs, (p) => p[0]),
  b: Int32Array.from(pairs, (p) => p[1]),
  probability: Float64Array.from(pairs, (p) => p[2]),
});

// six records; truth {0,1,2} {3,4} {5}: true pairs 01 02 12 34 (4)
const column: Truth = { kind: 'column', label: ['x', 'x', 'x', 'y', 'y', 'z'] };
// scored: 01 (true, 0.95), 34 (true, 0.8), 25 (false, 0.6), 12 (true, 0.3); 02 never a candidate
const pairs = scored([
  [0, 1, 0.95],
  [3, 4, 0.8],
  [2, 5, 0.6],
  [1, 2, 0.3],
]);

describe('threshold curve', () => {
  it('counts true pairs that were never scored as misses at every threshold', () => {
    const [low, mid, high] = thresholdCurve(6, pairs, column, [0.1, 0.7, 0.9]);
    // at 0.1: all four scored pairs match, 3 true of 4 true pairs: recall 3/4, not 3/3
    expect(low).toMatchObject({ threshold: 0.1, matches: 4, truePositives: 3, precision: 0.75, recall: 0.75 });
    expect(low!.f1).toBeCloseTo(0.75, 12);
    expect(mid).toMatchObject({ threshold: 0.7, matches: 2, truePositives: 2, precision: 1, recall: 0.5 });
    expect(mid!.f1).toBeCloseTo(2 / 3, 12);
    expect(high).toMatchObject({ threshold: 0.9, matches: 1, truePositives: 1, precision: 1, recall: 0.25 });
    expect(truePairsScored(6, pairs, column)).toBe(3);
  });

  it('gives the entities the matches would make at each threshold (connected components)', () => {
    const pts = thresholdCurve(6, pairs, column, [0.1, 0.5, 0.7, 0.9, 0.99]);
    expect(pts.map((p) => p.entities)).toEqual([2, 3, 4, 5, 6]);
    // ascending thresholds whatever order they came in
    expect(thresholdCurve(6, pairs, column, [0.9, 0.1]).map((p) => p.threshold)).toEqual([0.1, 0.9]);
  });

  it('counts a pair at exactly the threshold as a match (≥, as resolve.run does)', () => {
    expect(thresholdCurve(6, pairs, column, [0.8])[0]).toMatchObject({ matches: 2, truePositives: 2 });
  });

  it('does not judge pairs with an unlabelled record, but counts them as matches', () => {
    const partial: Truth = { kind: 'column', label: ['x', 'x', 'x', 'y', 'y', null] };
    const [p] = thresholdCurve(6, pairs, partial, [0.5]);
    // 25 is not judged: precision 2/2; it still links 2 and 5
    expect(p).toMatchObject({ matches: 3, truePositives: 2, precision: 1, recall: 0.5, entities: 3 });
  });

  it('reads true pairs from a pairs set the same way', () => {
    const set = new Set([pairKey(6, 1, 0), pairKey(6, 0, 2), pairKey(6, 1, 2), pairKey(6, 4, 3)]);
    const fromPairs = thresholdCurve(6, pairs, { kind: 'pairs', pairs: set, n: 6 }, chooserThresholds());
    const fromColumn = thresholdCurve(6, pairs, column, chooserThresholds());
    expect(fromPairs).toEqual(fromColumn);
    expect(fromColumn).toHaveLength(99);
    expect(fromColumn[0]!.threshold).toBe(0.01);
    expect(fromColumn[98]!.threshold).toBe(0.99);
  });

  it('with no matches but true pairs, precision, recall and F1 are 0', () => {
    expect(thresholdCurve(6, scored([]), column, [0.5])[0]).toMatchObject({ matches: 0, precision: 0, recall: 0, f1: 0, entities: 6 });
  });
});

describe('entities against the truth', () => {
  it('every pair inside an entity is predicted (column labels)', () => {
    // entities {0,1} {2,3,4} {5}: predicted 01 23 24 34; true 01 02 12 34 → tp 01 34
    const m = entityPairwise([0, 0, 1, 1, 1, 2], column);
    expect(m).toMatchObject({ predictedPairs: 4, truePositives: 2, precision: 0.5, recall: 0.5 });
  });

  it('the same from a pairs set, and unlabelled records left out of column figures', () => {
    const set = new Set([pairKey(6, 0, 1), pairKey(6, 0, 2), pairKey(6, 1, 2), pairKey(6, 3, 4)]);
    expect(entityPairwise([0, 0, 1, 1, 1, 2], { kind: 'pairs', pairs: set, n: 6 })).toMatchObject({ predictedPairs: 4, truePositives: 2, precision: 0.5, recall: 0.5 });
    // record 2 unlabelled: predicted 01 34 (23, 24 not judged); true 01 34
    const m = entityPairwise([0, 0, 1, 1, 1, 2], { kind: 'column', label: ['x', 'x', null, 'y', 'y', 'z'] });
    expect(m).toMatchObject({ predictedPairs: 2, truePositives: 2, precision: 1, recall: 1 });
  });
});
