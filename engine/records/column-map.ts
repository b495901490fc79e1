// A per-column setting saved with the workspace in meta ({"<column name>": value}), keyed by the
// source column's name as the files write it: the date formats (date-overrides.ts) and the column
// types (column-types.ts) are two of these.
import { AerieError } from '../api/errors.js';
import { readMeta, writeMeta } from '../db/meta.js';
import type { DB } from '../db/sqlite.js';

export function readColumnMap<T extends string>(db: DB, key: string, valid: (v: unknown) => v is T): Record<string, T> {
  const v = readMeta(db, key);
  if (!v) return {};
  try {
    const parsed = JSON.parse(v) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, T] => valid(e[1])));
  } catch {
    // a hand-edited value: ignore rather than refuse to profile or import
    return {};
  }
}

/** Set (or with null clear) one column's value; returns them all. `what` names the setting in errors. */
export function setColumnMapEntry<T extends string>(db: DB, key: string, valid: (v: unknown) => v is T, what: string, column: string, value: T | null): Record<string, T> {
  if (column.trim() === '') throw new AerieError('INVALID_INPUT', `Name the column whose ${what} you set.`, { hint: 'Give the column name as the file has it.' });
  const all = readColumnMap(db, key, valid);
  if (value === null) delete all[column];
  else all[column] = value;
  writeMeta(db, key, JSON.stringify(all));
  return all;
}
