// The shared formatters follow the locale: grouping, decimal mark, percent sign and date order
// change with it, while the machine formats (SVG, ISO days, filter syntax) never do.
import { afterEach, describe, expect, it } from 'vitest';
import {
  filterNum, fmtBytes, fmtDateTime, fmtDay, fmtDecimal, fmtDuration, fmtFixed, fmtInt, fmtMinus, fmtMoney, fmtNumber,
  fmtPercent, fmtPoints, fmtSci, fmtShare, fmtSig, fmtSigned, isoDay, setLocale, svgNum,
} from '../../../renderer/components/format.js';

// ICU puts a no-break space (U+00A0 or U+202F) before "%" and "$" in German: compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

afterEach(() => setLocale(undefined));

describe('format in en-US', () => {
  it('groups with commas and uses a decimal point', () => {
    setLocale('en-US');
    expect(fmtInt(1234567)).toBe('1,234,567');
    expect(fmtInt(null)).toBe('–');
    expect(fmtFixed(undefined, 2)).toBe('–'); // a missing figure is a dash, never "NaN"
    expect(fmtPercent(Number.NaN)).toBe('–');
    expect(fmtFixed(1234.5, 2)).toBe('1,234.50');
    expect(fmtFixed(0.8123, 3)).toBe('0.812');
    expect(fmtDecimal(1234.56789, 4)).toBe('1,234.5679');
    expect(fmtNumber(19560409)).toBe('1.96e+7');
    expect(fmtNumber(0.25)).toBe('0.25');
    expect(fmtSci(-0.000123, 2)).toBe('−1.23e-4');
    expect(fmtSig(0.012345, 3)).toBe('0.0123');
    expect(fmtSig(0.5, 3)).toBe('0.500');
    expect(fmtSig(1.234e-9, 3)).toBe('1.23e-9');
  });
  it('signs, shares and percentages', () => {
    setLocale('en-US');
    expect(fmtSigned(0.25, 2)).toBe('+0.25');
    expect(fmtSigned(-0.25, 2)).toBe('−0.25');
    expect(fmtMinus(-1.5, 2)).toBe('−1.50');
    expect(fmtMinus(-0.001, 2)).toBe('0.00'); // no "−0.00"
    expect(fmtPercent(0.125, 1)).toBe('12.5%');
    expect(fmtPercent(0.8, 0)).toBe('80%');
    expect(fmtShare(0.12)).toBe('12%');
    expect(fmtShare(0.125)).toBe('12.5%');
    expect(fmtShare(0.0004)).toBe('<0.1%');
    expect(fmtPoints(0.0125)).toBe('+1.25 pts');
    expect(fmtMoney(-1234.4)).toBe('−$1,234');
  });
  it('sizes, durations and dates', () => {
    setLocale('en-US');
    expect(fmtBytes(512)).toBe('512 B');
    expect(fmtBytes(1536)).toBe('1.5 KB');
    expect(fmtBytes(1000 * 1024 * 1024)).toBe('1,000 MB');
    expect(fmtDuration(42)).toBe('42s');
    expect(fmtDuration(185)).toBe('3m 5s');
    expect(fmtDuration(7800)).toBe('2h 10m');
    expect(fmtDay('2026-12-06')).toBe('Dec 6, 2026');
    expect(fmtDay('not a day')).toBe('not a day');
    expect(fmtDateTime('2026-12-06T12:00:00Z')).toMatch(/^Dec \d{1,2}, 2026, \d{2}:\d{2}( [AP]M)?$/);
  });
});

describe('format in de-DE', () => {
  it('groups with points and uses a decimal comma', () => {
    setLocale('de-DE');
    expect(fmtInt(1234567)).toBe('1.234.567');
    expect(fmtFixed(1234.5, 2)).toBe('1.234,50');
    expect(fmtFixed(0.8123, 3)).toBe('0,812');
    expect(fmtDecimal(1234.56789, 4)).toBe('1.234,5679');
    expect(fmtNumber(19560409)).toBe('1,96e+7');
    expect(fmtSig(0.012345, 3)).toBe('0,0123');
    expect(fmtSigned(-0.25, 2)).toBe('−0,25');
  });
  it('percentages, money, sizes and dates the German way', () => {
    setLocale('de-DE');
    expect(plain(fmtPercent(0.125, 1))).toBe('12,5 %');
    expect(plain(fmtShare(0.0004))).toBe('<0,1 %');
    expect(plain(fmtMoney(1234))).toBe('1.234 $');
    expect(fmtBytes(1536)).toBe('1,5 KB');
    expect(fmtPoints(-0.0125)).toBe('−1,25 pts');
    expect(fmtDay('2026-12-06')).toBe('6. Dez. 2026');
    expect(fmtDateTime('2026-12-06T12:00:00Z')).toMatch(/^\d{1,2}\. Dez\. 2026, \d{2}:\d{2}$/);
  });
  it('keeps machine formats out of the locale', () => {
    setLocale('de-DE');
    expect(svgNum(12.345)).toBe('12.3');
    expect(isoDay(Date.UTC(2026, 11, 6, 23, 30))).toBe('2026-12-06');
    expect(filterNum(1234.5678901)).toBe('1234.57');
  });
});
