// Contract of experiments (issue 14): sample size and power before a test, the analysis of a file of
// unit-level outcomes (SRM, effects with CIs, p-values, Bayesian view, CUPED, Holm) and ROI/payback
// carried through the effect's interval; stored experiments (design, hashed assignment, export,
// results from the event store or an outcome file, the CFO report) in the open workspace.
import { z } from 'zod';
import { JobStarted, ReplaceExisting, jobSpec, method } from './method.js';

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
      /**
       * Rates with looks over time (a date column: one look per date; stored experiments: weekly over
       * the window): the sequential test at each look, method named. group-sequential (default):
       * Lan–DeMets spending, z against ±boundary per look, repeated confidence interval lower/upper;
       * msprt: always-valid p and confidence sequence. Fields of the other design are absent.
       */
      sequential: z
        .object({
          design: z.enum(['group-sequential', 'msprt']),
          method: z.string(),
          alpha: z.number(),
          /** msprt: the mixing sd. */
          tau: z.number().optional(),
          /** group-sequential: the spending function. */
          spending: z.enum(['obrien-fleming', 'pocock']).optional(),
          steps: z.array(z.object({
            look: z.number().int(), difference: z.number(), lower: z.number(), upper: z.number(), rejected: z.boolean(),
            logLikelihoodRatio: z.number().optional(), alwaysValidP: z.number().optional(),
            /** group-sequential: pooled z, its two-sided boundary (null: no α to spend at this look), cumulative α spent, share of the plan reached. */
            z: z.number().optional(), boundary: z.number().nullable().optional(), spent: z.number().optional(), informationFraction: z.number().optional(),
          })),
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


/** conversion, revenue or churn_<days>d (engine/experiments/metrics.ts says what each reads). */
export const MetricId = z.string().regex(/^(conversion|revenue|churn_([1-9]\d{0,2})d)$/, 'use conversion, revenue or churn_<days>d (e.g. churn_90d)');
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD');
const ExperimentId = z.object({ id: z.number().int().positive() }).strict();
export const ExperimentStatus = z.enum(['draft', 'running', 'stopped', 'analysed']);

export const ExperimentCreateInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    hypothesis: z.string().max(4000).default(''),
    /** golden: one unit per golden record (latest build); source: one per source account. */
    unit: z.enum(['golden', 'source']),
    arms: z.array(z.object({ name: z.string().trim().min(1).max(60), share: z.number().positive().finite() }).strict()).min(2).max(10),
    /** Share of units held out of every arm. */
    holdout: z.number().min(0).lt(1).default(0),
    /** A customer attribute to balance the arms within (e.g. city), or churn_decile (the churn risk decile of the scored churn model; "unscored" for units without a score). */
    stratify: z.string().min(1).nullable().default(null),
    primaryMetric: MetricId,
    guardrailMetrics: z.array(MetricId).max(5).default([]),
    startsOn: IsoDate,
    endsOn: IsoDate,
  })
  .strict();

export const ExperimentSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  hypothesis: z.string(),
  unit: z.enum(['golden', 'source']),
  arms: z.array(z.object({ name: z.string(), share: z.number() })),
  holdout: z.number(),
  stratify: z.string().nullable(),
  primaryMetric: z.string(),
  guardrailMetrics: z.array(z.string()),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  status: ExperimentStatus,
  createdBy: z.string(),
  createdAt: z.string(),
  /** Units assigned per arm (holdout under "holdout"). */
  assigned: z.record(z.string(), z.number().int()),
});

export const ExperimentResults = z.object({
  experiment: z.number().int(),
  source: z.enum(['events', 'file']),
  /** Sample-ratio mismatch of the assignment: read before any effect. */
  srm: z.object({
    chiSquare: z.number(), df: z.number().int(), pValue: z.number(), mismatch: z.boolean(), threshold: z.number(),
    arms: z.array(z.object({ arm: z.string(), planned: z.number(), assigned: z.number().int() })),
  }),
  holdout: z.number().int(),
  unmatched: z.number().int(),
  metrics: z.array(
    z.object({
      metric: z.string(),
      label: z.string(),
      role: z.enum(['primary', 'guardrail']),
      type: Metric,
      better: z.enum(['higher', 'lower']),
      population: z.string(),
      covariate: z.string().nullable(),
      window: z.object({ from: z.string(), to: z.string() }).nullable(),
      analysis: AnalysisResult,
    }),
  ),
  /** Holm over every metric × arm comparison shown. */
  holm: z.array(z.object({ metric: z.string(), arm: z.string(), pValue: z.number(), holmP: z.number() })),
  sequentialMethod: z.string(),
  bayesMethod: z.string(),
});

export const ExperimentAssignInput = ExperimentId;
/** experiments.computeResults: results from the event store (an outcome file is read fast enough by experiments.results itself). */
export const ExperimentComputeResultsInput = z
  .object({ id: z.number().int().positive(), sequential: z.enum(['obrien-fleming', 'pocock', 'msprt']).default('obrien-fleming') })
  .strict();
