// Whether a value fits the type the analyst set for its column (records/column-types.ts).
import type { ColumnType } from '../api/profile-types.js';
import type { ValueKind } from './values.js';
export { looseNumber } from '../standardize/loose-number.js';

const BOOLEAN_DIGITS = new Set(['0', '1']);

/**
 * Whether trimmed value `t`, classified `kind`, fits `type` (dates are judged by the profiler, which
 * knows the column's date format). Text and categorical take anything; integers include digit
 * strings with a leading zero (classified as phone numbers) and 1,234 written with separators.
 */
export function fitsType(type: Exclude<ColumnType, 'date'>, t: string, kind: ValueKind, num: number | null): boolean {
  switch (type) {
    case 'text':
    case 'categorical':
      return true;
    case 'boolean':
      return kind === 'boolean' || BOOLEAN_DIGITS.has(t);
    case 'integer':
      return num !== null && Number.isInteger(num);
    case 'decimal':
      return num !== null;
  }
}
