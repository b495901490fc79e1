// ROC and precision-recall curve points for charts: the full curves thinned to about 100 points
// (every distinct threshold would be one point per customer).

export interface RocPoint {
  fpr: number;
  tpr: number;
  threshold: number;
}
export interface PrPoint {
  recall: number;
  precision: number;
  threshold: number;
}

export function curves(y: ArrayLike<number>, score: ArrayLike<number>, points = 100): { roc: RocPoint[]; pr: PrPoint[] } {
  const idx = Array.from({ length: score.length }, (_, i) => i).sort((a, b) => score[b]! - score[a]!);
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i] === 1 ? 1 : 0;
  const neg = y.length - pos;
  const roc: RocPoint[] = [{ fpr: 0, tpr: 0, threshold: Infinity }];
  const pr: PrPoint[] = [];
  const step = Math.max(1, Math.ceil(idx.length / points));
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    if (y[i] === 1) tp++;
    else fp++;
    // emit only where the threshold changes (ties move together), at most every `step` rows
    const last = k === idx.length - 1;
    if (!last && (score[idx[k + 1]!] === score[i] || (k + 1) % step !== 0)) continue;
    roc.push({ fpr: neg ? fp / neg : 0, tpr: pos ? tp / pos : 0, threshold: score[i]! });
    // no point before the first churner: precision 0 at recall 0 would draw a false drop at the start
    if (tp > 0) pr.push({ recall: tp / pos, precision: tp / (tp + fp), threshold: score[i]! });
  }
  // JSON has no Infinity
  roc[0]!.threshold = roc.length > 1 ? roc[1]!.threshold : 1;
  return { roc, pr };
}