export const ExperimentComputeResultsResult = z.object({
  id: z.number().int(),
  sequential: z.enum(['obrien-fleming', 'pocock', 'msprt']),
  /** Metrics computed; experiments.results with the same id and sequential now answers at once. */
  metrics: z.number().int(),
  /** True when the results were computed already for the current data (nothing to do). */
  cached: z.boolean(),
});
export type ExperimentComputeResultsResult = z.infer<typeof ExperimentComputeResultsResult>;
export const ExperimentAssignResult = z.object({ assigned: z.number().int(), total: z.number().int(), byArm: z.record(z.string(), z.number().int()) });
export type ExperimentAssignResult = z.infer<typeof ExperimentAssignResult>;

/** What the design wizard may balance the arms within: customer attributes and the churn risk decile. */
export const ExperimentStrata = z.object({
  items: z.array(z.object({ id: z.string(), label: z.string(), kind: z.enum(['attribute', 'churn']), available: z.boolean(), reason: z.string().nullable() })),
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
        /** Sequential view with --date: group sequential (O'Brien–Fleming- or Pocock-type spending over the file's dates) or the mSPRT. */
        sequential: z.enum(['obrien-fleming', 'pocock', 'msprt']).default('obrien-fleming'),
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
  'experiments.create': method({
    input: ExperimentCreateInput,
    output: ExperimentSummary,
    mutates: true,
    needsWorkspace: true,
    summary: 'Store an experiment design (arms, holdout, stratum, metrics, dates) with its own assignment salt',
  }),
  'experiments.list': method({ input: z.object({}).strict(), output: z.object({ items: z.array(ExperimentSummary) }), mutates: false, needsWorkspace: true, summary: 'Stored experiments, newest first' }),
  'experiments.get': method({ input: ExperimentId, output: ExperimentSummary, mutates: false, needsWorkspace: true, summary: 'One stored experiment with its assignment counts' }),
  'experiments.setStatus': method({
    input: z.object({ id: z.number().int().positive(), status: ExperimentStatus }).strict(),
    output: ExperimentSummary,
    mutates: true,
    needsWorkspace: true,
    summary: 'Move an experiment draft → running → stopped → analysed',
  }),
  'experiments.assign': method({
    input: ExperimentAssignInput,
    output: JobStarted,
    mutates: true,
    needsWorkspace: true,
    summary: 'Start assigning every unit not yet assigned by the salted hash (a job; assignments are fixed once made)',
  }),
  'experiments.strata': method({ input: z.object({}).strict(), output: ExperimentStrata, mutates: false, needsWorkspace: true, summary: 'What arms can be balanced within: customer attributes, and the churn risk decile when churn scores exist' }),
  'experiments.exportAssignments': method({
    input: z.object({ id: z.number().int().positive(), path: z.string().min(1).max(4096), overwrite: ReplaceExisting }).strict(),
    output: z.object({ path: z.string(), bytes: z.number().int(), rows: z.number().int() }),
    mutates: true,
    needsWorkspace: true,
    summary: 'Write the assignments as CSV with the crosswalk keys (source, source key, golden id); formula-like cells neutralised',
  }),
  'experiments.computeResults': method({
    input: ExperimentComputeResultsInput,
    output: JobStarted,
    mutates: true,
    needsWorkspace: true,
    summary: 'Start computing the results from the event store (a job with progress and cancel); experiments.results then answers from what it computed',
  }),
  'experiments.results': method({
    input: z
      .object({
        id: z.number().int().positive(),
        /** Outcomes from a CSV (one row per unit) instead of the event store. */
        outcomes: z
          .object({
            path: z.string().min(1).max(4096),
            unit: z.string().min(1),
            outcome: z.string().min(1),
            pre: z.string().min(1).optional(),
            metric: Metric.default('rate'),
            better: z.enum(['higher', 'lower']).default('higher'),
          })
          .strict()
          .optional(),
        /** Sequential view of rates: group sequential with O'Brien–Fleming-type (default) or Pocock-type spending, or the mSPRT. */
        sequential: z.enum(['obrien-fleming', 'pocock', 'msprt']).default('obrien-fleming'),
      })
      .strict(),
    output: ExperimentResults,
    mutates: false,
    needsWorkspace: true,
    summary: 'SRM, then per metric and arm: effect with CI, p-value, Bayesian view, CUPED, sequential view, Holm',
  }),
  'experiments.report': method({
    input: z.object({ id: z.number().int().positive(), path: z.string().min(1).max(4096), overwrite: ReplaceExisting, roi: RoiInput.optional() }).strict(),
    output: z.object({ path: z.string(), bytes: z.number().int() }),
    mutates: true,
    needsWorkspace: true,
    summary: 'Write a self-contained HTML report (inline SVG charts, no scripts or external requests) a CFO can open',
  }),
};

export const experimentsJobs = {
  'experiments.assign': jobSpec({ start: 'experiments.assign', request: ExperimentAssignInput, result: ExperimentAssignResult, summary: 'Assign every unit not yet assigned to an experiment.' }),
  'experiments.computeResults': jobSpec({ start: 'experiments.computeResults', request: ExperimentComputeResultsInput, result: ExperimentComputeResultsResult, summary: 'Compute an experiment’s results from the event store, for experiments.results to answer from.' }),
};
