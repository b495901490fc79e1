// Contract of the steward's review desk (issue 12): a queue of record pairs to judge, most
// informative first; labels that bind as golden decisions and feed evaluation and search; undo.
import { z } from 'zod';
import { method } from './method.js';
import { ResolveExplanation } from './resolve.js';

/** Why a pair is queued: near the threshold, the weakest link of a large or weakly linked entity,
 * or two people of one household (same address, another given name) the run put in one entity. */
export const ReviewReason = z.enum(['nearThreshold', 'weakEntity', 'largeEntity', 'household']);
export type ReviewReason = z.infer<typeof ReviewReason>;

export const ReviewVerdict = z.enum(['match', 'nonMatch', 'skip']);
export type ReviewVerdict = z.infer<typeof ReviewVerdict>;

/** A pair's item id: the two record ids, smaller first ("12-345"). */
export const ReviewItemId = z.string().regex(/^\d{1,15}-\d{1,15}$/, 'an item id is two record ids joined by "-", as review.next gives it');

export const ReviewField = z.object({
  name: z.string(),
  a: z.string().nullable(),
  b: z.string().nullable(),
  /** same (equal once case and spacing are set aside), different, missing (one side only), empty (neither). */
  state: z.enum(['same', 'different', 'missing', 'empty']),
});

export const ReviewRecord = z.object({ id: z.number().int(), source: z.string(), sourceKey: z.string().nullable() });

export const ReviewItem = z.object({
  id: z.string(),
  a: ReviewRecord,
  b: ReviewRecord,
  reasons: z.array(ReviewReason),
  /** The reasons in words (no score in blind mode). */
  why: z.string(),
  /** Skipped earlier: the queue has come round to it again. */
  skipped: z.boolean(),
  fields: z.array(ReviewField),
  /** Whether the two records are one golden record now (one resolve entity before any golden build); null in blind mode. */
  sameEntity: z.boolean().nullable(),
  /** The model's view; null in blind mode. */
  score: z.object({ probability: z.number(), weight: z.number(), threshold: z.number() }).nullable(),
  /** The pair's match-weight waterfall (resolve.explain); null in blind mode or when the run did not score the pair. */
  explanation: ResolveExplanation.nullable(),
});

export const ReviewProgress = z.object({
  /** Pairs with a match or non-match label in force. */
  labelled: z.number().int(),
  /** Items left in the queue (skipped ones included). */
  queued: z.number().int(),
});

export const ReviewNext = z.object({
  /** Null when the queue is empty (or no resolve run has succeeded). */
  item: ReviewItem.nullable(),
  progress: ReviewProgress,
  /** The resolve run the queue is built from (null: none yet). */
  runId: z.number().int().nullable(),
});

export const ReviewDecision = z.object({ decisionId: z.number().int(), kind: z.enum(['merge', 'split', 'undo']), goldenId: z.string().nullable() });

export const ReviewLabelResult = z.object({
  labelId: z.number().int(),
  itemId: z.string(),
  verdict: ReviewVerdict,
  /** The golden decision the label made (a split or a merge), null when the entities already agree with it. */
  decision: ReviewDecision.nullable(),
  progress: ReviewProgress,
});

export const ReviewUndoResult = z.object({
  /** The label undone, and the undo's own id. */
  labelId: z.number().int(),
  undoId: z.number().int(),
  itemId: z.string(),
  verdict: ReviewVerdict,
  /** The golden undo of the label's decision, if it made one. */
  decision: ReviewDecision.nullable(),
  progress: ReviewProgress,
});

export const ReviewEstimate = z.object({
  threshold: z.number(),
  precision: z.number(),
  recall: z.number(),
  /** Labelled pairs of the latest run the estimate uses; 0: none yet, the figures are the model's own estimate. */
  pairs: z.number().int(),
  /** How it is worked out, in words. */
  basis: z.string(),
});

export const ReviewStats = z.object({
  labelled: z.number().int(),
  matches: z.number().int(),
  nonMatches: z.number().int(),
  /** Items skipped and not yet labelled. */
  skipped: z.number().int(),
  queued: z.number().int(),
  /** Labels in force that made a golden decision. */
  decisions: z.number().int(),
  /** Null until a resolve run has succeeded. */
  estimate: ReviewEstimate.nullable(),
});

export const reviewMethods = {
  'review.next': method({
    input: z.object({ blind: z.boolean().default(false) }).strict(),
    output: ReviewNext,
    mutates: false,
    needsWorkspace: true,
    summary: 'The next pair to judge, most informative first: both records side by side and (unless blind) the score and waterfall.',
  }),
  'review.label': method({
    input: z.object({ itemId: ReviewItemId, verdict: ReviewVerdict, blind: z.boolean().default(false) }).strict(),
    output: ReviewLabelResult,
    mutates: true,
    needsWorkspace: true,
    summary: 'Judge a pair: match, not a match, or skip (to the back). A non-match inside one golden record splits it, a match across two merges them.',
  }),
  'review.undo': method({
    input: z.object({}).strict(),
    output: ReviewUndoResult,
    mutates: true,
    needsWorkspace: true,
    summary: 'Undo the latest label in force (and the golden decision it made); the pair returns to the queue.',
  }),
  'review.stats': method({
    input: z.object({}).strict(),
    output: ReviewStats,
    mutates: false,
    needsWorkspace: true,
    summary: "Labels so far and the matcher's precision and recall at its threshold, estimated from them.",
  }),
};
