// How several columns that feed one attribute combine, in file order — part of the import contract
// so the wizard can show the same result the import stores. Text attributes (address, names,
// company, notes) join their parts: a house number joins the next part with a space ("12" +
// "hawkesbury crescent" → "12 hawkesbury crescent"), other parts with ", "; one-value attributes
// (email, phone, dates, keys, consent) take the first non-empty column, so a second phone column
// fills the gaps of the first instead of making "0123, 0456".

/** Attributes whose feeding columns are joined; every other attribute takes the first non-empty. */
export const JOINED_ATTRIBUTES: ReadonlySet<string> = new Set(['given_name', 'family_name', 'full_name', 'address_line', 'city', 'company', 'notes', 'text']);

/** A house or flat number ("12", "12a", "4/12", "12-14"): joins the next part with a space. */
const HOUSE_NUMBER = /^\d{1,5}[a-z]?(?:[/-]\d{1,5}[a-z]?)?$/i;

/** The attribute's value from its feeding columns' trimmed, non-empty values in file order. */
export function combineParts(attribute: string, parts: readonly string[]): string | null {
  if (parts.length === 0) return null;
  if (parts.length === 1 || !JOINED_ATTRIBUTES.has(attribute)) return parts[0]!;
  const spaced = attribute === 'given_name' || attribute === 'family_name' || attribute === 'full_name';
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i++) out += spaced || HOUSE_NUMBER.test(parts[i - 1]!) ? ` ${parts[i]}` : `, ${parts[i]}`;
  return out;
}

/** How the wizard and CLI describe the combination. */
export function combineRule(attribute: string): string {
  return JOINED_ATTRIBUTES.has(attribute) ? 'joined in file order' : 'the first non-empty column, in file order';
}
