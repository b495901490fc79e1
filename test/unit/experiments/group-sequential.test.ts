// Group-sequential monitoring (Lan–DeMets spending, Armitage–McPherson–Rowe recursion): boundaries
// against published values, and seeded simulations (not flaky) showing that daily peeking spends
// α — no less, no more — where the mSPRT stays well under it and a naive daily z-test well over.
import { describe, expect, it } from 'vitest';
import { compareProportions } from '../../../engine/experiments/frequentist.js';
import { alphaSpent, groupSequentialBoundaries, monitorGroupSequential } from '../../../engine/experiments/group-sequential.js';
import { parseMetric } from '../../../engine/experiments/metrics.js';
import { weeklyLooks, weeklySequential } from '../../../engine/experiments/results.js';
import { monitorProportions, type Look } from '../../../engine/experiments/sequential.js';
import { binomial, rng } from '../../../engine/experiments/rng.js';

const equal = (k: number) => Array.from({ length: k }, (_, i) => (i + 1) / k);

function simulate(next: () => number, days: number, perDay: number, pA: number, pB: number): Look[] {
  const looks: Look[] = [];
  let sA = 0, sB = 0;
  for (let d = 1; d <= days; d++) {
    sA += binomial(next, perDay, pA);
    sB += binomial(next, perDay, pB);
    looks.push({ control: { n: d * perDay, successes: sA }, treatment: { n: d * perDay, successes: sB } });
  }
  return looks;
}

describe('group-sequential boundaries', () => {
  it('match the published Lan–DeMets boundaries for 5 equally spaced looks, two-sided α = 0.05', () => {
    // gsDesign / ldbounds (sfLDOF, sfLDPocock); Jennison & Turnbull (2000) ch. 7
    const obf = groupSequentialBoundaries(equal(5), equal(5), 0.05, 'obrien-fleming');
    [4.8769, 3.3569, 2.6803, 2.2898, 2.0310].forEach((c, i) => expect(Math.abs(obf.boundary[i]! - c), `OBF look ${i + 1}`).toBeLessThan(2e-4));
    const pocock = groupSequentialBoundaries(equal(5), equal(5), 0.05, 'pocock');
    [2.4380, 2.4268, 2.4101, 2.3966, 2.3859].forEach((c, i) => expect(Math.abs(pocock.boundary[i]! - c), `Pocock look ${i + 1}`).toBeLessThan(2e-4));
    expect(obf.spent.at(-1)).toBeCloseTo(0.05, 12);
    expect(alphaSpent('pocock', 0.05, 0.5)).toBeCloseTo(0.05 * Math.log(1 + (Math.E - 1) / 2), 15);
  });

  it('spend exactly α: Monte Carlo of the canonical joint law with unequal looks and calendar-time spending', () => {
    // information and spending time differ (as in a stored experiment's weekly looks)
    const info = [0.05, 0.12, 0.3, 0.31, 0.55, 0.8, 1];
    const times = [0.1, 0.25, 0.4, 0.5, 0.7, 0.85, 1];
    for (const spending of ['obrien-fleming', 'pocock'] as const) {
      const b = groupSequentialBoundaries(info, times, 0.05, spending);
      const next = rng(7);
      const gauss = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
      const runs = 40_000;
      let crossed = 0;
      for (let r = 0; r < runs; r++) {
        let s = 0, prev = 0;
        for (let k = 0; k < info.length; k++) {
          s += gauss() * Math.sqrt(info[k]! - prev);
          prev = info[k]!;
          const c = b.boundary[k];
          if (c !== null && c !== undefined && Math.abs(s / Math.sqrt(info[k]!)) >= c) { crossed++; break; }
        }
      }
      // ± 3.5 standard errors of a 40 000-run proportion around 0.05
      expect(Math.abs(crossed / runs - 0.05), spending).toBeLessThan(3.5 * Math.sqrt(0.05 * 0.95 / runs));
    }
  });

  it('a look with no new information spends nothing and keeps the previous boundary', () => {
    const b = groupSequentialBoundaries([0.5, 0.5, 1], [0.5, 0.6, 1], 0.05, 'obrien-fleming');
    expect(b.boundary[1]).toBe(b.boundary[0]);
    expect(b.spent[1]).toBe(b.spent[0]);
    expect(b.spent[2]).toBeCloseTo(0.05, 12);
    expect(() => groupSequentialBoundaries([0.5, 0.4], [0.5, 1], 0.05, 'pocock')).toThrow(/look 2/);
  });
});

