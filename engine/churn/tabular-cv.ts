// Tabular mode: stratified k-fold cross-validation of the gradient-boosted trees (and the logistic
// baseline) on a labelled snapshot table, as `aerie churn-cv` prints it. Every fold's model is
// trained only on the other folds; early stopping holds out part of those training rows, never the
// test fold.

import { AerieError } from '../api/errors.js';
import { foldRows, stratifiedFolds } from '../ml/folds.js';
import { labelledFrame, type ColumnEncoding, type FrameOptions, type TextTable } from '../ml/frame.js';
import { GBDT_DEFAULTS, trainGbdt, type GbdtParams } from '../ml/gbdt.js';
import { featureImportance } from '../ml/importance.js';
import { logisticProba, trainLogistic } from '../ml/logistic.js';
import { takeLabels, takeRows } from '../ml/matrix.js';
import { brier, mean, prAuc, rocAuc, std } from '../ml/metrics.js';
import { predictProba } from '../ml/tree.js';

export interface CvOptions extends FrameOptions {
  folds: number;
  seed: number;
  gbdt?: Partial<GbdtParams>;
  /** Also fit the logistic baseline on the same folds. */
  baseline?: boolean;
  onFold?: (fold: number, auc: number) => void;
}

export interface ModelCv {
  auc_mean: number;
  auc_std: number;
  auc_folds: number[];
  pr_auc_mean: number;
  brier_mean: number;
  fit_ms_mean: number;
  fit_ms_folds: number[];
  /** Process CPU time of the fits (the trainer is single-threaded, so about wall time when the machine is idle). */
  fit_cpu_ms_mean: number;
}

export interface CvResult extends ModelCv {
  rows: number;
  positives: number;
  rows_without_label: number;
  folds: number;
  seed: number;
  features: number;
  columns: ColumnEncoding[];
  trees_folds: number[];
  /** Share of split gain per feature, averaged over the folds' models (top 20). */
  importance: { feature: string; gain: number }[];
  params: GbdtParams;
  logistic?: ModelCv;
  /** Fold of every labelled row (table order), so other tools can reuse the same split. */
  fold_of_row: Uint8Array;
  /** Table row of every labelled row. */
  table_rows: Uint32Array;
}

const round = (v: number, d = 4) => Number(v.toFixed(d));
const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};

function summarise(auc: number[], pr: number[], br: number[], ms: number[], cpu: number[]): ModelCv {
  return {
    auc_mean: round(mean(auc)),
    auc_std: round(std(auc)),
    auc_folds: auc.map((v) => round(v)),
    pr_auc_mean: round(mean(pr)),
    brier_mean: round(mean(br)),
    fit_ms_mean: round(mean(ms), 1),
    fit_ms_folds: ms.map((v) => round(v, 1)),
    fit_cpu_ms_mean: round(mean(cpu), 1),
  };
}

export function tabularCv(t: TextTable, o: CvOptions): CvResult {
  const frame = labelledFrame(t, o);
  const { m, y } = frame;
  const positives = y.reduce((s, v) => s + v, 0);
  if (Math.min(positives, y.length - positives) < o.folds) {
    throw new AerieError('INVALID_INPUT', `${o.folds} folds need at least ${o.folds} rows of each class; the table has ${positives} with the --positive value and ${y.length - positives} without.`, {
      ...(o.file ? { file: o.file } : {}),
      column: o.label,
      hint: 'Use fewer --folds, or a larger table.',
    });
  }
  const fold = stratifiedFolds(y, o.folds, o.seed);
  const params: GbdtParams = { ...GBDT_DEFAULTS, seed: o.seed, ...o.gbdt };
  const g = { auc: [] as number[], pr: [] as number[], br: [] as number[], ms: [] as number[], cpu: [] as number[], trees: [] as number[] };
  const gain = new Map<string, number>();
  const l = { auc: [] as number[], pr: [] as number[], br: [] as number[], ms: [] as number[], cpu: [] as number[] };
  for (let f = 0; f < o.folds; f++) {
    const { train, test } = foldRows(fold, f);
    const mTrain = takeRows(m, train);
    const yTrain = takeLabels(y, train);
    const mTest = takeRows(m, test);
    const yTest = takeLabels(y, test);
    let t0 = performance.now();
    let c0 = process.cpuUsage();
    const fit = trainGbdt(mTrain, yTrain, params);
    g.ms.push(performance.now() - t0);
    g.cpu.push(cpuMs(c0));
    const p = predictProba(fit.model, mTest);
    g.auc.push(rocAuc(yTest, p));
    g.pr.push(prAuc(yTest, p));
    g.br.push(brier(yTest, p));
    g.trees.push(fit.trees);
    for (const imp of featureImportance(fit.model)) gain.set(imp.feature, (gain.get(imp.feature) ?? 0) + imp.gain / o.folds);
    o.onFold?.(f, g.auc[f]!);
    if (o.baseline) {
      t0 = performance.now();
      c0 = process.cpuUsage();
      const lm = trainLogistic(mTrain, yTrain);
      l.ms.push(performance.now() - t0);
      l.cpu.push(cpuMs(c0));
      const lp = logisticProba(lm, mTest);
      l.auc.push(rocAuc(yTest, lp));
      l.pr.push(prAuc(yTest, lp));
      l.br.push(brier(yTest, lp));
    }
  }
  return {
    rows: y.length,
    positives,
    rows_without_label: frame.rowsWithoutLabel,
    folds: o.folds,
    seed: o.seed,
    features: m.columns.length,
    columns: frame.encodings,
    ...summarise(g.auc, g.pr, g.br, g.ms, g.cpu),
    trees_folds: g.trees,
    importance: [...gain.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([feature, v]) => ({ feature, gain: round(v) })),
    params,
    ...(o.baseline ? { logistic: summarise(l.auc, l.pr, l.br, l.ms, l.cpu) } : {}),
    fold_of_row: fold,
    table_rows: frame.tableRow,
  };
}
