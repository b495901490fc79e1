// Calibration from labels: Platt scaling of the match weight, P(one person | w) = σ(a·w + b), fitted
// by Newton's method on the labelled scored pairs (with Platt's smoothed targets, so a perfectly
// separated sample still gives finite a and b), and a reliability table: per band of model
// probability, the model's mean probability, the labelled share of true pairs and the calibrated
// probability. It describes the scored pairs only (pairs the blocking never proposed have no weight).

export interface Platt {
  a: number;
  b: number;
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Pairs the fit reads at most: beyond it, every k-th pair (two parameters need no more). */
const FIT_SAMPLE = 200_000;

/** Fits σ(a·w + b) to labels y (1: one person). Null without both classes. */
export function fitPlatt(w0: ArrayLike<number>, y0: ArrayLike<number>): Platt | null {
  let w = w0;
  let y = y0;
  if (w0.length > FIT_SAMPLE) {
    const step = Math.ceil(w0.length / FIT_SAMPLE);
    const ws: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < w0.length; i += step) (ws.push(w0[i]!), ys.push(y0[i]!));
    w = ws;
    y = ys;
  }
  const n = w.length;
  let pos = 0;
  for (let i = 0; i < n; i++) pos += y[i]!;
  const neg = n - pos;
  if (pos === 0 || neg === 0) return null;
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (neg + 2);
  let a = 1;
  let b = 0;
  let loss = Infinity;
  for (let it = 0; it < 50; it++) {
    // gradient and Hessian of the log loss in (a, b)
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    for (let i = 0; i < n; i++) {
      const p = sigmoid(a * w[i]! + b);
      const t = y[i] ? hi : lo;
      const d = p - t;
      const s = p * (1 - p);
      ga += d * w[i]!;
      gb += d;
      haa += s * w[i]! * w[i]!;
      hab += s * w[i]!;
      hbb += s;
    }
    const det = haa * hbb - hab * hab;
    if (!(Math.abs(det) > 0)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    // step halving keeps every step downhill
    let step = 1;
    for (; step > 1e-6; step /= 2) {
      const na = a - step * da;
      const nb = b - step * db;
      const l = logLoss(w, y, na, nb, hi, lo);
      if (l <= loss) {
        a = na;
        b = nb;
        const gain = loss - l;
        loss = l;
        if (gain < 1e-9 * Math.max(1, l)) step = 0; // converged
        break;
      }
    }
    if (step <= 1e-6 || Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return { a, b };
}

function logLoss(w: ArrayLike<number>, y: ArrayLike<number>, a: number, b: number, hi: number, lo: number): number {
  let l = 0;
  for (let i = 0; i < w.length; i++) {
    const z = a * w[i]! + b;
    const t = y[i] ? hi : lo;
    // −[t log σ(z) + (1 − t) log(1 − σ(z))], stable for large |z|
    l += Math.max(z, 0) - z * t + Math.log1p(Math.exp(-Math.abs(z)));
  }
  return l;
}

export const calibrated = (c: Platt, weight: number) => sigmoid(c.a * weight + c.b);

export interface ReliabilityBin {
  from: number;
  to: number;
  pairs: number;
  /** Mean model probability, labelled share of true pairs, mean calibrated probability. */
  model: number;
  observed: number;
  calibrated: number;
}

/** Reliability by model-probability band (tenths); empty bands left out. */
export function reliability(weight: ArrayLike<number>, probability: ArrayLike<number>, y: ArrayLike<number>, c: Platt): ReliabilityBin[] {
  const bins = Array.from({ length: 10 }, (_, k) => ({ from: k / 10, to: (k + 1) / 10, pairs: 0, model: 0, observed: 0, calibrated: 0 }));
  for (let i = 0; i < weight.length; i++) {
    const bin = bins[Math.min(9, Math.floor(probability[i]! * 10))]!;
    bin.pairs++;
    bin.model += probability[i]!;
    bin.observed += y[i]!;
    bin.calibrated += calibrated(c, weight[i]!);
  }
  return bins.filter((x) => x.pairs > 0).map((x) => ({ ...x, model: x.model / x.pairs, observed: x.observed / x.pairs, calibrated: x.calibrated / x.pairs }));
}
