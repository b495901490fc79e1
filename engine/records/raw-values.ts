// The verbatim source values of a stored row (records.raw, events.raw): a JSON array in
// import_columns order. A value that the row's canonical column holds character for character is
// stored once, in that column, and the array holds the number 0 in its place. Source values are
// always strings or null, so the number cannot be mistaken for one. This halves what an import
// writes (most legacy values need no cleaning), and with it the encryption and I/O per row.
// Rows stored before this encoding have no markers and read back unchanged. Written at import
// (ingest/parse-worker.ts, demo/), read by data/, profile/ and the linking keys (records/keys.ts).
import { AerieError } from '../api/errors.js';
import { CUSTOMER_ATTRIBUTES, EVENT_ATTRIBUTES, type ImportKind } from '../api/ingest.js';

/** The marker for "the canonical column this position feeds holds the value verbatim". */
export const IN_COLUMN = 0;

/** For each source position, the index (in the kind's attribute list) of the attribute it feeds, or -1. */
export type Slots = Int16Array;

export function attributesOf(kind: ImportKind): readonly string[] {
  return kind === 'customers' ? CUSTOMER_ATTRIBUTES : EVENT_ATTRIBUTES;
}

export function slotsFor(canonical: readonly (string | null | undefined)[], attrs: readonly string[]): Slots {
  return Int16Array.from(canonical, (a) => (a ? attrs.indexOf(a) : -1));
}

/**
 * `values` as stored: `row[offset + slot]` is the canonical value of the attribute at `slot`.
 * Only a string equal to that value becomes a marker, so unpacking gives back exactly `values`.
 */
export function packRaw(values: readonly (string | null)[], slots: Slots, row: readonly unknown[], offset: number): string {
  const out: (string | number | null)[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? null;
    const s = i < slots.length ? slots[i]! : -1;
    out[i] = s >= 0 && v !== null && row[offset + s] === v ? IN_COLUMN : v;
  }
  return JSON.stringify(out);
}

/**
 * The verbatim values of a stored row. `column(slot)` reads the row's canonical value of the
 * attribute at `slot`; `where` names the row in the error should the array not match its import.
 */
export function unpackRaw(raw: string, slots: Slots, column: (slot: number) => unknown, where: string): (string | null)[] {
  const values = JSON.parse(raw) as unknown[];
  const out: (string | null)[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (x === IN_COLUMN) {
      const s = i < slots.length ? slots[i]! : -1;
      const v = s >= 0 ? column(s) : undefined;
      if (typeof v !== 'string') {
        throw new AerieError('INTERNAL', `The original value of ${where}, position ${i + 1}, points at a canonical column that does not hold it.`, {
          hint: 'The import_columns of this import were changed after the import. Re-import the file to restore its original values.',
        });
      }
      out[i] = v;
    } else out[i] = typeof x === 'string' ? x : x === null || x === undefined ? null : String(x);
  }
  return out;
}
