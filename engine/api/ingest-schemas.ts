// Contract shapes for import: canonical attributes, mappings, previews, import summaries.
import { z } from 'zod';

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
  sheet: z.string().max(200).optional(),
});
export type ReadSettings = z.infer<typeof ReadSettings>;

export const MappingSuggestion = z.object({
  column: z.string(),
  attribute: z.string().nullable(),
  confidence: z.number(),
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
});
export type Preview = z.infer<typeof Preview>;

export const ImportSummary = z.object({
  import_id: z.number(),
  source: z.string(),
  kind: ImportKind,
  file: z.string(),
  format: z.string(),
  encoding: z.string(),
  delimiter: z.string().nullable(),
  columns: z.array(z.string()),
  rows_read: z.number(),
  rows_imported: z.number(),
  rows_rejected: z.number(),
  state: z.string(),
  created_at: z.string(),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

export const RejectRow = z.object({
  import_id: z.number(),
  row_no: z.number(),
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
