// Profile report and catalogue shapes, shared by the engine (engine/profile) and the UI.
// Zod schemas so the contract can check what profile.get and catalogue.get return; each type is
// the schema's inferred shape. The report is computed by the engine and stored as JSON, so every
// number here is finite (JSON has no NaN or Infinity, and zod's number refuses them).
import { z } from 'zod';

/** A count of rows or values. */
const Count = z.number().int().nonnegative();
/** A share of a count, 0..1. */
const Fraction = z.number().min(0).max(1);

export const ValueKind = z.enum(['boolean', 'integer', 'decimal', 'date', 'email', 'phone', 'text']);
export type ValueKind = z.infer<typeof ValueKind>;

export const PiiClass = z.enum(['name', 'email', 'phone', 'address', 'date_of_birth', 'national_id', 'tax_id', 'account_number', 'free_text', 'none']);
export type PiiClass = z.infer<typeof PiiClass>;

export const PiiBasis = z.enum(['canonical', 'header', 'values', 'none']);
export type PiiBasis = z.infer<typeof PiiBasis>;

export const Counted = z.object({
  value: z.string(),
  count: Count,
});
export type Counted = z.infer<typeof Counted>;

/** What profile.run, profile.get and profile.exportHtml work on. */
export const ProfileScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('workspace') }),
  z.object({ kind: z.literal('source'), sourceId: z.number().int() }),
  z.object({ kind: z.literal('import'), importId: z.number().int() }),
]);
export type ProfileScope = z.infer<typeof ProfileScope>;

export const InferredType = z.enum([...ValueKind.options, 'empty']);

/** A column's type as the analyst sets it (profile.setSettings columnType), whatever its values look like. */
export const ColumnType = z.enum(['text', 'integer', 'decimal', 'date', 'boolean', 'categorical']);
export type ColumnType = z.infer<typeof ColumnType>;
export type InferredType = z.infer<typeof InferredType>;

export const Bin = z.object({
  /** Inclusive lower edge; for the last bin the upper edge is inclusive too. */
  from: z.number(),
  to: z.number(),
  count: Count,
});
export type Bin = z.infer<typeof Bin>;

export const Share = z.object({
  checked: Count,
  valid: Count,
  invalid: Count,
  /** valid / checked (0 when nothing was checked). */
  validShare: Fraction,
});
export type Share = z.infer<typeof Share>;

/** A frequency list that may come from a sketch: when not exact, counts are at most maxError low. */
const TopList = z.object({ values: z.array(Counted), exact: z.boolean(), maxError: Count });

export const ColumnProfile = z.object({
  /** Source column name (import/source scope) or canonical attribute (workspace scope). */
  name: z.string(),
  position: Count,
  /** Canonical attributes this column feeds (lineage); for the workspace view, the column itself. */
  feeds: z.array(z.string()),
  /** False for raw columns found in the data but not listed in import_columns. */
  declared: z.boolean(),
  rows: Count,
  /** SQL NULL, or key absent from the raw row. */
  nulls: Count,
  nullShare: Fraction,
  /** Empty or whitespace-only strings. */
  blanks: Count,
  blankShare: Fraction,
  nonBlank: Count,
  /** Values with leading or trailing whitespace. */
  untrimmed: Count,
  /** Distinct non-blank values (verbatim): exact up to the threshold, HyperLogLog beyond. */
  distinct: z.object({ count: Count, exact: z.boolean() }),
  /** Most frequent non-blank values. When not exact, counts are lower bounds at most maxError low. */
  topValues: TopList,
  inferredType: InferredType,
  /** Non-blank values per kind (trimmed values; see values.ts classify). Every kind is present. */
  kinds: z.record(ValueKind, Count),
  length: z.object({ min: Count, max: Count, mean: z.number().nonnegative(), histogram: z.array(Bin) }).nullable(),
  numeric: z
    .object({ count: Count, min: z.number(), max: z.number(), mean: z.number(), histogram: z.array(Bin), histogramExact: z.boolean() })
    .nullable(),
  dates: z
    .object({
      count: Count,
      /** ISO dates (yyyy-mm-dd). */
      min: z.iso.date(),
      max: z.iso.date(),
      /** Values that read as both DD/MM and MM/DD (different dates). */
      ambiguous: Count,
      /** Day/month order used for ambiguous values; evidence = values only one order can read. */
      order: z.enum(['DMY', 'MDY']),
      orderEvidence: z.object({ dmy: Count, mdy: Count }),
      formats: z.array(Counted),
      /** The column's most common format as read ("YYYYMMDD", "DD/MM/YYYY", "Excel serial"). */
      detected: z.string().nullable(),
      /** The analyst's saved format for this column (data.setDateFormat), or null. */
      override: z.enum(['DMY', 'MDY', 'EXCEL', 'NONE']).nullable(),
      /** False when some values read both ways and neither a value nor the analyst settles the order. */
      orderSettled: z.boolean(),
    })
    .nullable(),
  /** Value shapes (see values.ts shapeOf); distinct is null once the shape counter became a sketch. */
  shapes: TopList.extend({ distinct: Count.nullable() }),
  validity: z.object({
    email: Share.optional(),
    phone: Share.optional(),
    date: Share.optional(),
    postcode: Share.extend({ uk: Count, us: Count, other: Count }).optional(),
    nationalId: Share.extend({ nino: Count, ssn: Count }).optional(),
  }),
  pii: z.object({ class: PiiClass, basis: PiiBasis }),
  /**
   * The analyst's type for this column: the figures (numeric, dates, histograms) follow it, and
   * values that do not fit it are counted here with a few examples (never dropped). Null: none set.
   */
  typeOverride: z
    .object({ type: ColumnType, fits: Count, notFitting: Count, examples: z.array(z.string()) })
    .nullable()
    .optional(),
  /** Workspace scope: set on a source's own column (absent on canonical attributes). */
  source: z.object({ id: z.number().int(), name: z.string() }).optional(),
});
export type ColumnProfile = z.infer<typeof ColumnProfile>;

