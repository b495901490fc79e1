import { describe, expect, it } from 'vitest';
import { piiFromHeader } from '../../../engine/profile/pii.js';
import { classify, shapeOf } from '../../../engine/profile/values.js';

describe('shapes', () => {
  it('maps classes and collapses runs longer than four', () => {
    expect(shapeOf('John 123')).toBe('Aaaa 999');
    expect(shapeOf('Smith')).toBe('Aaaaa');
    expect(shapeOf('Jonathan')).toBe('Aa+');
    expect(shapeOf('07700 900123')).toBe('9+ 9+');
    expect(shapeOf('SW1A 1AA')).toBe('AA9A 9AA');
    expect(shapeOf('john.smith@example.com')).toBe('aaaa.a+@a+.aaa');
    expect(shapeOf('Zoë Ångström')).toBe('Aaa Aa+');
    expect(shapeOf('a\tb')).toBe('a a');
    expect(shapeOf('x'.repeat(3) + '-'.repeat(50))).toBe('aaa-+');
    expect(shapeOf('a1'.repeat(50)).endsWith('…')).toBe(true);
  });
});

describe('kinds', () => {
  it('classifies values', () => {
    const k = (v: string) => classify(v);
    expect(['yes', 'N', 'true'].map(k)).toEqual(['boolean', 'boolean', 'boolean']);
    expect(['42', '-7', '007'].map(k)).toEqual(['integer', 'integer', 'integer']);
    expect(['3.14', '1,234.50', '1e5', '.5'].map(k)).toEqual(['decimal', 'decimal', 'decimal', 'decimal']);
    expect(['2020-01-01', '12-JAN-85'].map(k)).toEqual(['date', 'date']);
    expect(k('a.b@example.co.uk')).toBe('email');
    expect(['07700900123', '+44 20 7946 0958', '(212) 555-0199'].map(k)).toEqual(['phone', 'phone', 'phone']);
    expect(['hello world', 'a@b', 'SW1A 1AA'].map(k)).toEqual(['text', 'text', 'text']);
  });
});

describe('PII from headers', () => {
  it('reads header names', () => {
    const h = (n: string) => piiFromHeader(n);
    expect(['First Name', 'SURNAME', 'ContactName', 'E-mail', 'emailAddress', 'Mobile No', 'Tel', 'DOB', 'DateOfBirth', 'Post Code', 'Address Line 1', 'NI Number', 'SSN', 'Notes', 'Company Name', 'Country', 'Score'].map(h)).toEqual([
      'name', 'name', 'name', 'email', 'email', 'phone', 'phone', 'date_of_birth', 'date_of_birth', 'address', 'address', 'national_id', 'national_id', 'free_text', null, null, null,
    ]);
  });
});
