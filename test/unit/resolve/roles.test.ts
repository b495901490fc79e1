// Column roles from headers and values: the header proposes, the values confirm or overrule.
import { describe, expect, it } from 'vitest';
import { inferRoles } from '../../../engine/resolve/roles.js';
import type { Table } from '../../../engine/resolve/types.js';

const roleMap = (t: Table, opts: Parameters<typeof inferRoles>[1] = {}) => Object.fromEntries(inferRoles(t, opts).map((r) => [r.column, r.role]));
const table = (columns: string[], rows: (string | null)[][]): Table => ({ columns, rows });

describe('column roles', () => {
  it('reads the FEBRL headers', () => {
    const t = table(
      ['rec_id', 'given_name', 'surname', 'street_number', 'address_1', 'address_2', 'suburb', 'postcode', 'state', 'date_of_birth', 'soc_sec_id'],
      [
        ['rec-1-org', 'mitchell', 'green', '7', 'wallaby place', 'delmar', 'cleveland', '2119', 'sa', '19560409', '1804974'],
        ['rec-1-dup-0', 'mitchel', 'green', '7', 'wallaby pl', 'delmar', 'cleveland', '2119', 'sa', '19560409', '1804974'],
        ['rec-2-org', 'harley', 'mccarthy', '177', 'pridham street', 'milton', 'marsden', '3165', 'nsw', '19080419', '6089216'],
      ],
    );
    expect(roleMap(t, { id: 'rec_id' })).toEqual({
      rec_id: 'id', given_name: 'givenName', surname: 'surname', street_number: 'houseNumber', address_1: 'address', address_2: 'address',
      suburb: 'town', postcode: 'postcode', state: 'categorical', date_of_birth: 'date', soc_sec_id: 'nationalId',
    });
    expect(inferRoles(t).find((r) => r.column === 'date_of_birth')!.birth).toBe(true);
  });

  it('--ignore columns take no part, and a column of distinct values is a row key', () => {
    const t = table(['unique_id', 'first_name', 'cluster'], [['0', 'Robert', '0'], ['1', 'Rob', '0'], ['2', 'Grace', '1']]);
    expect(roleMap(t, { ignore: ['cluster'] })).toEqual({ unique_id: 'id', first_name: 'givenName', cluster: 'ignore' });
  });

  it('reads columns whose headers say nothing from their values', () => {
    const rows = Array.from({ length: 40 }, (_, i) => [`person${i}@example.com`, `1985-03-${String((i % 28) + 1).padStart(2, '0')}`, `+44 7700 9${String(i).padStart(5, '0')}`, i % 2 ? 'A' : 'B']);
    expect(roleMap(table(['COLUMN_1', 'COLUMN_2', 'COLUMN_3', 'COLUMN_4'], rows))).toEqual({ COLUMN_1: 'email', COLUMN_2: 'date', COLUMN_3: 'phone', COLUMN_4: 'categorical' });
  });

  it('lets the values overrule a misleading header', () => {
    const rows = Array.from({ length: 60 }, (_, i) => [`A study of entity resolution method ${i} at scale`, i % 3 ? 'Y' : 'N', `Acme Holdings ${i} Ltd`]);
    const roles = roleMap(table(['title', 'opt_in_email', 'company_name'], rows));
    expect(roles.title).toBe('freeText'); // paper titles, not Mr/Mrs
    expect(roles.opt_in_email).toBe('categorical'); // Y/N flags, not addresses
    expect(roles.company_name).toBe('freeText'); // an organisation, never split into given/family
  });

  it('takes a lone date as a birth date only when it looks like one', () => {
    const dob = table(['when'], Array.from({ length: 20 }, (_, i) => [`1970-01-${String(i + 1).padStart(2, '0')}`]));
    const signup = table(['signup_date'], Array.from({ length: 20 }, (_, i) => [`1970-01-${String(i + 1).padStart(2, '0')}`]));
    const recent = table(['when'], Array.from({ length: 20 }, (_, i) => [`2024-01-${String(i + 1).padStart(2, '0')}`]));
    expect(inferRoles(dob)[0]!.birth).toBe(true);
    expect(inferRoles(signup)[0]!.birth).toBeUndefined();
    expect(inferRoles(recent)[0]!.birth).toBeUndefined();
  });

  it('splits nothing when a header names both name parts: the column is a whole name', () => {
    const t = table(['first_and_surname'], [['John Smith'], ['Mary Jones'], ['Ann Lee']]);
    expect(roleMap(t)).toEqual({ first_and_surname: 'fullName' });
  });
});
