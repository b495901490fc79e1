// The cannot-link bookkeeping of an incremental run (engine/resolve/incremental-apart.ts): clusters
// holding the two records of a cannot-link conflict, and keep conflicting as they absorb others.
import { describe, expect, it } from 'vitest';
import { ApartSets } from '../../../engine/resolve/incremental-apart.js';

describe('ApartSets', () => {
  it('says which clusters must stay apart, through joins', () => {
    const s = new ApartSets([
      [1, 2],
      [3, 4],
    ]);
    expect(s.empty).toBe(false);
    expect(s.records().sort()).toEqual([1, 2, 3, 4]);
    s.mark('E1', 1);
    s.mark('E2', 2);
    s.mark('E3', 3);
    s.mark('#0', 4);
    s.mark('E9', 99); // named by no cannot-link: not held
    expect(s.holds('E9').size).toBe(0);
    expect(s.conflicts(s.holds('E1'), 'E2')).toBe(true);
    expect(s.conflicts(s.holds('E2'), 'E1')).toBe(true);
    expect(s.conflicts(s.holds('E1'), 'E3')).toBe(false);
    // a group of new records holding 4 joins E1: E1 now conflicts with E3 too, and still with E2
    s.join('E1', '#0');
    expect(s.holds('#0').size).toBe(0);
    expect(s.conflicts(s.holds('E1'), 'E3')).toBe(true);
    expect(s.conflicts(s.holds('E1'), 'E2')).toBe(true);
    expect(s.conflicts(new Set(), 'E2')).toBe(false);
    expect(new ApartSets([]).empty).toBe(true);
  });
});
