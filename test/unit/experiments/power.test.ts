// Sample size and power: values from the closed-form formulas evaluated with scipy.stats.norm.ppf
// (the python line is given beside each constant).
import { describe, expect, it } from 'vitest';
import { minimumDetectableEffect, powerAt, sampleSize } from '../../../engine/experiments/power.js';

describe('power calculator', () => {
  it('rates: 10% → 12%, alpha 0.05, power 0.8, 50/50', () => {
    // ((z.975*sqrt(.11*.89*4) + z.8*sqrt(.1*.9*2 + .12*.88*2)) / .02)**2 = 7681.694964872547
    const r = sampleSize({ metric: 'rate', baseline: 0.1, mde: 0.02, alpha: 0.05, power: 0.8, allocation: 0.5 });
    expect(r).toMatchObject({ control: 3841, treatment: 3841, total: 7682 });
    expect(r.achievedPower).toBeGreaterThanOrEqual(0.8);
    expect(Math.abs(powerAt({ metric: 'rate', baseline: 0.1, mde: 0.02, alpha: 0.05, allocation: 0.5 }, 7681.694964872547) - 0.8)).toBeLessThan(1e-12);
  });

  it('means: σ 10, δ 1 → 2(z.975 + z.8)²σ²/δ² = 1569.78 per arm (the textbook n ≈ 1570)', () => {
    const r = sampleSize({ metric: 'mean', baseline: 100, sd: 10, mde: 1, alpha: 0.05, power: 0.8, allocation: 0.5 });
    expect(r).toMatchObject({ control: 1570, treatment: 1570 });
  });

  it('uneven allocation needs more units in total, and the MDE inverts the sample size', () => {
    const even = sampleSize({ metric: 'rate', baseline: 0.1, mde: 0.02, alpha: 0.05, power: 0.8, allocation: 0.5 });
    const skew = sampleSize({ metric: 'rate', baseline: 0.1, mde: 0.02, alpha: 0.05, power: 0.8, allocation: 0.2 });
    expect(skew.total).toBeGreaterThan(even.total);
    const mde = minimumDetectableEffect({ metric: 'rate', baseline: 0.1, alpha: 0.05, power: 0.8, allocation: 0.5 }, 7681.694964872547);
    expect(Math.abs(mde - 0.02)).toBeLessThan(1e-9);
  });

  it('refuses a rate outside (0, 1)', () => {
    expect(() => sampleSize({ metric: 'rate', baseline: 0.95, mde: 0.1, alpha: 0.05, power: 0.8, allocation: 0.5 })).toThrow(/between 0 and 1/);
  });
});
