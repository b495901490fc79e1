// Contract of golden records: survivorship rules (saved, versioned), the build job, golden records
// with per-value provenance, steward decisions (append-only, undoable) and the exports.
import { z } from 'zod';
import { Empty, JobStarted, ReplaceExisting, jobSpec, method } from './method.js';

/** The record attributes a golden record carries. */
export const GoldenAttribute = z.enum(['given_name', 'family_name', 'full_name', 'email', 'phone', 'address_line', 'city', 'postcode', 'country', 'date_of_birth', 'company']);
export type GoldenAttribute = z.infer<typeof GoldenAttribute>;

/** How one candidate value beats another: the first rule decides, the tie-breakers in order after it,
 * and last the value first seen (lowest record id). */
export const SurvivorshipRule = z.enum(['sourcePriority', 'mostRecent', 'mostFrequent', 'mostComplete']);
export type SurvivorshipRule = z.infer<typeof SurvivorshipRule>;

export const AttributeRule = z
  .object({
    rule: SurvivorshipRule,
    /** Only values that pass validation compete (emails and phones; other attributes: any value). */
    validOnly: z.boolean().default(false),
    tieBreakers: z.array(SurvivorshipRule).max(4).default([]),
  })
  .strict();
export type AttributeRule = z.infer<typeof AttributeRule>;

export const GoldenRules = z
  .object({
    /** Source names, most trusted first (sources not listed come after, in no order). */
    sourcePriority: z.array(z.string().min(1).max(200)).max(100).default([]),
    /** Default country of phone numbers written without a code (ISO alpha-2), for phone validity. */
    country: z.string().regex(/^[A-Z]{2}$/).default('GB'),
    /** Attributes not listed keep their default rule. */
    attributes: z.partialRecord(GoldenAttribute, AttributeRule).default({}),
  })
  .strict();
export type GoldenRules = z.infer<typeof GoldenRules>;

export const GoldenRuleSet = z.object({
  /** 0: the built-in defaults (nothing saved yet). */
  version: z.number().int(),
  rules: z.object({ sourcePriority: z.array(z.string()), country: z.string(), attributes: z.record(z.string(), z.object({ rule: SurvivorshipRule, validOnly: z.boolean(), tieBreakers: z.array(SurvivorshipRule) })) }),
  actor: z.string().nullable(),
  createdAt: z.string().nullable(),
});

export const GoldenBuildInput = z.object({}).strict();

export const GoldenBuildResult = z.object({
  buildId: z.number().int(),
  records: z.number().int(),
  goldenRecords: z.number().int(),
  /** Golden records that kept their id from the previous build. */
  idsKept: z.number().int(),
  idsCreated: z.number().int(),
  /** Previous ids that merged into another, or whose records all left. */
  idsRetired: z.number().int(),
  /** Steward decisions in force (not undone) that the build applied. */
  decisionsApplied: z.number().int(),
  ruleVersion: z.number().int(),
  resolveRunId: z.number().int().nullable(),
  seconds: z.number(),
});
export type GoldenBuildResult = z.infer<typeof GoldenBuildResult>;

export const GoldenSummary = z.object({
  build: GoldenBuildResult.extend({ jobId: z.string(), createdAt: z.string() }).nullable(),
});

export const GoldenValue = z.object({
  attribute: GoldenAttribute,
  value: z.string(),
  /** The rule that chose it ('override' or 'lock' for a steward's value). */
  rule: z.string(),
  /** Share of the records holding a value for the attribute that agree with this one (1 for a steward's value). */
  confidence: z.number(),
  /** Records whose value is this one. */
  records: z.array(z.number().int()),
});

export const GoldenIdEvent = z.object({
  event: z.enum(['created', 'merged_into', 'split_from', 'retired']),
  otherId: z.string().nullable(),
  buildId: z.number().int(),
  createdAt: z.string(),
});

export const GoldenRecord = z.object({
  id: z.string(),
  size: z.number().int(),
  locked: z.boolean(),
  values: z.array(GoldenValue),
  records: z.array(z.number().int()),
  history: z.array(GoldenIdEvent),
});

