// Group-sequential monitoring of a difference in proportions with Lan–DeMets alpha spending (Lan &
// DeMets 1983; Jennison & Turnbull, "Group Sequential Methods", 2000, ch. 7 and 19). Each look spends
// the increment α(τ_k) − α(τ_{k−1}) of a spending function, and its two-sided boundary c_k is the one
// whose crossing probability under the null — given no earlier crossing — equals that increment. The
// joint law of the looks is carried by the Armitage–McPherson–Rowe recursion: the sub-density of the
// score S_k = Z_k·√I_k on a grid (Simpson's rule), convolved with the N(0, I_k − I_{k−1}) increment.
// Unlike the mSPRT, which is valid for unlimited looks and pays for it, this spends exactly α over the
// planned horizon, so daily peeking keeps the false-positive rate at α rather than well below it.
import { normalQuantile } from './distributions.js';
import { monitorProportions, type Look } from './sequential.js';

export type Spending = 'obrien-fleming' | 'pocock';
export const SPENDING_NAME: Record<Spending, string> = { 'obrien-fleming': 'O’Brien–Fleming', pocock: 'Pocock' };

/** P(Z > x): Chebyshev erfc (Numerical Recipes erfcc, relative error < 1.2e-7 in every tail), cheap enough for the grid. */
export function upperTail(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r / 2 : 1 - r / 2;
}

/**
 * Cumulative two-sided α spent by spending time t ∈ [0, 1]: Pocock-type α·ln(1 + (e − 1)t), or
 * O’Brien–Fleming-type 2 − 2Φ(z_{a/2}/√t) applied to each side with a = α/2, as gsDesign, ldbounds
 * and Jennison & Turnbull do (this gives the published 4.877, 3.357, … for five looks at α = 0.05).
 */
export function alphaSpent(spending: Spending, alpha: number, t: number): number {
  if (t <= 0) return 0;
  if (t >= 1) return alpha;
  if (spending === 'pocock') return alpha * Math.log(1 + (Math.E - 1) * t);
  return 4 * upperTail(normalQuantile(1 - alpha / 4) / Math.sqrt(t));
}

const Z_MAX = 8; // the grid stops at 8 sd: the mass beyond (about 1e-15) cannot move a boundary
const PER_SD = 4; // grid points per sd of the smallest increment the grid must resolve
const MAX_INTERVALS = 4000;
const phi = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

export interface Boundaries {
  /** Two-sided z boundary per look; null where the look spends no α (no new information, or past the planned end). */
  boundary: (number | null)[];
  /** Cumulative α spent by each look. */
  spent: number[];
}

const cache = new Map<string, Boundaries>();

/**
 * Boundaries for looks with information levels `info` (any positive scale, non-decreasing: only the
 * ratios matter) spending α at `spendTimes` (non-decreasing, in [0, 1]; 1 spends all that is left).
 * Spending time and information may differ (calendar-time spending); the recursion uses the
 * information for the correlation between looks, so the α spent is exact either way.
 */
