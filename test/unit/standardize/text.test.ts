// One tokenizer for search terms, name and address tokens and the embedding featuriser.
import { describe, expect, it } from 'vitest';
import { nameTokens } from '../../../engine/standardize/contact.js';
import { normalizeText, tokenize, words } from '../../../engine/standardize/text.js';

describe('text', () => {
  it('lower-cases, folds accents and joins apostrophes', () => {
    expect(normalizeText('Ångström Müller ÆSIR Straße')).toBe('angstrom muller aesir strasse');
    expect(tokenize("O'Brien-Smith, 12 Rue d’Église")).toEqual(['obrien', 'smith', '12', 'rue', 'deglise']);
    expect(words(null)).toEqual([]);
    expect(words('  ,, ')).toEqual([]);
    expect(nameTokens("O'Brien-Smith, Ann")).toEqual(['obrien', 'smith', 'ann']);
  });

  // Search had its own word splitter: it split "O`Brien" at the backtick (the featuriser and the
  // name tokens joined it) and dropped letters outside the Basic Multilingual Plane.
  it('is the same tokenizer for search and for names', () => {
    expect(words('O`Brien')).toEqual(['obrien']);
    expect(words('O`Brien')).toEqual(tokenize('O`Brien'));
    expect(words('𠀀李 Ann')).toEqual(['𠀀李', 'ann']);
  });
});
