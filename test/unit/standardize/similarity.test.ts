// String similarities and phonetic codes used by search and matching.
import { describe, expect, it } from 'vitest';
import { jaro, jaroWinkler, levenshtein, nysiis, soundex } from '../../../engine/standardize/index.js';

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
