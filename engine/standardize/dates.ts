// Dates as CRM exports write them, read by one set of rules everywhere: import (event timestamps),
// profile (type inference, ranges, day/month order), search and matching (date-of-birth keys).
//   - calendar-checked: 31/02/1980 and 2023-13-01 are not dates; a time, when given, must be one;
//   - two-digit years follow Oracle's RR rule as seen from this century: 00-49 → 20xx, 50-99 → 19xx;
//   - a numeric d/m/y whose two readings are both valid is ambiguous: parseDate keeps both (a
//     column decides, see profile/column.ts); one value on its own is read day-first unless the
//     caller says month-first; when only one reading is valid (12/25/1980) that one is taken.
// Oracle format masks (TO_DATE, SQL*Loader) are read by oracle-dates.ts.
// Hand-written dispatch on the first characters: parseDate runs on every profiled value.

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
};

function daysIn(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** yyyymmdd as a number, or -1 when not a real calendar date. */
function ymd(y: number, m: number, d: number): number {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return -1;
  return y * 10000 + m * 100 + d;
}

/** Two-digit years follow Oracle's RR rule as seen from this century: 00-49 → 20xx, 50-99 → 19xx. */
function year2(s: string): number {
  const n = Number(s);
  return s.length === 2 ? (n < 50 ? 2000 + n : 1900 + n) : n;
}

/** A yyyymmdd key as ISO yyyy-mm-dd. */
export function isoOfKey(k: number): string {
  const y = Math.floor(k / 10000);
  const m = Math.floor(k / 100) % 100;
  const d = k % 100;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export interface DateParse {
  /** 0 not a date, 1 one reading, 2 day/month ambiguous (both readings valid and different). */
  kind: 0 | 1 | 2;
  /** The date (kind 1), or the day-first reading (kind 2), as yyyymmdd. */
  a: number;
  /** The month-first reading (kind 2). */
  b: number;
  format: string;
  /** 1 when only a day-first reading fits (e.g. 25/12/1980), 2 when only month-first fits. */
  evidence: 0 | 1 | 2;
}

/** Result slot reused by parseDate (no allocation per value). */
export const D: DateParse = { kind: 0, a: -1, b: -1, format: '', evidence: 0 };

// Times are checked by the patterns themselves (hour 0-23, minute and second 0-59; 1-12 with AM/PM
// is checked after) and captured (hour, minute, second, fraction, AM/PM, zone) so that import can
// keep them; TIME_* give their group numbers per pattern (0: the pattern has none).
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:([T ])([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:[.,](\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const YMD_SLASH = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/;
const NUMERIC = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:(?:T|\s+)([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?(?:\s?([AaPp])[Mm])?)?$/;
const MON = /^(\d{1,2})([- /.]?)([A-Za-z]{3,9})\.?\2(\d{4}|\d{2})(?:[ :]([01]?\d|2[0-3])[.:]([0-5]\d)(?:[.:]([0-5]\d)(?:[.,](\d+))?)?(?:\s?([AaPp])\.?[Mm]\.?)?)?$/;
const MON_FIRST = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/;

interface TimeGroups {
  h: number;
  mi: number;
  s: number;
  f: number;
  ap: number;
  z: number;
}
const TIME_ISO: TimeGroups = { h: 5, mi: 6, s: 7, f: 8, ap: 0, z: 9 };
const TIME_NUMERIC: TimeGroups = { h: 5, mi: 6, s: 7, f: 0, ap: 8, z: 0 };
const TIME_MON: TimeGroups = { h: 5, mi: 6, s: 7, f: 8, ap: 9, z: 0 };

/** The match and time groups of the last successful parseDate with a time (for isoDateTime). */
let lastMatch: RegExpExecArray | null = null;
let lastGroups: TimeGroups = TIME_ISO;

/** Is the time in `m` (when there is one) a time of day? Remembers it for isoDateTime. */
function timeOk(m: RegExpExecArray, g: TimeGroups): boolean {
  if (m[g.h] === undefined) return true;
  if (g.ap && m[g.ap] !== undefined) {
    const h = +m[g.h]!;
    if (h < 1 || h > 12) return false;
  }
  lastMatch = m;
  lastGroups = g;
  return true;
}

/**
 * Parse the common date formats of CRM exports into D:
 *   ISO 8601 date or date-time (YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS[.f]][Z|±HH[:MM]]), YYYY/MM/DD;
 *   DD/MM/YYYY, MM/DD/YYYY, with '/', '.' or '-' and 2- or 4-digit years, optionally with a time
 *   (when both parts are ≤ 12 both readings are kept and the column decides; see ColumnProfiler);
 *   Oracle / SAS DD-MON-YY, DD-MON-RR, DD-MON-YYYY, DDMONYYYY, DD/MON/YY (optionally with a time),
 *   "12 March 1985", "Mar 12, 1985". Two-digit years use the RR rule. Returns D.kind.
 */
export function parseDate(t: string): 0 | 1 | 2 {
  D.kind = 0;
  lastMatch = null;
  const n = t.length;
  if (n < 6 || n > 40) return 0;
  const c0 = t.charCodeAt(0);
  if (c0 >= 48 && c0 <= 57) {
    const c2 = t.charCodeAt(2);
    const c4 = t.charCodeAt(4);
    if (c4 === 45 /* - */) {
      const m = ISO.exec(t);
      if (m) return timeOk(m, TIME_ISO) ? one(ymd(+m[1]!, +m[2]!, +m[3]!), m[4] ? 'ISO date-time' : 'YYYY-MM-DD') : 0;
    }
    if (c4 === 47 || c4 === 46) {
      const m = YMD_SLASH.exec(t);
      if (m) return one(ymd(+m[1]!, +m[2]!, +m[3]!), 'YYYY/MM/DD');
    }
    const c1 = t.charCodeAt(1);
    const sep = c1 >= 48 && c1 <= 57 ? c2 : c1;
    if (sep === 47 || sep === 46 || sep === 45) {
      const m = NUMERIC.exec(t);
      if (m) {
        if (!timeOk(m, TIME_NUMERIC)) return 0;
        const p = +m[1]!;
        const q = +m[3]!;
        const y = year2(m[4]!);
        const sepName = m[2]!;
        const dmy = ymd(y, q, p);
        const mdy = ymd(y, p, q);
        const yy = m[4]!.length === 2 ? 'YY' : 'YYYY';
        if (dmy > 0 && mdy > 0 && dmy !== mdy) {
          D.kind = 2;
          D.evidence = 0;
          D.a = dmy;
          D.b = mdy;
          D.format = `DD${sepName}MM${sepName}${yy} or MM${sepName}DD${sepName}${yy}`;
          return 2;
        }
        if (dmy > 0) {
          if (p === q) return one(dmy, `DD${sepName}MM${sepName}${yy} or MM${sepName}DD${sepName}${yy}`);
          one(dmy, `DD${sepName}MM${sepName}${yy}`);
          D.evidence = 1;
          return 1;
        }
        if (mdy > 0) {
          one(mdy, `MM${sepName}DD${sepName}${yy}`);
          D.evidence = 2;
          return 1;
        }
        return 0;
      }
    }
    if (sep === 45 || sep === 32 || sep === 47 || sep === 46 || c2 === 45 || c2 === 32 || isLetter(sep)) {
      const m = MON.exec(t);
      if (m) {
        const mon = MONTHS[m[3]!.toLowerCase()];
        if (mon === undefined || !timeOk(m, TIME_MON)) return 0;
        const s = m[2]!;
        const yy = m[4]!.length === 2 ? 'YY' : 'YYYY';
        const fmt = s === ' ' ? 'DD Month YYYY' : `DD${s}${m[3]!.length === 3 ? 'MON' : 'MONTH'}${s}${yy}`;
        return one(ymd(year2(m[4]!), mon, +m[1]!), fmt);
      }
    }
    return 0;
  }
  if (isLetter(c0)) {
    const m = MON_FIRST.exec(t);
    if (m) {
      const mon = MONTHS[m[1]!.toLowerCase()];
      if (mon !== undefined) return one(ymd(+m[3]!, mon, +m[2]!), 'Month DD, YYYY');
    }
  }
  return 0;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function one(k: number, format: string): 0 | 1 {
  if (k < 0) return 0;
  D.kind = 1;
  D.evidence = 0;
  D.a = k;
  D.b = k;
  D.format = format;
  return 1;
}

/**
 * Compact yyyymmdd (FEBRL, SAS, many mainframe exports) as a yyyymmdd key, when it is a calendar
 * date between 1800 and 2200 (eight-digit identifiers mostly are not); else null.
 */
export function compactDateKey(t: string): number | null {
  if (t.length !== 8) return null;
  for (let i = 0; i < 8; i++) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  const y = +t.slice(0, 4);
  if (y < 1800 || y > 2200) return null;
  const k = ymd(y, +t.slice(4, 6), +t.slice(6, 8));
  return k < 0 ? null : k;
}

const ISO_DATE_PART = /^(\d{4})-(\d{2})-(\d{2})[T ]/;

/** Fast path for exactly YYYY-MM-DD (most stored dates of birth): its key, -1 if impossible, 0 if another form. */
function isoDateKey(t: string): number {
  if (t.length !== 10 || t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45) return 0;
  let y = 0, m = 0, d = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const c = t.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return 0;
    if (i < 4) y = y * 10 + c;
    else if (i < 7) m = m * 10 + c;
    else d = d * 10 + c;
  }
  return ymd(y, m, d);
}

/**
 * The calendar date a value names, as a yyyymmdd key, or null: compact yyyymmdd, anything
 * parseDate reads (ambiguous d/m/y day-first unless `monthFirst`), or an ISO date followed by a
 * time in a form parseDate does not know ("1985-03-12 00:00:00.000 +00:00"; the time is ignored).
 */
export function dateKey(v: string | null | undefined, monthFirst = false): number | null {
  if (!v) return null;
  const t = v.trim();
  const iso = isoDateKey(t);
  if (iso !== 0) return iso < 0 ? null : iso;
  const c = compactDateKey(t);
  if (c !== null) return c;
  const kind = parseDate(t);
  if (kind !== 0) return kind === 2 && monthFirst ? D.b : D.a;
  const m = ISO_DATE_PART.exec(t);
  if (!m) return null;
  const k = ymd(+m[1]!, +m[2]!, +m[3]!);
  return k < 0 ? null : k;
}

/** A date value as ISO yyyy-mm-dd (day-first unless `monthFirst`), or null. */
export function toIsoDate(t: string, monthFirst: boolean): string | null {
  const k = dateKey(t, monthFirst);
  return k === null ? null : isoOfKey(k);
}

const now = new Date();
/** Today as yyyymmdd (when the process started: a birth date cannot be later). */
const TODAY = now.getUTCFullYear() * 10000 + (now.getUTCMonth() + 1) * 100 + now.getUTCDate();

/**
 * Date of birth as YYYYMMDD when it is recognisably a date, else null (see dateKey). A two-digit
 * year that the RR rule puts in the future is a birth in the previous century: "10-DEC-47" (an
 * Oracle DD-MON-YY export) is 1947-12-10, not 2047.
 */
export function normalizeDate(s: string | null | undefined): string | null {
  const k = dateKey(s);
  if (k === null) return null;
  const fourDigitYear = String(Math.floor(k / 10000));
  return String(k > TODAY && !s!.includes(fourDigitYear) ? k - 1_000_000 : k);
}

/**
 * A timestamp or date in ISO 8601, or null when the text is not one: YYYY-MM-DD, or with the time
 * as written (YYYY-MM-DDTHH:MM[:SS[.f]][zone]; an hour-only zone "+01" becomes "+01:00"), other
 * formats as YYYY-MM-DDTHH:MM:SS[.f] in 24-hour time. Day-first for d/m/y unless `monthFirst`.
 */
export function isoDateTime(v: string | null | undefined, monthFirst = false): string | null {
  if (!v) return null;
  const t = v.trim();
  const c = compactDateKey(t);
  if (c !== null) return isoOfKey(c);
  const kind = parseDate(t);
  if (kind === 0) return null;
  const date = isoOfKey(kind === 2 && monthFirst ? D.b : D.a);
  const m = lastMatch;
  if (m === null) return date;
  const g = lastGroups;
  let h = +m[g.h]!;
  const ap = g.ap ? m[g.ap] : undefined;
  if (ap !== undefined) h = (h % 12) + (ap === 'p' || ap === 'P' ? 12 : 0);
  const hh = String(h).padStart(2, '0');
  const frac = g.f && m[g.f] !== undefined ? `.${m[g.f]}` : '';
  if (g === TIME_ISO) {
    // ISO keeps the time as written (seconds only when given), with its zone
    const z = m[g.z] ?? '';
    const zone = z.length === 3 ? `${z}:00` : z;
    return `${date}T${hh}:${m[g.mi]}${m[g.s] !== undefined ? `:${m[g.s]}` : ''}${frac}${zone}`;
  }
  return `${date}T${hh}:${m[g.mi]}:${m[g.s] ?? '00'}${frac}`;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A JavaScript Date (UTC parts) as YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS[.mmm] when it has a time. */
export function isoOfUtcDate(v: Date): string | null {
  if (Number.isNaN(v.getTime())) return null;
  const d = `${pad(v.getUTCFullYear(), 4)}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
  const h = v.getUTCHours(), m = v.getUTCMinutes(), s = v.getUTCSeconds(), ms = v.getUTCMilliseconds();
  if (h === 0 && m === 0 && s === 0 && ms === 0) return d;
  return `${d}T${pad(h)}:${pad(m)}:${pad(s)}${ms ? '.' + pad(ms, 3) : ''}`;
}

/** What a column of date values looks like: see detectDateFormat. */
export interface DateFormatGuess {
  /** The most common format among the values that are dates ("YYYYMMDD", "DD/MM/YYYY", "DD-MON-YY"…), or null when none is. */
  format: string | null;
  /** Non-blank values looked at, and how many of them are dates. */
  checked: number;
  dates: number;
  /** d/m/y values whose day and month could be either way round, with no value in the column to decide. */
  ambiguous: boolean;
  /** Month-first: some value only reads as m/d/y (12/25/1980) and none only as d/m/y. */
  monthFirst: boolean;
  /** Dates written with a time of day other than midnight (timestamps rather than calendar dates). */
  timed: number;
  /** Earliest and latest date as yyyymmdd keys, read in the detected day/month order. */
  min: number | null;
  max: number | null;
}

/** Has the last successful parseDate a time of day other than 00:00[:00]? */
function timedNotMidnight(): boolean {
  const m = lastMatch;
  if (m === null) return false;
  const g = lastGroups;
  return +m[g.h]! !== 0 || +m[g.mi]! !== 0 || (m[g.s] !== undefined && +m[g.s]! !== 0) || (g.ap !== 0 && m[g.ap] !== undefined);
}

/**
 * The date format of a column (trimmed values; blanks skipped): compact YYYYMMDD, ISO, d/m/y or
 * m/d/y (the column decides the order: one value that reads only one way settles it; with none it
 * stays ambiguous and day-first), Oracle DD-MON-YY and the other forms parseDate reads. For
 * recognising a column (mapping suggestions, profiles); each value is still read by dateKey.
 */
export function detectDateFormat(values: Iterable<string | null | undefined>): DateFormatGuess {
  const found: { a: number; b: number; format: string }[] = [];
  let checked = 0;
  let timed = 0;
  let dmy = 0;
  let mdy = 0;
  let undecided = 0;
  for (const v of values) {
    const t = v?.trim();
    if (!t) continue;
    checked++;
    const c = compactDateKey(t);
    if (c !== null) {
      found.push({ a: c, b: c, format: 'YYYYMMDD' });
      continue;
    }
    const kind = parseDate(t);
    if (kind === 0) continue;
    if (timedNotMidnight()) timed++;
    if (D.evidence === 1) dmy++;
    else if (D.evidence === 2) mdy++;
    else if (kind === 2) undecided++;
    found.push({ a: D.a, b: D.b, format: D.format });
  }
  const monthFirst = mdy > 0 && dmy === 0;
  const counts = new Map<string, number>();
  let min: number | null = null;
  let max: number | null = null;
  for (const f of found) {
    // "DD/MM/YYYY or MM/DD/YYYY": the column's order decides the name and the reading
    const parts = f.format.split(' or ');
    const format = parts.length === 2 ? parts[monthFirst ? 1 : 0]! : f.format;
    counts.set(format, (counts.get(format) ?? 0) + 1);
    const k = monthFirst ? f.b : f.a;
    if (min === null || k < min) min = k;
    if (max === null || k > max) max = k;
  }
  let format: string | null = null;
  let best = 0;
  for (const [f, n] of counts) if (n > best) [format, best] = [f, n];
  return { format, checked, dates: found.length, ambiguous: undecided > 0 && dmy === 0 && mdy === 0, monthFirst, timed, min, max };
}
