// Always-valid monitoring of a difference in proportions: the mixture sequential probability ratio
// test (mSPRT) with a normal mixing distribution N(0, τ²) on the difference (Johari, Pekelis & Walsh,
// "Always valid inference", 2017). Looking after every batch never inflates the false-positive rate
// beyond α, because the mixture likelihood ratio is a non-negative martingale under the null
// (Ville's inequality); the confidence sequence is the set of differences the test would not reject.
import { normalQuantile } from './distributions.js';

export const SEQUENTIAL_METHOD = 'mSPRT (normal-mixture sequential probability ratio test; Johari, Pekelis & Walsh 2017)';

export interface Look { control: { n: number; successes: number }; treatment: { n: number; successes: number } }

export interface SequentialStep {
  look: number;
  difference: number;
  logLikelihoodRatio: number; // in logs so a large effect cannot overflow to Infinity
  alwaysValidP: number; // running min of 1 / Λ, capped at 1
  lower: number; // confidence sequence, intersected over looks so it only narrows
  upper: number;
  rejected: boolean; // null rejected at this look or earlier
}

/** τ when the caller gives none: a quarter of the pooled base rate, a plausible effect size scale. */
export function defaultTau(look: Look): number {
  const n = look.control.n + look.treatment.n;
  const p = (look.control.successes + look.treatment.successes) / Math.max(1, n);
  return Math.max(1e-4, 0.25 * p);
}

/** Cumulative looks in time order. */
export function monitorProportions(looks: Look[], alpha = 0.05, tau?: number): { design: 'msprt'; method: string; alpha: number; tau: number; steps: SequentialStep[] } {
  if (looks.length === 0) throw new RangeError('sequential monitoring needs at least one look.');
  const t = tau ?? defaultTau(looks[looks.length - 1]!);
  const t2 = t * t;
  let minP = 1, lo = -Infinity, hi = Infinity, rejected = false;
  const steps = looks.map((l, i) => {
    const pA = l.control.successes / l.control.n, pB = l.treatment.successes / l.treatment.n;
    const d = pB - pA;
    // plug-in variance; floored so an all-zero early look does not claim certainty
    const v = Math.max((pA * (1 - pA)) / l.control.n + (pB * (1 - pB)) / l.treatment.n, 1 / (4 * Math.max(l.control.n, l.treatment.n) ** 2));
    const logLr = 0.5 * Math.log(v / (v + t2)) + (d * d * t2) / (2 * v * (v + t2));
    minP = Math.min(minP, Math.exp(-logLr));
    const half = Math.sqrt(((v * (v + t2)) / t2) * (2 * Math.log(1 / alpha) + Math.log((v + t2) / v)));
    lo = Math.max(lo, d - half);
    hi = Math.min(hi, d + half);
    rejected ||= logLr >= Math.log(1 / alpha);
    return { look: i + 1, difference: d, logLikelihoodRatio: logLr, alwaysValidP: Math.min(1, minP), lower: lo, upper: hi, rejected };
  });
  return { design: 'msprt', method: SEQUENTIAL_METHOD, alpha, tau: t, steps };
}

/** Fixed-horizon z critical value, for comparison in reports. */
export const fixedCritical = (alpha: number) => normalQuantile(1 - alpha / 2);
