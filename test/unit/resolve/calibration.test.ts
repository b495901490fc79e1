// Platt scaling of match weights from labels: recovers a known σ(a·w + b), stays finite on a
// perfectly separated sample, and the reliability table bands pairs by model probability.
import { describe, expect, it } from 'vitest';
import { calibrated, fitPlatt, reliability } from '../../../engine/resolve/calibration.js';

/** Deterministic uniform numbers (a small LCG): the same sample every run. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

describe('calibration', () => {
  it('recovers the slope and intercept of labels drawn from σ(0.5·w − 1)', () => {
    const rnd = lcg(7);
    const w: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const x = -12 + 24 * rnd();
      w.push(x);
      y.push(rnd() < 1 / (1 + Math.exp(-(0.5 * x - 1))) ? 1 : 0);
    }
    const c = fitPlatt(w, y)!;
    expect(c.a).toBeCloseTo(0.5, 1);
    expect(c.b).toBeCloseTo(-1, 0);
    expect(Math.abs(c.b + 1)).toBeLessThan(0.15);
    expect(calibrated(c, 2)).toBeCloseTo(0.5, 1);
  });

  it('stays finite when the weight separates the labels perfectly, and needs both classes', () => {
    const c = fitPlatt([-5, -4, -3, 3, 4, 5], [0, 0, 0, 1, 1, 1])!;
    expect(Number.isFinite(c.a) && Number.isFinite(c.b)).toBe(true);
    expect(c.a).toBeGreaterThan(0);
    expect(calibrated(c, 5)).toBeGreaterThan(0.7);
    expect(calibrated(c, 5)).toBeLessThan(1);
    expect(fitPlatt([1, 2], [1, 1])).toBeNull();
    expect(fitPlatt([], [])).toBeNull();
  });

  it('bands pairs by model probability: mean model probability against the labelled share', () => {
    const bins = reliability([0, 0, 3, 3], [0.05, 0.08, 0.95, 0.91], [0, 1, 1, 1], { a: 1, b: 0 });
    expect(bins.map((x) => [x.from, x.to, x.pairs])).toEqual([
      [0, 0.1, 2],
      [0.9, 1, 2],
    ]);
    expect(bins[0]!.model).toBeCloseTo(0.065, 12);
    expect(bins[0]!.observed).toBe(0.5);
    expect(bins[1]!.observed).toBe(1);
    expect(bins[0]!.calibrated).toBeCloseTo(0.5, 12);
    expect(bins[1]!.calibrated).toBeCloseTo(1 / (1 + Math.exp(-3)), 12);
  });
});
