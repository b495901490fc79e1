// Accuracy against labels: pairwise precision / recall / F1 (every pair the truth puts in one
// entity), cluster metrics (B-cubed, exact entities), and the precision–recall curve of scored pairs.

export interface PairwiseMetrics {
  precision: number;
  recall: number;
  f1: number;
  truePairs: number;
  predictedPairs: number;
  truePositives: number;
}

const c2 = (k: number) => (k * (k - 1)) / 2;

export function metrics(tp: number, predicted: number, truth: number): PairwiseMetrics {
  const precision = predicted === 0 ? (truth === 0 ? 1 : 0) : tp / predicted;
  const recall = truth === 0 ? 1 : tp / truth;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePairs: truth, predictedPairs: predicted, truePositives: tp };
}

/** Pairwise metrics of a clustering against true entity labels (any comparable label values). */
export function pairwiseFromClusters<T>(predicted: ArrayLike<number>, truth: ArrayLike<T>): PairwiseMetrics {
  const p = new Map<number, number>();
  const t = new Map<T, number>();
  const both = new Map<string, number>();
  for (let i = 0; i < predicted.length; i++) {
    const a = predicted[i]!;
    const b = truth[i]!;
    p.set(a, (p.get(a) ?? 0) + 1);
    t.set(b, (t.get(b) ?? 0) + 1);
    const k = `${a}\u0001${String(b)}`;
    both.set(k, (both.get(k) ?? 0) + 1);
  }
  let tp = 0;
  let pp = 0;
  let tt = 0;
  for (const v of both.values()) tp += c2(v);
  for (const v of p.values()) pp += c2(v);
  for (const v of t.values()) tt += c2(v);
  return metrics(tp, pp, tt);
}

/** Pairwise metrics of predicted pairs against true pairs (keys "a\u0001b", order as the caller keys them). */
export function pairwiseFromPairs(predicted: Iterable<string>, truth: Set<string>): PairwiseMetrics {
  let tp = 0;
  let pp = 0;
  const seen = new Set<string>();
  for (const k of predicted) {
    if (seen.has(k)) continue;
    seen.add(k);
    pp++;
    if (truth.has(k)) tp++;
  }
  return metrics(tp, pp, truth.size);
}

export interface ClusterMetrics {
  /** B-cubed precision, recall and F1 (record-averaged). */
  bcubed: { precision: number; recall: number; f1: number };
  /** Share of true entities reproduced exactly. */
  exactEntities: number;
  predictedEntities: number;
  trueEntities: number;
}

export function clusterMetrics<T>(predicted: ArrayLike<number>, truth: ArrayLike<T>): ClusterMetrics {
  const n = predicted.length;
  const pSize = new Map<number, number>();
  const tSize = new Map<T, number>();
  const both = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    pSize.set(predicted[i]!, (pSize.get(predicted[i]!) ?? 0) + 1);
    tSize.set(truth[i]!, (tSize.get(truth[i]!) ?? 0) + 1);
    const k = `${predicted[i]}\u0001${String(truth[i])}`;
    both.set(k, (both.get(k) ?? 0) + 1);
  }
  let bp = 0;
  let br = 0;
  const firstPred = new Map<T, number>();
  const exact = new Map<T, boolean>();
  for (let i = 0; i < n; i++) {
    const k = `${predicted[i]}\u0001${String(truth[i])}`;
    const inter = both.get(k)!;
    bp += inter / pSize.get(predicted[i]!)!;
    br += inter / tSize.get(truth[i]!)!;
    const t = truth[i]!;
    const f = firstPred.get(t);
    if (f === undefined) {
      firstPred.set(t, predicted[i]!);
      exact.set(t, pSize.get(predicted[i]!) === tSize.get(t));
    } else if (f !== predicted[i]) exact.set(t, false);
  }
  bp /= Math.max(1, n);
  br /= Math.max(1, n);
  let ex = 0;
  for (const v of exact.values()) if (v) ex++;
  return {
    bcubed: { precision: bp, recall: br, f1: bp + br === 0 ? 0 : (2 * bp * br) / (bp + br) },
    exactEntities: tSize.size === 0 ? 1 : ex / tSize.size,
    predictedEntities: pSize.size,
    trueEntities: tSize.size,
  };
}

export interface CurvePoint {
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
}

/**
 * Precision–recall of scored pairs as the probability threshold moves (pairs, not clusters).
 * True pairs never scored count as misses at every threshold.
 */
export function prCurve(probability: Float64Array, isTrue: Uint8Array, truePairs: number, thresholds = defaultThresholds()): { points: CurvePoint[]; best: CurvePoint } {
  const order = Array.from(probability.keys()).sort((x, y) => probability[y]! - probability[x]!);
  const points: CurvePoint[] = [];
  let k = 0;
  let tp = 0;
  const desc = [...thresholds].sort((x, y) => y - x);
  for (const t of desc) {
    while (k < order.length && probability[order[k]!]! >= t) {
      tp += isTrue[order[k]!]!;
      k++;
    }
    const m = metrics(tp, k, truePairs);
    points.push({ threshold: t, precision: m.precision, recall: m.recall, f1: m.f1 });
  }
  points.reverse();
  const best = points.reduce((x, y) => (y.f1 > x.f1 ? y : x), points[0] ?? { threshold: 0.5, precision: 0, recall: 0, f1: 0 });
  return { points, best };
}

function defaultThresholds(): number[] {
  const t: number[] = [];
  for (let x = 0.01; x < 0.995; x += 0.01) t.push(Math.round(x * 100) / 100);
  return [0.0001, 0.001, ...t, 0.995, 0.999, 0.9999];
}
