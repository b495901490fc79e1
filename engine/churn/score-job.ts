// churn.score: every unit with at least one event, scored with one churn model at the day after
// the latest event; deciles by rank (1 = riskiest tenth). Scores are computed in chunks (progress,
// cancel) and written in one transaction that replaces the model's earlier scores, so a cancelled
// run leaves the previous scores as they were.
import { ChurnScoreInput, type ChurnScoreResult } from '../api/churn.js';
import type { JobKind } from '../jobs/types.js';
import type { DB } from '../db/sqlite.js';
import { marginOfRow } from '../ml/tree.js';
import { probability, modelFeatures, scoringDay } from './score.js';
import { resolveUnits } from './units.js';
import { loadChurnModel, pickChurnEntry } from './workspace-model.js';
import { z } from 'zod';

const CHUNK = 20_000;

export async function scoreWorkspace(
  db: DB,
  modelId: number | undefined,
  jobId: string,
  hooks: { progress?: (done: number, total: number | null, msg: string) => void; yield?: () => Promise<void>; chunk?: number | undefined } = {},
): Promise<ChurnScoreResult> {
  const t0 = performance.now();
  const lm = loadChurnModel(db, pickChurnEntry(db, modelId));
  const units = resolveUnits(db, lm.schema.unit);
  const asOf = scoringDay(db);
  hooks.progress?.(0, null, `Features of ${units.keys.length.toLocaleString('en')} units`);
  const ft = modelFeatures(db, lm, units, asOf);
  const rows: number[] = [];
  for (let u = 0; u < units.keys.length; u++) if (ft.events[u]! > 0) rows.push(u);
  const margin = new Float64Array(rows.length);
  const x = new Float64Array(ft.m.columns.length);
  const chunk = hooks.chunk ?? CHUNK;
  for (let a = 0; a < rows.length; a += chunk) {
    const b = Math.min(rows.length, a + chunk);
    for (let k = a; k < b; k++) {
      for (let f = 0; f < x.length; f++) x[f] = ft.m.columns[f]![rows[k]!]!;
      margin[k] = marginOfRow(lm.model, x);
    }
    hooks.progress?.(b, rows.length, 'Scoring');
    await hooks.yield?.();
  }
  const prob = margin.map((v) => probability(lm, v));
  // deciles by the stored score (ties by margin, then unit order), so the riskiest page is decile 1
  const order = Array.from({ length: rows.length }, (_, k) => k).sort((p, q) => prob[q]! - prob[p]! || margin[q]! - margin[p]! || p - q);
  const decile = new Uint8Array(rows.length);
  order.forEach((k, r) => (decile[k] = Math.min(10, Math.floor((r * 10) / rows.length) + 1)));
  const at = new Date().toISOString();
  db.transaction(() => {
    db.prepare('DELETE FROM churn_scores WHERE model_id = ?').run(lm.entry.id);
    const put = db.prepare('INSERT INTO churn_scores (model_id, unit, unit_kind, score, decile, job_id, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (let k = 0; k < rows.length; k++) put.run(lm.entry.id, units.keys[rows[k]!]!, units.kind, prob[k]!, decile[k]!, jobId, at);
  })();
  return { modelId: lm.entry.id, version: lm.entry.version, unit: units.kind, scored: rows.length, cutoff: asOf, seconds: (performance.now() - t0) / 1000 };
}

/** The stored job params: the request, and (tests) the units scored between yields. */
const ChurnScoreParams = ChurnScoreInput.extend({ chunk: z.number().int().min(1).optional() });

export const churnScoreJob: JobKind<z.infer<typeof ChurnScoreParams>> = {
  kind: 'churn.score',
  params: ChurnScoreParams,
  unit: 'customers',
  label: (p) => (p.modelId === undefined ? 'Score churn risk' : `Score churn risk with model ${p.modelId}`),
  resumable: false,
  tables: ['churn_scores'],
  async run(ctx) {
    return scoreWorkspace(ctx.db, ctx.params.modelId, ctx.jobId, { progress: (d, t, m) => ctx.progress(d, t, m), yield: () => ctx.yield(), chunk: ctx.params.chunk });
  },
  rollback(db, jobId) {
    db.prepare('DELETE FROM churn_scores WHERE job_id = ?').run(jobId);
  },
};
