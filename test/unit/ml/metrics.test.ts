// Metrics against their definitions: ROC AUC = share of (positive, negative) pairs ordered right
// (ties half), average precision, Brier, reliability, lift; calibration; stratified folds.
import { describe, expect, it } from 'vitest';
import { calibrate, fitIsotonic, fitPlatt } from '../../../engine/ml/calibration.js';
import { stratifiedFolds } from '../../../engine/ml/folds.js';
import { brier, liftTable, prAuc, reliabilityCurve, rocAuc, std } from '../../../engine/ml/metrics.js';
import { rng } from '../../../engine/ml/random.js';

function pairAuc(y: number[], s: number[]): number {
  let good = 0;
  let pairs = 0;
  for (let i = 0; i < y.length; i++) {
    for (let j = 0; j < y.length; j++) {
      if (y[i] !== 1 || y[j] !== 0) continue;
      pairs++;
      good += s[i]! > s[j]! ? 1 : s[i] === s[j] ? 0.5 : 0;
    }
  }
  return good / pairs;
}

describe('metrics', () => {
  it('ROC AUC matches a brute-force pair count, ties included', () => {
    const r = rng(1);
    for (let trial = 0; trial < 5; trial++) {
      const n = 300;
      const y = Array.from({ length: n }, () => (r() < 0.3 ? 1 : 0));
      // scores rounded to 1 decimal, so many ties
      const s = y.map((v) => Math.round((r() + v * 0.4) * 10) / 10);
      expect(rocAuc(y, s)).toBeCloseTo(pairAuc(y, s), 12);
    }
    expect(rocAuc([1, 1, 0, 0], [0.9, 0.8, 0.2, 0.1])).toBe(1);
    expect(rocAuc([0, 0], [0.1, 0.2])).toBeNaN();
  });

  it('PR AUC is average precision', () => {
    // ranked: 1 (P=1, R=.5), 0, 1 (P=2/3, R=1): AP = .5*1 + .5*2/3
    expect(prAuc([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.1])).toBeCloseTo(0.5 + 1 / 3, 12);
  });

  it('Brier score, reliability curve and decile lift', () => {
    expect(brier([1, 0], [0.8, 0.4])).toBeCloseTo((0.04 + 0.16) / 2, 12);
    const rel = reliabilityCurve([1, 0, 1, 1], [0.05, 0.15, 0.95, 0.91], 10);
    expect(rel).toEqual([
      { lo: 0, hi: 0.1, count: 1, meanPredicted: 0.05, observedRate: 1 },
      { lo: 0.1, hi: 0.2, count: 1, meanPredicted: 0.15, observedRate: 0 },
      { lo: 0.9, hi: 1, count: 2, meanPredicted: 0.9299999999999999, observedRate: 1 },
    ]);
    const y = Array.from({ length: 100 }, (_, i) => (i < 20 ? 1 : 0));
    const s = y.map((_, i) => 1 - i / 100);
    const lift = liftTable(y, s);
    expect(lift).toHaveLength(10);
    expect(lift[0]).toMatchObject({ decile: 1, count: 10, positives: 10, rate: 1, lift: 5, cumulativeCapture: 0.5 });
    expect(lift[1]!.cumulativeCapture).toBe(1);
    expect(std([1, 2, 3, 4])).toBeCloseTo(1.2909944487, 9);
  });

  it('Platt and isotonic calibration correct overconfident scores', () => {
    const r = rng(2);
    const margin: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const z = r() * 8 - 4;
      margin.push(z);
      y.push(r() < 1 / (1 + Math.exp(-z / 2)) ? 1 : 0); // true slope 1/2: raw sigmoid(z) overconfident
    }
    const raw = margin.map((z) => 1 / (1 + Math.exp(-z)));
    const platt = fitPlatt(margin, y);
    expect(platt.a).toBeGreaterThan(0.35);
    expect(platt.a).toBeLessThan(0.65);
    const pPlatt = margin.map((z) => calibrate(platt, z));
    const iso = fitIsotonic(raw, y);
    const pIso = raw.map((p) => calibrate(iso, p));
    expect(brier(y, pPlatt)).toBeLessThan(brier(y, raw));
    expect(brier(y, pIso)).toBeLessThan(brier(y, raw));
    for (let k = 1; k < iso.y.length; k++) expect(iso.y[k]!).toBeGreaterThanOrEqual(iso.y[k - 1]!);
  });

  it('stratified folds keep each class share and repeat for a seed', () => {
    const y = Array.from({ length: 1003 }, (_, i) => (i % 5 === 0 ? 1 : 0));
    const f = stratifiedFolds(y, 5, 42);
    for (let k = 0; k < 5; k++) {
      const rows = [...f.keys()].filter((i) => f[i] === k);
      const pos = rows.filter((i) => y[i] === 1).length;
      expect(Math.abs(rows.length - 1003 / 5)).toBeLessThanOrEqual(1);
      expect(Math.abs(pos - 201 / 5)).toBeLessThanOrEqual(1);
    }
    expect(stratifiedFolds(y, 5, 42)).toEqual(f);
    expect(stratifiedFolds(y, 5, 43)).not.toEqual(f);
  });
});
