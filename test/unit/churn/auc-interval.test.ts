// The 95% interval kept beside a churn model's held-out AUC (Hanley & McNeil 1982): wide when the
// held-out set has few churners, so a small workspace's near-chance AUC reads as what it is.
import { describe, expect, it } from 'vitest';
import { aucInterval } from '../../../engine/churn/train.js';

describe('AUC interval', () => {
  it('matches the Hanley–McNeil standard error worked by hand', () => {
    // q1 = 0.8/1.2, q2 = 2·0.64/1.8; se² = (0.16 + 9(q1 − 0.64) + 39(q2 − 0.64)) / 400 → se = 0.089069
    const [lo, hi] = aucInterval(0.8, 10, 40)!;
    expect(lo).toBeCloseTo(0.8 - 1.96 * 0.089069, 5);
    expect(hi).toBeCloseTo(0.8 + 1.96 * 0.089069, 5);
  });

  it('narrows with more churners, stays within [0, 1], and is null without both classes', () => {
    const few = aucInterval(0.6, 5, 180)!;
    const many = aucInterval(0.6, 500, 18_000)!;
    expect(few[0]).toBeLessThan(0.5); // five churners: not distinguishable from chance
    expect(many[0]).toBeGreaterThan(0.5);
    expect(aucInterval(0.5, 1, 1)).toEqual([0, 1]);
    expect(aucInterval(0.9, 0, 10)).toBeNull();
    expect(aucInterval(Number.NaN, 3, 10)).toBeNull();
  });
});
