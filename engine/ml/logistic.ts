// Logistic regression baseline: features standardised (missing values imputed at the mean, i.e. 0
// after standardising), L2 penalty 0.5 |w|^2 + C * sum(log loss) as scikit-learn's default
// (intercept not penalised), fitted by Newton's method with a Cholesky solve (d is small: tens to a
// few hundred features).

import type { Matrix } from './matrix.js';

export interface LogisticModel {
  kind: 'logistic';
  featureNames: string[];
  mean: number[];
  scale: number[];
  /** Weights on standardised features. */
  weights: number[];
  intercept: number;
}

export interface LogisticParams {
  /** Inverse regularisation strength (scikit-learn's C). */
  C: number;
  maxIter: number;
}

export const LOGISTIC_DEFAULTS: LogisticParams = { C: 1, maxIter: 100 };

/** Solve A x = b for symmetric positive definite A (n x n, row-major); A is overwritten. */
function choleskySolve(A: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let j = 0; j < n; j++) {
    let d = A[j * n + j]!;
    for (let k = 0; k < j; k++) d -= A[j * n + k]! ** 2;
    d = Math.sqrt(Math.max(d, 1e-12));
    A[j * n + j] = d;
    for (let i = j + 1; i < n; i++) {
      let s = A[i * n + j]!;
      for (let k = 0; k < j; k++) s -= A[i * n + k]! * A[j * n + k]!;
      A[i * n + j] = s / d;
    }
  }
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= A[i * n + k]! * z[k]!;
    z[i] = s / A[i * n + i]!;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < n; k++) s -= A[k * n + i]! * x[k]!;
    x[i] = s / A[i * n + i]!;
  }
  return x;
}

function standardised(m: Matrix, mean: number[], scale: number[]): Float64Array[] {
  return m.columns.map((c, f) => {
    const out = new Float64Array(m.rows);
    for (let i = 0; i < m.rows; i++) {
      const v = c[i]!;
      out[i] = Number.isNaN(v) ? 0 : (v - mean[f]!) / scale[f]!;
    }
    return out;
  });
}

export function trainLogistic(m: Matrix, y: ArrayLike<number>, params: Partial<LogisticParams> = {}): LogisticModel {
  const p = { ...LOGISTIC_DEFAULTS, ...params };
  if (!(p.C > 0)) throw new RangeError(`logistic parameter C = ${p.C}: use a number > 0`);
  const d = m.columns.length;
  const mean: number[] = [];
  const scale: number[] = [];
  for (const c of m.columns) {
    let s = 0;
    let n = 0;
    for (let i = 0; i < c.length; i++) if (!Number.isNaN(c[i])) (s += c[i]!), n++;
    const mu = n ? s / n : 0;
    let v = 0;
    for (let i = 0; i < c.length; i++) if (!Number.isNaN(c[i])) v += (c[i]! - mu) ** 2;
    const sd = n ? Math.sqrt(v / n) : 0;
    mean.push(mu);
    scale.push(sd > 1e-12 ? sd : 1);
  }
  const X = standardised(m, mean, scale);
  const n = m.rows;
  const dim = d + 1; // last = intercept
  const w = new Float64Array(dim);
  const z = new Float64Array(n);
  for (let iter = 0; iter < p.maxIter; iter++) {
    z.fill(w[d]!);
    for (let f = 0; f < d; f++) {
      const c = X[f]!;
      const wf = w[f]!;
      if (wf !== 0) for (let i = 0; i < n; i++) z[i] = z[i]! + wf * c[i]!;
    }
    const grad = new Float64Array(dim);
    const H = new Float64Array(dim * dim);
    const r = new Float64Array(n);
    const s = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const pr = 1 / (1 + Math.exp(-z[i]!));
      r[i] = p.C * (pr - y[i]!);
      s[i] = p.C * Math.max(pr * (1 - pr), 1e-12);
    }
    for (let a = 0; a < dim; a++) {
      const ca = a < d ? X[a]! : null;
      let ga = 0;
      for (let i = 0; i < n; i++) ga += r[i]! * (ca ? ca[i]! : 1);
      grad[a] = ga + (a < d ? w[a]! : 0);
      for (let b = 0; b <= a; b++) {
        const cb = b < d ? X[b]! : null;
        let h = 0;
        for (let i = 0; i < n; i++) h += s[i]! * (ca ? ca[i]! : 1) * (cb ? cb[i]! : 1);
        if (a === b && a < d) h += 1;
        H[a * dim + b] = h;
        H[b * dim + a] = h;
      }
    }
    const step = choleskySolve(H, grad, dim);
    let maxStep = 0;
    for (let a = 0; a < dim; a++) {
      w[a] = w[a]! - step[a]!;
      maxStep = Math.max(maxStep, Math.abs(step[a]!));
    }
    if (maxStep < 1e-8) break;
  }
  return { kind: 'logistic', featureNames: [...m.names], mean, scale, weights: Array.from(w.subarray(0, d)), intercept: w[d]! };
}

export function logisticMargin(model: LogisticModel, m: Matrix): Float64Array {
  const out = new Float64Array(m.rows).fill(model.intercept);
  m.columns.forEach((c, f) => {
    const w = model.weights[f]! / model.scale[f]!;
    const mu = model.mean[f]!;
    for (let i = 0; i < m.rows; i++) {
      const v = c[i]!;
      if (!Number.isNaN(v)) out[i] = out[i]! + w * (v - mu);
    }
  });
  return out;
}

export function logisticProba(model: LogisticModel, m: Matrix): Float64Array {
  const z = logisticMargin(model, m);
  for (let i = 0; i < z.length; i++) z[i] = 1 / (1 + Math.exp(-z[i]!));
  return z;
}
