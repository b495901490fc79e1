// Contract of import: canonical attributes, mappings, previews, the import job, summaries, rejects.
import { z } from 'zod';
import { Empty, JobStarted, ReplaceExisting, jobSpec, method } from './method.js';

/** The canonical customer schema every customer source maps onto (records columns). */
export const CUSTOMER_ATTRIBUTES = [
  'source_key',
  'given_name',
  'family_name',
  'full_name',
  'email',
  'phone',
  'address_line',
  'city',
  'postcode',
  'country',
  'date_of_birth',
  'company',
  'consent_email',
  'consent_sms',
  'notes',
] as const;

/** The canonical interaction schema (events columns). */
export const EVENT_ATTRIBUTES = ['source_key', 'type', 'at', 'amount', 'channel', 'text'] as const;

export const ImportKind = z.enum(['customers', 'events']);
export type ImportKind = z.infer<typeof ImportKind>;

export const ImportFormat = z.enum(['auto', 'csv', 'oracle-sql', 'sqlldr', 'xlsx']);
export type ImportFormat = z.infer<typeof ImportFormat>;

/** Source column → canonical attribute (or null to keep it only in the raw values). */
export const Mapping = z.record(z.string(), z.string().nullable());
export type Mapping = z.infer<typeof Mapping>;

export const ReadSettings = z.object({
  format: ImportFormat.default('auto'),
  encoding: z.string().max(40).default('auto'),
  delimiter: z.string().max(4).optional(),
  hasHeader: z.boolean().optional(),
  /** Delimited text: the quote character, or 'none' when values are never quoted. */
  quote: z.union([z.literal('none'), z.string().length(1)]).optional(),
  /** Delimited text: rows above the header to skip (a title or report banner). */
  skipRows: z.number().int().min(0).max(1000).optional(),
  sheet: z.string().max(200).optional(),
});
export type ReadSettings = z.infer<typeof ReadSettings>;

export const MappingSuggestion = z.object({
  column: z.string(),
  attribute: z.string().nullable(),
  confidence: z.number(),
  /** Share of the non-blank sample values that fit the suggested attribute; null with no suggestion or nothing to check. */
  fit: z.number().nullable(),
  /** Non-blank sample values checked (sample rows, for a source key). */
  checked: z.number(),
  why: z.string(),
});
export type MappingSuggestion = z.infer<typeof MappingSuggestion>;

export const Preview = z.object({
  file: z.string(),
  fileBytes: z.number(),
  format: z.string(),
  encoding: z.string(),
  delimiter: z.string().nullable(),
  hasHeader: z.boolean(),
  table: z.string().nullable(),
  columns: z.array(z.string()),
  sample: z.array(z.array(z.string().nullable())),
  notes: z.array(z.string()),
  suggestions: z.array(MappingSuggestion),
  savedMapping: Mapping.nullable(),
  alreadyImported: z.object({ importId: z.number(), source: z.string(), at: z.string() }).nullable(),
  /** Quote character of delimited text (null for other formats). */
  quote: z.string().nullable(),
  /** Rows the import would reject among the first rows read (same reasons as the import's). */
  rejects: z.array(z.object({ rowNo: z.number(), line: z.number(), column: z.string().nullable(), reason: z.string(), raw: z.string() })),
  /** Data rows read to find those rejects (the whole file when it is shorter). */
  rowsChecked: z.number(),
});
export type Preview = z.infer<typeof Preview>;

export const ImportSummary = z.object({
  importId: z.number(),
  source: z.string(),
  kind: ImportKind,
  file: z.string(),
  format: z.string(),
  encoding: z.string(),
  delimiter: z.string().nullable(),
  columns: z.array(z.string()),
  rowsRead: z.number(),
  rowsImported: z.number(),
  rowsRejected: z.number(),
  state: z.string(),
  createdAt: z.string(),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

export const RejectRow = z.object({
  importId: z.number(),
  rowNo: z.number(),
  column: z.string().nullable(),
  reason: z.string(),
  raw: z.string(),
});
export type RejectRow = z.infer<typeof RejectRow>;

export const SourceInfo = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.string(),
  mapping: Mapping.nullable(),
  records: z.number(),
  events: z.number(),
  imports: z.array(ImportSummary),
});
export type SourceInfo = z.infer<typeof SourceInfo>;