export function groupSequentialBoundaries(info: number[], spendTimes: number[], alpha: number, spending: Spending): Boundaries {
  if (info.length !== spendTimes.length) throw new RangeError(`give one spending time per look (${info.length} looks, ${spendTimes.length} times).`);
  for (let k = 0; k < info.length; k++) {
    if (!(info[k]! >= 0) || (k > 0 && info[k]! < info[k - 1]!)) throw new RangeError(`information must be non-negative and non-decreasing; look ${k + 1} has ${info[k]} after ${info[k - 1] ?? 0}.`);
    if (!(spendTimes[k]! >= 0 && spendTimes[k]! <= 1) || (k > 0 && spendTimes[k]! < spendTimes[k - 1]!)) throw new RangeError(`spending times must be in [0, 1] and non-decreasing; look ${k + 1} has ${spendTimes[k]}.`);
  }
  const key = `${spending}|${alpha}|${info.map((v) => v / (info.at(-1) || 1)).join(',')}|${spendTimes.join(',')}`;
  const hit = cache.get(key);
  if (hit) return hit;

  const boundary: (number | null)[] = [];
  const spent: number[] = [];
  let spentSoFar = 0, prevI = 0, last: number | null = null;
  // sub-density of S on the continuation region after the last look that moved: grid points, values, Simpson weights
  let grid: Float64Array | null = null, dens: Float64Array | null = null, wts: Float64Array | null = null, step = 0;
  for (let k = 0; k < info.length; k++) {
    const I = info[k]!;
    const delta = I - prevI;
    if (!(delta > 1e-9 * I)) {
      // no new information: the same statistic as before, so the same decision and nothing to spend
      boundary.push(last); spent.push(spentSoFar);
      continue;
    }
    const target = Math.max(0, alphaSpent(spending, alpha, spendTimes[k]!) - spentSoFar);
    const sd = Math.sqrt(delta), rootI = Math.sqrt(I);
    // probability of crossing ±c at this look without having crossed before; grid points more than
    // `cut` increment-sds inside the boundary add under target·1e-10 in all, so they are skipped
    const cut = grid ? Math.max(6, -normalQuantile(Math.max(1e-300, target * 1e-10))) : 0;
    const crossing = (c: number): number => {
      if (!grid) return 2 * upperTail(c);
      const b = c * rootI, n = grid.length, g0 = grid[0]!;
      const upTo = Math.min(n - 1, Math.floor((-b + cut * sd - g0) / step)); // near −b
      const from = Math.max(upTo + 1, Math.ceil((b - cut * sd - g0) / step)); // near +b
      let p = 0;
      for (let j = 0; j < n; j++) {
        if (j > upTo && j < from) { j = from; if (j >= n) break; } // skip the middle (a plain loop: a closure would box every sum)
        p += wts![j]! * dens![j]! * (upperTail((b - grid[j]!) / sd) + upperTail((b + grid[j]!) / sd));
      }
      return p;
    };
    let c = Infinity;
    if (target > 1e-300) {
      if (!grid) c = -normalQuantile(target / 2);
      else if (crossing(0) <= target) c = 0;
      else {
        let lo = 0, hi = 40;
        for (let it = 0; it < 40; it++) {
          const mid = (lo + hi) / 2;
          if (crossing(mid) > target) lo = mid; else hi = mid;
        }
        c = (lo + hi) / 2;
      }
      spentSoFar += target;
    }
    boundary.push(Number.isFinite(c) ? c : null);
    spent.push(spentSoFar);
    if (Number.isFinite(c)) last = c;

    // carry the sub-density onto this look's continuation region |S| < c·√I
    const nextDelta = k + 1 < info.length ? info[k + 1]! - I : delta;
    const resolve = Math.sqrt(Math.min(delta, nextDelta > 1e-9 * I ? nextDelta : delta));
    const half = Math.max(1e-6, Math.min(c, Z_MAX)) * rootI; // c = 0 (all that is left crosses) would collapse the grid
    let m = Math.ceil((2 * half) / (resolve / PER_SD));
    m = Math.min(MAX_INTERVALS, Math.max(64, m + (m % 2)));
    const h = (2 * half) / m;
    const g = new Float64Array(m + 1), v = new Float64Array(m + 1), w = new Float64Array(m + 1);
    for (let i = 0; i <= m; i++) {
      g[i] = -half + i * h;
      w[i] = (h / 3) * (i === 0 || i === m ? 1 : i % 2 ? 4 : 2);
    }
    if (!grid) {
      for (let i = 0; i <= m; i++) v[i] = phi(g[i]! / rootI) / rootI;
    } else {
      const reach = Z_MAX * sd; // kernel is negligible beyond 8 sd: band the convolution
      for (let i = 0; i <= m; i++) {
        const s = g[i]!;
        const j0 = Math.max(0, Math.ceil((s - reach - grid[0]!) / step)), j1 = Math.min(grid.length - 1, Math.floor((s + reach - grid[0]!) / step));
        // φ((s − u_j)/sd) along the uniform old grid by the Gaussian recurrence: three exps a row, not one per point
        const dx = step / sd, q = Math.exp(-dx * dx);
        const x0 = (s - grid[j0]!) / sd;
        let e = phi(x0), r = Math.exp(x0 * dx - dx * dx / 2), acc = 0;
        for (let j = j0; j <= j1; j++) { acc += wts![j]! * dens![j]! * e; e *= r; r *= q; }
        v[i] = acc / sd;
      }
    }
    grid = g; dens = v; wts = w; step = h; prevI = I;
  }
  const out = { boundary, spent };
  if (cache.size >= 64) cache.delete(cache.keys().next().value!);
  cache.set(key, out);
  return out;
}

