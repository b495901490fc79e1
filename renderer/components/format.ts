// Number, share and date formatting shared by the screens, and the masked display of personal data.
// Every figure a person reads goes through these, in the system's locale (decimal comma, grouping,
// date order); test/unit/renderer/format-guard.test.ts fails when a screen formats on its own.
import { createContext, useContext } from 'react';

// The system's locale: the browser's or the desktop app's language setting (undefined in Node:
// the runtime's default). Tests pin it with setLocale().
let locale: string | undefined = typeof navigator !== 'undefined' ? navigator.language : undefined;
const formats = new Map<string, Intl.NumberFormat>();

/** Pins the locale (tests; a future language setting). undefined goes back to the system's. */
export function setLocale(next: string | undefined): void {
  locale = next === undefined && typeof navigator !== 'undefined' ? navigator.language : next;
  formats.clear();
}
export const currentLocale = (): string | undefined => locale;

// Intl.NumberFormat is slow to construct and the grid formats thousands of cells: one per option set.
function nf(opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = JSON.stringify(opts);
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat(locale, opts)));
  return f;
}

const MINUS = '\u2212';
const DASH = '\u2013';

// A figure that may be missing (null, undefined, NaN): shown as a dash, never as "NaN".
type Num = number | null | undefined;
const isNum = (n: Num): n is number => typeof n === 'number' && Number.isFinite(n);

export const fmtInt = (n: Num) => (isNum(n) ? nf({ maximumFractionDigits: 0 }).format(Math.round(n)) : DASH);

