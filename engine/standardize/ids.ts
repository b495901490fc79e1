// Identifiers: customer and account keys in canonical form, and national identity numbers.

/** Identifier in canonical form: alphanumerics only, upper-cased. */
export function normalizeId(s: string | null | undefined): string | null {
  if (!s) return null;
  const v = s.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return v.length > 0 ? v : null;
}

export type NationalIdClass = 'nino' | 'ssn' | null;
const NINO = /^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]$/i;
const SSN = /^(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}$/;

/** UK National Insurance number or US Social Security number (formatted). */
export function nationalIdClass(t: string): NationalIdClass {
  if (t.length < 9 || t.length > 13) return null;
  if (SSN.test(t)) return 'ssn';
  if (NINO.test(t)) return 'nino';
  return null;
}
