// Several columns may feed one attribute (FEBRL: street_number, address_1, address_2 → address
// line): text attributes join in file order, one-value attributes take the first non-empty.
import { describe, expect, it } from 'vitest';
import { combineParts } from '../../../engine/api/mapping-combine.js';
import { RowMapper } from '../../../engine/ingest/row-mapper.js';

describe('several columns feeding one attribute', () => {
  // the mapping lists address_2 first: file order decides, not the mapping's key order
  const mapper = new RowMapper('customers', ['street_number', 'address_1', 'address_2', 'home_phone', 'mobile'], { address_2: 'address_line', street_number: 'address_line', address_1: 'address_line', home_phone: 'phone', mobile: 'phone' }, undefined);

  it('join an address in file order, the house number with a space', () => {
    const v = mapper.map(['12', 'hawkesbury crescent', 'trito n units', '', '07700 900123']).values;
    expect(v.address_line).toBe('12 hawkesbury crescent, trito n units');
    expect(v.phone).toBe('07700 900123');
  });

  it('skip blank parts and take the first non-empty phone', () => {
    const v = mapper.map(['', ' main road ', '', '020 7946 0958', '07700 900123']).values;
    expect(v.address_line).toBe('main road');
    expect(v.phone).toBe('020 7946 0958');
  });

  it('combine as the contract says, so the wizard can show the result', () => {
    expect(combineParts('address_line', ['4/12', 'high st', 'leeds'])).toBe('4/12 high st, leeds');
    expect(combineParts('given_name', ['Mary', 'Ann'])).toBe('Mary Ann');
    expect(combineParts('email', ['a@example.com', 'b@example.com'])).toBe('a@example.com');
    expect(combineParts('notes', [])).toBeNull();
  });
});
