// Special functions against SciPy 1.10 (Debian bookworm python3-scipy) constants, computed with
// the calls named beside each value.
import { describe, expect, it } from 'vitest';
import { betaInc, chiSquareSf, gammaQ, normalCdf, normalQuantile, tCdf, tQuantile, tTwoSided } from '../../../engine/experiments/distributions.js';

const close = (got: number, want: number, rel = 1e-9) => expect(Math.abs(got - want)).toBeLessThanOrEqual(rel * Math.max(1e-300, Math.abs(want)));

describe('distributions', () => {
  it('regularized incomplete beta matches known values', () => {
    close(betaInc(0.5, 2, 3), 11 / 16); // exact: Σ_{j=2..4} C(4,j)/16
    close(betaInc(0.4, 3.5, 2.25), 0.15211248758927814); // scipy.special.betainc(3.5, 2.25, 0.4)
    close(betaInc(0.45, 50, 60), 0.4642352914306031); // scipy.special.betainc(50, 60, 0.45)
  });

  it('incomplete gamma and chi-square tail', () => {
    close(gammaQ(2.5, 7), 0.01560941610026691); // scipy.special.gammaincc(2.5, 7.0)
    close(chiSquareSf(3.841458820694124, 1), 0.05); // chi2.ppf(0.95, 1)
    close(chiSquareSf(16, 1), 6.334248366623988e-5); // scipy.stats.chisquare([5200, 4800]).pvalue
  });

  it("normal and Student's t CDFs and quantiles", () => {
    close(normalCdf(-3.3), 0.00048342414238377744); // norm.cdf(-3.3)
    close(normalQuantile(0.001), -3.090232306167813); // norm.ppf(0.001)
    close(normalQuantile(0.8), 0.8416212335729143); // norm.ppf(0.8)
    close(normalQuantile(0.975), 1.959963984540054);
    close(tCdf(2.228138851986274, 10), 0.975); // t.ppf(0.975, 10) published table value 2.228
    close(tCdf(-1.7, 4.3), 0.07967180362692072); // t.cdf(-1.7, 4.3)
    close(tCdf(3.1, 123.4), 0.9988010930479946); // t.cdf(3.1, 123.4)
    close(tQuantile(0.975, 12.989327744313108), 2.160549104076129); // t.ppf(0.975, 12.98932…)
    // mpmath.findroot on the regularized incomplete beta at 30 digits; SciPy 1.10's t.ppf gives 2.022005312364919 here (7.9e-9 off)
    close(tQuantile(0.975, 39.41802120975318), 2.0220053202341796, 1e-14);
    close(tTwoSided(2.5443613113993657, 12.989327744313108), 0.024464530230614664); // ttest_ind below
  });
});
