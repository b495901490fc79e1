// Profiling settings saved with the workspace (meta table, no migration): the default phone
// country (key default_country), the per-column date formats (records/date-overrides.ts) and the
// per-column types (records/column-types.ts).
import type { ProfileSettings } from '../api/profile.js';
import type { DB } from '../db/sqlite.js';
import { readColumnTypes } from '../records/column-types.js';
import { readDateOverrides } from '../records/date-overrides.js';

const COUNTRY_KEY = 'default_country';
export const FALLBACK_COUNTRY = 'GB';

export function savedDefaultCountry(db: DB): string {
  const v = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(COUNTRY_KEY) as string | undefined;
  return v && /^[A-Z]{2}$/.test(v) ? v : FALLBACK_COUNTRY;
}

export function setDefaultCountry(db: DB, country: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(COUNTRY_KEY, country.toUpperCase());
}

export function readProfileSettings(db: DB): ProfileSettings {
  return { defaultCountry: savedDefaultCountry(db), dateFormats: readDateOverrides(db), columnTypes: readColumnTypes(db) };
}
