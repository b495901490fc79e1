// The analyst's per-column date format overrides, saved with the workspace in the meta table
// (key date_formats: {"<column name>": "DMY" | "MDY" | "EXCEL" | "NONE"}), keyed by the source
// column's name as the files write it, so profiling and later imports of any source read it alike.
import { AerieError } from '../api/errors.js';
import type { DB } from '../db/sqlite.js';
import { DATE_OVERRIDES, type DateOverride } from '../standardize/dates-column.js';

const KEY = 'date_formats';

export function readDateOverrides(db: DB): Record<string, DateOverride> {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(KEY) as { value: string } | undefined;
  if (!row) return {};
  try {
    const parsed = JSON.parse(row.value) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, DateOverride] => DATE_OVERRIDES.includes(e[1] as DateOverride)));
  } catch {
    // a hand-edited value: ignore rather than refuse to profile or import
    return {};
  }
}

/** Set (or with null clear) one column's override; returns them all. */
export function setDateOverride(db: DB, column: string, format: DateOverride | null): Record<string, DateOverride> {
  if (column.trim() === '') throw new AerieError('INVALID_INPUT', 'Name the column whose date format you set.', { hint: 'Give the column name as the file has it.' });
  const all = readDateOverrides(db);
  if (format === null) delete all[column];
  else all[column] = format;
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(all));
  return all;
}
