// Privacy settings kept in the workspace's meta table (no schema change): idle auto-lock and masked
// display of personal data. Read by the renderer; the engine itself enforces neither (the UI does).
import { PrivacySettings } from '../api/workspace.js';
import { readMeta, writeMeta } from '../db/meta.js';
import type { DB } from '../db/sqlite.js';

const KEY = 'privacy_settings';
const DEFAULTS: PrivacySettings = { idleLockMinutes: 0, maskPii: false };

export function readPrivacy(db: DB): PrivacySettings {
  const raw = readMeta(db, KEY);
  if (!raw) return { ...DEFAULTS };
  // a value written by another version is read field by field; what does not parse is the default
  let stored: unknown;
  try {
    stored = JSON.parse(raw);
  } catch {
    return { ...DEFAULTS };
  }
  const r = PrivacySettings.partial().safeParse(Object.fromEntries(Object.entries((stored ?? {}) as object).filter(([k]) => k in DEFAULTS)));
  return { ...DEFAULTS, ...(r.success ? r.data : {}) };
}

export function writePrivacy(db: DB, change: Partial<PrivacySettings>): PrivacySettings {
  const next = { ...readPrivacy(db), ...change };
  writeMeta(db, KEY, JSON.stringify(next));
  return next;
}
