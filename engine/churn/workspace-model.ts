// Churn models of the workspace flow as registry entries (kind churn.model, like the tabular
// mode's): the schema holds what scoring needs to rebuild the same features (unit kind, cutoff,
// feature groups and names, order channels, source columns, the calibrator); the artefact is the ensemble as JSON.
import type { ChurnDefinition, ChurnFeatureGroup, ChurnModelSummary } from '../api/churn.js';
import { AerieError } from '../api/errors.js';
import type { DB } from '../db/sqlite.js';
import type { PlattCalibrator } from '../ml/calibration.js';
import { ensembleToJson, type TreeEnsemble } from '../ml/tree.js';
import { getModel, listModels, liveModel, modelArtefact, registerModel, type ModelEntry } from '../models/registry.js';
import type { FeatureDef } from './feature-defs.js';
import type { SourceColumnSpec } from './source-columns.js';
import { CHURN_MODEL_KIND, churnModelFromArtefact } from './model-record.js';
import type { TrainedChurn, WorkspaceChurnMetrics } from './train.js';
import type { UnitKind } from './units.js';

export interface WorkspaceChurnSchema {
  flow: 'workspace';
  unit: UnitKind;
  label: { definition: ChurnDefinition; horizonDays: number };
  cutoff: string;
  groups: ChurnFeatureGroup[];
  channels: string[];
  features: string[];
  featureDefs: FeatureDef[];
  /** The sourceColumns group's columns and encodings (absent on models trained without it). */
  sourceColumns?: SourceColumnSpec[];
  calibrator: PlattCalibrator;
  goldenBuildId: number | null;
}

export interface LoadedChurnModel {
  entry: ModelEntry;
  schema: WorkspaceChurnSchema;
  metrics: WorkspaceChurnMetrics;
  model: TreeEnsemble;
}

export function registerChurnModel(db: DB, t: TrainedChurn, schema: Omit<WorkspaceChurnSchema, 'flow' | 'features' | 'calibrator'>, rows: number, firstEvent: string | null, createdBy: string | null, jobId: string | null): ModelEntry {
  const full: WorkspaceChurnSchema = { flow: 'workspace', ...schema, features: t.model.featureNames, calibrator: t.calibrator };
  return registerModel(db, {
    kind: CHURN_MODEL_KIND,
    status: 'candidate',
    schema: full as unknown as Record<string, unknown>,
    params: { trainer: 'aerie gbdt', trees: t.trees, calibration: 'platt', ...t.params },
    metrics: t.metrics as unknown as Record<string, unknown>,
    dataWindow: { from: firstEvent, to: schema.cutoff, rows },
    artefact: Buffer.from(JSON.stringify(ensembleToJson(t.model))),
    createdBy,
    jobId,
  });
}

const isWorkspace = (e: ModelEntry) => (e.schema as { flow?: string }).flow === 'workspace';

export function churnEntries(db: DB): ModelEntry[] {
  return listModels(db, { kind: CHURN_MODEL_KIND }).filter(isWorkspace);
}

export function requireChurnEntry(db: DB, id: number): ModelEntry {
  const e = getModel(db, id);
  if (!e || e.kind !== CHURN_MODEL_KIND || !isWorkspace(e)) throw new AerieError('NOT_FOUND', `There is no churn model with id ${id}.`, { value: String(id), hint: 'List them with churn.models (aerie churn models).' });
  return e;
}

/** The model a read or a scoring run means: the given id, else the live one, else the newest. */
export function pickChurnEntry(db: DB, id: number | undefined): ModelEntry {
  if (id !== undefined) return requireChurnEntry(db, id);
  const live = liveModel(db, CHURN_MODEL_KIND);
  if (live && isWorkspace(live)) return live;
  const newest = churnEntries(db).sort((a, b) => b.version - a.version)[0];
  if (!newest) throw new AerieError('NOT_FOUND', 'This workspace has no churn model yet.', { hint: 'Train one with churn.train (aerie churn train <workspace>).' });
  return newest;
}

export function loadChurnModel(db: DB, e: ModelEntry): LoadedChurnModel {
  const art = modelArtefact(db, e.id);
  if (!art) throw new AerieError('BAD_DATA', `Churn model ${e.id} has no stored ensemble.`, { value: String(e.id), hint: 'Train a new model.' });
  return { entry: e, schema: e.schema as unknown as WorkspaceChurnSchema, metrics: e.metrics as unknown as WorkspaceChurnMetrics, model: churnModelFromArtefact(art) };
}

export function churnSummary(db: DB, e: ModelEntry): ChurnModelSummary {
  const s = e.schema as unknown as WorkspaceChurnSchema;
  const m = e.metrics as unknown as WorkspaceChurnMetrics;
  const sc = db.prepare('SELECT count(*) AS n, max(computed_at) AS at FROM churn_scores WHERE model_id = ?').get(e.id) as { n: number; at: string | null };
  return {
    id: e.id,
    version: e.version,
    status: e.status,
    createdAt: e.createdAt,
    createdBy: e.createdBy,
    unit: s.unit,
    definition: s.label.definition,
    horizonDays: s.label.horizonDays,
    cutoff: s.cutoff,
    units: e.dataWindow?.rows ?? 0,
    auc: m.auc,
    prAuc: m.prAuc,
    brier: m.brier,
    scored: sc.n,
    scoredAt: sc.at,
  };
}
