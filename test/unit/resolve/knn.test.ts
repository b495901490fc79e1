import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BuiltinEmbedder } from '../../../engine/embed/builtin-model.js';
import { toInt8 } from '../../../engine/embed/quantize.js';
import { agreeOnRule, candidatePairs, proposeRules } from '../../../engine/resolve/blocking.js';
import { MAX_K, nearestPairs, withNearest } from '../../../engine/resolve/knn.js';
import { embedTexts } from '../../../engine/resolve/knn-vectors.js';
import { dedupe, link } from '../../../engine/resolve/pipeline.js';
import { inferRoles } from '../../../engine/resolve/roles.js';
import { standardise } from '../../../engine/resolve/standardise.js';
import type { Table } from '../../../engine/resolve/types.js';
import { synthPeople } from './synth.js';

/** One character changed in the middle of every value: a typo in every key. */
const typo = (s: string | null) => {
  if (!s) return s;
  let k = Math.floor(s.length / 2);
  while (k < s.length - 1 && !/[a-z0-9]/i.test(s[k]!)) k++;
  const c = s[k]!;
  const r = /[0-9]/.test(c) ? String((Number(c) + 3) % 10) : /[a-z]/i.test(c) ? (c.toLowerCase() === 'x' ? 'q' : 'x') : c;
  return s.slice(0, k) + r + s.slice(k + 1);
};

/** The synthetic file plus, last, a copy of row 0 with a typo in every value (its id aside). */
function withTypoCopy(): Table {
  const s = synthPeople(200, 3);
  const src = s.table.rows[0]!;
  // the date of birth keeps its shape (dd/mm/yyyy): change a digit of the day and of the year
  const dob = src[3] ? `${typo(src[3].slice(0, 2))}/${src[3].slice(3, 6)}${typo(src[3].slice(6))}` : null;
  const copy = src.map((v, c) => (c === 0 ? 'C99999' : c === 3 ? dob : typo(v)));
  return { columns: s.table.columns, rows: [...s.table.rows, copy] };
}

