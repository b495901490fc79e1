// The analyst's per-column types, saved with the workspace in the meta table (key column_types:
// {"<column name>": "text" | "integer" | "decimal" | "date" | "boolean" | "categorical"}), keyed by
// the source column's name as the files write it, as the date formats are (date-overrides.ts).
// The stored values never change: a type only changes how profiling and the browser read them.
import { AerieError } from '../api/errors.js';
import { ColumnType } from '../api/profile-types.js';
import type { DB } from '../db/sqlite.js';

const KEY = 'column_types';

export function readColumnTypes(db: DB): Record<string, ColumnType> {
  const v = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(KEY) as string | undefined;
  if (!v) return {};
  try {
    const parsed = JSON.parse(v) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, ColumnType] => ColumnType.safeParse(e[1]).success));
  } catch {
    // a hand-edited value: ignore rather than refuse to profile
    return {};
  }
}

/** Set (or with null clear) one column's type; returns them all. */
export function setColumnType(db: DB, column: string, type: ColumnType | null): Record<string, ColumnType> {
  if (column.trim() === '') throw new AerieError('INVALID_INPUT', 'Name the column whose type you set.', { hint: 'Give the column name as the file has it.' });
  const all = readColumnTypes(db);
  if (type === null) delete all[column];
  else all[column] = type;
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(all));
  return all;
}
