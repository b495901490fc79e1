// Turning verbatim source values into canonical column values. The raw values stay untouched in
// records.raw / events.raw; these are the trimmed, typed copies the rest of Aerie reads.
import { oracleDateToIso } from './formats/index.js';

export function clean(v: string | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  const t = v.trim();
  return t === '' ? null : t;
}

const YES = new Set(['y', 'yes', 'true', 't', '1', 'on', 'opt-in', 'optin', 'subscribed']);
const NO = new Set(['n', 'no', 'false', 'f', '0', 'off', 'opt-out', 'optout', 'unsubscribed']);

/** Consent flags as 1 / 0, or null when unknown. */
export function flag(v: string | null): number | null {
  const t = clean(v)?.toLowerCase();
  if (t === undefined) return null;
  if (YES.has(t)) return 1;
  if (NO.has(t)) return 0;
  return null;
}

/** A timestamp or date in ISO 8601, or null when the text is not one. Day-first for d/m/y. */
export function isoDate(v: string | null): string | null {
  const t = clean(v);
  if (t === null) return null;
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(t)) return t.replace(' ', 'T');
  let m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  if (m) {
    const [, d, mo, y, h, mi, s] = m;
    const date = `${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
    return h ? `${date}T${h.padStart(2, '0')}:${mi}:${s ?? '00'}` : date;
  }
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  const oracle = oracleDateToIso(t, 'DD-MON-RR');
  if (oracle) return oracle;
  return null;
}

export function amount(v: string | null): number | null {
  const t = clean(v);
  if (t === null) return null;
  const n = Number(t.replace(/[£$€,\s]/g, ''));
  return Number.isFinite(n) ? n : null;
}

/** "Smith, John" or "John Smith" → given / family. */
export function splitFullName(full: string): { given: string | null; family: string | null } {
  const comma = full.split(',');
  if (comma.length === 2) return { given: clean(comma[1]!), family: clean(comma[0]!) };
  const parts = full.trim().split(/\s+/);
  if (parts.length === 1) return { given: null, family: parts[0]! };
  return { given: parts.slice(0, -1).join(' '), family: parts.at(-1)! };
}
