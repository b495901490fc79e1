import { describe, expect, it } from 'vitest';
import { Featurizer, normalizeText, sparseCosine, tokenize } from '../../../engine/embed/featurize.js';

describe('featurizer', () => {
  it('lower-cases, folds accents and joins apostrophes', () => {
    expect(normalizeText('Ångström Müller ÆSIR Straße')).toBe('angstrom muller aesir strasse');
    expect(tokenize("O'Brien-Smith, 12 Rue d’Église")).toEqual(['obrien', 'smith', '12', 'rue', 'deglise']);
    expect(tokenize('')).toEqual([]);
    expect(tokenize('  ,, ')).toEqual([]);
  });

  it('is deterministic, sorted and unique per record', () => {
    const f = new Featurizer();
    const a = f.featurize(['John Smith', 'Acme Ltd, 1 Main St', 'john smith']);
    const b = new Featurizer().featurize(['John Smith', 'Acme Ltd, 1 Main St', 'john smith']);
    expect(Array.from(a.indices)).toEqual(Array.from(b.indices));
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
    for (let r = 0; r < 3; r++) {
      const s = a.offsets[r]!;
      const e = a.offsets[r + 1]!;
      for (let k = s + 1; k < e; k++) expect(a.indices[k]!).toBeGreaterThan(a.indices[k - 1]!);
    }
    // case-insensitive: record 0 and 2 featurise identically
    const r0 = Array.from(a.indices.subarray(a.offsets[0]!, a.offsets[1]!));
    const r2 = Array.from(a.indices.subarray(a.offsets[2]!, a.offsets[3]!));
    expect(r0).toEqual(r2);
  });

  it('accent-folded and plain spellings are identical; empty text has no features', () => {
    const f = new Featurizer();
    expect(sparseCosine(f.featurizeOne('José Müller'), f.featurizeOne('Jose Muller'))).toBeCloseTo(1, 6);
    expect(f.featurizeOne('').indices.length).toBe(0);
    expect(sparseCosine(f.featurizeOne(''), f.featurizeOne('x'))).toBe(0);
  });

  it('word order does not change the bag', () => {
    const f = new Featurizer();
    expect(sparseCosine(f.featurizeOne('John Smith'), f.featurizeOne('Smith, John'))).toBeCloseTo(1, 6);
  });

  it('caps very long texts at maxChars', () => {
    const f = new Featurizer({ maxChars: 50 });
    const long = 'abcdefghij '.repeat(1000);
    const b = f.featurize([long]);
    expect(b.offsets[1]).toBeGreaterThan(0);
    expect(b.offsets[1]).toBeLessThan(60);
  });

  it('rejects bad parameters', () => {
    expect(() => new Featurizer({ buckets: 1000 })).toThrow(/power of two/);
    expect(() => new Featurizer({ ngrams: [2, 3], ngramWeights: [1] })).toThrow(/same length/);
  });
});
