// The raw-values codec: values a canonical column holds verbatim are stored once, and every row
// reads back exactly as the file had it.
import { describe, expect, it } from 'vitest';
import { CUSTOMER_ATTRIBUTES } from '../../../engine/api/ingest.js';
import { IN_COLUMN, packRaw, slotsFor, unpackRaw } from '../../../engine/records/raw-values.js';
import { RowMapper } from '../../../engine/ingest/row-mapper.js';

const COLUMNS = ['ID', 'FIRST', 'LAST', 'ADDR1', 'ADDR2', 'OPT_IN', 'NOTE', 'EXTRA'];
const MAPPING = { ID: 'source_key', FIRST: 'given_name', LAST: 'family_name', ADDR1: 'address_line', ADDR2: 'address_line', OPT_IN: 'consent_email', NOTE: 'notes', EXTRA: null } as const;
const mapper = new RowMapper('customers', COLUMNS, { ...MAPPING }, undefined);
const slots = slotsFor(COLUMNS.map((c) => MAPPING[c as keyof typeof MAPPING]), CUSTOMER_ATTRIBUTES);

function roundTrip(values: (string | null)[]): { stored: unknown[]; back: (string | null)[] } {
  const row = mapper.customerRow(values, []);
  const raw = packRaw(values, slots, row, 0);
  return { stored: JSON.parse(raw) as unknown[], back: unpackRaw(raw, slots, (s) => row[s], 'test row') };
}

describe('raw values', () => {
  it('stores a value its canonical column holds verbatim only once', () => {
    const { stored, back } = roundTrip(['C1', 'Ann', 'Smith', '1 High St', '', 'Y', 'called twice', 'x']);
    expect(back).toEqual(['C1', 'Ann', 'Smith', '1 High St', '', 'Y', 'called twice', 'x']);
    // ID, FIRST, LAST, ADDR1 (the joined address is just line 1) and NOTE are markers; the empty
    // line 2, the Y the consent flag turned into 1, and the unmapped EXTRA stay in raw.
    expect(stored).toEqual([IN_COLUMN, IN_COLUMN, IN_COLUMN, IN_COLUMN, '', 'Y', IN_COLUMN, 'x']);
  });

  it('keeps values the canonical column cleaned, verbatim in raw', () => {
    const values = [' C1 ', 'Ann  ', 'Smith', '1 High St', 'Flat 2', 'yes', '0', '=SUM(A1)'];
    const { stored, back } = roundTrip(values);
    expect(back).toEqual(values);
    expect(stored[0]).toBe(' C1 '); // trimmed in source_key
    expect(stored[1]).toBe('Ann  ');
    expect(stored[3]).toBe('1 High St'); // the address column joins both lines
    expect(stored[6]).toBe(IN_COLUMN); // the text "0" is a marker only because notes holds "0" ...
    expect(back[6]).toBe('0'); // ... and reads back as the text
  });

  it('reads nulls, short rows and rows stored before the encoding unchanged', () => {
    const { back } = roundTrip([null, null, 'Smith', null, null, null, null, null]);
    expect(back).toEqual([null, null, 'Smith', null, null, null, null, null]);
    const old = JSON.stringify(['C9', 'Eve', 'Ng']);
    expect(unpackRaw(old, slots, () => null, 'old row')).toEqual(['C9', 'Eve', 'Ng']);
  });

  it('refuses a marker that points at a column without the value, naming the row', () => {
    const raw = JSON.stringify([IN_COLUMN, 'Ann']);
    expect(() => unpackRaw(raw, slots, () => null, 'records row 7')).toThrow(/records row 7, position 1/);
    expect(() => unpackRaw(JSON.stringify(['a', 'b', 'c', 'd', 'e', 'f', 'g', IN_COLUMN]), slots, () => 'x', 'records row 8')).toThrow(/position 8/);
  });
});
