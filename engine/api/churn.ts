// Contract of churn risk in the workspace (engine/churn/): point-in-time features from the event
// store, labels by a chosen definition, the train and score jobs, the churn models of the registry
// with their metrics and cards, stored scores and per-customer explanations.
import { z } from 'zod';
import { Empty, JobStarted, ReplaceExisting, jobSpec, method } from './method.js';

/** What "churned within the horizon" means: no order, a contract-end event, an account-closed event, or
 * no activity of the customer's own at all (orders, tickets, email opens and clicks, payments). */
export const ChurnDefinition = z.enum(['noOrder', 'contractEnded', 'accountClosed', 'noActivity']);
export type ChurnDefinition = z.infer<typeof ChurnDefinition>;

/** One row per golden entity (needs a golden build) or per source customer record; auto = golden where built. */
export const ChurnUnitChoice = z.enum(['auto', 'golden', 'source']);
export const ChurnUnitKind = z.enum(['golden', 'source']);

/** Feature groups a training can use. By default all but the two read as imported, not as of the
 * cutoff: snapshot (age, consents) and sourceColumns (the customer sources' unmapped columns,
 * numeric or low-cardinality categorical). */
export const ChurnFeatureGroup = z.enum(['rfm', 'tenure', 'productMix', 'support', 'email', 'payments', 'snapshot', 'sourceColumns']);
export type ChurnFeatureGroup = z.infer<typeof ChurnFeatureGroup>;

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use a date as YYYY-MM-DD');

export const ChurnTrainInput = z
  .object({
    /** Features use events strictly before it; labels look at [cutoff, cutoff + horizon). Default: latest event date − horizon. */
    cutoff: IsoDate.optional(),
    horizonDays: z.number().int().min(7).max(730).default(90),
    definition: ChurnDefinition.default('noOrder'),
    unit: ChurnUnitChoice.default('auto'),
    /** Feature groups to use; when left out, all but snapshot and sourceColumns. */
    features: z.array(ChurnFeatureGroup).min(1).optional(),
    seed: z.number().int().default(42),
  })
  .strict();
export type ChurnTrainInput = z.infer<typeof ChurnTrainInput>;

export const ChurnTrainResult = z.object({
  modelId: z.number().int(),
  version: z.number().int(),
  unit: ChurnUnitKind,
  cutoff: z.string(),
  horizonDays: z.number().int(),
  definition: ChurnDefinition,
  /** Units with at least one event before the cutoff (the rows trained and evaluated on). */
  units: z.number().int(),
  positives: z.number().int(),
  features: z.number().int(),
  trees: z.number().int(),
  calibration: z.enum(['isotonic', 'platt']),
  /** Held-out figures of the calibrated GBDT, and of the logistic baseline. */
  auc: z.number(),
  prAuc: z.number(),
  brier: z.number(),
  baselineAuc: z.number(),
  featureSeconds: z.number(),
  trainSeconds: z.number(),
  seconds: z.number(),
});
export type ChurnTrainResult = z.infer<typeof ChurnTrainResult>;

export const ChurnScoreInput = z.object({ /** Default: the live churn model, else the newest. */ modelId: z.number().int().optional() }).strict();
export const ChurnScoreResult = z.object({ modelId: z.number().int(), version: z.number().int(), unit: ChurnUnitKind, scored: z.number().int(), cutoff: z.string(), seconds: z.number() });
export type ChurnScoreResult = z.infer<typeof ChurnScoreResult>;

export const ChurnModelStatus = z.enum(['building', 'candidate', 'shadow', 'canary', 'live', 'retired']);

export const ChurnModelSummary = z.object({
  id: z.number().int(),
  version: z.number().int(),
  status: ChurnModelStatus,
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  unit: ChurnUnitKind,
  definition: ChurnDefinition,
  horizonDays: z.number().int(),
  cutoff: z.string(),
  /** Training rows. */
  units: z.number().int(),
  auc: z.number(),
  prAuc: z.number(),
  brier: z.number(),
  /** Units scored with this model (churn.score), and when. */
  scored: z.number().int(),
  scoredAt: z.string().nullable(),
});
export type ChurnModelSummary = z.infer<typeof ChurnModelSummary>;

