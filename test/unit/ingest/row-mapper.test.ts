// Import reads dates, names and value shapes by standardize's rules (the same as profile and search).
import { describe, expect, it } from 'vitest';
import { RowMapper } from '../../../engine/ingest/row-mapper.js';
import { suggestMapping } from '../../../engine/ingest/suggest.js';

describe('event dates at import', () => {
  const mapper = new RowMapper('events', ['KEY', 'AT'], { KEY: 'source_key', AT: 'at' }, 'order');
  const at = (v: string) => {
    const r = mapper.map(['C1', v]);
    return r.problem ? null : r.values.at;
  };

  it('stores ISO timestamps as written and other formats as ISO', () => {
    expect(at('2023-01-15 10:30:00')).toBe('2023-01-15T10:30:00');
    expect(at('15/01/2023 10:30')).toBe('2023-01-15T10:30:00');
    expect(at('20230115')).toBe('2023-01-15');
    expect(at('15-JAN-23')).toBe('2023-01-15');
  });

  // Before, "12/25/2023" was stored as "2023-25-12" and "2023-02-30" as written; DD-MON-YYYY and
  // PostgreSQL's "+00" zone were refused.
  it('takes the only valid reading, refuses impossible dates, reads more export formats', () => {
    expect(at('12/25/2023')).toBe('2023-12-25');
    expect(at('2023-02-30')).toBeNull();
    expect(mapper.map(['C1', '2023-02-30']).problem).toEqual({ column: 'AT', reason: '"2023-02-30" is not a date (use YYYY-MM-DD or DD/MM/YYYY)' });
    expect(at('15-JAN-2023')).toBe('2023-01-15');
    expect(at('2023-01-15 10:30:00+00')).toBe('2023-01-15T10:30:00+00:00');
  });
});

describe('whole names at import', () => {
  const mapper = new RowMapper('customers', ['NAME'], { NAME: 'full_name' }, undefined);
  it('splits at the first comma', () => {
    const v = mapper.map(['Smith, John, Jr']).values;
    expect([v.given_name, v.family_name, v.full_name]).toEqual(['John, Jr', 'Smith', 'Smith, John, Jr']);
  });
});

describe('mapping suggestions from values', () => {
  const guess = (values: string[]) => suggestMapping('customers', ['X'], values.map((v) => [v]))[0]!.attribute;
  it('suggests a date of birth only for values import reads as dates', () => {
    expect(guess(['19850312', '1999-12-31', '01/02/1970', '12-MAR-85'])).toBe('date_of_birth');
    expect(guess(['10234567', '55512345', '99999999'])).not.toBe('date_of_birth');
  });
  it('uses the same email, postcode and phone shapes as the rest of Aerie', () => {
    expect(guess(['ann@example.com', 'bob..x@mail.co', 'cy@example.org'])).toBe('email');
    expect(guess(['SW1A 1AA', 'GIR 0AA', 'M1  1AA'])).toBe('postcode');
    expect(guess(['07700 900123', '+44 20 7946 0958', '020/7946.0958'])).toBe('phone');
    expect(guess(['(((((((', '--------', '.......'])).toBeNull();
  });
});
