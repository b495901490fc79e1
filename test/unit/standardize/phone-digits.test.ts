// Phone numbers by their digits: shape, digit keys, a number inside free text.
import { describe, expect, it } from 'vitest';
import { looksLikePhone, normalizePhone, phoneDigits, phoneInText, phoneKey } from '../../../engine/standardize/phone-digits.js';

describe('phone digits', () => {
  it('normalises and keys', () => {
    expect(normalizePhone('+44 7700 900123')).toBe('07700900123');
    expect(phoneKey('07700 900123')).toBe('700900123');
    expect(phoneKey('+44 (0)7700-900123')).toBe('700900123');
    expect(phoneKey('0044 7700 900123')).toBe('700900123');
    expect(phoneKey('123')).toBeNull();
    expect(phoneDigits('+44 (0) 20-7946')).toBe('440207946');
  });

  // The mapping suggester's own pattern took any run of 7+ brackets, dots and dashes for a phone.
  it('tells a phone number by shape: 7-17 digits with + ( ) - . / and spaces', () => {
    expect(['07700 900123', '+44 20 7946 0958', '(212) 555-0199', '020/7946.0958'].map(looksLikePhone)).toEqual([true, true, true, true]);
    expect(['(((((((', '--------', '123456', '07700 900123 ext 4', '1'.repeat(18)].map(looksLikePhone)).toEqual([false, false, false, false, false]);
  });

  it('finds a number in free text', () => {
    expect(phoneInText('smith 07700 900123 leeds')).toBe('07700 900123');
    expect(phoneInText('call +44 (20) 7946-0958')).toBe('+44 (20) 7946-0958');
    expect(phoneInText('order 0123')).toBeNull();
  });
});