describe('nearest-neighbour candidates', () => {
  it('reach a duplicate with a typo in every key, which no blocking rule pairs', () => {
    const t = withTypoCopy();
    const last = t.rows.length - 1;
    const p = standardise(t, inferRoles(t, { id: 'customer_id' }), { country: 'GB' });
    const rules = proposeRules(p);
    expect(rules.length).toBeGreaterThan(3);
    // the premise: no rule agrees on the pair, so blocking alone never scores it
    expect(rules.filter((r) => agreeOnRule(r, 0, last)).map((r) => r.name)).toEqual([]);
    const cand = candidatePairs(p, rules);
    const has = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).some((x, q) => x === 0 && b[q] === last);
    expect(has(cand.a, cand.b)).toBe(false);
    const more = withNearest(p, cand, { k: 5 });
    expect(has(more.a, more.b)).toBe(true);
    // blocking pairs kept as they were, kNN pairs tagged with one more rule
    expect(Array.from(more.a.subarray(0, cand.a.length))).toEqual(Array.from(cand.a));
    expect(more.rules.map((r) => r.name)).toEqual([...rules.map((r) => r.name), 'nearest neighbours (k=5)']);
    expect(more.rules.at(-1)!.comparisons).toBe(more.a.length - cand.a.length);
    expect(Array.from(more.rule.subarray(cand.a.length)).every((r) => r === rules.length)).toBe(true);

    // through the pipeline: off by default; with the option the pair is scored under the kNN rule
    const scored = (r: ReturnType<typeof dedupe>) => Array.from(r.pairs.a).findIndex((x, q) => x === 0 && r.pairs.b[q] === last);
    expect(scored(dedupe(t, { id: 'customer_id', uSample: 20_000 }))).toBe(-1);
    const res = dedupe(t, { id: 'customer_id', uSample: 20_000, nearest: { k: 5 } });
    const q = scored(res);
    expect(q).toBeGreaterThanOrEqual(0);
    expect(res.rules[res.pairs.rule[q]!]!.name).toBe('nearest neighbours (k=5)');
  });

  it('is deterministic', () => {
    const t = withTypoCopy();
    const p = standardise(t, inferRoles(t, { id: 'customer_id' }), { country: 'GB' });
    const x = nearestPairs(p, { k: 4 });
    const y = nearestPairs(p, { k: 4 });
    expect(x.a.length).toBeGreaterThan(0);
    expect(Array.from(y.a)).toEqual(Array.from(x.a));
    expect(Array.from(y.b)).toEqual(Array.from(x.b));
    expect(Array.from(y.sim)).toEqual(Array.from(x.sim));
  });

  it('keeps at most k neighbours a record, k capped, each pair once, none below the similarity floor', () => {
    const t = withTypoCopy();
    const n = t.rows.length;
    const p = standardise(t, inferRoles(t, { id: 'customer_id' }), { country: 'GB' });
    for (const k of [1, 3]) {
      const x = nearestPairs(p, { k, minSimilarity: -1, margin: 0 });
      expect(x.a.length).toBeLessThanOrEqual(n * k);
      // every record with a vector finds its k: the union is at least half of n·k (pairs found from both ends count once)
      expect(x.a.length).toBeGreaterThanOrEqual((n * k) / 2);
      const keys = new Set(Array.from(x.a, (a, q) => `${a},${x.b[q]}`));
      expect(keys.size).toBe(x.a.length);
      expect(Array.from(x.a).every((a, q) => a < x.b[q]!)).toBe(true);
    }
    expect(nearestPairs(p, { k: 10_000, minSimilarity: -1, margin: 0 }).a.length).toBeLessThanOrEqual(n * MAX_K);
    const strict = nearestPairs(p, { k: 3, minSimilarity: 0.9 });
    expect(Array.from(strict.sim).every((s) => s >= 0.9)).toBe(true);
    expect(strict.a.length).toBeLessThan(nearestPairs(p, { k: 3, minSimilarity: -1, margin: 0 }).a.length);
    // by default a neighbour must stand out of the record's neighbourhood: far fewer pairs, the typo'd copy still among them
    const dflt = nearestPairs(p, { k: 3 });
    expect(dflt.a.length).toBeLessThan(nearestPairs(p, { k: 3, margin: 0 }).a.length);
    expect(Array.from(dflt.a).some((a, q) => a === 0 && dflt.b[q] === n - 1)).toBe(true);
  });

  it('links: records of the second source look for at most k neighbours in the first', () => {
    const t = withTypoCopy();
    const split = 150;
    const p = standardise(t, inferRoles(t, { id: 'customer_id' }), { country: 'GB' });
    const x = nearestPairs(p, { k: 2, minSimilarity: -1, margin: 0 }, split);
    const perB = new Map<number, number>();
    for (let q = 0; q < x.a.length; q++) {
      expect(x.a[q]!).toBeLessThan(split);
      expect(x.b[q]!).toBeGreaterThanOrEqual(split);
      perB.set(x.b[q]!, (perB.get(x.b[q]!) ?? 0) + 1);
    }
    expect(Math.max(...perB.values())).toBeLessThanOrEqual(2);
    expect(perB.size).toBe(t.rows.length - split);
    const a: Table = { columns: t.columns, rows: t.rows.slice(0, split) };
    const b: Table = { columns: t.columns, rows: t.rows.slice(split) };
    const res = link(a, b, { id: 'customer_id', uSample: 20_000, nearest: { k: 2 } });
    expect(res.rules.at(-1)!.name).toBe('nearest neighbours (k=2)');
  });

  it('computes the built-in model’s vectors (int8 as stored) without the ONNX runtime', async () => {
    const texts = ['mary ann o brien 19750314 12 high street leeds ls1 2ab', 'jon smith', 'Zoë Müller, Flat 2, 9 Mill Lane, Bath', ''];
    const emb = await BuiltinEmbedder.load(resolve(import.meta.dirname, '../../../models/aerie-charngram'));
    try {
      const ref = await emb.embedFlat(texts);
      const js = embedTexts(texts);
      expect(js.dims).toBe(emb.dims);
      const D = js.dims;
      for (let i = 0; i < texts.length; i++) {
        const want = toInt8(ref.subarray(i * D, (i + 1) * D));
        const got = js.vecs.subarray(i * D, (i + 1) * D);
        // float rounding may move a value across a .5 boundary: at most one step apart
        for (let d = 0; d < D; d++) expect(Math.abs(got[d]! - want[d]!)).toBeLessThanOrEqual(1);
      }
    } finally {
      await emb.dispose();
    }
  });
});