export const DuplicateEstimate = z.object({
  /** Rows with a non-empty key. */
  keyed: Count,
  distinct: Count,
  /** keyed − distinct: rows that repeat a key already seen. */
  duplicates: Count,
  duplicateShare: Fraction,
});
export type DuplicateEstimate = z.infer<typeof DuplicateEstimate>;

const Malformed = z.object({ present: Count, malformed: Count, malformedShare: Fraction });

export const QualitySummary = z.object({
  rows: Count,
  emails: Malformed,
  phones: Malformed,
  duplicates: z.object({ email: DuplicateEstimate, phone: DuplicateEstimate, nameDob: DuplicateEstimate }),
});
export type QualitySummary = z.infer<typeof QualitySummary>;

export const SourceQuality = QualitySummary.extend({
  sourceId: z.number().int(),
  name: z.string(),
});
export type SourceQuality = z.infer<typeof SourceQuality>;

export const ProfileReport = z.object({
  version: z.literal(1),
  /** 'workspace' | 'source:<id>' | 'import:<id>' (the profiles.scope key). */
  scope: z.string().regex(/^(workspace|source:\d+|import:\d+)$/),
  title: z.string(),
  createdAt: z.iso.datetime(),
  defaultCountry: z.string().length(2),
  rows: Count,
  seconds: z.number().nonnegative(),
  /** Figures over canonical email / phone / name / date_of_birth for the whole scope. */
  summary: QualitySummary,
  /** The same per source (one entry in source/import scope). */
  sources: z.array(SourceQuality),
  columns: z.array(ColumnProfile),
  notes: z.array(z.string()),
});
export type ProfileReport = z.infer<typeof ProfileReport>;

export const CatalogueColumn = z.object({
  name: z.string(),
  /** Canonical attributes fed by this column across the source's imports. */
  feeds: z.array(z.string()),
  /** Imports that have this column. */
  imports: z.array(z.number().int()),
});
export type CatalogueColumn = z.infer<typeof CatalogueColumn>;

export const CatalogueImport = z.object({
  id: z.number().int(),
  fileName: z.string(),
  format: z.string(),
  state: z.string(),
  rowsRead: Count,
  rowsImported: Count,
  rowsRejected: Count,
  createdAt: z.string(),
  columns: z.array(z.object({ position: Count, name: z.string(), canonical: z.string().nullable() })),
});
export type CatalogueImport = z.infer<typeof CatalogueImport>;

export const CatalogueSource = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.string(),
  createdAt: z.string(),
  records: Count,
  rejects: Count,
  imports: z.array(CatalogueImport),
  columns: z.array(CatalogueColumn),
});
export type CatalogueSource = z.infer<typeof CatalogueSource>;

export const CatalogueTable = z.object({
  name: z.string(),
  /** Null for virtual tables and tables that could not be counted. */
  rows: Count.nullable(),
  /** type is the declared SQLite type, '' when none was declared. */
  columns: z.array(z.object({ name: z.string(), type: z.string(), notNull: z.boolean(), primaryKey: z.boolean() })),
});
export type CatalogueTable = z.infer<typeof CatalogueTable>;

export const Catalogue = z.object({
  sources: z.array(CatalogueSource),
  tables: z.array(CatalogueTable),
  /** Canonical attribute → the source columns that feed it. */
  lineage: z.record(z.string(), z.array(z.object({ sourceId: z.number().int(), source: z.string(), importId: z.number().int(), column: z.string() }))),
});
export type Catalogue = z.infer<typeof Catalogue>;