export const RocPoint = z.object({ fpr: z.number(), tpr: z.number(), threshold: z.number() });
export const PrPoint = z.object({ recall: z.number(), precision: z.number(), threshold: z.number() });
export const ReliabilityBin = z.object({ lo: z.number(), hi: z.number(), count: z.number().int(), meanPredicted: z.number(), observedRate: z.number() });
export const LiftRow = z.object({
  decile: z.number().int(),
  count: z.number().int(),
  positives: z.number().int(),
  rate: z.number(),
  lift: z.number().nullable(),
  cumulativeCapture: z.number().nullable(),
  minScore: z.number(),
  maxScore: z.number(),
  /** The cohort action the band maps to (e.g. "call within a week"). */
  action: z.string(),
});
export const FeatureImportance = z.object({ feature: z.string(), gain: z.number(), splits: z.number().int(), meanAbsShap: z.number().nullable() });

export const ChurnFeature = z.object({ name: z.string(), group: ChurnFeatureGroup, description: z.string() });

export const ChurnModelDetail = z.object({
  model: ChurnModelSummary,
  metrics: z.object({
    evaluatedOn: z.number().int(),
    positives: z.number().int(),
    auc: z.number(),
    /** 95% interval of the AUC from the held-out class sizes (Hanley–McNeil); null where not kept or a class is empty. */
    aucInterval: z.tuple([z.number(), z.number()]).nullable(),
    prAuc: z.number(),
    brier: z.number(),
    baseline: z.object({ auc: z.number(), prAuc: z.number(), brier: z.number() }),
    /** At most ~100 points each: ROC from (0,0) to (1,1); PR from the first churner found (recall > 0) to recall 1. */
    roc: z.array(RocPoint),
    pr: z.array(PrPoint),
    reliability: z.array(ReliabilityBin),
    lift: z.array(LiftRow),
    importance: z.array(FeatureImportance),
  }),
  features: z.array(ChurnFeature),
  calibration: z.enum(['isotonic', 'platt']),
  params: z.record(z.string(), z.unknown()),
  dataWindow: z.object({ from: z.string().nullable(), to: z.string().nullable(), rows: z.number().int() }).nullable(),
});
export type ChurnModelDetail = z.infer<typeof ChurnModelDetail>;

export const ChurnScoreRow = z.object({
  /** Golden id, or the source record id as text. */
  unit: z.string(),
  unitKind: ChurnUnitKind,
  /** Calibrated probability of churn within the model's horizon. */
  score: z.number(),
  /** 1 = the highest-risk tenth of the scored units. */
  decile: z.number().int(),
});

export const ChurnScoresInput = z
  .object({
    modelId: z.number().int().optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(100),
    /** Only deciles 1..maxDecile (1 = the riskiest tenth). */
    maxDecile: z.number().int().min(1).max(10).optional(),
  })
  .strict();
export const ChurnScores = z.object({ modelId: z.number().int().nullable(), total: z.number().int(), items: z.array(ChurnScoreRow) });

export const ChurnExplainInput = z
  .object({
    modelId: z.number().int().optional(),
    /** Exactly one of: the unit key as churn.scores gives it, a source record id, a golden id. */
    unit: z.string().min(1).max(100).optional(),
    recordId: z.number().int().optional(),
    goldenId: z.string().min(1).max(100).optional(),
  })
  .strict();

export const ChurnExplanation = z.object({
  modelId: z.number().int(),
  unit: z.string(),
  unitKind: ChurnUnitKind,
  /** Calibrated probability (what churn.scores stores). */
  score: z.number(),
  /** Model margin (log-odds) = baseValue + sum of contributions. */
  margin: z.number(),
  baseValue: z.number(),
  decile: z.number().int().nullable(),
  /** Features at the model's cutoff, largest |contribution| first (log-odds, exact TreeSHAP). */
  contributions: z.array(z.object({ feature: z.string(), value: z.number().nullable(), contribution: z.number() })),
});
export type ChurnExplanation = z.infer<typeof ChurnExplanation>;

export const ChurnLabelDefinition = z.object({
  id: ChurnDefinition,
  label: z.string(),
  description: z.string(),
  /** Whether the workspace has the events the definition needs. */
  available: z.boolean(),
  reason: z.string().nullable(),
});

const ModelId = z.object({ id: z.number().int() }).strict();

