// The analyst's per-column date format overrides, saved with the workspace in the meta table
// (key date_formats: {"<column name>": "DMY" | "MDY" | "EXCEL" | "NONE"}), keyed by the source
// column's name as the files write it, so profiling and later imports of any source read it alike.
import type { DB } from '../db/sqlite.js';
import { DATE_OVERRIDES, type DateOverride } from '../standardize/dates-column.js';
import { readColumnMap, setColumnMapEntry } from './column-map.js';

const KEY = 'date_formats';
const valid = (v: unknown): v is DateOverride => DATE_OVERRIDES.includes(v as DateOverride);

export function readDateOverrides(db: DB): Record<string, DateOverride> {
  return readColumnMap(db, KEY, valid);
}

/** Set (or with null clear) one column's override; returns them all. */
export function setDateOverride(db: DB, column: string, format: DateOverride | null): Record<string, DateOverride> {
  return setColumnMapEntry(db, KEY, valid, 'date format', column, format);
}
