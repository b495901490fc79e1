// Comparisons, SRM, Holm and CUPED against statsmodels 0.13.5 / SciPy 1.10 constants (calls named).
import { describe, expect, it } from 'vitest';
import { compareMeans, compareProportions, cuped, holm, sampleRatioMismatch, summarise } from '../../../engine/experiments/frequentist.js';
import { betaBinomial } from '../../../engine/experiments/bayes.js';
import { rng } from '../../../engine/experiments/rng.js';

const close = (got: number, want: number, tol = 1e-9) => expect(Math.abs(got - want)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(want)));

describe('two-proportion z-test', () => {
  it('matches statsmodels on the issue 14 worked example (conversion 7.8% vs 9.7%, 5,000 per arm)', () => {
    const r = compareProportions({ n: 5000, successes: 390 }, { n: 5000, successes: 485 });
    close(r.statistic, 3.3620420595489477); // proportions_ztest([485, 390], [5000, 5000])
    close(r.pValue, 0.0007736833806692777);
    close(r.absolute, 0.019);
    close(r.absoluteCi.lower, 0.007929863848059882); // confint_proportions_2indep(..., method='wald', compare='diff')
    close(r.absoluteCi.upper, 0.030070136151940124);
    close(r.relativeCi!.lower, 1.0948200881170749 - 1); // confint_proportions_2indep(..., method='log', compare='ratio')
    close(r.relativeCi!.upper, 1.4125749674737675 - 1);
  });

  it('churn 6.2% vs 5.1%', () => {
    const r = compareProportions({ n: 5000, successes: 310 }, { n: 5000, successes: 255 });
    close(r.statistic, -2.3821412706353913);
    close(r.pValue, 0.017212292921334745);
    close(r.absoluteCi.lower, -0.020047946116540073);
    close(r.absoluteCi.upper, -0.0019520538834599324);
  });

  it('refuses impossible counts, naming the arm', () => {
    expect(() => compareProportions({ n: 10, successes: 11 }, { n: 10, successes: 1 })).toThrow(/control arm/);
  });
});

describe("Welch's t-test", () => {
  it('matches scipy.stats.ttest_ind(b, a, equal_var=False)', () => {
    const a = [12.1, 14.3, 9.8, 11.0, 13.7, 10.4, 12.9, 15.2], b = [14.8, 13.1, 16.0, 15.5, 12.2, 17.3, 14.9];
    const r = compareMeans(summarise(a), summarise(b));
    close(r.statistic, 2.5443613113993657);
    close(r.pValue, 0.024464530230614664);
    close(r.df!, 12.989327744313108);
    close(r.absoluteCi.lower, 0.3625743133752062); // .confidence_interval(0.95)
    close(r.absoluteCi.upper, 4.444568543767647);
  });
});

describe('sample-ratio mismatch', () => {
  it('chi-square against planned shares (scipy.stats.chisquare)', () => {
    const even = sampleRatioMismatch([5100, 4900], [0.5, 0.5]);
    close(even.chiSquare, 4);
    close(even.pValue, 0.04550026389635857);
    expect(even.mismatch).toBe(false); // p = 0.046 is not below 0.001
    const bad = sampleRatioMismatch([5200, 4800], [1, 1]);
    close(bad.pValue, 6.334248366623988e-5);
    expect(bad.mismatch).toBe(true);
    const three = sampleRatioMismatch([3050, 3000, 3950], [0.3, 0.3, 0.4]);
    close(three.chiSquare, 1.4583333333333335);
    close(three.pValue, 0.48231074829127807);
  });
});

describe('Holm', () => {
  it('matches statsmodels multipletests(method="holm"), in input order', () => {
    expect(holm([0.01, 0.04, 0.03, 0.005, 0.2]).map((p) => +p.toFixed(12))).toEqual([0.04, 0.09, 0.09, 0.025, 0.2]);
  });
});

describe('CUPED', () => {
  it('a correlated pre-period covariate narrows the interval and keeps the effect', () => {
    const next = rng(7);
    const gauss = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
    const arm = (lift: number) => {
      const x = Array.from({ length: 2000 }, () => 50 + 10 * gauss());
      return { x, y: x.map((v) => 0.8 * v + 6 * gauss() + lift) };
    };
    const c = arm(0), t = arm(1);
    const plain = compareMeans(summarise(c.y), summarise(t.y));
    const adj = cuped(c, t);
    const width = (r: typeof plain) => r.absoluteCi.upper - r.absoluteCi.lower;
    expect(adj.theta).toBeGreaterThan(0.7);
    expect(adj.varianceReduction).toBeGreaterThan(0.5); // ρ² = 64 / (64 + 36) = 0.64
    expect(width(adj.comparison)).toBeLessThan(0.7 * width(plain));
    expect(adj.comparison.absoluteCi.lower).toBeLessThan(1);
    expect(adj.comparison.absoluteCi.upper).toBeGreaterThan(1);
  });
});

describe('Bayesian beta-binomial (exact)', () => {
  it('matches a 4M-draw numpy Monte Carlo (default_rng(1), Beta(1,1) priors) to its sampling error', () => {
    const big = betaBinomial({ n: 5000, successes: 390 }, { n: 5000, successes: 485 });
    close(big.probTreatmentBeats, 0.99961825, 5e-5);
    expect(Math.abs(big.expectedLossTreatment - 5.717605964955032e-7)).toBeLessThan(1e-7);
    close(big.expectedLossControl, 0.018993437378423975, 2e-3);
    const small = betaBinomial({ n: 100, successes: 10 }, { n: 100, successes: 13 });
    close(small.probTreatmentBeats, 0.74248775, 1e-3);
    close(small.expectedLossTreatment, 0.00708752051912036, 2e-3);
    close(small.expectedLossControl, 0.03646339223434605, 2e-3);
  });

  it('is symmetric: equal arms give one half', () => {
    close(betaBinomial({ n: 200, successes: 30 }, { n: 200, successes: 30 }).probTreatmentBeats, 0.5, 1e-12);
  });
});
