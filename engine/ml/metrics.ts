// Evaluation of binary scores: ROC AUC (tied scores count half), PR AUC (average precision, as
// scikit-learn computes it), Brier score, reliability curve and the decile / lift table.

function counts(y: ArrayLike<number>): { pos: number; neg: number } {
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i] === 1 ? 1 : 0;
  return { pos, neg: y.length - pos };
}

function orderBy(score: ArrayLike<number>, desc: boolean): Uint32Array {
  const idx = Uint32Array.from({ length: score.length }, (_, i) => i);
  return idx.sort((a, b) => (desc ? score[b]! - score[a]! : score[a]! - score[b]!));
}

function checkScores(y: ArrayLike<number>, score: ArrayLike<number>, what: string): void {
  if (y.length !== score.length) throw new RangeError(`${what}: ${y.length} labels but ${score.length} scores`);
  for (let i = 0; i < score.length; i++) {
    if (Number.isNaN(score[i])) throw new RangeError(`${what}: score ${i} is not a number`);
  }
}

/** Probability that a random positive scores above a random negative (ties count half). NaN without both classes. */
export function rocAuc(y: ArrayLike<number>, score: ArrayLike<number>): number {
  checkScores(y, score, 'rocAuc');
  const { pos, neg } = counts(y);
  if (pos === 0 || neg === 0) return NaN;
  const idx = orderBy(score, false);
  let rankSum = 0;
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && score[idx[j + 1]!] === score[idx[i]!]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (y[idx[k]!] === 1) rankSum += avgRank;
    i = j + 1;
  }
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Average precision: sum over score thresholds of (recall step) x precision. */
export function prAuc(y: ArrayLike<number>, score: ArrayLike<number>): number {
  checkScores(y, score, 'prAuc');
  const { pos } = counts(y);
  if (pos === 0) return NaN;
  const idx = orderBy(score, true);
  let tp = 0;
  let seen = 0;
  let ap = 0;
  let lastRecall = 0;
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && score[idx[j + 1]!] === score[idx[i]!]) j++;
    for (let k = i; k <= j; k++) tp += y[idx[k]!] === 1 ? 1 : 0;
    seen = j + 1;
    const recall = tp / pos;
    ap += (recall - lastRecall) * (tp / seen);
    lastRecall = recall;
    i = j + 1;
  }
  return ap;
}

export function brier(y: ArrayLike<number>, p: ArrayLike<number>): number {
  checkScores(y, p, 'brier');
  let s = 0;
  for (let i = 0; i < p.length; i++) s += (p[i]! - y[i]!) ** 2;
  return s / p.length;
}

export interface ReliabilityBin {
  /** Bin range of predicted probability. */
  lo: number;
  hi: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
}

/** Equal-width bins of predicted probability with their observed positive rate (empty bins left out). */
export function reliabilityCurve(y: ArrayLike<number>, p: ArrayLike<number>, bins = 10): ReliabilityBin[] {
  checkScores(y, p, 'reliabilityCurve');
  const n = new Float64Array(bins);
  const sp = new Float64Array(bins);
  const sy = new Float64Array(bins);
  for (let i = 0; i < p.length; i++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(p[i]! * bins)));
    n[b] = n[b]! + 1;
    sp[b] = sp[b]! + p[i]!;
    sy[b] = sy[b]! + y[i]!;
  }
  const out: ReliabilityBin[] = [];
  for (let b = 0; b < bins; b++) {
    if (n[b] === 0) continue;
    out.push({ lo: b / bins, hi: (b + 1) / bins, count: n[b]!, meanPredicted: sp[b]! / n[b]!, observedRate: sy[b]! / n[b]! });
  }
  return out;
}

export interface LiftRow {
  /** 1 = the highest-scored tenth. */
  decile: number;
  count: number;
  positives: number;
  rate: number;
  /** rate / overall rate. */
  lift: number;
  /** Share of all positives found in deciles 1..this one. */
  cumulativeCapture: number;
  minScore: number;
  maxScore: number;
}

/** Rows ranked by score, highest first, cut into `groups` equal bands. */
export function liftTable(y: ArrayLike<number>, score: ArrayLike<number>, groups = 10): LiftRow[] {
  checkScores(y, score, 'liftTable');
  const idx = orderBy(score, true);
  const { pos } = counts(y);
  const base = pos / Math.max(1, y.length);
  const out: LiftRow[] = [];
  let cum = 0;
  for (let d = 0; d < groups; d++) {
    const a = Math.floor((d * idx.length) / groups);
    const b = Math.floor(((d + 1) * idx.length) / groups);
    if (b <= a) continue;
    let positives = 0;
    for (let k = a; k < b; k++) positives += y[idx[k]!] === 1 ? 1 : 0;
    cum += positives;
    const rate = positives / (b - a);
    out.push({ decile: d + 1, count: b - a, positives, rate, lift: base > 0 ? rate / base : NaN, cumulativeCapture: pos > 0 ? cum / pos : NaN, minScore: score[idx[b - 1]!]!, maxScore: score[idx[a]!]! });
  }
  return out;
}

export function mean(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s / a.length;
}

/** Sample standard deviation (n - 1), as numpy's std(ddof=1); 0 for one value. */
export function std(a: ArrayLike<number>): number {
  if (a.length < 2) return 0;
  const m = mean(a);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - m) ** 2;
  return Math.sqrt(s / (a.length - 1));
}
