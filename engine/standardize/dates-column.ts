// A column's dates, decided per column rather than per value: Excel serial numbers (only in a
// column whose header names a date, or that the analyst marked so: a column of integers is not a
// date column by default), the day/month order of d/m/y values, and the analyst's per-column
// override (stored with the workspace, see records/date-overrides.ts). Used by profiling and by import,
// which stores canonical dates of birth as ISO yyyy-mm-dd.
import { D, compactDateKey, detectDateFormat, isoOfKey, parseDate } from './dates.js';

/** How the analyst says a column's dates are written (profile column card, `data.setDateFormat`). */
export const DATE_OVERRIDES = ['DMY', 'MDY', 'EXCEL', 'NONE'] as const;
export type DateOverride = (typeof DATE_OVERRIDES)[number];

export const DATE_OVERRIDE_LABELS: Record<DateOverride, string> = {
  DMY: 'Day first (DD/MM/YYYY)',
  MDY: 'Month first (MM/DD/YYYY)',
  EXCEL: 'Excel serial numbers',
  NONE: 'Not a date',
};

/** Excel serials Aerie reads without being told: 1 (1900-01-01) to 73050 (2099-12-31). */
export const EXCEL_MIN = 1;
export const EXCEL_MAX = 73050;
const EXCEL_LIMIT = 2958465; // 9999-12-31, Excel's last date
const SERIAL = /^\d{1,7}(?:\.\d+)?$/;
const DAY_MS = 86_400_000;
// Serial 1 is 1900-01-01; Excel counts a 29 February 1900 that never was (serial 60), so from
// serial 61 on the epoch is 1899-12-30.
const EPOCH_EARLY = Date.UTC(1899, 11, 31);
const EPOCH = Date.UTC(1899, 11, 30);

/** An Excel serial day number (a fraction is the time of day, ignored) as a yyyymmdd key, or null. */
export function excelSerialKey(t: string, max = EXCEL_LIMIT): number | null {
  if (!SERIAL.test(t)) return null;
  const n = Math.floor(Number(t));
  if (n < 1 || n > max || n === 60) return null;
  const d = new Date((n < 60 ? EPOCH_EARLY : EPOCH) + n * DAY_MS);
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

const DATE_WORDS = new Set([
  'date', 'dt', 'dte', 'dob', 'birth', 'birthday', 'birthdate', 'born', 'bday', 'created', 'updated', 'modified', 'timestamp',
  'datum', 'geburtsdatum', 'geboren', 'geboortedatum', 'fecha', 'nacimiento', 'naissance', 'expiry', 'expires', 'joined',
]);

/** Does a header name a date ("date_of_birth", "CREATED_AT", "Geburtsdatum", "SignupDate")? */
export function isDateHeader(name: string): boolean {
  const words = name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
  if (words.some((w) => DATE_WORDS.has(w) || w.endsWith('datum') || w.startsWith('date'))) return true;
  // created_at, updated_on, valid_from: "at"/"on" after a verb
  return words.length >= 2 && ['at', 'on'].includes(words[words.length - 1]!) && /ed$/.test(words[words.length - 2]!);
}

/** Share of non-blank values a reading needs for a column to be read that way. */
const MAJORITY = 0.9;

export interface ColumnDates {
  /** How the column's dates are read: 'EXCEL' serials, or d/m/y order 'DMY' / 'MDY'. */
  mode: 'EXCEL' | 'DMY' | 'MDY' | 'NONE';
  /** Day/month order not settled by any value or by the analyst: ambiguous values are not converted. */
  orderUnknown: boolean;
  /** Why, in words, for notes ("Excel serial numbers in a column named like a date"). */
  reason: string;
}

/**
 * Decide how a column's dates are read from its header, some of its values and the analyst's
 * override. Excel serials need a date-like header (or the override) and ≥ 90 % of the values
 * to be whole or fractional numbers in 1..73050 that are not compact YYYYMMDD dates.
 */
export function decideColumnDates(name: string, values: readonly (string | null | undefined)[], override?: DateOverride, namedDate = false): ColumnDates {
  if (override === 'NONE') return { mode: 'NONE', orderUnknown: false, reason: 'marked as not a date' };
  if (override === 'EXCEL') return { mode: 'EXCEL', orderUnknown: false, reason: 'marked as Excel serial numbers' };
  if (override === 'DMY' || override === 'MDY') return { mode: override, orderUnknown: false, reason: 'day/month order set by the analyst' };
  let n = 0;
  let serials = 0;
  for (const v of values) {
    const t = v?.trim();
    if (!t) continue;
    n++;
    if (compactDateKey(t) === null && excelSerialKey(t, EXCEL_MAX) !== null) serials++;
  }
  if ((namedDate || isDateHeader(name)) && n > 0 && serials >= MAJORITY * n) return { mode: 'EXCEL', orderUnknown: false, reason: 'numbers in a column named like a date, read as Excel serial dates' };
  const g = detectDateFormat(values);
  if (g.monthFirst) return { mode: 'MDY', orderUnknown: false, reason: 'some values only read month first' };
  return { mode: 'DMY', orderUnknown: g.ambiguous, reason: g.ambiguous ? 'no value settles day/month order' : 'day first' };
}

/**
 * A value of the column as a yyyymmdd key by the column's decision, or null when it is not a date
 * or its day/month order is unknown (callers keep such values as written rather than guess).
 */
export function columnDateKey(t: string, c: ColumnDates): number | null {
  if (c.mode === 'NONE' || t === '') return null;
  if (c.mode === 'EXCEL') {
    const k = excelSerialKey(t);
    if (k !== null) return k;
  }
  const compact = compactDateKey(t);
  if (compact !== null) return compact;
  const kind = parseDate(t);
  if (kind === 0) return null;
  if (kind === 2) return c.orderUnknown ? null : c.mode === 'MDY' ? D.b : D.a;
  return D.a;
}

/** A value as ISO yyyy-mm-dd by the column's decision; any other value as written (trimmed). */
export function columnDateIso(v: string | null, c: ColumnDates): string | null {
  if (v === null) return null;
  const t = v.trim();
  const k = columnDateKey(t, c);
  return k === null ? (t === '' ? null : t) : isoOfKey(k);
}
