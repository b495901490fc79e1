// One unit's churn score with exact TreeSHAP contributions, computed on demand from that unit's
// own events only (read through the events_by_key index), at the same day churn.score uses.
import type { ChurnExplanation } from '../api/churn.js';
import { AerieError } from '../api/errors.js';
import type { DB } from '../db/sqlite.js';
import { expectedMargin, treeShap } from '../ml/shap.js';
import { marginOfRow } from '../ml/tree.js';
import { EVENT_COLUMNS, type EventRow } from './features.js';
import { modelFeatures, probability, scoringDay } from './score.js';
import { eventKey, latestGoldenBuildId, type Units } from './units.js';
import { loadChurnModel, pickChurnEntry, type LoadedChurnModel } from './workspace-model.js';

export interface ExplainTarget {
  modelId?: number | undefined;
  unit?: string | undefined;
  recordId?: number | undefined;
  goldenId?: string | undefined;
}

function notFound(what: string): never {
  throw new AerieError('NOT_FOUND', `There is no ${what}.`, { hint: 'Pick a customer from churn.scores or the search / entity views.' });
}

/** The unit's records (id, source_id, source_key) and its key. */
function unitRecords(db: DB, kind: 'golden' | 'source', t: ExplainTarget): { key: string; records: [number, number, string | null][] } {
  const given = [t.unit, t.recordId, t.goldenId].filter((v) => v !== undefined).length;
  if (given !== 1) throw new AerieError('INVALID_INPUT', 'Give exactly one of unit, recordId or goldenId.', { hint: 'For example {"recordId": 42}.' });
  if (kind === 'source') {
    if (t.goldenId !== undefined) throw new AerieError('INVALID_INPUT', 'This churn model scores source customer records, not golden entities.', { hint: 'Give recordId (or unit) instead, or use a model trained by golden entity.' });
    const id = t.recordId ?? Number(t.unit);
    const r = Number.isInteger(id) ? (db.prepare('SELECT id, source_id, source_key FROM records WHERE id = ?').raw().get(id) as [number, number, string | null] | undefined) : undefined;
    if (!r) notFound(`customer record ${t.recordId ?? t.unit}`);
    return { key: String(r[0]), records: [r] };
  }
  const build = latestGoldenBuildId(db);
  if (build === null) throw new AerieError('CONFLICT', 'This churn model scores golden entities, and the workspace has no golden build.', { hint: 'Run golden.build, or train a model by source record.' });
  let gid = t.goldenId ?? t.unit;
  if (t.recordId !== undefined) {
    gid = db.prepare('SELECT golden_id FROM golden_members WHERE build_id = ? AND record_id = ?').pluck().get(build, t.recordId) as string | undefined;
    if (gid === undefined) notFound(`golden entity holding record ${t.recordId}`);
  }
  const records = db.prepare('SELECT r.id, r.source_id, r.source_key FROM golden_members m JOIN records r ON r.id = m.record_id WHERE m.build_id = ? AND m.golden_id = ? ORDER BY r.id').raw().all(build, gid) as [number, number, string | null][];
  if (records.length === 0) notFound(`golden entity ${gid}`);
  return { key: gid!, records };
}

/** Loaded ensembles by model id and creation time (an id can be reused after a rollback). */
export type ModelCache = Map<string, LoadedChurnModel>;

export function explainUnit(db: DB, t: ExplainTarget, cache?: ModelCache): ChurnExplanation {
  const entry = pickChurnEntry(db, t.modelId);
  const ck = `${entry.id}@${entry.createdAt}`;
  const lm = cache?.get(ck) ?? loadChurnModel(db, entry);
  if (cache && !cache.has(ck)) cache.set(ck, lm);
  const kind = lm.schema.unit;
  const { key, records } = unitRecords(db, kind, t);
  const units: Units = { kind, keys: [key], byEventKey: new Map(), recordOf: Int32Array.of(records[0]![0]), members: { records: Int32Array.from(records, (r) => r[0]), units: new Int32Array(records.length) }, goldenBuildId: null };
  const asOf = scoringDay(db);
  const byKey = db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE source_id = ? AND source_key = ? AND at < ?`).raw();
  const rows: EventRow[] = [];
  for (const [, sid, skey] of records) {
    if (skey === null || skey === '' || units.byEventKey.has(eventKey(sid, skey))) continue;
    units.byEventKey.set(eventKey(sid, skey), 0);
    for (const r of byKey.iterate(sid, skey, asOf) as Iterable<EventRow>) rows.push(r);
  }
  if (rows.length === 0) throw new AerieError('NOT_FOUND', `Customer ${key} has no events, so churn model ${lm.entry.id} gives no score for it.`, { value: key });
  const ft = modelFeatures(db, lm, units, asOf, { rows });
  const x = Float64Array.from(ft.m.columns, (c) => c[0]!);
  const phi = treeShap(lm.model, x);
  const margin = marginOfRow(lm.model, x);
  const decile = (db.prepare('SELECT decile FROM churn_scores WHERE model_id = ? AND unit = ?').pluck().get(lm.entry.id, key) as number | undefined) ?? null;
  const contributions = ft.m.names
    .map((feature, k) => ({ feature, value: Number.isNaN(x[k]!) ? null : x[k]!, contribution: phi[k]! }))
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  return { modelId: lm.entry.id, unit: key, unitKind: kind, score: probability(lm, margin), margin, baseValue: expectedMargin(lm.model), decile, contributions };
}
