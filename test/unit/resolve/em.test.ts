// EM without labels: m recovered on data drawn from a known model, and a whole run on a synthetic
// customer file learns weights that separate duplicates from household members.
import { describe, expect, it } from 'vitest';
import { constrainIdentifying, emSession, MAX_IDENTIFYING_DISAGREEMENT } from '../../../engine/resolve/em.js';
import { pairwiseFromClusters } from '../../../engine/resolve/evaluate.js';
import { dedupe } from '../../../engine/resolve/pipeline.js';
import { lcg, synthPeople } from './synth.js';

describe('EM', () => {
  it('recovers m and the match share from pairs drawn from a known model', () => {
    const r = lcg(3);
    const m = [[0.85, 0.1, 0.05], [0.7, 0.2, 0.1], [0.9, 0.1]];
    const u = [[0.01, 0.09, 0.9], [0.05, 0.15, 0.8], [0.2, 0.8]];
    const P = 20_000;
    const share = 0.2;
    const C = m.length;
    const levels = new Int8Array(C * P);
    const draw = (probs: number[]) => {
      let x = r();
      for (let l = 0; l < probs.length; l++) if ((x -= probs[l]!) < 0) return l;
      return probs.length - 1;
    };
    for (let p = 0; p < P; p++) {
      const isMatch = r() < share;
      for (let c = 0; c < C; c++) levels[c * P + p] = r() < 0.05 ? -1 : draw((isMatch ? m : u)[c]!);
    }
    const idx = Int32Array.from({ length: P }, (_, k) => k);
    const start = m.map((row) => row.map(() => 1 / row.length));
    start.forEach((row) => (row[0] = 0.6));
    const res = emSession(levels, P, idx, [0, 1, 2], start.map((row) => row.map((x) => x / row.reduce((s, y) => s + y, 0))), u, { maxIterations: 200, tolerance: 1e-7 });
    expect(res.lambda).toBeCloseTo(share, 1);
    res.m.forEach((row, c) => row.forEach((x, l) => expect(Math.abs(x - m[c]![l]!)).toBeLessThan(0.04)));
  });

  it('learns a model on a synthetic customer file that finds duplicates and keeps households apart', () => {
    const s = synthPeople(300, 11);
    const res = dedupe(s.table, { id: 'customer_id' });
    const f1 = pairwiseFromClusters(res.clusters.entity, s.person).f1;
    expect(f1).toBeGreaterThan(0.97);
    let household = 0;
    let merged = 0;
    for (let i = 0; i < s.person.length; i++)
      for (let j = i + 1; j < s.person.length; j++)
        if (s.household[i] === s.household[j] && s.person[i] !== s.person[j]) {
          household++;
          if (res.clusters.entity[i] === res.clusters.entity[j]) merged++;
        }
    expect(household).toBeGreaterThan(50);
    expect(merged / household).toBeLessThan(0.03);
    // the learned weights make sense: agreement counts for, disagreement against
    for (const c of res.model.comparisons) {
      const w = c.m.map((x, l) => Math.log2(x / c.u[l]!));
      expect(w[0], c.name).toBeGreaterThan(0);
      expect(w[w.length - 1], c.name).toBeLessThan(0);
    }
    expect(res.model.lambdaHousehold).toBeGreaterThan(0);
  });

  it('finds no one to merge in a file without duplicates, with or without addresses', () => {
    const s = synthPeople(400, 5);
    const firsts = new Map<number, number>();
    s.person.forEach((p, i) => firsts.has(p) || firsts.set(p, i));
    const rows = [...firsts.values()].map((i) => s.table.rows[i]!);
    const all = dedupe({ columns: s.table.columns, rows }, { id: 'customer_id' });
    expect(all.clusters.entities).toBeGreaterThanOrEqual(rows.length - 2);
    // no address: no household class, and household members (same surname, e-mails alike) stay apart
    const bare = dedupe({ columns: s.table.columns.slice(0, 5), rows: rows.map((r) => r.slice(0, 5)) }, { id: 'customer_id' });
    expect(bare.model.lambdaHousehold).toBe(0);
    expect(bare.clusters.entities).toBeGreaterThanOrEqual(rows.length - 2);
  });

  it('keeps the match class about matching identities (exact agreement most common, little outright disagreement)', () => {
    const m = [0.05, 0.05, 0.1, 0.8];
    constrainIdentifying(m);
    expect(m[3]).toBeCloseTo(MAX_IDENTIFYING_DISAGREEMENT, 10);
    expect(m[0]).toBeGreaterThanOrEqual(Math.max(m[1]!, m[2]!));
    expect(m.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });
});
