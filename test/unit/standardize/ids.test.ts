import { describe, expect, it } from 'vitest';
import { nationalIdClass, normalizeId } from '../../../engine/standardize/ids.js';

describe('identifiers', () => {
  it('normalises keys and classifies national ids', () => {
    expect(normalizeId(' acc/00-12 ')).toBe('ACC0012');
    expect(normalizeId('--')).toBeNull();
    expect(['AB123456C', 'AB 12 34 56 C', 'QQ123456C', '123-45-6789', '000-12-3456'].map(nationalIdClass)).toEqual(['nino', 'nino', null, 'ssn', null]);
  });
});
