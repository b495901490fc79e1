// Fit and evaluate a churn model on a feature matrix and 0/1 labels: a stratified quarter held out
// for the figures, a fifth of the rest for calibration, GBDT (early stopping on its own validation
// share) and the logistic baseline on what remains. Platt calibration on the GBDT margin keeps the
// ranking (scores, deciles and the lift table agree) and makes the scores probabilities.
import { calibrate, fitPlatt, type PlattCalibrator } from '../ml/calibration.js';
import { stratifiedHoldout, trainGbdt, type GbdtParams } from '../ml/gbdt.js';
import { featureImportance } from '../ml/importance.js';
import { logisticProba, trainLogistic } from '../ml/logistic.js';
import { takeLabels, takeRows, type Matrix } from '../ml/matrix.js';
import { brier, liftTable, prAuc, reliabilityCurve, rocAuc } from '../ml/metrics.js';
import { predictMargin, type TreeEnsemble } from '../ml/tree.js';
import { curves, type PrPoint, type RocPoint } from './curves.js';

export const CHURN_GBDT: Partial<GbdtParams> = { rounds: 400, learningRate: 0.05, maxDepth: 4, minChildWeight: 5, validationFraction: 0.15, earlyStoppingRounds: 30 };

/** The cohort action a decile maps to. */
export function decileAction(decile: number): string {
  if (decile <= 1) return 'call within a week: retention offer';
  if (decile <= 3) return 'personal email with an offer';
  if (decile <= 6) return 'nurture campaign';
  return 'no action';
}

export interface WorkspaceChurnMetrics {
  evaluatedOn: number;
  positives: number;
  auc: number;
  /** 95% interval of the AUC (absent on models trained before it was kept). */
  aucInterval?: [number, number] | null;
  prAuc: number;
  brier: number;
  baseline: { auc: number; prAuc: number; brier: number };
  roc: RocPoint[];
  pr: PrPoint[];
  reliability: { lo: number; hi: number; count: number; meanPredicted: number; observedRate: number }[];
  lift: { decile: number; count: number; positives: number; rate: number; lift: number | null; cumulativeCapture: number | null; minScore: number; maxScore: number; action: string }[];
  importance: { feature: string; gain: number; splits: number; meanAbsShap: number | null }[];
}

export interface TrainedChurn {
  model: TreeEnsemble;
  calibrator: PlattCalibrator;
  trees: number;
  params: Partial<GbdtParams>;
  metrics: WorkspaceChurnMetrics;
}

const finite = (v: number) => (Number.isFinite(v) ? v : null);

/**
 * 95% interval of a held-out AUC (Hanley & McNeil 1982, from the class sizes): with a few thousand
 * customers the held-out quarter holds few churners or few stayers, and an AUC near 0.5 is then
 * indistinguishable from chance; the interval says so. Null when a class is empty.
 */
export function aucInterval(auc: number, pos: number, neg: number): [number, number] | null {
  if (pos === 0 || neg === 0 || !Number.isFinite(auc)) return null;
  const q1 = auc / (2 - auc);
  const q2 = (2 * auc * auc) / (1 + auc);
  const se = Math.sqrt((auc * (1 - auc) + (pos - 1) * (q1 - auc * auc) + (neg - 1) * (q2 - auc * auc)) / (pos * neg));
  return [Math.max(0, auc - 1.96 * se), Math.min(1, auc + 1.96 * se)];
}

export function trainChurn(m: Matrix, y: Uint8Array, seed: number, gbdt: Partial<GbdtParams> = {}): TrainedChurn {
  const params = { ...CHURN_GBDT, ...gbdt, seed };
  const split = stratifiedHoldout(y, 0.25, seed);
  const yRest = takeLabels(y, split.train);
  const cal = stratifiedHoldout(yRest, 0.2, seed + 1);
  const fitRows = Uint32Array.from(cal.train, (i) => split.train[i]!);
  const calRows = Uint32Array.from(cal.holdout, (i) => split.train[i]!);
  const fit = trainGbdt(takeRows(m, fitRows), takeLabels(y, fitRows), params);
  const calibrator = fitPlatt(predictMargin(fit.model, takeRows(m, calRows)), takeLabels(y, calRows));

  const mt = takeRows(m, split.holdout);
  const yt = takeLabels(y, split.holdout);
  const margin = predictMargin(fit.model, mt);
  const p = margin.map((v) => calibrate(calibrator, v));
  const logit = trainLogistic(takeRows(m, fitRows), takeLabels(y, fitRows));
  const pb = logisticProba(logit, mt);
  const { roc, pr } = curves(yt, p);
  let positives = 0;
  for (const v of yt) positives += v;
  const auc = rocAuc(yt, p);
  return {
    model: fit.model,
    calibrator,
    trees: fit.trees,
    params,
    metrics: {
      evaluatedOn: yt.length,
      positives,
      auc,
      aucInterval: aucInterval(auc, positives, yt.length - positives),
      prAuc: prAuc(yt, p),
      brier: brier(yt, p),
      baseline: { auc: rocAuc(yt, pb), prAuc: prAuc(yt, pb), brier: brier(yt, pb) },
      roc,
      pr,
      reliability: reliabilityCurve(yt, p),
      lift: liftTable(yt, p).map((r) => ({ ...r, lift: finite(r.lift), cumulativeCapture: finite(r.cumulativeCapture), action: decileAction(r.decile) })),
      importance: featureImportance(fit.model, mt, 500).map((r) => ({ feature: r.feature, gain: r.gain, splits: r.splits, meanAbsShap: r.meanAbsShap ?? null })),
    },
  };
}
