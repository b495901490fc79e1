// Postcodes: format classes, shape, a UK postcode in free text, compact and outward forms.
import { describe, expect, it } from 'vitest';
import { looksLikePostcode, normalizePostcode, postcodeClass, postcodeOutward, ukPostcodeInText } from '../../../engine/standardize/postcode.js';

describe('postcodes', () => {
  it('classifies formats', () => {
    expect(['SW1A 1AA', 'M1 1AA', 'EC1A1BB', 'GIR 0AA', '90210', '12345-6789', '75008', 'K1A 0B1', '!!'].map(postcodeClass)).toEqual(['uk', 'uk', 'uk', 'uk', 'us', 'us', 'us', 'other', 'invalid']);
  });

  // The mapping suggester had its own pattern: it missed GIR 0AA and took 1234-5678 for a postcode.
  it('tells a postcode column by shape, with the same UK rule as the profiler', () => {
    expect(['SW1A 1AA', 'sw1a1aa', 'SW1A   1AA', ' M1 1AA ', 'GIR 0AA', '90210', '90210-1234', '2000'].map(looksLikePostcode)).toEqual([true, true, true, true, true, true, true, true]);
    expect(['1234-5678', 'SW1A', '123', 'hello', '123456'].map(looksLikePostcode)).toEqual([false, false, false, false, false]);
  });

  it('finds a UK postcode in free text', () => {
    expect(ukPostcodeInText('ann smith sw1a 1aa leeds')).toEqual({ text: 'sw1a 1aa', postcode: 'SW1A 1AA' });
    expect(ukPostcodeInText('LS11AB')).toEqual({ text: 'LS11AB', postcode: 'LS1 1AB' });
    expect(ukPostcodeInText('ann smith')).toBeNull();
  });

  it('normalises', () => {
    expect(normalizePostcode('sw1a 1aa')).toBe('SW1A1AA');
    expect(normalizePostcode(' - ')).toBeNull();
    expect(postcodeOutward('SW1A1AA')).toBe('SW1A');
    expect(postcodeOutward('4223')).toBe('4223');
  });
});