export const GoldenListInput = z
  .object({
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(100),
    minSize: z.number().int().min(1).default(1),
    maxSize: z.number().int().min(1).optional(),
    /** Only entities with a record from this source (sources.list id). */
    sourceId: z.number().int().optional(),
    /** Only entities whose weakest link is at most this ("weakly linked"); entities without a link are left out. */
    maxConfidence: z.number().min(0).max(1).optional(),
    lockedOnly: z.boolean().default(false),
    /** Part of the id or the display name (case-insensitive). */
    search: z.string().max(200).optional(),
    /** size: largest first; confidence: weakest link first; id: ascending. */
    sort: z.enum(['size', 'confidence', 'id']).default('size'),
  })
  .strict();
export const GoldenListItem = z.object({
  id: z.string(),
  size: z.number().int(),
  locked: z.boolean(),
  /** The golden full name, else given + family name, else the email. */
  name: z.string().nullable(),
  /** Names of the sources its records come from. */
  sources: z.array(z.string()),
  /** Weakest link: the lowest over its records of each record's best match probability to another of them (null: one record, or joined only by a steward). */
  confidence: z.number().nullable(),
});
export const GoldenList = z.object({
  total: z.number().int(),
  items: z.array(GoldenListItem),
  /** Every source of the build's records, with how many entities hold one (for the source filter). */
  sources: z.array(z.object({ id: z.number().int(), name: z.string(), entities: z.number().int() })),
});

export const GoldenTimeline = z.object({
  id: z.string(),
  total: z.number().int(),
  /** Event count per type over the whole timeline (not only the page). */
  types: z.array(z.object({ type: z.string(), count: z.number().int() })),
  items: z.array(
    z.object({ id: z.number().int(), type: z.string(), at: z.string(), amount: z.number().nullable(), channel: z.string().nullable(), text: z.string().nullable(), source: z.string(), sourceKey: z.string() }),
  ),
});

export const GoldenCandidate = z.object({
  recordId: z.number().int(),
  value: z.string(),
  valid: z.boolean(),
  won: z.boolean(),
  /** Why it won or lost, in words ("most frequent: 3 records", "not a valid email"). */
  why: z.string(),
  source: z.string(),
  sourceKey: z.string().nullable(),
  importId: z.number().int(),
  file: z.string(),
  rowNo: z.number().int(),
});

export const GoldenProvenance = z.object({
  id: z.string(),
  attributes: z.array(
    z.object({
      attribute: GoldenAttribute,
      value: z.string().nullable(),
      rule: z.string().nullable(),
      confidence: z.number().nullable(),
      candidates: z.array(GoldenCandidate),
    }),
  ),
});

export const GoldenDecisionKind = z.enum(['override', 'merge', 'split', 'lock', 'undo']);
export const GoldenDecision = z.object({
  id: z.number().int(),
  kind: GoldenDecisionKind,
  goldenId: z.string().nullable(),
  otherId: z.string().nullable(),
  attribute: z.string().nullable(),
  value: z.string().nullable(),
  records: z.array(z.number().int()),
  reverses: z.number().int().nullable(),
  /** False once an undo reverses it. */
  inForce: z.boolean(),
  note: z.string().nullable(),
  actor: z.string(),
  createdAt: z.string(),
});

const Note = z.string().max(2000).optional();
const GoldenId = z.string().min(1).max(100);
export const DecisionMade = z.object({ decisionId: z.number().int(), goldenId: z.string().nullable() });

