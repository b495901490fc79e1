// Numbers as people write them in text columns: "1,234,567", "1 234", "£1,200.50". Read only where
// the analyst has said the column holds numbers (its type, records/column-types.ts).
const LOOSE_NUMBER = /^([-+]?)[£$€¥]?\s?(\d{1,3}(?:[, '\u00a0\u202f]\d{3})+|\d+)(\.\d+)?$/;

/** A trimmed value as a number (thousands separators and a currency sign allowed; dot = decimal point), or null. */
export function looseNumber(t: string): number | null {
  const m = LOOSE_NUMBER.exec(t);
  if (!m) return null;
  const x = Number(`${m[1]}${m[2]!.replace(/\D/g, '')}${m[3] ?? ''}`);
  return Number.isFinite(x) ? x : null;
}
