import { describe, expect, it } from 'vitest';
import { isFormulaLike, neutraliseForSpreadsheet } from '../../../engine/util/spreadsheet-safety.js';

describe('neutraliseForSpreadsheet', () => {
  it('prefixes a single quote to formula-like text', () => {
    expect(neutraliseForSpreadsheet('=HYPERLINK("http://evil","x")')).toBe(`'=HYPERLINK("http://evil","x")`);
    expect(neutraliseForSpreadsheet("=cmd|' /C calc'!A0")).toBe(`'=cmd|' /C calc'!A0`);
    expect(neutraliseForSpreadsheet('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(neutraliseForSpreadsheet('+44 20 7946 0000')).toBe(`'+44 20 7946 0000`);
    expect(neutraliseForSpreadsheet('-2+3')).toBe(`'-2+3`);
    expect(neutraliseForSpreadsheet('\t=1')).toBe(`'\t=1`);
  });

  it('leaves ordinary text, plain numbers and null alone', () => {
    expect(neutraliseForSpreadsheet('Ann')).toBe('Ann');
    expect(neutraliseForSpreadsheet('a=b')).toBe('a=b');
    expect(neutraliseForSpreadsheet('-12.5')).toBe('-12.5');
    expect(neutraliseForSpreadsheet('-12.5', { strict: true })).toBe(`'-12.5`);
    expect(neutraliseForSpreadsheet('')).toBe('');
    expect(neutraliseForSpreadsheet(null)).toBeNull();
    expect(isFormulaLike('=1')).toBe(true);
    expect(isFormulaLike('1=')).toBe(false);
  });
});
