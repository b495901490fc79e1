// Stratified k-fold assignment: each class shuffled with the seed and dealt round-robin, so every
// fold holds the same share of positives (to within one row).

import { rng, shuffle } from './random.js';

/** fold[i] in 0..k-1 for every row. */
export function stratifiedFolds(y: ArrayLike<number>, k: number, seed: number): Uint8Array {
  if (!(Number.isInteger(k) && k >= 2 && k <= 100)) throw new RangeError(`folds = ${k}: use a whole number from 2 to 100`);
  const fold = new Uint8Array(y.length);
  const r = rng(seed);
  let next = 0;
  for (const cls of [1, 0]) {
    const idx: number[] = [];
    for (let i = 0; i < y.length; i++) if ((y[i] === 1 ? 1 : 0) === cls) idx.push(i);
    shuffle(idx, r);
    // continue dealing where the other class stopped, so fold sizes differ by at most one
    for (const i of idx) fold[i] = next++ % k;
  }
  return fold;
}

export function foldRows(fold: Uint8Array, f: number): { train: Uint32Array; test: Uint32Array } {
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < fold.length; i++) (fold[i] === f ? test : train).push(i);
  return { train: Uint32Array.from(train), test: Uint32Array.from(test) };
}
