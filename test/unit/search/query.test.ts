// Query parsing: fielded parts, contact values recognised in free text, free words.
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../engine/search/query.js';

describe('query parsing', () => {
  it('fielded parts, recognised contacts and free text', () => {
    const p = parseQuery('name:ann smith city:leeds');
    expect(p.fields).toMatchObject({ name: 'ann smith', city: 'leeds' });
    expect(p.free).toEqual([]);
    const q = parseQuery('smith ann.smith@example.com 07700 900123 SW1A 1AA');
    expect(q.email).toBe('ann.smith@example.com');
    expect(q.phone).toBe('700900123');
    expect(q.postcode).toBe('SW1A1AA');
    expect(q.free).toEqual(['smith']);
    expect(parseQuery('email:ann.smith@gmial').email).toBe('ann.smith@gmial');
    expect(parseQuery('smi').openEnd).toBe(true);
    expect(parseQuery('smith ').openEnd).toBe(false);
  });
});

describe('dates of birth in queries', () => {
  // search read "12/25/1985" day-first without a calendar check (19852512) and took any eight
  // digits in free text for a date of birth
  it('read dates by the same rules as import and profile', () => {
    expect(parseQuery('dob:12/25/1985').dob).toBe('19851225');
    expect(parseQuery('dob:12-MAR-85').dob).toBe('19850312');
    expect(parseQuery('ann smith 19850312').dob).toBe('19850312');
    expect(parseQuery('ann smith 12345678').dob).toBeNull();
  });
});

describe('dates typed in free text', () => {
  it('read 1956-04-09, 09/04/1956 and 9-APR-56 as a date of birth, not three numbers', async () => {
    const { parseQuery } = await import('../../../engine/search/query.js');
    for (const q of ['1956-04-09', 'kluske 09/04/1956', '9-APR-56 kluske']) {
      const p = parseQuery(q);
      expect(p.dob, q).toBe('19560409');
      expect(p.free.some((t) => /\d/.test(t)), q).toBe(false);
    }
    expect(parseQuery('ann 12345678').dob).toBeNull();
  });
});
