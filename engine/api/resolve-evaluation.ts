// Contract of the resolve model view and of evaluation against analyst labels (merged into
// resolveMethods in resolve.ts): the live match model's m, u and weights per comparison level, and
// precision / recall / F1, cluster metrics and the precision–recall curve of the latest run.
import { z } from 'zod';
import { Empty, method } from './method.js';

export const ResolveModelLevel = z.object({
  label: z.string(),
  /** P(level | one person). */
  m: z.number(),
  /** P(level | two people). */
  u: z.number(),
  /** log2(m/u), in bits. */
  weight: z.number(),
});

export const ResolveModelView = z.object({
  modelId: z.number().int(),
  /** The model's version in the registry (kind resolve.match). */
  version: z.number().int(),
  runId: z.number().int(),
  /** Prior probability that two records drawn at random are one person, and its weight log2(λ/λunrelated). */
  prior: z.number(),
  priorWeight: z.number(),
  /** Prior share of pairs that are two members of one household (0: no household class). */
  household: z.number(),
  threshold: z.number(),
  /** The threshold as a match weight: log2(t / (1 − t)). */
  thresholdWeight: z.number(),
  comparisons: z.array(
    z.object({
      name: z.string(),
      columns: z.array(z.string()),
      /** Household members share it (surname, address…): it weighs in the household term too. */
      shared: z.boolean(),
      /** The level whose weight is adjusted by the agreed value's frequency (-1: none). */
      tfLevel: z.number().int(),
      levels: z.array(ResolveModelLevel),
    }),
  ),
});

/** Where the analyst's labels are: a column of an imported source holding a true entity id, or a file of labelled pairs. */
export const ResolveLabels = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('column'), source: z.string().min(1), column: z.string().min(1) }).strict(),
  z
    .object({
      kind: z.literal('pairs'),
      /** A CSV file (absolute path under an allowed folder): two record keys per row and, optionally, a match column (1/0, true/false, or a score ≥ 0.5). */
      path: z.string().min(1),
      /** Header names of the two key columns and the match column; detected when left out. */
      columnA: z.string().optional(),
      columnB: z.string().optional(),
      matchColumn: z.string().optional(),
      /** The records' keys: their source key (default) or a source column by name. */
      keyColumn: z.string().optional(),
      /** Only records of this source (when several sources reuse keys). */
      source: z.string().optional(),
    })
    .strict(),
  /** The review desk's labels in force (match / not a match per pair; only labelled pairs are judged). */
  z.object({ kind: z.literal('review') }).strict(),
]);
export type ResolveLabels = z.infer<typeof ResolveLabels>;

export const ResolveEvaluateInput = z.object({ labels: ResolveLabels }).strict();

const Pairwise = z.object({ precision: z.number(), recall: z.number(), f1: z.number() });

export const ResolveCurvePoint = Pairwise.extend({
  threshold: z.number(),
  /** Scored pairs at or above the threshold. */
  matches: z.number().int(),
  /** Of those, pairs the labels call one person. */
  truePositives: z.number().int(),
  /** Entities if the records were linked at this threshold (connected components of the matches;
   * a run may split a few more: chaining and household guards). */
  entities: z.number().int(),
});

export const ResolveEvaluation = z.object({
  runId: z.number().int(),
  threshold: z.number(),
  labels: z.object({
    kind: z.enum(['column', 'pairs', 'review']),
    /** Records the labels cover (pairs judged: both records labelled). */
    records: z.number().int(),
    /** Pairs the labels call one person, among the run's records. */
    truePairs: z.number().int(),
    /** Of those, pairs the run scored and stored (the others were never candidates or scored below 0.001: misses at every threshold). */
    truePairsScored: z.number().int(),
    /** Label rows whose keys name no record (pairs files), or records of the source with no label (columns). */
    unmatched: z.number().int(),
  }),
  /** Scored pairs at the run's threshold against the labels. */
  atThreshold: ResolveCurvePoint,
  /** The run's entities against the labels: every pair of records in one entity. */
  entities: Pairwise.extend({ predictedPairs: z.number().int(), truePositives: z.number().int() }),
  /** B-cubed and exact entities, for a cluster column. */
  cluster: z
    .object({
      bcubed: Pairwise,
      exactEntities: z.number(),
      predictedEntities: z.number().int(),
      trueEntities: z.number().int(),
    })
    .nullable(),
  /** Platt scaling of the match weight from the labelled scored pairs, P = σ(a·w + b), with a
   * reliability table by band of model probability; null without both true and false scored pairs. */
  calibration: z
    .object({
      a: z.number(),
      b: z.number(),
      /** Labelled scored pairs it was fitted on. */
      pairs: z.number().int(),
      bins: z.array(z.object({ from: z.number(), to: z.number(), pairs: z.number().int(), model: z.number(), observed: z.number(), calibrated: z.number() })),
    })
    .nullable(),
  /** Precision–recall as the threshold moves from 0.01 to 0.99, ascending. */
  curve: z.array(ResolveCurvePoint),
  best: ResolveCurvePoint,
});

export const resolveEvaluationMethods = {
  'resolve.model': method({
    input: Empty,
    output: ResolveModelView,
    mutates: false,
    needsWorkspace: true,
    summary: "The latest run's match model: per comparison, each level's m, u and match weight; the prior and the threshold.",
  }),
  'resolve.evaluate': method({
    input: ResolveEvaluateInput,
    output: ResolveEvaluation,
    mutates: false,
    needsWorkspace: true,
    summary: "The latest run against the analyst's labels (a cluster column or a pairs file): precision, recall, F1, cluster metrics and the precision–recall curve.",
  }),
};
