// The trainer's passes split across threads by row range (the row sample, node partitions) join
// their pieces into exactly what one thread gives, edge shares included; the generator the sample
// draws from by number is random.ts's rng; and the models are pinned to the ones the one-thread
// trainer gave before these passes were split. Needs the bundled dist/gbdt-worker.js (`npm test`
// builds it first).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { trainGbdt } from '../../../engine/ml/gbdt.js';
import { partitionPart, RngStream, samplePart } from '../../../engine/ml/gbdt-kernel.js';
import { GbdtPool, kernelState } from '../../../engine/ml/gbdt-pool.js';
import { rng } from '../../../engine/ml/random.js';
import { ensembleToJson } from '../../../engine/ml/tree.js';
import { mixedData } from './synth.js';

/** A kernel state over n rows of 2 features with codes 0..9 (0 = missing), for `threads`. */
function state(n: number, threads: number) {
  const r = rng(3);
  const codes = new Uint8Array(new SharedArrayBuffer(2 * n));
  const codesCol = new Uint8Array(new SharedArrayBuffer(2 * n));
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < 2; f++) {
      const b = Math.floor(r() * 10);
      codes[i * 2 + f] = b;
      codesCol[f * n + i] = b;
    }
  }
  return kernelState(codes, codesCol, n, 2, Int32Array.of(0, 24), 24, new Uint8Array(n), [1, 1], 8, threads, null);
}

describe('gbdt passes split by row range', () => {
  it('draws from random.ts rng, by number as well as in turn', () => {
    for (const seed of [0, 42, -7, 2 ** 31 + 5]) {
      const a = rng(seed);
      const b = new RngStream(seed);
      for (let i = 0; i < 50; i++) expect(b.next()).toBe(a());
      // skip k draws = k calls
      b.skip(1000);
      for (let i = 0; i < 1000; i++) a();
      expect(b.next()).toBe(a());
    }
  });

  it('samples and partitions rows on 3 threads exactly as on 1, pieces joined in row order', () => {
    const n = 30_001; // shares of 10000 and 10001 rows, above the parallel threshold
    const one = state(n, 1);
    const three = state(n, 3);
    const p1 = new GbdtPool(one, 1);
    const p3 = new GbdtPool(three, 3);
    try {
      const st = new RngStream(11);
      // the one-thread sample is one rng call per row, in order
      const draw = rng(11);
      const want: number[] = [];
      for (let i = 0; i < n; i++) if (draw() < 0.8) want.push(i);
      expect(samplePart(one, st.state, 0.8, 0, n)).toBe(want.length);
      expect(p3.sample(st.state, 0.8)).toBe(want.length);
      expect(Array.from(three.rows.subarray(0, want.length))).toEqual(want);
      const m = want.length;
      one.rows.set(three.rows.subarray(0, m));
      // splits: by codes 1..4 (missing right, then left), everything left, nothing left
      for (const [f, bin, dl] of [
        [0, 4, false],
        [1, 4, true],
        [0, 9, true],
        [1, 0, false],
      ] as const) {
        const rows = Array.from(one.rows.subarray(0, m));
        const left = rows.filter((r) => (one.codesCol[f * n + r] === 0 ? dl : one.codesCol[f * n + r]! <= bin));
        const isLeft = new Set(left);
        const right = rows.filter((r) => !isLeft.has(r));
        const mid1 = p1.partition(0, m, f, bin, dl);
        const mid3 = p3.partition(0, m, f, bin, dl);
        expect([mid1, mid3]).toEqual([left.length, left.length]);
        expect(Array.from(three.rows.subarray(0, m))).toEqual([...left, ...right]);
        expect(Array.from(one.rows.subarray(0, m))).toEqual([...left, ...right]);
      }
      // a node inside the buffer, not at its start
      const mid = p3.partition(5000, 20_000, 1, 5, false);
      const nl = partitionPart(one, 5000, 20_000, 1, 5, false);
      expect(mid - 5000).toBe(nl);
      expect(Array.from(three.rows.subarray(5000, mid))).toEqual(Array.from(one.rows.subarray(5000, mid)));
      expect(Array.from(three.rows.subarray(mid, 20_000))).toEqual(Array.from(one.tmp.subarray(5000, 20_000 - nl)));
      expect(Array.from(three.rows.subarray(0, 5000))).toEqual(Array.from(one.rows.subarray(0, 5000)));
    } finally {
      p1.close();
      p3.close();
    }
  });

  it('trains the models the one-thread trainer gave before its passes were split, on 1, 2 and 3 threads', () => {
    // pinned from the trainer before histograms were unrolled and the sample, partitions and
    // validation scoring moved to the workers: a change here changes every trained model
    const d = mixedData(24_000, 21);
    const sha = (f: ReturnType<typeof trainGbdt>) => createHash('sha256').update(JSON.stringify(ensembleToJson(f.model))).digest('hex');
    for (const threads of [1, 2, 3]) {
      const a = trainGbdt(d.m, d.y, { rounds: 60, seed: 5, threads });
      expect(sha(a)).toBe('2c75b0a2ae4afbef52356f261e30f5289dd452b313794fcbb2db0cc3d26a25d7');
      const b = trainGbdt(d.m, d.y, { rounds: 20, classWeight: 'balanced', subsample: 1, colsample: 0.5, validationFraction: 0, seed: 9, maxDepth: 6, threads });
      expect(sha(b)).toBe('b1ae1504d73e5077d0f47a4bd595e0cfb886524cfcd2a7d054ac49e79dac987c');
    }
  });
});
