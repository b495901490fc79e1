// Scoring with a stored churn model: the same features, rebuilt at "now" (the day after the latest
// event, so every event counts), the ensemble's margin and the model's calibration.
import { AerieError } from '../api/errors.js';
import type { DB } from '../db/sqlite.js';
import { calibrate } from '../ml/calibration.js';
import { buildFeatures, type FeatureOptions, type FeatureTable } from './features.js';
import { dayAfterLatestEvent } from './labels.js';
import type { Units } from './units.js';
import type { LoadedChurnModel } from './workspace-model.js';

export function scoringDay(db: DB): string {
  const day = dayAfterLatestEvent(db);
  if (!day) throw new AerieError('CONFLICT', 'This workspace has no events to score customers on.', { hint: 'Import an event feed first.' });
  return day;
}

/** The model's features for `units` at `asOf`, checked against the names it was trained on. */
export function modelFeatures(db: DB, lm: LoadedChurnModel, units: Units, asOf: string, more: Partial<FeatureOptions> = {}): FeatureTable {
  const ft = buildFeatures(db, units, { ...more, cutoff: asOf, groups: lm.schema.groups, channels: lm.schema.channels, ...(lm.schema.sourceColumns ? { sourceColumns: lm.schema.sourceColumns } : {}) });
  const want = lm.model.featureNames;
  if (ft.m.names.length !== want.length || ft.m.names.some((n, k) => n !== want[k])) {
    throw new AerieError('BAD_DATA', `Churn model ${lm.entry.id} expects features this version of Aerie does not compute the same way.`, { value: String(lm.entry.id), hint: 'Train a new churn model.' });
  }
  return ft;
}

export const probability = (lm: LoadedChurnModel, margin: number) => calibrate(lm.schema.calibrator, margin);
