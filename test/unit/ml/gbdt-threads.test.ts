// The trainer's worker threads: every thread count gives the very same model (histograms split by
// feature, updates by row range), with early stopping, class weights, missing values and one-hot
// categories; and the batch walk agrees with the one-row walk on every row. Needs the bundled
// dist/gbdt-worker.js (`npm test` builds it first).
import { describe, expect, it } from 'vitest';
import { trainGbdt } from '../../../engine/ml/gbdt.js';
import { rowOf } from '../../../engine/ml/matrix.js';
import { rocAuc } from '../../../engine/ml/metrics.js';
import { expectedMargin, treeShap } from '../../../engine/ml/shap.js';
import { ensembleToJson, marginOfRow, predictMargin } from '../../../engine/ml/tree.js';
import { mixedData } from './synth.js';

const json = (f: ReturnType<typeof trainGbdt>) => JSON.stringify(ensembleToJson(f.model));

describe('gbdt worker threads', () => {
  const d = mixedData(24_000, 21);

  it('trains the same model on 1, 2 and 3 threads, and stops early at the same round', () => {
    const params = { rounds: 400, learningRate: 0.3, earlyStoppingRounds: 8, seed: 5 };
    const one = trainGbdt(d.m, d.y, { ...params, threads: 1 });
    const two = trainGbdt(d.m, d.y, { ...params, threads: 2 });
    const three = trainGbdt(d.m, d.y, { ...params, threads: 3 });
    expect([one.threads, two.threads, three.threads]).toEqual([1, 2, 3]);
    expect(one.stoppedEarly).toBe(true);
    expect(two.roundsRun).toBe(one.roundsRun);
    expect(two.validLoss).toEqual(one.validLoss);
    expect(json(two)).toBe(json(one));
    expect(json(three)).toBe(json(one));
    // and it learned the planted signal (missingness, a category, an interaction)
    const test = mixedData(8000, 22);
    expect(rocAuc(test.y, predictMargin(two.model, test.m))).toBeGreaterThan(0.75);
  });

  it('gives the same model on 1 and 2 threads with class weights, no subsampling and no validation split', () => {
    const params = { rounds: 25, classWeight: 'balanced' as const, subsample: 1, colsample: 1, validationFraction: 0, seed: 9 };
    const one = trainGbdt(d.m, d.y, { ...params, threads: 1 });
    const two = trainGbdt(d.m, d.y, { ...params, threads: 2 });
    expect(two.threads).toBe(2);
    expect(two.trees).toBe(25);
    expect(json(two)).toBe(json(one));
  });

  it('refuses a thread count out of range, saying what to use', () => {
    expect(() => trainGbdt(d.m, d.y, { rounds: 1, threads: 0 })).toThrow(/threads = 0: use a whole number from 1 to 64/);
    expect(() => trainGbdt(d.m, d.y, { rounds: 1, threads: 1.5 })).toThrow(/threads = 1.5/);
  });

  it('scores a batch exactly as the one-row walk does, and explains each row to its margin', () => {
    const fit = trainGbdt(d.m, d.y, { rounds: 40, seed: 2, threads: 1 });
    // 1300 rows: more than two batch blocks and a partial one; blanks and one-hot zeros included
    const test = mixedData(1300, 23);
    const batch = predictMargin(fit.model, test.m);
    const base = expectedMargin(fit.model);
    for (let i = 0; i < test.m.rows; i++) {
      const x = rowOf(test.m, i);
      expect(batch[i]).toBe(marginOfRow(fit.model, x));
      if (i % 50 === 0) expect(treeShap(fit.model, x).reduce((s, v) => s + v, base)).toBeCloseTo(batch[i]!, 9);
    }
  });
});
