import { describe, expect, it } from 'vitest';
import { splitNameAsWritten } from '../../../engine/standardize/name-split.js';

describe('splitNameAsWritten', () => {
  it('splits at the comma or before the last word, keeping what was written', () => {
    expect(splitNameAsWritten('Smith, John')).toEqual({ given: 'John', family: 'Smith' });
    expect(splitNameAsWritten('John A  Smith')).toEqual({ given: 'John A', family: 'Smith' });
    expect(splitNameAsWritten(' Madonna ')).toEqual({ given: null, family: 'Madonna' });
    expect(splitNameAsWritten('Smith,')).toEqual({ given: null, family: 'Smith' });
  });

  // A second comma made the import split at spaces instead: given "Smith, John,", family "Jr".
  it('splits at the first comma when there are several', () => {
    expect(splitNameAsWritten('Smith, John, Jr')).toEqual({ given: 'John, Jr', family: 'Smith' });
  });
});
