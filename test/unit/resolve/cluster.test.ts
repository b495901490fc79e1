// Clustering guards: a chain of one weak link does not join two groups; household members stay apart.
import { describe, expect, it } from 'vitest';
import { averageLinkage, cluster, householdGuard } from '../../../engine/resolve/cluster.js';

function run(n: number, edges: [number, number, number][], others = 0.01, cannotLink?: (i: number, j: number) => boolean) {
  const key = (i: number, j: number) => `${Math.min(i, j)},${Math.max(i, j)}`;
  const p = new Map(edges.map(([i, j, x]) => [key(i, j), x]));
  return cluster({
    n,
    a: Int32Array.from(edges.map((e) => e[0])),
    b: Int32Array.from(edges.map((e) => e[1])),
    probability: Float64Array.from(edges.map((e) => e[2])),
    threshold: 0.5,
    pairProbability: (i, j) => p.get(key(i, j)) ?? others,
    cannotLink,
  });
}

describe('clustering', () => {
  it('connected components at the threshold', () => {
    const r = run(5, [[0, 1, 0.99], [1, 2, 0.9], [0, 2, 0.7], [3, 4, 0.4]]);
    expect(Array.from(r.entity)).toEqual([0, 0, 0, 1, 2]);
  });

  it('a single weak link between two tight groups does not chain them', () => {
    // 0-1-2 and 3-4-5 are tight; 2-3 just passes the threshold; every other cross pair is unlikely
    const r = run(6, [[0, 1, 0.99], [1, 2, 0.99], [0, 2, 0.98], [3, 4, 0.99], [4, 5, 0.99], [3, 5, 0.97], [2, 3, 0.6]]);
    expect(new Set(r.entity.slice(0, 3)).size).toBe(1);
    expect(new Set(r.entity.slice(3)).size).toBe(1);
    expect(r.entity[0]).not.toBe(r.entity[3]);
    expect(r.split).toBe(1);
  });

  it('keeps a record whose link to one member is weak but to the rest strong', () => {
    const groups = averageLinkage([0, 1, 2], (i, j) => (i + j === 2 ? 0.3 : 0.99), 0.5);
    expect(groups).toHaveLength(1);
  });

  it('never merges a cannot-link pair, whatever the links', () => {
    const r = run(3, [[0, 1, 0.99], [1, 2, 0.99], [0, 2, 0.99]], 0.01, (i, j) => (i === 0 && j === 2) || (i === 2 && j === 0));
    expect(r.entity[0]).not.toBe(r.entity[2]);
    expect(r.householdGuards).toBeGreaterThan(0);
  });

  it('household guard: same surname and address, other given name and birth date, nothing personal shared', () => {
    // comparisons: 0 given, 1 surname, 2 birth date, 3 street, 4 email; levels as the pair table says
    const levels: Record<string, number[]> = {
      '0,1': [5, 0, 4, 0, -1], // a household: different given name and birth date
      '0,2': [5, 0, 4, 0, 0], // same e-mail: one person with a mistyped given name and date
      '0,3': [0, 0, 4, 0, -1], // same given name: not the household case
      '0,4': [5, 0, -1, 0, -1], // birth date missing: cannot tell
    };
    const guard = householdGuard((c, i, j) => levels[`${i},${j}`]![c]!, { given: 0, surname: 1, birth: 2, address: [3], personal: [4] }, (c) => (c === 0 ? 5 : 3))!;
    expect(guard(0, 1)).toBe(true);
    expect(guard(0, 2)).toBe(false);
    expect(guard(0, 3)).toBe(false);
    expect(guard(0, 4)).toBe(false);
    expect(householdGuard(() => 0, null, () => 3)).toBeUndefined();
  });
});
