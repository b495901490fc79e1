import { describe, expect, it } from 'vitest';
import { GrowList, PairSet } from '../../../engine/resolve/pair-set.js';

describe('PairSet', () => {
  it('keeps each pair once, past the 2^24 entries a JS Set holds', () => {
    // i·n + j keys beyond 2^32 (n = 1M) and more pairs than a Set of numbers can take
    const n = 1_000_000;
    const s = new PairSet(n);
    const count = (1 << 24) + 1000;
    let added = 0;
    for (let k = 0; k < count; k++) if (s.add(k % 4099, n - 1 - (k % 1_000_003))) added++;
    // the pairs (k mod 4099, n−1−(k mod 1,000,003)) repeat only after lcm(4099, 1,000,003) > count
    expect(added).toBe(count);
    expect(s.size).toBe(count);
    expect(s.add(0, n - 1)).toBe(false);
    expect(s.add(1, n - 1)).toBe(true);
  }, 60_000);

  it('tells (i, j) from (j, i) and from pairs that share a hash slot', () => {
    const s = new PairSet(10, 1);
    expect(s.add(1, 2)).toBe(true);
    expect(s.add(2, 1)).toBe(true);
    expect(s.add(1, 2)).toBe(false);
    for (let i = 0; i < 10; i++) for (let j = 0; j < 10; j++) s.add(i, j);
    expect(s.size).toBe(100);
  });
});

describe('GrowList', () => {
  it('keeps the pushed values in order as it grows', () => {
    const l = new GrowList((k) => new Int32Array(k), 2);
    for (let k = 0; k < 5000; k++) l.push(k * 3);
    const a = l.toArray();
    expect(a.length).toBe(5000);
    expect(a[4999]).toBe(4999 * 3);
    expect(a[0]).toBe(0);
  });
});
