// Profiling settings saved with the workspace (meta table, no migration): the default phone
// country (key default_country), the per-column date formats (records/date-overrides.ts) and the
// per-column types (records/column-types.ts).
import type { ProfileSettings } from '../api/profile.js';
import { readMeta, writeMeta } from '../db/meta.js';
import type { DB } from '../db/sqlite.js';
import { readColumnTypes } from '../records/column-types.js';
import { readDateOverrides } from '../records/date-overrides.js';

const COUNTRY_KEY = 'default_country';
export const FALLBACK_COUNTRY = 'GB';

export function savedDefaultCountry(db: DB): string {
  const v = readMeta(db, COUNTRY_KEY);
  return v && /^[A-Z]{2}$/.test(v) ? v : FALLBACK_COUNTRY;
}

export function setDefaultCountry(db: DB, country: string): void {
  writeMeta(db, COUNTRY_KEY, country.toUpperCase());
}

export function readProfileSettings(db: DB): ProfileSettings {
  return { defaultCountry: savedDefaultCountry(db), dateFormats: readDateOverrides(db), columnTypes: readColumnTypes(db) };
}
