// Average linkage with per-group best partners gives exactly the groups of the plain O(k³) scan
// (kept here as the reference), ties and cannot-links included; cluster() asks for the scores of
// pairs only inside components it splits.
import { describe, expect, it } from 'vitest';
import { averageLinkage, cluster } from '../../../engine/resolve/cluster.js';
import { lcg } from './synth.js';

/** The former implementation: rescan every pair of groups before each merge. */
function reference(comp: number[], prob: (i: number, j: number) => number, threshold: number, cannotLink?: (i: number, j: number) => boolean): number[][] {
  const k = comp.length;
  const sums = comp.map(() => new Float64Array(k));
  const blocked = comp.map(() => new Uint8Array(k));
  for (let x = 0; x < k; x++)
    for (let y = x + 1; y < k; y++) {
      sums[x]![y] = sums[y]![x] = prob(comp[x]!, comp[y]!);
      if (cannotLink?.(comp[x]!, comp[y]!)) blocked[x]![y] = blocked[y]![x] = 1;
    }
  const size = new Int32Array(k).fill(1);
  const alive = new Uint8Array(k).fill(1);
  const groups = comp.map((i) => [i]);
  for (;;) {
    let best = -1;
    let bx = -1;
    let by = -1;
    for (let x = 0; x < k; x++) {
      if (!alive[x]) continue;
      for (let y = x + 1; y < k; y++) {
        if (!alive[y] || blocked[x]![y]) continue;
        const mean = sums[x]![y]! / (size[x]! * size[y]!);
        if (mean > best) [best, bx, by] = [mean, x, y];
      }
    }
    if (bx < 0 || best < threshold) break;
    groups[bx]!.push(...groups[by]!);
    size[bx]! += size[by]!;
    alive[by] = 0;
    for (let z = 0; z < k; z++) {
      if (!alive[z] || z === bx) continue;
      sums[bx]![z] = sums[z]![bx] = sums[bx]![z]! + sums[by]![z]!;
      if (blocked[by]![z]) blocked[bx]![z] = blocked[z]![bx] = 1;
    }
  }
  return groups.filter((_, x) => alive[x]);
}

describe('average linkage', () => {
  it('gives the same groups as the full rescan on random components (ties, cannot-links, several groups)', () => {
    const r = lcg(5);
    for (let t = 0; t < 300; t++) {
      const k = 3 + Math.floor(r() * 40);
      const comp = Array.from({ length: k }, (_, i) => i * 3 + 1);
      const group = comp.map(() => Math.floor(r() * 4));
      const coarse = r() < 0.3; // few distinct probabilities: many ties
      const p = new Map<string, number>();
      for (const i of comp)
        for (const j of comp)
          if (i < j) {
            const same = group[comp.indexOf(i)] === group[comp.indexOf(j)];
            const x = same ? 0.4 + 0.6 * r() : 0.7 * r();
            p.set(`${i},${j}`, coarse ? Math.round(x * 4) / 4 : x);
          }
      const prob = (i: number, j: number) => p.get(i < j ? `${i},${j}` : `${j},${i}`)!;
      const banned = new Set<string>();
      for (let b = 0; b < k / 5; b++) {
        const i = comp[Math.floor(r() * k)]!;
        const j = comp[Math.floor(r() * k)]!;
        if (i !== j) banned.add(i < j ? `${i},${j}` : `${j},${i}`);
      }
      const cannot = (i: number, j: number) => banned.has(i < j ? `${i},${j}` : `${j},${i}`);
      expect(averageLinkage(comp, prob, 0.5, cannot)).toEqual(reference(comp, prob, 0.5, cannot));
    }
  });

  it('scores pairs outside the candidates only inside components it splits', () => {
    // 100k records: 30k pairs of two, one triangle (0,1,2) to split, and a component of 5 over maxComponent 4
    const n = 100_000;
    const a: number[] = [0, 1, 0, 10, 11, 12, 13];
    const b: number[] = [1, 2, 2, 11, 12, 13, 14];
    const pr: number[] = [0.99, 0.99, 0.2, 0.9, 0.9, 0.9, 0.9];
    for (let i = 100; i < 60_100; i += 2) (a.push(i), b.push(i + 1), pr.push(0.95));
    const asked: string[] = [];
    const res = cluster({ n, a: Int32Array.from(a), b: Int32Array.from(b), probability: Float64Array.from(pr), threshold: 0.5, maxComponent: 4, pairProbability: (i, j) => (asked.push(`${i},${j}`), 0.1) });
    expect(asked).toEqual([]); // the triangle's third pair is a candidate; nothing else needs a score
    expect(res.entity[0]).toBe(res.entity[1]);
    expect(res.entity[10]).toBe(res.entity[14]);
    expect(res.entity[100]).toBe(res.entity[101]);
    expect(res.entity[101]).not.toBe(res.entity[102]);
    expect(res.entities).toBe(n - 2 - 4 - 30_000);
  });
});
