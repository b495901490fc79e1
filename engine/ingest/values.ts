// Turning verbatim source values into canonical column values. The raw values stay untouched in
// records.raw / events.raw; these are the trimmed, typed copies the rest of Aerie reads. Dates and
// names are read by standardize (isoDateTime, splitNameAsWritten), the same rules as everywhere.

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

export function amount(v: string | null): number | null {
  const t = clean(v);
  if (t === null) return null;
  const n = Number(t.replace(/[£$€,\s]/g, ''));
  return Number.isFinite(n) ? n : null;
}
