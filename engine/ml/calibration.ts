// Probability calibration fitted on held-out scores: Platt (a logistic curve on the margin) or
// isotonic (pool-adjacent-violators, a non-decreasing step function of the score).

export interface PlattCalibrator {
  kind: 'platt';
  a: number;
  b: number;
}

export interface IsotonicCalibrator {
  kind: 'isotonic';
  /** Increasing score knots and the calibrated probability at each (linear between, flat outside). */
  x: number[];
  y: number[];
}

export type Calibrator = PlattCalibrator | IsotonicCalibrator;

/** p = sigmoid(a * margin + b), fitted by Newton's method on the log loss (Platt's target smoothing). */
export function fitPlatt(margin: ArrayLike<number>, y: ArrayLike<number>): PlattCalibrator {
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i]!;
  const neg = y.length - pos;
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (neg + 2);
  let a = 1;
  let b = 0;
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
    for (let i = 0; i < margin.length; i++) {
      const t = y[i] === 1 ? hi : lo;
      const p = 1 / (1 + Math.exp(-(a * margin[i]! + b)));
      const d = p - t;
      const s = Math.max(p * (1 - p), 1e-12);
      ga += d * margin[i]!;
      gb += d;
      haa += s * margin[i]! * margin[i]!;
      hab += s * margin[i]!;
      hbb += s;
    }
    haa += 1e-9;
    hbb += 1e-9;
    const det = haa * hbb - hab * hab;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) break;
  }
  return { kind: 'platt', a, b };
}

export function fitIsotonic(score: ArrayLike<number>, y: ArrayLike<number>): IsotonicCalibrator {
  const idx = Array.from({ length: score.length }, (_, i) => i).sort((i, j) => score[i]! - score[j]!);
  // blocks of (sum y, count, first score, last score), merged while out of order
  const sy: number[] = [];
  const n: number[] = [];
  const x0: number[] = [];
  const x1: number[] = [];
  for (const i of idx) {
    sy.push(y[i]!);
    n.push(1);
    x0.push(score[i]!);
    x1.push(score[i]!);
    while (sy.length > 1 && sy[sy.length - 2]! / n[n.length - 2]! >= sy[sy.length - 1]! / n[n.length - 1]!) {
      const s = sy.pop()!, c = n.pop()!, e = x1.pop()!;
      x0.pop();
      sy[sy.length - 1] = sy[sy.length - 1]! + s;
      n[n.length - 1] = n[n.length - 1]! + c;
      x1[x1.length - 1] = e;
    }
  }
  const xs: number[] = [];
  const ys: number[] = [];
  for (let k = 0; k < sy.length; k++) {
    const v = sy[k]! / n[k]!;
    xs.push(x0[k]!);
    ys.push(v);
    if (x1[k] !== x0[k]) {
      xs.push(x1[k]!);
      ys.push(v);
    }
  }
  return { kind: 'isotonic', x: xs, y: ys };
}

/** Apply a calibrator: Platt takes the margin, isotonic the score it was fitted on. */
export function calibrate(c: Calibrator, v: number): number {
  if (c.kind === 'platt') return 1 / (1 + Math.exp(-(c.a * v + c.b)));
  const { x, y } = c;
  if (x.length === 0) return NaN;
  if (v <= x[0]!) return y[0]!;
  if (v >= x[x.length - 1]!) return y[y.length - 1]!;
  let lo = 0;
  let hi = x.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid]! <= v) lo = mid;
    else hi = mid;
  }
  const t = x[hi] === x[lo] ? 0 : (v - x[lo]!) / (x[hi]! - x[lo]!);
  return y[lo]! + t * (y[hi]! - y[lo]!);
}
