// Profile report and catalogue shapes, shared by the engine (engine/profile) and the UI.
// Pure types: the report is computed by the engine and stored as JSON.

export type ValueKind = 'boolean' | 'integer' | 'decimal' | 'date' | 'email' | 'phone' | 'text';
export type PiiClass = 'name' | 'email' | 'phone' | 'address' | 'date_of_birth' | 'national_id' | 'free_text' | 'none';
export type PiiBasis = 'canonical' | 'header' | 'values' | 'none';

export interface Counted {
  value: string;
  count: number;
}


export type ProfileScope = { kind: 'workspace' } | { kind: 'source'; sourceId: number } | { kind: 'import'; importId: number };

export type InferredType = ValueKind | 'empty';

export interface Bin {
  /** Inclusive lower edge; for the last bin the upper edge is inclusive too. */
  from: number;
  to: number;
  count: number;
}

export interface Share {
  checked: number;
  valid: number;
  invalid: number;
  /** valid / checked (0 when nothing was checked). */
  validShare: number;
}

export interface ColumnProfile {
  /** Source column name (import/source scope) or canonical attribute (workspace scope). */
  name: string;
  position: number;
  /** Canonical attributes this column feeds (lineage); for the workspace view, the column itself. */
  feeds: string[];
  /** False for raw columns found in the data but not listed in import_columns. */
  declared: boolean;
  rows: number;
  /** SQL NULL, or key absent from the raw row. */
  nulls: number;
  nullShare: number;
  /** Empty or whitespace-only strings. */
  blanks: number;
  blankShare: number;
  nonBlank: number;
  /** Values with leading or trailing whitespace. */
  untrimmed: number;
  /** Distinct non-blank values (verbatim): exact up to the threshold, HyperLogLog beyond. */
  distinct: { count: number; exact: boolean };
  /** Most frequent non-blank values. When not exact, counts are lower bounds at most maxError low. */
  topValues: { values: Counted[]; exact: boolean; maxError: number };
  inferredType: InferredType;
  /** Non-blank values per kind (trimmed values; see values.ts classify). */
  kinds: Record<ValueKind, number>;
  length: { min: number; max: number; mean: number; histogram: Bin[] } | null;
  numeric: { count: number; min: number; max: number; mean: number; histogram: Bin[]; histogramExact: boolean } | null;
  dates: {
    count: number;
    min: string;
    max: string;
    /** Values that read as both DD/MM and MM/DD (different dates). */
    ambiguous: number;
    /** Day/month order used for ambiguous values; evidence = values only one order can read. */
    order: 'DMY' | 'MDY';
    orderEvidence: { dmy: number; mdy: number };
    formats: Counted[];
  } | null;
  shapes: { values: Counted[]; exact: boolean; maxError: number; distinct: number | null };
  validity: {
    email?: Share;
    phone?: Share;
    date?: Share;
    postcode?: Share & { uk: number; us: number; other: number };
    nationalId?: Share & { nino: number; ssn: number };
  };
  pii: { class: PiiClass; basis: PiiBasis };
}

export interface DuplicateEstimate {
  /** Rows with a non-empty key. */
  keyed: number;
  distinct: number;
  /** keyed − distinct: rows that repeat a key already seen. */
  duplicates: number;
  duplicateShare: number;
}

export interface QualitySummary {
  rows: number;
  emails: { present: number; malformed: number; malformedShare: number };
  phones: { present: number; malformed: number; malformedShare: number };
  duplicates: { email: DuplicateEstimate; phone: DuplicateEstimate; nameDob: DuplicateEstimate };
}

export interface SourceQuality extends QualitySummary {
  sourceId: number;
  name: string;
}

export interface ProfileReport {
  version: 1;
  /** 'workspace' | 'source:<id>' | 'import:<id>' (the profiles.scope key). */
  scope: string;
  title: string;
  createdAt: string;
  defaultCountry: string;
  rows: number;
  seconds: number;
  /** Figures over canonical email / phone / name / date_of_birth for the whole scope. */
  summary: QualitySummary;
  /** The same per source (one entry in source/import scope). */
  sources: SourceQuality[];
  columns: ColumnProfile[];
  notes: string[];
}

export interface CatalogueColumn {
  name: string;
  /** Canonical attributes fed by this column across the source's imports. */
  feeds: string[];
  /** Imports that have this column. */
  imports: number[];
}

export interface CatalogueImport {
  id: number;
  fileName: string;
  format: string;
  state: string;
  rowsRead: number;
  rowsImported: number;
  rowsRejected: number;
  createdAt: string;
  columns: { position: number; name: string; canonical: string | null }[];
}

export interface CatalogueSource {
  id: number;
  name: string;
  kind: string;
  createdAt: string;
  records: number;
  rejects: number;
  imports: CatalogueImport[];
  columns: CatalogueColumn[];
}

export interface CatalogueTable {
  name: string;
  rows: number | null;
  columns: { name: string; type: string; notNull: boolean; primaryKey: boolean }[];
}

export interface Catalogue {
  sources: CatalogueSource[];
  tables: CatalogueTable[];
  /** Canonical attribute → the source columns that feed it. */
  lineage: Record<string, { sourceId: number; source: string; importId: number; column: string }[]>;
}
