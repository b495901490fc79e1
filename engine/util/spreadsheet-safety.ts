// Spreadsheet formula injection ("CSV injection") guard for EXPORTS.
//
// Readers keep values verbatim: a customer note "=HYPERLINK(...)" or a phone "+44 20 ..." is data.
// Only when Aerie writes a CSV/XLSX that a person may open in Excel/LibreOffice must values that a
// spreadsheet would run as a formula be neutralised. OWASP guidance: prefix a single quote.

const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/** True when a spreadsheet would treat the text as a formula (first char = + - @ TAB CR). */
export function isFormulaLike(value: string): boolean {
  return value.length > 0 && TRIGGERS.has(value[0]!);
}

/**
 * Value safe to put in an exported CSV/XLSX cell: text starting with = + - @ TAB or CR gets a
 * leading single quote (shown by Excel as a text marker, not as data). Plain numbers such as
 * "-12.5" or "+44" stay as they are unless `strict` is set, so numeric exports survive.
 * null/undefined stay null.
 */
export function neutraliseForSpreadsheet(value: string | null | undefined, opts: { strict?: boolean } = {}): string | null {
  if (value === null || value === undefined) return null;
  if (!isFormulaLike(value)) return value;
  if (!opts.strict && /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value)) return value;
  return `'${value}`;
}

/** One CSV cell: formula-like text neutralised, then quoted where it holds a comma, quote or line break. */
export function csvCell(v: string | number | null | undefined): string {
  const s = v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : (neutraliseForSpreadsheet(v) ?? '');
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
