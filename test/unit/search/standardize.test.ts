// Normalisation, phonetic codes and string similarities used by search and matching.
import { describe, expect, it } from 'vitest';
import { jaro, jaroWinkler, levenshtein, normalizeEmail, normalizePhone, normalizePostcode, nysiis, phoneKey, postcodeOutward, soundex } from '../../../engine/standardize/index.js';
import { parseQuery } from '../../../engine/search/query.js';

describe('similarity', () => {
  it('Jaro and Jaro-Winkler match the published examples', () => {
    expect(jaro('martha', 'marhta')).toBeCloseTo(0.944, 3);
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.813, 3);
    expect(jaroWinkler('abc', 'abc')).toBe(1);
    expect(jaroWinkler('', 'abc')).toBe(0);
  });
  it('Levenshtein, bounded', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('kitten', 'sitting', 1)).toBe(2);
  });
});

describe('phonetic codes', () => {
  it('NYSIIS', () => {
    expect(nysiis('Macintosh')).toBe('MCANT');
    expect(nysiis('Knight')).toBe('NAGT');
    expect(nysiis('Mitchell')).toBe('MATCAL');
    expect(nysiis('Brown')).toBe(nysiis('Braun'));
    expect(nysiis('Smith')).toBe('SNAT');
    expect(nysiis('Schmidt')).toBe('SNAD');
    expect(nysiis('')).toBe('');
  });
  it('Soundex', () => {
    expect(soundex('Robert')).toBe('R163');
    expect(soundex('Rupert')).toBe('R163');
    expect(soundex('Ashcraft')).toBe('A261');
    expect(soundex('Tymczak')).toBe('T522');
    expect(soundex('Pfister')).toBe('P236');
  });
});

describe('contact normalisation', () => {
  it('emails, phones, postcodes', () => {
    expect(normalizeEmail(' Ann.Smith@Example.COM ')).toBe('ann.smith@example.com');
    expect(normalizeEmail('bob at example dot com')).toBe('bob@example.com');
    expect(normalizeEmail('not an email')).toBeNull();
    expect(normalizePhone('+44 7700 900123')).toBe('07700900123');
    expect(phoneKey('07700 900123')).toBe(phoneKey('+44 (0)7700-900123') === null ? null : '700900123');
    expect(phoneKey('0044 7700 900123')).toBe('700900123');
    expect(normalizePostcode('sw1a 1aa')).toBe('SW1A1AA');
    expect(postcodeOutward('SW1A1AA')).toBe('SW1A');
    expect(postcodeOutward('4223')).toBe('4223');
  });
});

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
