// Number, share and date formatting shared by the screens, and the masked display of personal data.
import { createContext, useContext } from 'react';
/** The system's locale (the browser's or the desktop app's language setting): one format for numbers and dates. */
export const LOCALE: string | undefined = typeof navigator !== 'undefined' ? navigator.language : undefined;

export const fmtInt = (n: number | null | undefined) => (n === null || n === undefined ? '–' : Math.round(n).toLocaleString(LOCALE));

export function fmtShare(share: number, digits = 1): string {
  if (!Number.isFinite(share)) return '–';
  const pct = share * 100;
  if (pct > 0 && pct < 0.1) return '<0.1%';
  return `${pct.toFixed(digits).replace(/\.0+$/, '')}%`;
}

export function fmtNumber(n: number): string {
  if (!Number.isFinite(n)) return '–';
  if (Math.abs(n) >= 1e6 || (Math.abs(n) < 1e-3 && n !== 0)) return n.toExponential(2);
  return n.toLocaleString(LOCALE, { maximumFractionDigits: 2 });
}

export function fmtDate(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t).toLocaleString(LOCALE, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

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
