// Numbers near the limits of a double: the summary stays finite (a histogram edge or a mean of
// ±1e308 used to overflow to Infinity / NaN and be stored as null).
import { describe, expect, it } from 'vitest';
import { ProfileReport } from '../../../engine/api/profile-types.js';
import { ColumnProfiler } from '../../../engine/profile/column.js';
import { PhoneValidator } from '../../../engine/standardize/phone-validator.js';

function profile(values: string[]) {
  const p = new ColumnProfiler({ name: 'n', position: 1, feeds: [], declared: true, phones: new PhoneValidator('GB'), monthFirst: false, exactLimit: 1000, topN: 5 });
  for (const v of values) p.add(v);
  return p.finish(values.length);
}

describe('numeric summary of huge values', () => {
  it('keeps edges and mean finite across the whole double range', () => {
    const big = `1${'0'.repeat(308)}`;
    const c = profile([big, `-${big}`, big]);
    expect(c.numeric).not.toBeNull();
    const n = c.numeric!;
    expect(Number.isFinite(n.mean)).toBe(true);
    expect(n.mean).toBeCloseTo(1e308 / 3, -300);
    for (const b of n.histogram) expect(Number.isFinite(b.from) && Number.isFinite(b.to)).toBe(true);
    expect(n.histogram[0]!.from).toBe(-1e308);
    expect(n.histogram.at(-1)!.to).toBe(1e308);
    expect(n.histogram.reduce((s, b) => s + b.count, 0)).toBe(3);
    // and the stored (JSON) form passes the contract's column schema
    expect(ProfileReport.shape.columns.element.safeParse(JSON.parse(JSON.stringify(c))).success).toBe(true);
  });

  it('a sum that overflows still gives the right mean', () => {
    const c = profile(['1e308', '1e308', '1e308']);
    expect(c.numeric!.mean).toBe(1e308);
  });

  it('ordinary numbers bin as before', () => {
    const c = profile(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']);
    const n = c.numeric!;
    expect(n.mean).toBe(6);
    expect(n.histogram[0]!.from).toBe(1);
    expect(n.histogram.at(-1)!.to).toBe(11);
    expect(n.histogram.reduce((s, b) => s + b.count, 0)).toBe(11);
  });
});
