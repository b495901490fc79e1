import { describe, expect, it } from 'vitest';
import { HashSet64 } from '../../../engine/profile/hashset.js';
import { HyperLogLog } from '../../../engine/profile/hll.js';
import { MisraGries, ValueCounter, kthLargest } from '../../../engine/profile/topk.js';

describe('HyperLogLog', () => {
  it('estimates 100,000 distinct values within 3 %', () => {
    const h = new HyperLogLog(14);
    for (let i = 0; i < 100_000; i++) {
      h.add(`customer-${i}@example.com`);
      if (i % 3 === 0) h.add(`customer-${i}@example.com`); // repeats do not count
    }
    const e = h.estimate();
    expect(Math.abs(e - 100_000) / 100_000).toBeLessThan(0.03);
  });

  it('is near exact for small sets and counts across seeds of shapes of keys', () => {
    for (const n of [0, 1, 10, 1000, 20_000]) {
      const h = new HyperLogLog();
      for (let i = 0; i < n; i++) h.add(String(i));
      expect(Math.abs(h.estimate() - n)).toBeLessThanOrEqual(Math.max(1, n * 0.02));
    }
  });

  it('merges', () => {
    const a = new HyperLogLog();
    const b = new HyperLogLog();
    for (let i = 0; i < 50_000; i++) a.add(`a${i}`);
    for (let i = 0; i < 50_000; i++) b.add(`b${i}`);
    a.merge(b);
    expect(Math.abs(a.estimate() - 100_000) / 100_000).toBeLessThan(0.03);
  });
});

describe('frequent values', () => {
  it('Misra-Gries keeps heavy hitters with bounded under-counts', () => {
    const mg = new MisraGries(16);
    const truth = new Map<string, number>();
    let s = 7;
    for (let i = 0; i < 100_000; i++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      const v = i % 10 === 0 ? 'HEAVY' : i % 25 === 0 ? 'SECOND' : `u${s}`;
      truth.set(v, (truth.get(v) ?? 0) + 1);
      mg.add(v);
    }
    const top = mg.top(2);
    expect(top.map((t) => t.value)).toEqual(['HEAVY', 'SECOND']);
    for (const t of top) {
      expect(t.count).toBeLessThanOrEqual(truth.get(t.value)!);
      expect(t.count).toBeGreaterThanOrEqual(truth.get(t.value)! - mg.maxError);
    }
    expect(mg.maxError).toBeLessThanOrEqual(100_000 / 17);
  });

  it('ValueCounter is exact under its threshold and ties sort by value', () => {
    const c = new ValueCounter(10, 4);
    for (const v of ['b', 'a', 'c', 'a', 'b', 'a']) c.add(v);
    expect(c.exact).toBe(true);
    expect(c.distinct).toBe(3);
    expect(c.top(2)).toEqual([{ value: 'a', count: 3 }, { value: 'b', count: 2 }]);
    for (let i = 0; i < 20; i++) c.add(`x${i}`);
    expect(c.exact).toBe(false);
    expect(c.distinct).toBeNull();
    expect(c.top(1)[0]!.value).toBe('a');
  });

  it('kthLargest selects like a descending sort', () => {
    const a = Float64Array.from([5, 1, 9, 3, 3, 7, 2, 8]);
    const sorted = [...a].sort((x, y) => y - x);
    for (let k = 0; k < a.length; k++) expect(kthLargest(Float64Array.from(a), k)).toBe(sorted[k]);
  });
});

describe('HashSet64', () => {
  it('counts distinct keys exactly across growth', () => {
    const s = new HashSet64(4);
    let added = 0;
    for (let i = 0; i < 200_000; i++) if (s.add(`k${i % 150_000}`)) added++;
    expect(added).toBe(150_000);
    expect(s.size).toBe(150_000);
  });
});
