// The issue 14 worked example through the API, as the Experiments screen runs it: a 10,000-customer
// outcome file (conversion 7.8% vs 9.7%, 90-day churn 6.2% vs 5.1%) analysed by experiments.analyse,
// its effects and CIs carried into experiments.roi: payback 1.25 years, 2.125 net of run cost.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineClient } from '../../../engine/api/index.js';
import { normalMeans } from '../../../engine/experiments/bayes.js';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { CALLER, tempDir } from '../../helpers/tmp.js';

const t = tempDir('aerie-exp-worked-');
let client: EngineClient;
beforeAll(() => {
  client = startInProcessEngine({ roots: [t.dir] }, CALLER).client;
  const rows = ['customer,arm,converted,churned'];
  for (let i = 0; i < 10_000; i++) {
    const arm = i < 5000 ? 'control' : 'model';
    const k = i % 5000;
    rows.push(`c${i},${arm},${k < (arm === 'control' ? 390 : 485) ? 1 : 0},${k >= 5000 - (arm === 'control' ? 310 : 255) ? 1 : 0}`);
  }
  writeFileSync(join(t.dir, 'worked.csv'), rows.join('\n'));
});
afterAll(async () => {
  await client.close();
  t.cleanup();
});

describe('worked example through the API', () => {
  it('analyse → roi: 1.25 years simple payback, 2.125 net of run cost, each with its formula', async () => {
    const path = join(t.dir, 'worked.csv');
    const conv = await client.call('experiments.analyse', { path, arm: 'arm', outcome: 'converted', control: 'control' });
    const churn = await client.call('experiments.analyse', { path, arm: 'arm', outcome: 'churned', control: 'control' });
    expect(conv.arms.map((a) => a.value)).toEqual([0.078, 0.097]);
    expect(churn.arms.map((a) => a.value)).toEqual([0.062, 0.051]);
    expect(conv.srm.mismatch).toBe(false);
    const c = conv.comparisons[0]!.comparison, h = churn.comparisons[0]!.comparison;
    expect(c.absolute).toBeCloseTo(0.019, 12);
    const r = await client.call('experiments.roi', {
      implementationCost: 850_000, runCostPerYear: 280_000, revenuePerYear: 520_000, savingsPerYear: 160_000,
      revenueEffect: { estimate: c.absolute, ...c.absoluteCi },
      savingsEffect: { estimate: -h.absolute, lower: -h.absoluteCi.upper, upper: -h.absoluteCi.lower },
    });
    expect(r.estimate.simplePaybackYears).toBe(1.25);
    expect(r.estimate.netPaybackYears).toBeCloseTo(2.125, 12);
    expect(r.formulas.simplePaybackYears).toBe('implementation / (revenue + savings)');
    expect(r.formulas.netPaybackYears).toMatch(/^implementation \/ \(revenue \+ savings − run cost\)/);
    expect(r.conservative.netPaybackYears).toBeNull(); // at the lower CI bounds it never pays back net of run cost
  });
});

describe('Bayesian view of means (normal approximation, flat prior)', () => {
  it('matches the closed form on known cases', () => {
    // equal means: a coin toss, and each expected loss is se/√(2π)
    const even = normalMeans({ n: 100, mean: 5, variance: 50 }, { n: 100, mean: 5, variance: 50 });
    expect(even.probTreatmentBeats).toBe(0.5);
    expect(even.expectedLossTreatment).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 12);
    // d = 1, se = 1: P = Φ(1) = 0.841344746068543; loss(treatment) = φ(1) − Φ(−1) = 0.0833154705876864
    const one = normalMeans({ n: 2, mean: 0, variance: 1 }, { n: 2, mean: 1, variance: 1 });
    expect(one.probTreatmentBeats).toBeCloseTo(0.841344746068543, 12);
    expect(one.expectedLossTreatment).toBeCloseTo(0.0833154705876864, 12);
    expect(one.expectedLossControl - one.expectedLossTreatment).toBeCloseTo(1, 12); // E[max(D,0)] − E[max(−D,0)] = E[D]
  });
});
