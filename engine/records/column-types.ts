// The analyst's per-column types, saved with the workspace in the meta table (key column_types:
// {"<column name>": "text" | "integer" | "decimal" | "date" | "boolean" | "categorical"}), keyed by
// the source column's name as the files write it, as the date formats are (date-overrides.ts).
// The stored values never change: a type only changes how profiling and the browser read them.
import { ColumnType } from '../api/profile-types.js';
import type { DB } from '../db/sqlite.js';
import { readColumnMap, setColumnMapEntry } from './column-map.js';

const KEY = 'column_types';
const valid = (v: unknown): v is ColumnType => ColumnType.safeParse(v).success;

export function readColumnTypes(db: DB): Record<string, ColumnType> {
  return readColumnMap(db, KEY, valid);
}

/** Set (or with null clear) one column's type; returns them all. */
export function setColumnType(db: DB, column: string, type: ColumnType | null): Record<string, ColumnType> {
  return setColumnMapEntry(db, KEY, valid, 'type', column, type);
}
