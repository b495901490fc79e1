import { describe, expect, it } from 'vitest';
import { PhoneValidator } from '../../../engine/profile/phone.js';
import { piiFromHeader } from '../../../engine/profile/pii.js';
import { D, classify, isEmail, isoOfKey, nationalIdClass, parseDate, postcodeClass, shapeOf, toIsoDate } from '../../../engine/profile/values.js';

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

describe('dates', () => {
  const iso = (t: string) => (parseDate(t) === 0 ? null : isoOfKey(D.a));
  it('parses ISO, day-first, month-first and Oracle formats', () => {
    expect(iso('1980-12-25')).toBe('1980-12-25');
    expect(iso('1980-12-25T10:11:12Z')).toBe('1980-12-25');
    expect(iso('25/12/1980')).toBe('1980-12-25');
    expect(D.evidence).toBe(1);
    expect(iso('12/25/1980')).toBe('1980-12-25');
    expect(D.evidence).toBe(2);
    expect(iso('25.12.1980')).toBe('1980-12-25');
    expect(iso('12-JAN-85')).toBe('1985-01-12');
    expect(iso('12-JAN-15')).toBe('2015-01-12'); // RR: 00-49 → 20xx
    expect(iso('01-Feb-1999 10:00:00')).toBe('1999-02-01');
    expect(iso('3 March 2001')).toBe('2001-03-03');
    expect(iso('Mar 3, 2001')).toBe('2001-03-03');
    expect(iso('31/02/2000')).toBeNull();
    expect(iso('2021-02-29')).toBeNull();
    expect(iso('2020-02-29')).toBe('2020-02-29');
    expect(iso('hello')).toBeNull();
  });
  it('keeps both readings of ambiguous day/month dates', () => {
    expect(parseDate('03/04/1990')).toBe(2);
    expect([isoOfKey(D.a), isoOfKey(D.b)]).toEqual(['1990-04-03', '1990-03-04']);
    expect(parseDate('04/04/1990')).toBe(1);
    expect(toIsoDate('03/04/1990', true)).toBe('1990-03-04');
    expect(toIsoDate('03/04/1990', false)).toBe('1990-04-03');
  });
});

describe('kinds and syntax checks', () => {
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
  it('checks email syntax', () => {
    expect(['a@b.co', "o'brien+tag@mail.example.org", 'x.y@sub-domain.example.com'].map(isEmail)).toEqual([true, true, true]);
    expect(['a@b', 'a..b@c.com', '.a@b.com', 'a@-b.com', 'a b@c.com', '@b.com', 'a@b.c'].map(isEmail)).toEqual([false, false, false, false, false, false, false]);
  });
  it('classifies postcodes and national ids', () => {
    expect(['SW1A 1AA', 'M1 1AA', 'EC1A1BB', 'GIR 0AA', '90210', '12345-6789', '75008', 'K1A 0B1', '!!'].map(postcodeClass)).toEqual(['uk', 'uk', 'uk', 'uk', 'us', 'us', 'us', 'other', 'invalid']);
    expect(['AB123456C', 'AB 12 34 56 C', 'QQ123456C', '123-45-6789', '000-12-3456'].map(nationalIdClass)).toEqual(['nino', 'nino', null, 'ssn', null]);
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

describe('phone validity per template', () => {
  it('agrees with a full libphonenumber parse of every number', () => {
    const fast = new PhoneValidator('GB');
    const exact = new PhoneValidator('GB', true);
    let s = 12345;
    const r = (k: number) => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s % k;
    };
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    const numbers: string[] = [];
    for (let i = 0; i < 4000; i++) {
      const f = r(6);
      if (f === 0) numbers.push(`07${pad(r(1000), 3)} ${pad(r(1_000_000), 6)}`);
      else if (f === 1) numbers.push(`+44 ${7 + r(2)}${pad(r(1000), 3)} ${pad(r(1_000_000), 6)}`);
      else if (f === 2) numbers.push(`020 ${pad(r(10_000), 4)} ${pad(r(10_000), 4)}`);
      else if (f === 3) numbers.push(`+1 (${200 + r(800)}) ${pad(r(1000), 3)}-${pad(r(10_000), 4)}`);
      else if (f === 4) numbers.push(`01${pad(r(1000), 3)} ${pad(r(1_000_000), r(2) ? 6 : 5)}`);
      else numbers.push(`+${r(99) + 1} ${pad(r(100_000_000), 8)}`);
    }
    let agree = 0;
    for (const n of numbers) {
      const a = fast.check(n, true);
      const ea = fast.e164;
      const b = exact.check(n, true);
      if (a === b && ea === exact.e164) agree++;
      else console.log("MISMATCH", n, a, ea, b, exact.e164);
    }
    expect(agree).toBe(numbers.length);
    expect(fast.parses).toBeLessThan(exact.parses);
  });
});