export const goldenMethods = {
  'golden.rules': method({ input: Empty, output: GoldenRuleSet, mutates: false, needsWorkspace: true, summary: 'The survivorship rules in force: the latest saved version, or the defaults.' }),
  'golden.saveRules': method({
    input: z.object({ rules: GoldenRules }).strict(),
    output: GoldenRuleSet,
    mutates: true,
    needsWorkspace: true,
    summary: 'Save a new version of the survivorship rules (used by the next build).',
  }),
  'golden.build': method({ input: GoldenBuildInput, output: JobStarted, mutates: true, needsWorkspace: true, summary: 'Build golden records from the latest resolve run and the steward decisions (a job).' }),
  'golden.summary': method({ input: Empty, output: GoldenSummary, mutates: false, needsWorkspace: true, summary: 'The latest golden build.' }),
  'golden.list': method({ input: GoldenListInput, output: GoldenList, mutates: false, needsWorkspace: true, summary: 'Golden records of the latest build with a display name, sources and weakest link; filtered by size, source, link strength, lock or text.' }),
  'golden.timeline': method({
    input: z.object({ id: GoldenId, type: z.string().min(1).max(100).optional(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: GoldenTimeline,
    mutates: false,
    needsWorkspace: true,
    summary: "A golden record's events (orders, email events, tickets, payments) by its records' source keys, newest first.",
  }),
  'golden.get': method({ input: z.object({ id: GoldenId }).strict(), output: GoldenRecord, mutates: false, needsWorkspace: true, summary: 'One golden record: values with provenance, member records and id history.' }),
  'golden.provenance': method({
    input: z.object({ id: GoldenId }).strict(),
    output: GoldenProvenance,
    mutates: false,
    needsWorkspace: true,
    summary: 'Every candidate value of each attribute of a golden record: where it came from (source, file, import, row) and why one won.',
  }),
  'golden.override': method({
    input: z.object({ id: GoldenId, attribute: GoldenAttribute, value: z.string().min(1).max(1000), note: Note }).strict(),
    output: DecisionMade,
    mutates: true,
    needsWorkspace: true,
    summary: "Set a golden record's value; it stays through later builds until undone.",
  }),
  'golden.merge': method({
    input: z.object({ id: GoldenId, other: GoldenId, note: Note }).strict(),
    output: DecisionMade,
    mutates: true,
    needsWorkspace: true,
    summary: 'Merge golden record `other` into `id` (binding on later builds and resolve runs).',
  }),
  'golden.split': method({
    input: z.object({ id: GoldenId, records: z.array(z.number().int()).min(1).max(10_000), note: Note }).strict(),
    output: DecisionMade,
    mutates: true,
    needsWorkspace: true,
    summary: 'Split records out of a golden record into a new one; they never re-merge with the rest.',
  }),
  'golden.lock': method({
    input: z.object({ id: GoldenId, note: Note }).strict(),
    output: DecisionMade,
    mutates: true,
    needsWorkspace: true,
    summary: "Lock a golden record: its records and values stay as they are until the lock is undone.",
  }),
  'golden.undo': method({
    input: z.object({ decisionId: z.number().int(), note: Note }).strict(),
    output: DecisionMade,
    mutates: true,
    needsWorkspace: true,
    summary: 'Reverse a steward decision (appends a reversing decision; the next build applies it).',
  }),
  'golden.decisions': method({
    input: z.object({ id: GoldenId.optional(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(100) }).strict(),
    output: z.object({ total: z.number().int(), decisions: z.array(GoldenDecision) }),
    mutates: false,
    needsWorkspace: true,
    summary: 'Steward decisions, newest first (of one golden record when id is given).',
  }),
  'golden.export': method({
    input: z
      .object({ path: z.string().min(1).max(4096), format: z.enum(['csv', 'xlsx']).default('csv'), pseudonymise: z.boolean().default(false), overwrite: ReplaceExisting })
      .strict(),
    output: z.object({ path: z.string(), rows: z.number().int(), format: z.enum(['csv', 'xlsx']), pseudonymised: z.boolean() }),
    mutates: true,
    needsWorkspace: true,
    summary: 'Write the golden records with provenance columns (CSV or XLSX; pseudonymised: keyed tokens for direct identifiers).',
  }),
  'golden.exportCrosswalk': method({
    input: z.object({ path: z.string().min(1).max(4096), overwrite: ReplaceExisting }).strict(),
    output: z.object({ path: z.string(), rows: z.number().int() }),
    mutates: true,
    needsWorkspace: true,
    summary: 'Write the crosswalk: every source record (source, key, import, row) and its golden id.',
  }),
};

export const goldenJobs = {
  'golden.build': jobSpec({ start: 'golden.build', request: GoldenBuildInput, result: GoldenBuildResult, summary: 'Build golden records.' }),
};