export const ChurnSetupInput = z.object({ horizonDays: z.number().int().min(7).max(730).default(90) }).strict();

/** What a training would start from: the engine's defaults, so hosts do not repeat its rules. */
export const ChurnSetup = z.object({
  /** Day of the latest event (null: no events). */
  latestEvent: z.string().nullable(),
  horizonDays: z.number().int(),
  /** The cutoff a training without one uses: the day after the latest event − the horizon (null: no events). */
  defaultCutoff: z.string().nullable(),
  /** Events in the workspace. */
  events: z.number().int(),
  goldenBuilt: z.boolean(),
  /** The unit "auto" picks: golden where a golden build exists, else source. */
  autoUnit: ChurnUnitKind,
  definitions: z.array(ChurnLabelDefinition),
  /** The feature groups a training without `features` uses (snapshot and sourceColumns are opt-in). */
  defaultGroups: z.array(ChurnFeatureGroup),
});
export type ChurnSetup = z.infer<typeof ChurnSetup>;

export const churnMethods = {
  'churn.train': method({ input: ChurnTrainInput, output: JobStarted, mutates: true, needsWorkspace: true, summary: 'Start training a churn model on the workspace (GBDT + logistic baseline, calibrated, registered as a candidate).' }),
  'churn.score': method({ input: ChurnScoreInput, output: JobStarted, mutates: true, needsWorkspace: true, summary: 'Start scoring every unit with a churn model; scores are stored with the model version.' }),
  'churn.models': method({ input: Empty, output: z.array(ChurnModelSummary), mutates: false, needsWorkspace: true, summary: 'Every churn model version, newest first, with its headline figures and status.' }),
  'churn.model': method({ input: ModelId, output: ChurnModelDetail, mutates: false, needsWorkspace: true, summary: 'One churn model: held-out metrics with ROC / PR curves, reliability, lift, importance, features.' }),
  'churn.card': method({ input: ModelId, output: z.object({ html: z.string() }), mutates: false, needsWorkspace: true, summary: "A churn model's model card (self-contained HTML, no customer rows)." }),
  'churn.exportCard': method({
    input: z.object({ id: z.number().int(), path: z.string().min(1).max(4096), overwrite: ReplaceExisting }).strict(),
    output: z.object({ path: z.string(), bytes: z.number().int() }),
    mutates: true,
    needsWorkspace: true,
    summary: "Write a churn model's card as a self-contained HTML file (never over the workspace, nor over a file unless overwrite).",
  }),
  'churn.setup': method({ input: ChurnSetupInput, output: ChurnSetup, mutates: false, needsWorkspace: true, summary: 'What a churn training starts from: latest event, default cutoff for a horizon, golden build, the unit auto picks, the usable definitions.' }),
  'churn.setStatus': method({
    input: z.object({ id: z.number().int(), status: z.enum(['candidate', 'live', 'retired']) }).strict(),
    output: ChurnModelSummary,
    mutates: true,
    needsWorkspace: true,
    summary: 'Move a churn model to candidate, live or retired (making one live retires the previous live one).',
  }),
  'churn.scores': method({ input: ChurnScoresInput, output: ChurnScores, mutates: false, needsWorkspace: true, summary: 'Stored scores of a model (default: live, else newest scored), riskiest first, paged.' }),
  'churn.explain': method({ input: ChurnExplainInput, output: ChurnExplanation, mutates: false, needsWorkspace: true, summary: "One unit's score with each feature's exact TreeSHAP contribution." }),
  'churn.labelDefinitions': method({ input: Empty, output: z.array(ChurnLabelDefinition), mutates: false, needsWorkspace: true, summary: 'The churn definitions a training can use, and whether the workspace has the events for each.' }),
  'churn.features': method({ input: Empty, output: z.array(ChurnFeature), mutates: false, needsWorkspace: true, summary: 'The features a churn training computes, by group.' }),
};

export const churnJobs = {
  'churn.train': jobSpec({ start: 'churn.train', request: ChurnTrainInput, result: ChurnTrainResult, summary: 'Train, evaluate and register a churn model.' }),
  'churn.score': jobSpec({ start: 'churn.score', request: ChurnScoreInput, result: ChurnScoreResult, summary: 'Score every unit with a churn model.' }),
};
