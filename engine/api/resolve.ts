// Contract of identity resolution over the workspace: plan a run, run it (a job), read its results.
import { z } from 'zod';
import { Empty, JobStarted, jobSpec, method } from './method.js';
import { resolveEvaluationMethods } from './resolve-evaluation.js';

export const ResolveRole = z.enum(['givenName', 'surname', 'fullName', 'date', 'address', 'houseNumber', 'town', 'postcode', 'phone', 'email', 'id', 'nationalId', 'freeText', 'categorical', 'numeric', 'ignore']);

/** A column's proposed role: canonical attributes (source null) and each source's raw columns. */
export const ResolveColumnRole = z.object({
  source: z.string().nullable(),
  column: z.string(),
  role: ResolveRole,
  reason: z.string(),
  /** Whether the run compares it (raw columns are shown, the run compares the canonical attributes). */
  used: z.boolean(),
});

export const ResolveRule = z.object({
  name: z.string(),
  comparisons: z.number().int(),
  /** Blocks left out for being too large, and the records in them. */
  capped: z.object({ blocks: z.number().int(), records: z.number().int() }),
});

/**
 * The analyst's changes to a run's set-up, kept with the run's model in the registry and used by
 * later runs that give none. Roles are of the canonical columns (plan's roles with source null).
 */
export const ResolveSetup = z
  .object({
    /** Canonical columns given another role ('ignore': the column takes no part). */
    roles: z.array(z.object({ column: z.string(), role: ResolveRole }).strict()).max(50).default([]),
    /** Proposed blocking rules switched off, by name. */
    rulesOff: z.array(z.string()).max(50).default([]),
    /** Rules added, each the names of blocking keys (plan's keys) that must all agree. */
    rulesAdded: z.array(z.array(z.string()).min(1).max(3)).max(20).default([]),
    /** Also each record's k nearest neighbours by embedding as candidates (off when absent): they
     * reach duplicates with a typo in every blocking key, and never train the model. */
    nearest: z.number().int().min(1).max(50).optional(),
  })
  .strict();
export type ResolveSetup = z.infer<typeof ResolveSetup>;

export const ResolvePlanInput = z
  .object({
    /** The set-up to measure; absent: the set-up saved with the latest run (none: the proposal). */
    setup: ResolveSetup.optional(),
  })
  .strict();

export const ResolvePlan = z.object({
  records: z.number().int(),
  roles: z.array(ResolveColumnRole),
  rules: z.array(
    ResolveRule.extend({
      /** Whether the run uses it (false: proposed, switched off). */
      on: z.boolean(),
      /** Added by the analyst (not proposed). */
      added: z.boolean(),
    }),
  ),
  /** Blocking keys rules can be made of (rulesAdded names them). */
  keys: z.array(z.string()),
  /** The set-up measured (the one given, else the saved one, else empty). */
  setup: ResolveSetup,
  /** Where that set-up came from. */
  setupFrom: z.enum(['input', 'saved', 'none']),
  /** Distinct pairs the rules propose together. */
  candidatePairs: z.number().int(),
  /** Estimated share of true pairs the candidates reach (from the previous run's model, or from
   * how many records share a deterministic key and are reached; null when nothing to go on). */
  estimatedRecall: z.number().nullable(),
  recallBasis: z.string(),
});

export const ResolveRunInput = z
  .object({
    /** Match probability at or above which two records link. */
    threshold: z.number().min(0.01).max(0.99).default(0.5),
    /** Default country of phone numbers written without a code (ISO alpha-2). */
    country: z.string().regex(/^[A-Z]{2}$/).default('GB'),
    /** full: resolve every record; incremental: match the records added since the latest run against its
     * entities with its model, threshold and country (existing entity ids stay, except where new records bridge two). */
    mode: z.enum(['full', 'incremental', 'link']).default('full'),
    /** Link: the two sources (by name) whose records are linked, A to B; records within one source never merge. */
    sources: z.tuple([z.string().min(1), z.string().min(1)]).optional(),
    /** Column roles and blocking rules; absent: the set-up saved with the latest run. An incremental run
     * refuses one that differs from its full run's. */
    setup: ResolveSetup.optional(),
  })
  .strict();

