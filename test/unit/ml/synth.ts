// Small generated tables for the ml tests (seeded, so every run sees the same rows).
import type { Matrix } from '../../../engine/ml/matrix.js';
import { rng } from '../../../engine/ml/random.js';

/** y = 1 when x0 and x1 have the same sign (XOR-like), 5% labels flipped; x2 is noise. */
export function xorData(n: number, seed: number): { m: Matrix; y: Uint8Array } {
  const r = rng(seed);
  const cols = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const a = r() * 2 - 1;
    const b = r() * 2 - 1;
    cols[0]![i] = a;
    cols[1]![i] = b;
    cols[2]![i] = r();
    y[i] = (a * b > 0 ? 1 : 0) ^ (r() < 0.05 ? 1 : 0);
  }
  return { m: { rows: n, columns: cols, names: ['x0', 'x1', 'noise'] }, y };
}

/**
 * Missingness carries the signal: x0 is blank on 30% of rows and those churn 80% of the time, the
 * others 10%, while x0's present values (symmetric around 0) say nothing. A linear model that
 * imputes the mean cannot tell the blank rows apart.
 */
export function missingData(n: number, seed: number): { m: Matrix; y: Uint8Array } {
  const r = rng(seed);
  const x0 = new Float64Array(n);
  const x1 = new Float64Array(n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const blank = r() < 0.3;
    x0[i] = blank ? NaN : r() * 2 - 1;
    x1[i] = r();
    y[i] = r() < (blank ? 0.8 : 0.1) ? 1 : 0;
  }
  return { m: { rows: n, columns: [x0, x1], names: ['x0', 'x1'] }, y };
}

/** Pure noise: nothing to learn. */
export function noiseData(n: number, seed: number): { m: Matrix; y: Uint8Array } {
  const r = rng(seed);
  const cols = [0, 1, 2].map(() => Float64Array.from({ length: n }, () => r()));
  const y = Uint8Array.from({ length: n }, () => (r() < 0.3 ? 1 : 0));
  return { m: { rows: n, columns: cols, names: ['a', 'b', 'c'] }, y };
}

/**
 * Numeric, missing and one-hot categorical columns together (as frame.ts encodes a churn table):
 * churn rises when x0 is blank or high, with the product x1 · x2, and on plan "c"; x3-x5 are noise.
 */
export function mixedData(n: number, seed: number): { m: Matrix; y: Uint8Array } {
  const r = rng(seed);
  const names = ['x0', 'x1', 'x2', 'x3', 'x4', 'x5', 'plan=a', 'plan=b', 'plan=c'];
  const cols = names.map(() => new Float64Array(n));
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < 6; f++) cols[f]![i] = f < 2 && r() < 0.15 ? NaN : r() * 4 - 2;
    const plan = r() < 0.05 ? -1 : Math.floor(r() * 3);
    for (let j = 0; j < 3; j++) cols[6 + j]![i] = plan < 0 ? NaN : plan === j ? 1 : 0;
    const x0 = cols[0]![i]!;
    const x1 = Number.isNaN(cols[1]![i]!) ? 0 : cols[1]![i]!;
    const z = -1 + (Number.isNaN(x0) ? 1.5 : x0 > 1 ? 1 : 0) + x1 * cols[2]![i]! * 0.8 + (plan === 2 ? 1 : 0);
    y[i] = r() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { m: { rows: n, columns: cols, names }, y };
}
