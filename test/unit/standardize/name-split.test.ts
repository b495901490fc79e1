// Whole names split as their conventions say (issue 16, item 6); the original is kept as written.
import { describe, expect, it } from 'vitest';
import { splitNameAsWritten } from '../../../engine/standardize/name-split.js';

const split = (s: string) => {
  const r = splitNameAsWritten(s);
  return [r.given, r.family];
};

describe('names split as written', () => {
  it('keeps two Spanish and Portuguese surnames together', () => {
    expect(split('María-José Carreño Quiñones')).toEqual(['María-José', 'Carreño Quiñones']);
    expect(split('Gabriel García Márquez')).toEqual(['Gabriel', 'García Márquez']);
    expect(split('Ana Paula Fernandes Souza')).toEqual(['Ana Paula', 'Fernandes Souza']);
    expect(split('Juan de la Cruz')).toEqual(['Juan', 'de la Cruz']);
  });

  it('puts the family name first for CJK names', () => {
    expect(split('王小明')).toEqual(['小明', '王']);
    expect(split('王 小明')).toEqual(['小明', '王']);
    expect(split('김민준')).toEqual(['민준', '김']);
    expect(split('山田太郎')).toEqual(['太郎', '山田']);
  });

  it('keeps particles with the surname and the usual cases as before', () => {
    expect(split('Ludwig van Beethoven')).toEqual(['Ludwig', 'van Beethoven']);
    expect(split('John A Smith')).toEqual(['John A', 'Smith']);
    expect(split('John James Smith')).toEqual(['John James', 'Smith']);
    expect(split('José Luis Rodríguez')).toEqual(['José Luis', 'Rodríguez']);
    expect(split('Marie Hélène Dupont')).toEqual(['Marie Hélène', 'Dupont']);
    expect(split('Smith, John')).toEqual(['John', 'Smith']);
    expect(split('Madonna')).toEqual([null, 'Madonna']);
  });
});
