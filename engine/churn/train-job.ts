// churn.train: units, point-in-time features at the cutoff, the leakage check, labels, then the
// GBDT + logistic baseline fit, calibration and held-out figures, registered as a candidate
// churn.model. Rollback (cancel, failure) removes what the job registered.
import { z } from 'zod';
import { ChurnTrainInput, type ChurnTrainResult } from '../api/churn.js';
import { AerieError } from '../api/errors.js';
import type { DB } from '../db/sqlite.js';
import type { JobKind } from '../jobs/types.js';
import type { GbdtParams } from '../ml/gbdt.js';
import { takeRows } from '../ml/matrix.js';
import { removeModelsOfJob } from '../models/registry.js';
import { DEFAULT_GROUPS } from './feature-defs.js';
import { buildFeatures, type ExtraFeature } from './features.js';
import { churnLabels, defaultCutoff } from './labels.js';
import { checkLeakage } from './leakage.js';
import { trainChurn } from './train.js';
import { resolveUnits } from './units.js';
import { registerChurnModel } from './workspace-model.js';

/** The stored job params: the request, and who asked (the registry entry's createdBy). */
export const ChurnTrainParams = ChurnTrainInput.extend({ actor: z.string().max(200).optional() });
export type ChurnTrainParams = z.infer<typeof ChurnTrainParams>;

const MIN_CLASS = 20;

export interface TrainOptions {
  /** Tests: features added to the built-in ones (a leaky one to see the check stop training). */
  extra?: readonly ExtraFeature[];
  gbdt?: Partial<GbdtParams>;
  onProgress?: (message: string) => void;
  /** Between stages: lets other requests (and a cancel) in. */
  yield?: () => Promise<void>;
}

export async function trainWorkspaceChurn(db: DB, p: ChurnTrainParams, jobId: string | null, o: TrainOptions = {}): Promise<ChurnTrainResult> {
  const t0 = performance.now();
  const say = o.onProgress ?? (() => {});
  const pause = o.yield ?? (async () => {});
  const units = resolveUnits(db, p.unit);
  const cutoff = p.cutoff ?? defaultCutoff(db, p.horizonDays);
  const groups = p.features ?? [...DEFAULT_GROUPS];
  say(`Features of ${units.keys.length.toLocaleString('en')} ${units.kind === 'golden' ? 'golden entities' : 'customer records'} before ${cutoff}`);
  const ft = buildFeatures(db, units, { cutoff, groups, ...(o.extra ? { extra: o.extra } : {}) });
  if (ft.defs.length === 0) {
    throw new AerieError('CONFLICT', `The feature groups ${groups.join(', ')} give no feature in this workspace (no customer source column is numeric or a category with few values).`, {
      hint: 'Add another feature group, e.g. rfm or tenure.',
    });
  }
  checkLeakage(ft, cutoff);
  await pause();
  // the noOrder population (ordered in the last year) needs orders_365d even when rfm is not chosen
  const rfm = groups.includes('rfm') ? ft.m : buildFeatures(db, units, { cutoff, groups: ['rfm'] }).m;
  const ordered365 = rfm.columns[rfm.names.indexOf('orders_365d')]!;
  const labels = churnLabels(db, units, p.definition, cutoff, p.horizonDays, ordered365, ft.events);
  const negatives = labels.population - labels.positives;
  if (labels.positives < MIN_CLASS || negatives < MIN_CLASS) {
    throw new AerieError('CONFLICT', `Too few examples to learn from: ${labels.positives} churned and ${negatives} stayed (of ${labels.population} units) with the definition ${p.definition}, cutoff ${cutoff} and horizon ${p.horizonDays} days; at least ${MIN_CLASS} of each are needed.`, {
      value: cutoff,
      hint: 'Choose an earlier cutoff, a longer horizon or another definition, or import more history.',
    });
  }
  const rows: number[] = [];
  for (let u = 0; u < labels.y.length; u++) if (labels.y[u]! >= 0) rows.push(u);
  const m = takeRows(ft.m, rows);
  const y = Uint8Array.from(rows, (u) => labels.y[u]!);
  const featureSeconds = (performance.now() - t0) / 1000;
  await pause();
  say(`Training on ${rows.length.toLocaleString('en')} units (${labels.positives.toLocaleString('en')} churned)`);
  const t1 = performance.now();
  const trained = trainChurn(m, y, p.seed, o.gbdt);
  const trainSeconds = (performance.now() - t1) / 1000;
  await pause();
  const firstEvent = (db.prepare('SELECT min(at) FROM events WHERE at < ?').pluck().get(cutoff) as string | null)?.slice(0, 10) ?? null;
  const entry = db.transaction(() =>
    registerChurnModel(
      db,
      trained,
      { unit: units.kind, label: { definition: p.definition, horizonDays: p.horizonDays }, cutoff, groups, channels: ft.channels, featureDefs: ft.defs, ...(groups.includes('sourceColumns') ? { sourceColumns: ft.sourceColumns } : {}), goldenBuildId: units.goldenBuildId },
      rows.length,
      firstEvent,
      p.actor ?? null,
      jobId,
    ),
  )();
  const mt = trained.metrics;
  return {
    modelId: entry.id,
    version: entry.version,
    unit: units.kind,
    cutoff,
    horizonDays: p.horizonDays,
    definition: p.definition,
    units: rows.length,
    positives: labels.positives,
    features: ft.defs.length,
    trees: trained.trees,
    calibration: 'platt',
    auc: mt.auc,
    prAuc: mt.prAuc,
    brier: mt.brier,
    baselineAuc: mt.baseline.auc,
    featureSeconds,
    trainSeconds,
    seconds: (performance.now() - t0) / 1000,
  };
}

export const churnTrainJob: JobKind<ChurnTrainParams> = {
  kind: 'churn.train',
  params: ChurnTrainParams,
  unit: 'steps',
  label: (p) => `Train a churn model (${p.definition}, ${p.horizonDays} days)`,
  resumable: false,
  tables: ['models'],
  async run(ctx) {
    ctx.progress(0, null, 'Reading events');
    await ctx.yield();
    return trainWorkspaceChurn(ctx.db, ctx.params, ctx.jobId, { onProgress: (msg) => ctx.progress(0, null, msg), yield: () => ctx.yield() });
  },
  rollback(db, jobId) {
    removeModelsOfJob(db, jobId);
  },
};
