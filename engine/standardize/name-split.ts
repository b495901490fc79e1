// A whole name taken apart as written (case and spelling kept), for the canonical given_name and
// family_name columns at import. names.ts splits for comparison instead (normalised tokens,
// titles and suffixes dropped).

/** Trimmed, or null when nothing is left. */
function clean(v: string): string | null {
  const t = v.trim();
  return t === '' ? null : t;
}

/**
 * "Smith, John" → given "John", family "Smith" (the first comma separates); "John A Smith" →
 * given "John A", family "Smith"; a single word is taken as the family name.
 */
export function splitNameAsWritten(full: string): { given: string | null; family: string | null } {
  const comma = full.indexOf(',');
  if (comma >= 0) return { given: clean(full.slice(comma + 1)), family: clean(full.slice(0, comma)) };
  const parts = full.trim().split(/\s+/);
  if (parts.length === 1) return { given: null, family: parts[0]! };
  return { given: parts.slice(0, -1).join(' '), family: parts.at(-1)! };
}