export const ResolveRunResult = z.object({
  runId: z.number().int(),
  records: z.number().int(),
  candidatePairs: z.number().int(),
  scoredPairs: z.number().int(),
  matches: z.number().int(),
  entities: z.number().int(),
  /** Entities that kept the id of an entity of the previous run. */
  entitiesKept: z.number().int(),
  secondsPerStage: z.record(z.string(), z.number()),
  /** The trained model's id in the model registry (kind resolve.match). */
  modelId: z.number().int(),
  /** An incremental run (the counts above are then the workspace's totals after it). */
  incremental: z
    .object({
      /** The full run whose rows it extended. */
      baseRunId: z.number().int(),
      newRecords: z.number().int(),
      candidatePairs: z.number().int(),
      matches: z.number().int(),
      /** New records that joined an existing entity. */
      attached: z.number().int(),
      newEntities: z.number().int(),
      /** Entities joined by new records that match both: the largest kept its id, the others' records moved to it. */
      merged: z.array(z.object({ kept: z.string(), absorbed: z.array(z.string()) })),
      /** Existing records read to compare with the new ones (the rest of the workspace was not read). */
      existingRecordsRead: z.number().int(),
      /** Of those, records standardised again because their run stored no standardised forms (0 for runs made since forms are stored). */
      existingRestandardised: z.number().int().optional(),
    })
    .optional(),
  /** A link run: the sources linked, their records, and the A–B pairs joined into one entity. */
  link: z
    .object({
      sources: z.tuple([z.string(), z.string()]),
      recordsA: z.number().int(),
      recordsB: z.number().int(),
      links: z.number().int(),
    })
    .optional(),
});
export type ResolveRunResult = z.infer<typeof ResolveRunResult>;

export const ResolveSummary = z.object({
  /** Null until a run has succeeded. */
  run: ResolveRunResult.extend({ jobId: z.string(), createdAt: z.string(), threshold: z.number() }).nullable(),
  /** Entities per cluster size: [size, count], smallest first. */
  clusterSizes: z.array(z.tuple([z.number().int(), z.number().int()])),
  /** Matched pairs (probability ≥ threshold) by the blocking rule that first proposed them. */
  matchesByRule: z.array(z.object({ rule: z.string(), matches: z.number().int() })),
});

export const ResolvePairsInput = z
  .object({
    minProbability: z.number().min(0).max(1).default(0),
    maxProbability: z.number().min(0).max(1).default(1),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(50),
  })
  .strict();

export const ResolvePair = z.object({
  a: z.number().int(),
  b: z.number().int(),
  probability: z.number(),
  weight: z.number(),
  rule: z.string(),
  entityA: z.string().nullable(),
  entityB: z.string().nullable(),
});

export const ResolvePairs = z.object({ total: z.number().int(), pairs: z.array(ResolvePair) });

export const ResolveExplainInput = z.object({ a: z.number().int(), b: z.number().int() }).strict();

export const ResolveExplanation = z.object({
  a: z.number().int(),
  b: z.number().int(),
  prior: z.number(),
  steps: z.array(
    z.object({
      comparison: z.string(),
      /** -1: a value is missing (no evidence). */
      level: z.number().int(),
      label: z.string(),
      /** log2(m/u) at the level. */
      weight: z.number(),
      tfAdjustment: z.number(),
    }),
  ),
  /** ≤ 0: how much "two members of one household" explains the agreement instead. */
  household: z.number(),
  /** prior + Σ (weight + tfAdjustment) + household. */
  weight: z.number(),
  probability: z.number(),
});

export const resolveMethods = {
  ...resolveEvaluationMethods,
  'resolve.plan': method({
    input: ResolvePlanInput,
    output: ResolvePlan,
    mutates: false,
    needsWorkspace: true,
    summary: 'Column roles and blocking rules proposed for resolving the workspace, with comparison counts.',
  }),
  'resolve.run': method({
    input: ResolveRunInput,
    output: JobStarted,
    mutates: true,
    needsWorkspace: true,
    summary: "Resolve the workspace's records into entities (a job: standardise, candidates, scoring, clustering).",
  }),
  'resolve.summary': method({
    input: Empty,
    output: ResolveSummary,
    mutates: false,
    needsWorkspace: true,
    summary: 'The latest resolve run: entities, cluster sizes, matches by rule.',
  }),
  'resolve.pairs': method({
    input: ResolvePairsInput,
    output: ResolvePairs,
    mutates: false,
    needsWorkspace: true,
    summary: 'Scored pairs of the latest run in a probability band, most probable first.',
  }),
  'resolve.explain': method({
    input: ResolveExplainInput,
    output: ResolveExplanation,
    mutates: false,
    needsWorkspace: true,
    summary: "One scored pair's waterfall: each comparison's level, match weight and term-frequency adjustment.",
  }),
};

export const resolveJobs = {
  'resolve.run': jobSpec({ start: 'resolve.run', request: ResolveRunInput, result: ResolveRunResult, summary: 'Resolve the workspace into entities.' }),
};
