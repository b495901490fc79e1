// The owned gradient-boosted trainer: learns what a linear model cannot (interactions, missingness),
// repeats exactly for a seed, stops early on a validation split, and bins to at most 255 bins.
import { describe, expect, it } from 'vitest';
import { binMatrix, MAX_VALUE_BINS } from '../../../engine/ml/bins.js';
import { stratifiedHoldout, trainGbdt } from '../../../engine/ml/gbdt.js';
import { logisticProba, trainLogistic } from '../../../engine/ml/logistic.js';
import { rocAuc } from '../../../engine/ml/metrics.js';
import { ensembleToJson, predictProba } from '../../../engine/ml/tree.js';
import { missingData, noiseData, xorData } from './synth.js';

describe('gbdt trainer', () => {
  it('learns an XOR-like interaction that logistic regression cannot', () => {
    const train = xorData(4000, 1);
    const test = xorData(2000, 2);
    const fit = trainGbdt(train.m, train.y, { seed: 7 });
    const auc = rocAuc(test.y, predictProba(fit.model, test.m));
    const lin = rocAuc(test.y, logisticProba(trainLogistic(train.m, train.y), test.m));
    expect(auc).toBeGreaterThan(0.9);
    expect(lin).toBeLessThan(0.6);
  });

  it('learns where missing values go (missingness as signal), which mean-imputed logistic cannot', () => {
    const train = missingData(4000, 3);
    const test = missingData(2000, 4);
    const fit = trainGbdt(train.m, train.y, { seed: 7 });
    const p = predictProba(fit.model, test.m);
    const auc = rocAuc(test.y, p);
    const lin = rocAuc(test.y, logisticProba(trainLogistic(train.m, train.y), test.m));
    expect(auc).toBeGreaterThan(0.8);
    expect(lin).toBeLessThan(0.6);
    // a blank x0 scores high whatever x1 is
    const blank = { rows: 2, columns: [Float64Array.of(NaN, 0.5), Float64Array.of(0.5, 0.5)], names: ['x0', 'x1'] };
    const [pb, pp] = predictProba(fit.model, blank);
    expect(pb!).toBeGreaterThan(0.6);
    expect(pp!).toBeLessThan(0.25);
  });

  it('gives the same model for the same seed and a different one for another seed', () => {
    const d = xorData(1500, 5);
    const a = JSON.stringify(ensembleToJson(trainGbdt(d.m, d.y, { seed: 11, rounds: 60 }).model));
    const b = JSON.stringify(ensembleToJson(trainGbdt(d.m, d.y, { seed: 11, rounds: 60 }).model));
    const c = JSON.stringify(ensembleToJson(trainGbdt(d.m, d.y, { seed: 12, rounds: 60 }).model));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('stops early when the validation loss stops improving, and keeps the best round', () => {
    const d = noiseData(3000, 6);
    const fit = trainGbdt(d.m, d.y, { rounds: 1000, earlyStoppingRounds: 20, seed: 3 });
    expect(fit.stoppedEarly).toBe(true);
    expect(fit.roundsRun).toBeLessThan(200);
    expect(fit.trees).toBe(fit.roundsRun - 20);
    const best = Math.min(...fit.validLoss);
    expect(fit.validLoss[fit.trees - 1]).toBe(best);
    // without a validation split every round is kept
    const all = trainGbdt(d.m, d.y, { rounds: 30, validationFraction: 0 });
    expect(all.trees).toBe(30);
    expect(all.stoppedEarly).toBe(false);
  });

  it('class weights shift the scores towards the weighted class', () => {
    const d = noiseData(2000, 8);
    const plain = predictProba(trainGbdt(d.m, d.y, { rounds: 20, validationFraction: 0 }).model, d.m);
    const heavy = predictProba(trainGbdt(d.m, d.y, { rounds: 20, validationFraction: 0, classWeight: 'balanced' }).model, d.m);
    const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(plain)).toBeCloseTo(0.3, 1);
    expect(mean(heavy)).toBeCloseTo(0.5, 1);
  });

  it('bins each feature into at most 255 value bins plus one for missing', () => {
    const n = 5000;
    const m = { rows: n, columns: [Float64Array.from({ length: n }, (_, i) => (i % 7 === 0 ? NaN : i * 1.5))], names: ['x'] };
    const b = binMatrix(m);
    expect(b.nBins[0]).toBeLessThanOrEqual(MAX_VALUE_BINS + 1);
    expect(Math.max(...b.codes[0]!)).toBeLessThanOrEqual(MAX_VALUE_BINS);
    expect(b.codes[0]![0]).toBe(0); // row 0 is missing
  });

  it('holds out a stratified validation share of a table with a million rows', () => {
    // regression: the split once spread every row into push(...), which overflows the call stack
    const y = Uint8Array.from({ length: 1_000_000 }, (_, i) => (i % 5 === 0 ? 1 : 0));
    const { train, holdout } = stratifiedHoldout(y, 0.1, 1);
    expect(train.length + holdout.length).toBe(1_000_000);
    expect(holdout.length).toBe(100_000);
    expect(holdout.filter((i) => y[i] === 1).length).toBe(20_000);
  });

  it('refuses parameters out of range, saying which and what to use', () => {
    const d = noiseData(100, 9);
    expect(() => trainGbdt(d.m, d.y, { maxDepth: 0 })).toThrow(/maxDepth = 0: use a whole number from 1 to 16/);
    expect(() => trainGbdt(d.m, d.y, { subsample: 1.5 })).toThrow(/subsample = 1.5/);
  });
});
