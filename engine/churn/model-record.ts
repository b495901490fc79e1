// A trained churn model as a model-registry entry (kind churn.model): feature schema and how each
// column is encoded, parameters, evaluation metrics, data window, and the ensemble as the artefact
// (JSON; the ONNX file is derived from it byte for byte by engine/ml/onnx-trees.ts).

import type { ColumnEncoding } from '../ml/frame.js';
import type { GbdtParams } from '../ml/gbdt.js';
import { featureImportance, type FeatureImportance } from '../ml/importance.js';
import type { Matrix } from '../ml/matrix.js';
import { brier, liftTable, prAuc, reliabilityCurve, rocAuc, type LiftRow, type ReliabilityBin } from '../ml/metrics.js';
import { ensembleFromJson, ensembleToJson, type TreeEnsemble } from '../ml/tree.js';
import type { DataWindow, ModelEntry, NewModel } from '../models/registry.js';

export const CHURN_MODEL_KIND = 'churn.model';

export interface ChurnMetrics {
  /** Rows the figures were measured on (held out from training). */
  evaluatedOn: number;
  auc: number;
  prAuc: number;
  brier: number;
  reliability: ReliabilityBin[];
  lift: LiftRow[];
  importance: FeatureImportance[];
}

/** Held-out figures of a model: y and p for the evaluation rows, m for SHAP importance. */
export function churnMetrics(model: TreeEnsemble, y: ArrayLike<number>, p: ArrayLike<number>, m: Matrix): ChurnMetrics {
  return {
    evaluatedOn: y.length,
    auc: rocAuc(y, p),
    prAuc: prAuc(y, p),
    brier: brier(y, p),
    reliability: reliabilityCurve(y, p),
    lift: liftTable(y, p),
    importance: featureImportance(model, m, 500).slice(0, 30),
  };
}

export interface ChurnModelInput {
  model: TreeEnsemble;
  encodings: ColumnEncoding[];
  params: GbdtParams;
  metrics: ChurnMetrics;
  /** What one training row is: a golden entity, a source customer record, or a row of a table. */
  unit: 'golden entity' | 'source customer' | 'table row';
  label: { column: string; positive: string } | { definition: string; horizonDays: number };
  dataWindow: DataWindow;
  trees: number;
  createdBy?: string | null;
  jobId?: string | null;
}

export function churnModelEntry(c: ChurnModelInput): NewModel {
  return {
    kind: CHURN_MODEL_KIND,
    status: 'candidate',
    schema: { unit: c.unit, label: c.label, features: c.model.featureNames, columns: c.encodings },
    params: { trainer: 'aerie gbdt', trees: c.trees, ...c.params },
    metrics: c.metrics as unknown as Record<string, unknown>,
    dataWindow: c.dataWindow,
    artefact: Buffer.from(JSON.stringify(ensembleToJson(c.model))),
    createdBy: c.createdBy ?? null,
    jobId: c.jobId ?? null,
  };
}

export function churnModelFromArtefact(artefact: Buffer): TreeEnsemble {
  return ensembleFromJson(JSON.parse(artefact.toString('utf8')));
}

export type { ModelEntry };
