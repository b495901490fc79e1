// ROI and payback carried through the experiment's uncertainty. Each figure names its formula so a
// reader can check it by hand; ranges scale the lift-driven benefits by effect-bound / estimate.

export interface EffectRange { estimate: number; lower: number; upper: number }

export interface RoiInput {
  implementationCost: number;
  runCostPerYear: number;
  revenuePerYear: number; // incremental revenue at the experiment's point estimate
  savingsPerYear: number;
  horizonYears: number;
  discountRate: number; // per year, e.g. 0.08
  revenueEffect?: EffectRange; // the effect that drives revenue (e.g. conversion lift)
  savingsEffect?: EffectRange; // the effect that drives savings (e.g. churn reduction, as a positive number)
}

export interface RoiFigures {
  revenuePerYear: number;
  savingsPerYear: number;
  simplePaybackYears: number | null; // null: never pays back
  netPaybackYears: number | null;
  npv: number;
  netBenefitPerYear: number;
}

export const ROI_FORMULAS = {
  simplePaybackYears: 'implementation / (revenue + savings)',
  netPaybackYears: 'implementation / (revenue + savings − run cost); null when the annual net is ≤ 0 (never pays back)',
  npv: '−implementation + Σ_{t=1..horizon} (revenue + savings − run cost) / (1 + discount rate)^t',
  netBenefitPerYear: 'revenue + savings − run cost − implementation / horizon',
} as const;

function figures(i: RoiInput, revenue: number, savings: number): RoiFigures {
  const gross = revenue + savings, net = gross - i.runCostPerYear;
  let npv = -i.implementationCost;
  for (let t = 1; t <= i.horizonYears; t++) npv += net / (1 + i.discountRate) ** t;
  return {
    revenuePerYear: revenue, savingsPerYear: savings,
    simplePaybackYears: gross > 0 ? i.implementationCost / gross : null,
    netPaybackYears: net > 0 ? i.implementationCost / net : null,
    npv, netBenefitPerYear: net - i.implementationCost / i.horizonYears,
  };
}

const scale = (e: EffectRange | undefined, bound: 'lower' | 'upper') => (e && e.estimate !== 0 ? e[bound] / e.estimate : 1);

export function roi(i: RoiInput): { formulas: typeof ROI_FORMULAS; estimate: RoiFigures; conservative: RoiFigures; optimistic: RoiFigures } {
  for (const k of ['implementationCost', 'runCostPerYear', 'revenuePerYear', 'savingsPerYear', 'discountRate'] as const) {
    if (!Number.isFinite(i[k]) || i[k] < 0) throw new RangeError(`${k} must be a finite number ≥ 0 (got ${i[k]}).`);
  }
  if (!Number.isInteger(i.horizonYears) || i.horizonYears < 1) throw new RangeError(`horizonYears must be a whole number ≥ 1 (got ${i.horizonYears}).`);
  return {
    formulas: ROI_FORMULAS,
    estimate: figures(i, i.revenuePerYear, i.savingsPerYear),
    // conservative: both effects at the lower CI bound (a negative bound means a loss, kept as such)
    conservative: figures(i, i.revenuePerYear * scale(i.revenueEffect, 'lower'), i.savingsPerYear * scale(i.savingsEffect, 'lower')),
    optimistic: figures(i, i.revenuePerYear * scale(i.revenueEffect, 'upper'), i.savingsPerYear * scale(i.savingsEffect, 'upper')),
  };
}
