// Frequentist comparisons of a treatment arm against control: two-proportion z-test for rates,
// Welch's t-test for means, CIs for the absolute and relative difference, SRM and Holm.
import { chiSquareSf, normalQuantile, normalTwoSided, tQuantile, tTwoSided } from './distributions.js';

export interface Interval { lower: number; upper: number }

export interface Comparison {
  test: 'two-proportion z-test (pooled SE for the test, unpooled Wald SE for the interval)' | "Welch's t-test";
  control: number; // rate or mean
  treatment: number;
  absolute: number; // treatment − control
  absoluteCi: Interval;
  relative: number | null; // treatment / control − 1; null when control is 0
  relativeCi: Interval | null; // delta method on log(treatment / control)
  statistic: number;
  df: number | null;
  pValue: number;
}

function check(cond: boolean, what: string): void {
  if (!cond) throw new RangeError(what);
}

/** Rates: successes out of n per arm. statsmodels `proportions_ztest` (pooled) for the p-value. */
export function compareProportions(control: { n: number; successes: number }, treatment: { n: number; successes: number }, confidence = 0.95): Comparison {
  for (const [name, a] of [['control', control], ['treatment', treatment]] as const) {
    check(a.n > 0 && a.successes >= 0 && a.successes <= a.n, `${name} arm: need n > 0 and 0 ≤ successes ≤ n (got n=${a.n}, successes=${a.successes}).`);
  }
  const pA = control.successes / control.n, pB = treatment.successes / treatment.n;
  const pooled = (control.successes + treatment.successes) / (control.n + treatment.n);
  const seTest = Math.sqrt(pooled * (1 - pooled) * (1 / control.n + 1 / treatment.n));
  const z = seTest === 0 ? 0 : (pB - pA) / seTest;
  const q = normalQuantile(1 - (1 - confidence) / 2);
  const se = Math.sqrt((pA * (1 - pA)) / control.n + (pB * (1 - pB)) / treatment.n);
  let relative: number | null = null, relativeCi: Interval | null = null;
  if (pA > 0 && pB > 0) {
    relative = pB / pA - 1;
    const seLog = Math.sqrt((1 - pA) / (control.n * pA) + (1 - pB) / (treatment.n * pB));
    relativeCi = { lower: Math.exp(Math.log(pB / pA) - q * seLog) - 1, upper: Math.exp(Math.log(pB / pA) + q * seLog) - 1 };
  }
  return {
    test: 'two-proportion z-test (pooled SE for the test, unpooled Wald SE for the interval)',
    control: pA, treatment: pB, absolute: pB - pA, absoluteCi: { lower: pB - pA - q * se, upper: pB - pA + q * se },
    relative, relativeCi, statistic: z, df: null, pValue: seTest === 0 ? 1 : normalTwoSided(z),
  };
}

export interface Summary { n: number; mean: number; variance: number } // variance with n − 1

export function summarise(xs: ArrayLike<number>): Summary {
  const n = xs.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += (xs[i]! - mean) / (i + 1);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (xs[i]! - mean) ** 2;
  return { n, mean, variance: n > 1 ? ss / (n - 1) : NaN };
}

/** Means: Welch's unequal-variance t-test (SciPy `ttest_ind(equal_var=False)`). */
export function compareMeans(control: Summary, treatment: Summary, confidence = 0.95): Comparison {
  check(control.n >= 2 && treatment.n >= 2, `each arm needs at least 2 units for a t-test (control ${control.n}, treatment ${treatment.n}).`);
  const vA = control.variance / control.n, vB = treatment.variance / treatment.n;
  const se = Math.sqrt(vA + vB);
  const diff = treatment.mean - control.mean;
  const df = (vA + vB) ** 2 / (vA ** 2 / (control.n - 1) + vB ** 2 / (treatment.n - 1));
  const t = se === 0 ? 0 : diff / se;
  const q = Number.isFinite(df) ? tQuantile(1 - (1 - confidence) / 2, df) : normalQuantile(1 - (1 - confidence) / 2);
  let relative: number | null = null, relativeCi: Interval | null = null;
  if (control.mean > 0 && treatment.mean > 0) {
    relative = treatment.mean / control.mean - 1;
    const seLog = Math.sqrt(vA / control.mean ** 2 + vB / treatment.mean ** 2);
    relativeCi = { lower: Math.exp(Math.log(treatment.mean / control.mean) - q * seLog) - 1, upper: Math.exp(Math.log(treatment.mean / control.mean) + q * seLog) - 1 };
  }
  return {
    test: "Welch's t-test", control: control.mean, treatment: treatment.mean, absolute: diff,
    absoluteCi: { lower: diff - q * se, upper: diff + q * se }, relative, relativeCi,
    statistic: t, df, pValue: se === 0 ? 1 : tTwoSided(t, df),
  };
}

/** Sample-ratio mismatch: chi-square goodness of fit of arm counts to the planned shares. */
export function sampleRatioMismatch(counts: number[], shares: number[], threshold = 0.001): { chiSquare: number; df: number; pValue: number; mismatch: boolean; threshold: number } {
  check(counts.length === shares.length && counts.length >= 2, `SRM needs one planned share per arm (arms ${counts.length}, shares ${shares.length}).`);
  const total = counts.reduce((a, b) => a + b, 0);
  const shareSum = shares.reduce((a, b) => a + b, 0);
  let chi = 0;
  counts.forEach((c, i) => {
    const e = (total * shares[i]!) / shareSum;
    chi += (c - e) ** 2 / e;
  });
  const pValue = chiSquareSf(chi, counts.length - 1);
  return { chiSquare: chi, df: counts.length - 1, pValue, mismatch: pValue < threshold, threshold };
}

/** Holm's step-down adjustment; adjusted p-values in the input order (statsmodels `multipletests(method='holm')`). */
export function holm(pValues: number[]): number[] {
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  const m = pValues.length;
  const out = new Array<number>(m);
  let running = 0;
  order.forEach(([p, i], k) => {
    running = Math.max(running, Math.min(1, (m - k) * p));
    out[i] = running;
  });
  return out;
}

/**
 * CUPED: y' = y − θ(x − x̄) with θ = cov(x, y) / var(x) over both arms pooled, then Welch on y'.
 * Returns the adjusted comparison and how much of the outcome's variance the covariate removed.
 */
export function cuped(control: { y: number[]; x: number[] }, treatment: { y: number[]; x: number[] }, confidence = 0.95): { theta: number; varianceReduction: number; comparison: Comparison } {
  const ys = [...control.y, ...treatment.y], xs = [...control.x, ...treatment.x];
  check(ys.length === xs.length, 'CUPED needs a pre-period value for every unit.');
  const sx = summarise(xs), sy = summarise(ys);
  let cov = 0;
  for (let i = 0; i < ys.length; i++) cov += (xs[i]! - sx.mean) * (ys[i]! - sy.mean);
  cov /= ys.length - 1;
  const theta = sx.variance > 0 ? cov / sx.variance : 0;
  const adj = (a: { y: number[]; x: number[] }) => a.y.map((y, i) => y - theta * (a.x[i]! - sx.mean));
  const yA = adj(control), yB = adj(treatment);
  const after = summarise([...yA, ...yB]);
  return { theta, varianceReduction: sy.variance > 0 ? 1 - after.variance / sy.variance : 0, comparison: compareMeans(summarise(yA), summarise(yB), confidence) };
}
