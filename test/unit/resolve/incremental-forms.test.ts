// The standardised forms a full run stores for each record (standardise.ts recordForms, through
// JSON as resolve_forms holds them) rebuild exactly the columns standardise() makes, for every kind
// of column, including the values whose flat form or tokens do not follow from the normal form
// (a postcode holding a space) and values that are missing, too short or not dates.
import { describe, expect, it } from 'vitest';
import { buildComparisons } from '../../../engine/resolve/comparisons.js';
import { preparedFromForms, recordForms, standardise } from '../../../engine/resolve/standardise.js';
import type { ColumnRole, Role, Table } from '../../../engine/resolve/types.js';
import { synthPeople } from './synth.js';

const role = (column: string, index: number, r: Role, birth?: boolean): ColumnRole => ({ column, index, role: r, reason: 'header', ...(birth ? { birth } : {}) });

const table: Table = {
  columns: ['id', 'first', 'last', 'name', 'dob', 'joined', 'email', 'phone', 'address', 'house', 'town', 'postcode', 'zip', 'nino', 'score', 'notes', 'tier'],
  rows: [
    ['1', 'Mary Ann', "O'Brien", 'Dr John A Smith', '1980-02-29', '03/04/2010', 'Mary.Ann+news@Example.COM', '+44 20 7946 0958', '12 Hawkesbury Crescent, Flat 3', '12a', 'Leeds', 'sw1a 1aa', '90210', 'QQ 12 34 56 C', '1,234.5', 'likes tea tea', 'gold'],
    ['2', 'bob', 'Smith-Jones', 'Smith, Jane', '29021980', 'not a date', 'x@y', '020 7946 0958', 'Flat 3 12 Hawkesbury Cres', null, 'LEEDS', 'LS1 4AP', '902', null, 'n/a', 'the the', null],
    ['3', null, '', '   ', '1234', '1999', 'no-at-sign', '123', null, '7', null, 'not a postcode', null, '', '-0', null, 'silver'],
    ['4', 'Élodie', 'Müller', 'Prince', '12/31/1975', '2020-01-01T10:00:00Z', null, '+1 (415) 555-0100 ext 2', 'ΑΘΗΝΑ 10', '4-6', 'Köln', '50667', '02134-1234', 'AB123456C', '0', 'a  b', 'GOLD'],
  ],
};
const roles: ColumnRole[] = [
  role('id', 0, 'id'),
  role('first', 1, 'givenName'),
  role('last', 2, 'surname'),
  role('name', 3, 'fullName'),
  role('dob', 4, 'date', true),
  role('joined', 5, 'date'),
  role('email', 6, 'email'),
  role('phone', 7, 'phone'),
  role('address', 8, 'address'),
  role('house', 9, 'houseNumber'),
  role('town', 10, 'town'),
  role('postcode', 11, 'postcode'),
  role('zip', 12, 'postcode'),
  role('nino', 13, 'nationalId'),
  role('score', 14, 'numeric'),
  role('notes', 15, 'freeText'),
  role('tier', 16, 'categorical'),
];

/** Forms as stored (JSON text) and read back. */
const stored = (p: ReturnType<typeof standardise>) => Array.from({ length: p.n }, (_, i) => JSON.parse(JSON.stringify(recordForms(p, i))) as unknown[]);

describe('stored standardised forms', () => {
  it('rebuild every kind of column exactly as standardise() makes it', () => {
    const p = standardise(table, roles, { country: 'GB' });
    expect(p.columns.map((c) => c.kind)).toEqual(['name', 'name', 'name', 'name', 'date', 'date', 'email', 'phone', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text']);
    expect(preparedFromForms(p, stored(p))).toEqual(p);
  });

  it('rebuild a generated customer file, and the comparisons built on them agree level for level', () => {
    const synth = synthPeople(300, 11);
    const header = synth.table.columns;
    const synthRoles = header.map((column, index) => role(column, index, (({ customer_id: 'id', first_name: 'givenName', last_name: 'surname', date_of_birth: 'date', email: 'email', phone: 'phone', street: 'address', town: 'town', postcode: 'postcode' }) as Record<string, Role>)[column] ?? 'ignore', column === 'date_of_birth'));
    const p = standardise(synth.table, synthRoles);
    expect(p.columns.map((c) => c.kind)).toEqual(['name', 'name', 'date', 'email', 'phone', 'text', 'text', 'text']);
    const q = preparedFromForms(p, stored(p));
    expect(q).toEqual(p);
    const a = buildComparisons(p);
    const b = buildComparisons(q);
    for (let c = 0; c < a.length; c++) for (let i = 0; i < 60; i++) for (let j = i + 1; j < 60; j++) expect(b[c]!.level(i, j)).toBe(a[c]!.level(i, j));
  });

  it('rebuild a mix of records in any order (new records first, then stored ones)', () => {
    const p = standardise(table, roles);
    const order = [3, 1, 0, 2];
    const q = preparedFromForms(p, order.map((i) => recordForms(p, i)));
    const sub = standardise({ columns: table.columns, rows: order.map((i) => table.rows[i]!) }, roles);
    // dates: a column reads day- or month-first from all its values, so compare with the whole table's reading
    expect(q.columns.filter((c) => c.kind !== 'date')).toEqual(sub.columns.filter((c) => c.kind !== 'date'));
  });
});
