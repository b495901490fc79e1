// Sample size and power before a test starts (normal approximation, two-sided).
// Rates: pooled variance under the null, unpooled under the alternative (Fleiss, no continuity
// correction). Means: equal σ in both arms. `allocation` is the treatment share of units (0–1).
import { normalCdf, normalQuantile } from './distributions.js';

export interface PowerInput {
  metric: 'rate' | 'mean';
  baseline: number; // base rate, or control mean
  sd?: number; // for means
  mde: number; // absolute minimum detectable effect (treatment − control)
  alpha: number;
  power: number;
  allocation: number; // share of units in treatment
}

function sds(i: Omit<PowerInput, 'power'>): { s0: number; s1: number; kA: number; kB: number } {
  const kA = 1 - i.allocation, kB = i.allocation;
  if (i.metric === 'mean') {
    if (!(i.sd && i.sd > 0)) throw new RangeError('power for a mean needs the standard deviation (sd > 0).');
    const s = i.sd * Math.sqrt(1 / kA + 1 / kB);
    return { s0: s, s1: s, kA, kB };
  }
  const p0 = i.baseline, p1 = i.baseline + i.mde;
  if (!(p0 > 0 && p0 < 1 && p1 > 0 && p1 < 1)) throw new RangeError(`base rate and base rate + MDE must lie strictly between 0 and 1 (got ${p0} and ${p1}).`);
  const pbar = kA * p0 + kB * p1;
  return { s0: Math.sqrt(pbar * (1 - pbar) * (1 / kA + 1 / kB)), s1: Math.sqrt((p0 * (1 - p0)) / kA + (p1 * (1 - p1)) / kB), kA, kB };
}

/** Power at a total sample size n. */
export function powerAt(i: Omit<PowerInput, 'power'>, total: number): number {
  const { s0, s1 } = sds(i);
  const za = normalQuantile(1 - i.alpha / 2);
  return normalCdf((Math.abs(i.mde) * Math.sqrt(total) - za * s0) / s1);
}

/** Total units needed (rounded up so each arm gets a whole number), with the per-arm split. */
export function sampleSize(i: PowerInput): { total: number; control: number; treatment: number; achievedPower: number } {
  if (!(i.allocation > 0 && i.allocation < 1)) throw new RangeError(`allocation must be strictly between 0 and 1 (got ${i.allocation}).`);
  if (!(i.alpha > 0 && i.alpha < 1 && i.power > 0 && i.power < 1)) throw new RangeError('alpha and power must lie strictly between 0 and 1.');
  if (i.mde === 0) throw new RangeError('the minimum detectable effect must not be 0.');
  const { s0, s1, kA, kB } = sds(i);
  const za = normalQuantile(1 - i.alpha / 2), zb = normalQuantile(i.power);
  const n = ((za * s0 + zb * s1) / i.mde) ** 2;
  const control = Math.ceil(n * kA - 1e-9), treatment = Math.ceil(n * kB - 1e-9);
  return { total: control + treatment, control, treatment, achievedPower: powerAt(i, control + treatment) };
}

/** Smallest absolute effect detectable with the given total n (bisection on power). */
export function minimumDetectableEffect(i: Omit<PowerInput, 'mde'>, total: number): number {
  let lo = 1e-9, hi = i.metric === 'rate' ? 1 - i.baseline - 1e-9 : 100 * (i.sd ?? 1);
  for (let k = 0; k < 200; k++) {
    const mid = (lo + hi) / 2;
    if (powerAt({ ...i, mde: mid }, total) >= i.power) hi = mid; else lo = mid;
  }
  return hi;
}
