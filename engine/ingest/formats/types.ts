// Public types of the streaming row readers (engine/ingest/formats).
// Kept free of Node imports so handlers and tests can share them.

export type FormatName = 'csv' | 'oracle-sql' | 'sqlldr' | 'xlsx';

export interface DetectOptions {
  /** Force a format instead of sniffing it. */
  format?: FormatName | 'auto';
  /** Force a text encoding (any name iconv-lite knows, e.g. 'utf-8', 'windows-1252', 'utf-16le'). */
  encoding?: string | 'auto';
  /** CSV only: force the field delimiter. */
  delimiter?: string;
  /** CSV only: the quote character ('none': values are never quoted). */
  quote?: string;
  /** CSV only: records above the header to skip (a title line or report banner). */
  skipRows?: number;
  /** CSV / XLSX: force whether the first row holds column names. */
  hasHeader?: boolean | 'auto';
  /** XLSX only: worksheet name (default: the first worksheet). */
  sheet?: string;
}

/** A SQL*Loader field as read from the control file. */
export interface SqlldrField {
  name: string;
  /** 1-based inclusive byte positions for fixed-width records. */
  position?: { start: number; end: number };
  /** Read but not loaded (FILLER / BOUNDFILLER). */
  filler: boolean;
  /** CHAR, DATE, TIMESTAMP, INTEGER EXTERNAL, ... (upper case). */
  type: string;
  /** Oracle format mask for DATE / TIMESTAMP fields. */
  mask?: string;
  /** Value from CONSTANT 'x'. */
  constant?: string;
  /** Double-quoted SQL expression, kept for information; not evaluated. */
  sqlExpression?: string;
}

export interface SqlldrControl {
  controlFile: string;
  /** Absolute data file path, or null for INFILE * (data follows BEGINDATA in the control file). */
  dataFile: string | null;
  table: string;
  mode: 'delimited' | 'fixed';
  /** FIELDS TERMINATED BY; 'WHITESPACE' for runs of blanks. */
  terminator?: string;
  enclosure?: { open: string; close: string; optional: boolean };
  trailingNullcols: boolean;
  /** OPTIONS (SKIP=n): records skipped at the start of the data. */
  skip: number;
  /** Encoding mapped from CHARACTERSET, when given. */
  encoding?: string;
  fields: SqlldrField[];
}

export interface DetectResult {
  /** The file the user pointed at. */
  file: string;
  format: FormatName;
  /** iconv-lite encoding name of the text being read ('utf-8' for XLSX). */
  encoding: string;
  /** Why that encoding was chosen (also among the notes). */
  encodingReason: string;
  delimiter?: string;
  quote?: string;
  /** CSV: records skipped above the header. */
  skipRows?: number;
  hasHeader: boolean;
  /** Column names after clean-up: trimmed, empty ones named COLUMN_<n>, duplicates suffixed _2, _3, ... */
  columns: string[];
  /** The first data rows (at most 20), as readRows would yield them. */
  sample: (string | null)[][];
  /** Human-readable remarks: what was assumed, renamed or ignored. */
  notes: string[];
  /** oracle-sql / sqlldr: the target table named in the file. */
  table?: string;
  /** xlsx: the worksheet read. */
  sheet?: string;
  /** sqlldr: the parsed control file. */
  control?: SqlldrControl;
}

export interface RowRecord {
  /**
   * 1-based number of the row among the file's data rows: CSV/XLSX data rows (header excluded,
   * blank rows not counted), INSERT statement number for oracle-sql, record number in the data
   * file for sqlldr (as SQL*Loader's own log counts them).
   */
  rowNo: number;
  /** Where the row starts as a user would look for it: text line, or the worksheet row for XLSX. */
  line: number;
  /** One value per column of DetectResult.columns; null = empty / NULL. */
  values: (string | null)[];
  /** Verbatim source text of the whole row (XLSX: values joined by tabs), never cut. */
  raw: string;
  /** Bytes of the file consumed so far (granularity: one read chunk), for progress. */
  bytes: number;
}

export interface RowReject {
  rowNo: number;
  line: number;
  /** The whole source text of the row, never cut (rejects keep everything that was read). */
  raw: string;
  /** Says what is wrong and where, in words a user can act on. */
  reason: string;
  column?: string;
  bytes: number;
}

export interface ReadOptions {
  signal?: AbortSignal;
  /** A value longer than this (UTF-8 bytes) rejects its row. Default 1 MiB. */
  maxFieldBytes?: number;
}

export type ReadItem =
  | { kind: 'row'; row: RowRecord }
  | { kind: 'reject'; reject: RowReject }
  /** Something skipped that is not a data row (e.g. a CREATE TABLE in an INSERT script). */
  | { kind: 'note'; note: { line: number; message: string } };

export const DEFAULT_MAX_FIELD_BYTES = 1024 * 1024;
/** Maximum characters of source text quoted in a message (raw row text is never cut). */
export const RAW_CAP = 8192;
/** Number of rows returned in DetectResult.sample. */
export const SAMPLE_ROWS = 20;