export interface GroupSequentialStep {
  look: number;
  difference: number;
  /** Pooled two-proportion z at this look. */
  z: number;
  /** Two-sided z boundary; null where the look has no α to spend. */
  boundary: number | null;
  /** Cumulative α spent by this look. */
  spent: number;
  /** Share of the plan (sample or window) reached: the spending time. */
  informationFraction: number;
  /** Repeated confidence interval, difference ± boundary × standard error: covers the truth at every look at once with probability 1 − α. */
  lower: number;
  upper: number;
  rejected: boolean; // null rejected at this look or earlier
}

export interface GroupSequentialView {
  design: 'group-sequential';
  method: string;
  alpha: number;
  spending: Spending;
  steps: GroupSequentialStep[];
}

export const groupSequentialMethod = (spending: Spending) => `Group sequential (Lan–DeMets alpha spending, ${SPENDING_NAME[spending]} type; two-sided)`;

/**
 * Cumulative looks in time order. By default the spending time is the share of `plannedN` units
 * (both arms) reached, and `plannedN` is the last look's total: the data given are the whole
 * experiment. Looks past the plan have spending time 1: the first of them spends all the α left,
 * later ones have none (boundary null, they cannot reject). `information` overrides the default
 * n_A·n_B/(n_A + n_B); `spendTimes` overrides the sample share (e.g. calendar time of a planned window).
 */
export function monitorGroupSequential(
  looks: Look[],
  alpha = 0.05,
  o: { spending?: Spending; plannedN?: number; information?: number[]; spendTimes?: number[] } = {},
): GroupSequentialView {
  if (looks.length === 0) throw new RangeError('sequential monitoring needs at least one look.');
  const spending = o.spending ?? 'obrien-fleming';
  const total = (l: Look) => l.control.n + l.treatment.n;
  const planned = o.plannedN ?? total(looks.at(-1)!);
  if (!(planned > 0)) throw new RangeError(`the planned sample must be positive; got ${planned}.`);
  const info = o.information ?? looks.map((l) => (l.control.n * l.treatment.n) / Math.max(1, total(l)));
  const times = o.spendTimes ?? looks.map((l) => Math.min(1, total(l) / planned));
  const b = groupSequentialBoundaries(info, times, alpha, spending);
  let rejected = false, lo = 0, hi = 0;
  const steps = looks.map((l, i) => {
    const pA = l.control.successes / l.control.n, pB = l.treatment.successes / l.treatment.n;
    const d = pB - pA;
    const pooled = (l.control.successes + l.treatment.successes) / total(l);
    const v0 = pooled * (1 - pooled) * (1 / l.control.n + 1 / l.treatment.n);
    const z = v0 > 0 ? d / Math.sqrt(v0) : 0; // no successes (or no failures) yet: no evidence either way
    // unpooled SE for the interval, floored as in the mSPRT so an all-zero look does not claim certainty
    const se = Math.sqrt(Math.max((pA * (1 - pA)) / l.control.n + (pB * (1 - pB)) / l.treatment.n, 1 / (4 * Math.max(l.control.n, l.treatment.n) ** 2)));
    const c = b.boundary[i]!;
    if (c !== null) {
      rejected ||= Math.abs(z) >= c;
      lo = d - c * se; hi = d + c * se;
    } else if (i === 0 || b.boundary.slice(0, i).every((x) => x === null)) {
      lo = -1; hi = 1; // nothing spent yet: every difference is still possible
    }
    return { look: i + 1, difference: d, z, boundary: c, spent: b.spent[i]!, informationFraction: times[i]!, lower: lo, upper: hi, rejected };
  });
  return { design: 'group-sequential', method: groupSequentialMethod(spending), alpha, spending, steps };
}

/** What a caller may ask the sequential view for: group sequential with a spending function, or the mSPRT. */
export type SequentialChoice = Spending | 'msprt';
export type SequentialView = GroupSequentialView | ReturnType<typeof monitorProportions>;
