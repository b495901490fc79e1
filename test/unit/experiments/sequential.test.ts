// The mSPRT stays valid under daily peeking on simulated A/A data (seeded, so not flaky), while a
// fixed-horizon z-test looked at daily does not; and it does detect a real effect.
import { describe, expect, it } from 'vitest';
import { compareProportions } from '../../../engine/experiments/frequentist.js';
import { monitorProportions, type Look } from '../../../engine/experiments/sequential.js';
import { binomial, rng } from '../../../engine/experiments/rng.js';

function simulate(seed: number, days: number, perDay: number, pA: number, pB: number): Look[] {
  const next = rng(seed);
  const looks: Look[] = [];
  let sA = 0, sB = 0;
  for (let d = 1; d <= days; d++) {
    sA += binomial(next, perDay, pA);
    sB += binomial(next, perDay, pB);
    looks.push({ control: { n: d * perDay, successes: sA }, treatment: { n: d * perDay, successes: sB } });
  }
  return looks;
}

describe('sequential monitoring (mSPRT)', () => {
  it('A/A with daily peeking: false-positive rate ≤ alpha; naive daily z-test exceeds it', () => {
    const runs = 400, alpha = 0.05;
    let seq = 0, naive = 0;
    for (let s = 1; s <= runs; s++) {
      const looks = simulate(s, 30, 100, 0.1, 0.1);
      if (monitorProportions(looks, alpha, 0.02).steps.at(-1)!.rejected) seq++;
      if (looks.some((l) => compareProportions(l.control, l.treatment).pValue < alpha)) naive++;
    }
    expect(seq / runs).toBeLessThanOrEqual(alpha);
    expect(naive / runs).toBeGreaterThan(alpha * 2); // why a sequential method is needed
  });

  it('detects a real 3-point lift and its confidence sequence covers the truth and only narrows', () => {
    const r = monitorProportions(simulate(99, 30, 200, 0.1, 0.13), 0.05, 0.02);
    const last = r.steps.at(-1)!;
    expect(last.rejected).toBe(true);
    expect(last.lower).toBeLessThan(0.03);
    expect(last.upper).toBeGreaterThan(0.03);
    for (let i = 1; i < r.steps.length; i++) {
      expect(r.steps[i]!.upper - r.steps[i]!.lower).toBeLessThanOrEqual(r.steps[i - 1]!.upper - r.steps[i - 1]!.lower);
      expect(r.steps[i]!.alwaysValidP).toBeLessThanOrEqual(r.steps[i - 1]!.alwaysValidP);
    }
    expect(r.method).toMatch(/mSPRT/);
  });
});
