// Churn risk decile as a stratum: each unit's decile (1 = riskiest tenth) under the churn model
// whose scores churn.scores shows by default (the live model if it has scores, else the latest
// scored one), read with plain SQL on churn_scores (migration 0014) so experiments need no import of
// the churn capability. Units without a score form the stratum "unscored".
import type { DB } from '../db/sqlite.js';
import { liveModel } from '../models/registry.js';

/** The stratify value that means "churn risk decile" (not a customer attribute name). */
export const CHURN_DECILE = 'churn_decile';
export const UNSCORED = 'unscored';
const CHURN_MODEL_KIND = 'churn.model'; // engine/churn/model-record.ts

export interface ScoredChurnModel { modelId: number; version: number; unitKind: 'golden' | 'source'; scored: number }

export function scoredChurnModel(db: DB): ScoredChurnModel | null {
  const live = liveModel(db, CHURN_MODEL_KIND);
  const hasScores = (id: number) => db.prepare('SELECT 1 FROM churn_scores WHERE model_id = ? LIMIT 1').pluck().get(id) !== undefined;
  const id = live && hasScores(live.id)
    ? live.id
    : ((db.prepare('SELECT model_id FROM churn_scores GROUP BY model_id ORDER BY max(computed_at) DESC, model_id DESC LIMIT 1').pluck().get() as number | undefined) ?? null);
  if (id === null) return null;
  const r = db.prepare('SELECT m.version, s.unit_kind AS kind, count(*) AS n FROM churn_scores s JOIN models m ON m.id = s.model_id WHERE s.model_id = ?').get(id) as { version: number; kind: 'golden' | 'source'; n: number };
  return { modelId: id, version: r.version, unitKind: r.kind, scored: r.n };
}

/** Why churn deciles cannot be used now, or null when they can. */
export function churnDecileUnavailable(db: DB): string | null {
  return scoredChurnModel(db) ? null : 'No churn scores yet: train a churn model and score customers (Models → Churn, or aerie churn score) first.';
}

/** The deciles of one model's scores by unit key (a golden id, or a source record id as text). */
export function churnDeciles(db: DB, modelId: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const [u, d] of db.prepare('SELECT unit, decile FROM churn_scores WHERE model_id = ?').raw().iterate(modelId) as Iterable<[string, number]>) out.set(u, d);
  return out;
}
