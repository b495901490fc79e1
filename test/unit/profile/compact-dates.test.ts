// FEBRL writes dates of birth as YYYYMMDD after a space (" 19560409"): they are valid dates, not
// 19-million integers; 8-digit ids that are not calendar dates stay integers.
import { describe, expect, it } from 'vitest';
import { ColumnProfiler } from '../../../engine/profile/column.js';
import { PhoneValidator } from '../../../engine/standardize/phone-validator.js';

function profile(name: string, values: string[], exactLimit = 1000) {
  const p = new ColumnProfiler({ name, position: 1, feeds: [], declared: true, phones: new PhoneValidator('GB'), monthFirst: false, exactLimit, topN: 5 });
  for (const v of values) p.add(v);
  return p.finish(values.length);
}

const febrl = [' 19560409', ' 19070923', ' 19811017', ' 19940729', '', ' 19010927', ' 19471027', ' 19960904', ' 19100830', ' 19260419'];

describe('YYYYMMDD columns', () => {
  it.each([1000, 2])('profile as valid dates with their format and range (exact limit %i)', (limit) => {
    const c = profile('date_of_birth', febrl, limit);
    expect(c.inferredType).toBe('date');
    expect(c.kinds.date).toBe(9);
    expect(c.kinds.integer).toBe(0);
    expect(c.validity.date?.validShare).toBe(1);
    expect(c.dates).toMatchObject({ count: 9, min: '1901-09-27', max: '1996-09-04' });
    expect(c.dates?.formats[0]).toMatchObject({ value: 'YYYYMMDD', count: 9 });
    expect(c.numeric).toBeNull();
  });

  it('keep 8-digit ids that are not calendar dates as integers', () => {
    const ids = ['10482213', '99120001', '55500123', '12345678', '80000001', '19561340', '20231232'];
    const c = profile('account', ids);
    expect(c.inferredType).toBe('integer');
    expect(c.dates).toBeNull();
    expect(c.numeric?.count).toBe(7);
  });
});
