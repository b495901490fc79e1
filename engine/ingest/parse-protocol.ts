// Messages between the import job (the writer, on the engine thread) and its parse worker.
import type { WireError } from '../api/errors.js';
import type { ImportKind, Mapping, ReadSettings } from '../api/ingest.js';
import type { DateOverride } from '../standardize/dates-column.js';

export interface ParseInit {
  path: string;
  kind: ImportKind;
  read: ReadSettings;
  mapping: Mapping;
  eventType: string | undefined;
  /** The workspace's per-column date format overrides (records/date-overrides.ts). */
  dateOverrides?: Record<string, DateOverride>;
  /** Rows (and rejects) per message. */
  batchRows: number;
}

/** Messages the worker may send before the writer acknowledges them. */
export const PARSE_WINDOW = 20;

/** Worker → writer. Rows are [row_no, raw, ...attribute values]; rejects [row_no, raw, reason, column]. */
export type ParseMessage =
  | { t: 'batch'; rows: unknown[][]; rejects: unknown[][]; bytes: number; read: number; imported: number; rejected: number }
  /** notes: what the reader skipped that is not a row (e.g. a statement that is not an INSERT), the first NOTE_CAP. */
  | { t: 'done'; read: number; imported: number; rejected: number; notes: string[]; noteCount: number }
  | { t: 'error'; error: WireError };

/** Notes kept for the import result; the count says how many there were. */
export const NOTE_CAP = 100;

/** Writer → worker: one more batch may be sent (back-pressure keeps memory flat). */
export const MORE = 'more';
