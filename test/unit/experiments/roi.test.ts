// The issue 14 worked example, reproduced exactly.
import { describe, expect, it } from 'vitest';
import { compareProportions } from '../../../engine/experiments/frequentist.js';
import { roi } from '../../../engine/experiments/roi.js';

describe('ROI worked example (issue 14)', () => {
  // 10,000 customers, 5,000 per arm: conversion 7.8% vs 9.7%, 90-day churn 6.2% vs 5.1%
  const conversion = compareProportions({ n: 5000, successes: 390 }, { n: 5000, successes: 485 });
  const churn = compareProportions({ n: 5000, successes: 310 }, { n: 5000, successes: 255 });
  const input = {
    implementationCost: 850_000, runCostPerYear: 280_000, revenuePerYear: 520_000, savingsPerYear: 160_000,
    horizonYears: 3, discountRate: 0.08,
    revenueEffect: { estimate: conversion.absolute, ...conversion.absoluteCi },
    // churn reduction as a positive effect: control − treatment
    savingsEffect: { estimate: -churn.absolute, lower: -churn.absoluteCi.upper, upper: -churn.absoluteCi.lower },
  };
  const r = roi(input);

  it('simple payback is 1.25 years and 2.125 years net of run cost, not the often-quoted ≈ 1.1', () => {
    expect(r.estimate.simplePaybackYears).toBeCloseTo(850 / 680, 12);
    expect(r.estimate.simplePaybackYears).toBe(1.25);
    expect(r.estimate.netPaybackYears).toBeCloseTo(2.125, 12);
    expect(r.formulas.simplePaybackYears).toBe('implementation / (revenue + savings)');
  });

  it('NPV and net benefit per year by the named formulas', () => {
    const npv = -850_000 + 400_000 / 1.08 + 400_000 / 1.08 ** 2 + 400_000 / 1.08 ** 3;
    expect(r.estimate.npv).toBeCloseTo(npv, 6); // 180,838.79
    expect(r.estimate.netBenefitPerYear).toBeCloseTo(400_000 - 850_000 / 3, 6);
  });

  it('carries the CIs through: at the lower bounds the programme never pays back net of run cost', () => {
    // conversion CI 0.793–3.007 points, churn reduction 0.195–2.005 points
    expect(r.conservative.revenuePerYear).toBeCloseTo((520_000 * 0.007929863848059882) / 0.019, 4);
    expect(r.conservative.savingsPerYear).toBeCloseTo((160_000 * 0.0019520538834599324) / 0.011, 4);
    expect(r.conservative.netPaybackYears).toBeNull();
    expect(r.conservative.npv).toBeLessThan(0);
    expect(r.optimistic.simplePaybackYears!).toBeLessThan(r.estimate.simplePaybackYears!);
  });

  it('refuses a negative cost, naming the field', () => {
    expect(() => roi({ ...input, runCostPerYear: -1 })).toThrow(/runCostPerYear/);
  });
});
