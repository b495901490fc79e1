// Contract of experiments (issue 14): sample size and power before a test, the analysis of a file of
// unit-level outcomes (SRM, effects with CIs, p-values, Bayesian view, CUPED, Holm) and ROI/payback
// carried through the effect's interval. Pure computations: no workspace needed.
import { z } from 'zod';
import { method } from './method.js';

const Metric = z.enum(['rate', 'mean']);
const Probability = z.number().gt(0).lt(1);

export const PowerInput = z
  .object({
    metric: Metric.default('rate'),
    /** Base rate (rates) or control mean (means). */
    baseline: z.number().finite(),
    /** Standard deviation of the outcome (means only). */
    sd: z.number().positive().optional(),
    /** Absolute minimum detectable effect, treatment − control. */
    mde: z.number().finite().refine((v) => v !== 0, 'must not be 0'),
    alpha: Probability.default(0.05),
    power: Probability.default(0.8),
    /** Share of units in treatment. */
    allocation: Probability.default(0.5),
  })
  .strict();

const Interval = z.object({ lower: z.number(), upper: z.number() });
export const Comparison = z.object({
  test: z.string(),
  control: z.number(),
  treatment: z.number(),
  absolute: z.number(),
  absoluteCi: Interval,
  relative: z.number().nullable(),
  relativeCi: Interval.nullable(),
  statistic: z.number(),
  df: z.number().nullable(),
  pValue: z.number(),
});

export const AnalysisResult = z.object({
  metric: Metric,
  control: z.string(),
  arms: z.array(z.object({ arm: z.string(), n: z.number().int(), value: z.number(), successes: z.number().nullable() })),
  /** Sample-ratio mismatch: read before any result; `mismatch` when p < threshold (0.001). */
  srm: z.object({ chiSquare: z.number(), df: z.number().int(), pValue: z.number(), mismatch: z.boolean(), threshold: z.number(), shares: z.array(z.number()) }),
  comparisons: z.array(
    z.object({
      arm: z.string(),
      comparison: Comparison,
      holmP: z.number(),
      bayes: z.object({ prior: z.string(), probTreatmentBeats: z.number(), expectedLossTreatment: z.number(), expectedLossControl: z.number() }).nullable(),
      cuped: z.object({ theta: z.number(), varianceReduction: z.number(), comparison: Comparison }).nullable(),
      /** Rates with a date column: the always-valid test at each daily look (method named). */
      sequential: z
        .object({
          method: z.string(),
          alpha: z.number(),
          tau: z.number(),
          steps: z.array(z.object({ look: z.number().int(), difference: z.number(), logLikelihoodRatio: z.number(), alwaysValidP: z.number(), lower: z.number(), upper: z.number(), rejected: z.boolean() })),
        })
        .nullable(),
    }),
  ),
});

const Effect = z.object({ estimate: z.number().finite(), lower: z.number().finite(), upper: z.number().finite() }).strict();
const Money = z.number().finite().nonnegative();
export const RoiInput = z
  .object({
    implementationCost: Money,
    runCostPerYear: Money,
    revenuePerYear: Money,
    savingsPerYear: Money,
    horizonYears: z.number().int().min(1).max(50).default(3),
    discountRate: z.number().min(0).max(1).default(0.08),
    revenueEffect: Effect.optional(),
    savingsEffect: Effect.optional(),
  })
  .strict();
const RoiFigures = z.object({
  revenuePerYear: z.number(),
  savingsPerYear: z.number(),
  /** null: never pays back. */
  simplePaybackYears: z.number().nullable(),
  netPaybackYears: z.number().nullable(),
  npv: z.number(),
  netBenefitPerYear: z.number(),
});

export const experimentsMethods = {
  'experiments.power': method({
    input: PowerInput,
    output: z.object({ total: z.number().int(), control: z.number().int(), treatment: z.number().int(), achievedPower: z.number(), method: z.string() }),
    mutates: false,
    needsWorkspace: false,
    summary: 'Units needed to detect an effect (two-sided normal approximation)',
  }),
  'experiments.analyse': method({
    input: z
      .object({
        path: z.string().min(1),
        arm: z.string().min(1),
        outcome: z.string().min(1),
        metric: Metric.default('rate'),
        /** Arm value of the control group; default: the first arm name in sort order. */
        control: z.string().min(1).optional(),
        /** Pre-period covariate column for CUPED. */
        pre: z.string().min(1).optional(),
        /** Date column (ISO): enables the sequential view with one look per date (rates). */
        date: z.string().min(1).optional(),
        /** Planned share per arm, control first then the rest in name order; default: equal. */
        shares: z.array(z.number().positive()).optional(),
      })
      .strict(),
    output: AnalysisResult,
    mutates: false,
    needsWorkspace: false,
    summary: 'Analyse a CSV of unit, arm and outcome: SRM, effects with CIs, p-values, Bayesian view, CUPED, Holm',
  }),
  'experiments.roi': method({
    input: RoiInput,
    output: z.object({
      formulas: z.object({ simplePaybackYears: z.string(), netPaybackYears: z.string(), npv: z.string(), netBenefitPerYear: z.string() }),
      estimate: RoiFigures,
      /** Both effects at the lower bound of their interval. */
      conservative: RoiFigures,
      optimistic: RoiFigures,
    }),
    mutates: false,
    needsWorkspace: false,
    summary: 'Payback, NPV and net benefit with the range the experiment’s interval implies',
  }),
};