export const IngestStartInput = z
  .object({
    path: z.string().min(1).max(4096),
    source: z.string().min(1).max(200),
    kind: ImportKind.default('customers'),
    read: ReadSettings.default({ format: 'auto', encoding: 'auto' }),
    mapping: Mapping.optional(),
    eventType: z.string().max(100).optional(),
    allowDuplicate: z.boolean().default(false),
  })
  .strict();

/** What a finished import job reports (ingest.summary has the stored figures). */
export const ImportResult = z.object({
  importId: z.number().int(),
  rowsRead: z.number().int(),
  rowsImported: z.number().int(),
  rowsRejected: z.number().int(),
  encoding: z.string(),
  /** Why that encoding: what the detector saw (or that the user chose it). */
  encodingReason: z.string().optional(),
  /** What the reader skipped or decided that is not a row (statements, sheets, bytes past the layout). */
  notes: z.array(z.string()),
});
export type ImportResult = z.infer<typeof ImportResult>;

/** Delete a source, or roll back one of its imports, with everything derived from it. */
export const RemoveInput = z.object({ source: z.string().min(1).max(200), importId: z.number().int().optional() }).strict();
export const RemoveResult = z.object({
  source: z.string(),
  sourceDeleted: z.boolean(),
  importIds: z.array(z.number().int()),
  records: z.number().int(),
  events: z.number().int(),
  rejects: z.number().int(),
  imports: z.number().int(),
  vectors: z.number().int(),
  feedback: z.number().int(),
  profiles: z.number().int(),
  /** Derived results cut down to the remaining records: re-run them (resolve, golden, churn, profile). */
  stale: z.array(z.string()),
});
export type RemoveResult = z.infer<typeof RemoveResult>;

export const ingestMethods = {
  'sources.list': method({
    input: Empty,
    output: z.array(SourceInfo),
    mutates: false,
    needsWorkspace: true,
    summary: 'Every source with its saved mapping, row counts and imports.',
  }),
  'ingest.preview': method({
    input: z.object({ path: z.string().min(1).max(4096), kind: ImportKind.default('customers'), source: z.string().max(200).optional(), read: ReadSettings.default({ format: 'auto', encoding: 'auto' }) }).strict(),
    output: Preview,
    mutates: false,
    needsWorkspace: true,
    summary: 'Detect format, encoding and columns of a file; suggest a mapping; flag a file already imported.',
  }),
  'ingest.start': method({
    input: IngestStartInput,
    output: JobStarted,
    mutates: true,
    needsWorkspace: true,
    summary: 'Import a file into a source (a job). The mapping is saved for the source and reused.',
  }),
  'ingest.summary': method({
    input: z.object({ importId: z.number().int() }).strict(),
    output: ImportSummary,
    mutates: false,
    needsWorkspace: true,
    summary: 'Counts and settings of one import.',
  }),
  'ingest.rejects': method({
    input: z.object({ importId: z.number().int().optional(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(10_000).default(1000) }).strict(),
    output: z.object({ total: z.number().int(), rows: z.array(RejectRow) }),
    mutates: false,
    needsWorkspace: true,
    summary: 'Rows that could not be imported, with row number, reason and raw text.',
  }),
  'ingest.exportRejects': method({
    input: z.object({ importId: z.number().int().optional(), path: z.string().min(1).max(4096), overwrite: ReplaceExisting }).strict(),
    output: z.object({ path: z.string(), rows: z.number().int() }),
    mutates: true,
    needsWorkspace: true,
    summary: 'Write rejects to a CSV file (formula-like cells neutralised; never over the workspace, nor over a file unless overwrite).',
  }),
  'ingest.remove': method({
    input: RemoveInput,
    output: JobStarted,
    mutates: true,
    needsWorkspace: true,
    summary: 'Delete a source, or roll back one import (importId), with its records, events, rejects, columns, profiles, search and resolve/golden entries (a job, one transaction).',
  }),
};

export const ingestJobs = {
  'ingest.import': jobSpec({ start: 'ingest.start', request: IngestStartInput, result: ImportResult, summary: 'Import a file into a source.' }),
  'ingest.remove': jobSpec({ start: 'ingest.remove', request: RemoveInput, result: RemoveResult, summary: 'Delete a source or roll back one import.' }),
};