/** A number with exactly `digits` decimals (0.812 → "0.812" / "0,812"), grouped. */
export function fmtFixed(n: Num, digits: number): string {
  if (!isNum(n)) return DASH;
  return nf({ minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

/** Like fmtFixed, negatives with a true minus sign (−0.12), for weights and effects. */
export function fmtMinus(n: Num, digits: number): string {
  if (!isNum(n)) return DASH;
  const s = fmtFixed(Math.abs(n), digits);
  return n < 0 && s !== fmtFixed(0, digits) ? `${MINUS}${s}` : s;
}

/** Always signed: +0.25 / −0.25 (contributions, differences). */
export function fmtSigned(n: Num, digits: number): string {
  if (!isNum(n)) return DASH;
  return `${n >= 0 ? '+' : MINUS}${fmtFixed(Math.abs(n), digits)}`;
}

/** Up to `maxDigits` decimals, trailing zeros dropped (1234.5 → "1,234.5" / "1.234,5"). */
export function fmtDecimal(n: Num, maxDigits = 2): string {
  if (!isNum(n)) return DASH;
  return nf({ maximumFractionDigits: maxDigits }).format(n);
}

/** Scientific, the shape of toExponential with the locale's decimal mark: 1.90e+7 / 1,90e+7. */
export function fmtSci(n: Num, digits = 2): string {
  if (!isNum(n)) return DASH;
  const [mantissa, exp] = n.toExponential(digits).split('e');
  const m = Number(mantissa);
  return `${m < 0 ? MINUS : ''}${fmtFixed(Math.abs(m), digits)}e${exp}`;
}

/** `digits` significant digits (p-values): 0.0123, 0.500; tiny values in scientific form. */
export function fmtSig(n: Num, digits = 3): string {
  if (!isNum(n)) return DASH;
  if (n !== 0 && Math.abs(n) < 1e-4) return fmtSci(n, digits - 1);
  return nf({ minimumSignificantDigits: digits, maximumSignificantDigits: digits }).format(n);
}

/** A general figure: grouped, up to 2 decimals; very large or tiny ones scientific. */
export function fmtNumber(n: Num): string {
  if (!isNum(n)) return DASH;
  if (Math.abs(n) >= 1e6 || (Math.abs(n) < 1e-3 && n !== 0)) return fmtSci(n, 2);
  return fmtDecimal(n, 2);
}

/** A share 0..1 as a percentage with exactly `digits` decimals, in the locale's way (12.5% / 12,5 %). */
export function fmtPercent(share: Num, digits = 1): string {
  if (!isNum(share)) return DASH;
  return nf({ style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(share);
}

/** A share as a percentage, ".0" dropped (12%, 12.5%), and "<0.1%" rather than a misleading 0%. */
export function fmtShare(share: Num, digits = 1): string {
  if (!isNum(share)) return DASH;
  const pct = share * 100;
  const floor = 10 ** -digits;
  if (pct > 0 && pct < floor) return `<${fmtPercent(floor / 100, digits)}`;
  const scale = 10 ** digits;
  const whole = Number.isInteger(Math.round(pct * scale) / scale);
  return fmtPercent(share, whole ? 0 : digits);
}

/** Percentage points, signed: +1.25 pts. */
export const fmtPoints = (share: number, digits = 2) => `${fmtSigned(share * 100, digits)} pts`;

/** An amount of money, whole units, in the locale's way ($1,234 / 1.234 $). */
export function fmtMoney(n: Num, currency = 'USD'): string {
  if (!isNum(n)) return DASH;
  const s = nf({ style: 'currency', currency, maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(Math.abs(Math.round(n)));
  return n <= -0.5 ? `${MINUS}${s}` : s;
}

/** A size in bytes: 512 B, 1.5 KB, 12 MB. */
export function fmtBytes(n: number): string {
  if (n < 1024) return `${fmtInt(n)} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${fmtFixed(v, v < 10 ? 1 : 0)} ${units[i]}`;
}

/** An elapsed time in seconds: 42s, 3m 05s, 2h 10m. */
export function fmtDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return DASH;
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${fmtInt(s)}s`;
  if (s < 3600) return `${fmtInt(Math.floor(s / 60))}m ${fmtInt(s % 60)}s`;
  return `${fmtInt(Math.floor(s / 3600))}h ${fmtInt(Math.floor((s % 3600) / 60))}m`;
}

/** A moment (ISO timestamp): date and time in the locale (6 Dec 2026, 02:25 / 06.12.2026, 02:25). */
export function fmtDateTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t).toLocaleString(locale, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** A moment, as shown in tables and notes: date and time (the older name of fmtDateTime). */
export const fmtDate = fmtDateTime;

/** A calendar day ('2026-12-06', or a timestamp's day as stored) in the locale: Dec 6, 2026 / 06.12.2026. */
export function fmtDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!m) return day;
  // Read as UTC and shown as UTC: a stored day never shifts with the viewer's time zone.
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toLocaleDateString(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
}

// ---- machine formats ----------------------------------------------------------------------------
// Values a program reads, never a person: SVG coordinates, <input type=date> values, the data
// browser's filter syntax. They stay locale-independent on purpose.

/** An SVG coordinate (path data must use '.'). */
export const svgNum = (n: number) => n.toFixed(1);
/** The ISO day (YYYY-MM-DD) of an epoch millisecond, for <input type=date> and the engine. */
export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** A number for the filter syntax (`10..20`): '.' decimals, 6 significant digits, no grouping. */
export const filterNum = (x: number) => String(Number(x.toPrecision(6)));

export function delimiterName(d: string | null): string {
  if (d === null) return 'none';
  const names: Record<string, string> = { ',': 'comma (,)', ';': 'semicolon (;)', '\t': 'tab', '|': 'pipe (|)', ' ': 'space' };
  return names[d] ?? JSON.stringify(d);
}

// ---- masked display of personal data (Settings → Privacy) ------------------------------------
// One helper for every view that shows customer values (grid, search, record detail): the shell
// provides the setting, views call displayValue(). Masking is display-only: copies and exports of
// what is masked should mask too (the grid copies what it shows).

/** True when the workspace's privacy setting asks for personal data to be masked. */
export const PiiMaskContext = createContext(false);
export const usePiiMask = (): boolean => useContext(PiiMaskContext);

const PII_CANONICAL = new Set(['given_name', 'family_name', 'full_name', 'email', 'phone', 'address_line', 'postcode', 'date_of_birth', 'notes', 'text']);
// Source column headers that name personal data, in the languages the import suggestions cover.
const PII_HEADER =
  /(^|[^a-z])(name|first|last|surname|given|family|vorname|nachname|prenom|nom|nombre|apellido|voornaam|achternaam|e-?mail|mail|phone|tel|mobile|handy|fax|address|addr|street|strasse|straße|rue|calle|straat|post(al)?(code)?|zip|plz|birth|dob|geburt|naissance|nacimiento|geboorte|ssn|soc_?sec|national|nino|passport|tax|steuer|iban|account|konto)/i;

/** Whether a column (canonical attribute or source header) holds personal data. */
export function isPiiColumn(name: string): boolean {
  if (/^consent/i.test(name)) return false; // consent_email is a yes/no flag, not an address
  return PII_CANONICAL.has(name) || PII_HEADER.test(name);
}

/** A value with all but its first character hidden (an e-mail keeps the shape: a•••@•••). */
export function maskValue(text: string): string {
  if (text === '') return text;
  const at = text.indexOf('@');
  if (at > 0) return `${text[0]}•••@•••`;
  return `${[...text][0]}•••`;
}

/** What to show for a cell: masked when the setting is on and the column holds personal data. */
export function displayValue(text: string, column: string, masked: boolean): string {
  return masked && isPiiColumn(column) ? maskValue(text) : text;
}