describe('monitorGroupSequential', () => {
  it('A/A with daily peeking over the planned 30 days: false-positive rate near α (mSPRT well under, naive z well over)', () => {
    const runs = 1000, alpha = 0.05, next = rng(11);
    let gs = 0, msprt = 0, naive = 0;
    for (let r = 0; r < runs; r++) {
      const looks = simulate(next, 30, 100, 0.1, 0.1);
      if (monitorGroupSequential(looks, alpha).steps.at(-1)!.rejected) gs++;
      if (monitorProportions(looks, alpha, 0.02).steps.at(-1)!.rejected) msprt++;
      if (looks.some((l) => compareProportions(l.control, l.treatment).pValue < alpha)) naive++;
    }
    expect(gs / runs).toBeGreaterThanOrEqual(0.035);
    expect(gs / runs).toBeLessThanOrEqual(0.065);
    expect(msprt).toBeLessThan(gs);
    expect(naive / runs).toBeGreaterThan(2 * alpha);
  });

  it('detects a real 3-point lift; each step carries z, boundary, α spent and a repeated CI around the difference', () => {
    const r = monitorGroupSequential(simulate(rng(99), 30, 200, 0.1, 0.13), 0.05, { spending: 'pocock' });
    expect(r.method).toBe('Group sequential (Lan–DeMets alpha spending, Pocock type; two-sided)');
    const first = r.steps.findIndex((s) => s.rejected);
    expect(first).toBeGreaterThanOrEqual(0);
    const s = r.steps[first]!;
    expect(Math.abs(s.z)).toBeGreaterThanOrEqual(s.boundary!);
    expect(s.lower).toBeGreaterThan(0); // the repeated CI excludes 0 where the boundary is crossed
    for (const x of r.steps) expect(x.lower).toBeLessThan(x.difference);
    expect(r.steps.at(-1)!.informationFraction).toBe(1);
    expect(r.steps.at(-1)!.spent).toBeCloseTo(0.05, 12);
  });

  it('looks past the planned sample spend the α left at the first of them and then none (they cannot reject)', () => {
    const looks = simulate(rng(3), 6, 100, 0.1, 0.1);
    const r = monitorGroupSequential(looks, 0.05, { plannedN: 800 }); // 400 units per arm: reached on day 4
    expect(r.steps.map((s) => s.informationFraction)).toEqual([0.25, 0.5, 0.75, 1, 1, 1]);
    expect(r.steps[3]!.spent).toBeCloseTo(0.05, 12);
    expect(r.steps.slice(4).map((s) => s.boundary)).toEqual([null, null]);
  });
});

describe('weekly looks at the same units (stored experiments)', () => {
  // "converted by day k" of one unit is nested across looks: the looks are not new samples, and the
  // information each carries is the odds of the pooled rate seen by then (engine/experiments/results.ts)
  it('A/A over a 91-day window looked at weekly: false-positive rate near α, every look with a boundary', () => {
    const def = parseMetric('churn_91d'), days = 91, runs = 600, next = rng(23);
    const units = (arm: string) => Array.from({ length: 600 }, (_, i) => {
      const first = next() < 0.6 ? Math.floor(-Math.log(1 - next()) * 30) : null; // active again after about a month, or never
      return { unit: `${arm}${i}`, outcome: first !== null && first < days ? 0 : 1, pre: 0, firstDay: first };
    });
    let rejected = 0, noBoundary = 0;
    for (let r = 0; r < runs; r++) {
      const v = weeklySequential(def, weeklyLooks(def, days, units('a'), units('b')), days, 'obrien-fleming');
      if (v.design !== 'group-sequential') throw new Error('expected the group-sequential view');
      if (v.steps.at(-1)!.rejected) rejected++;
      noBoundary += v.steps.filter((s) => s.boundary === null).length;
      expect(v.steps.at(-1)!.spent).toBeCloseTo(0.05, 10);
    }
    expect(noBoundary).toBe(0);
    expect(rejected / runs).toBeGreaterThanOrEqual(0.03);
    expect(rejected / runs).toBeLessThanOrEqual(0.07);
  });
});
