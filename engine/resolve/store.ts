// Resolve runs in the workspace: writes of one run (every row tagged with its run, so rollback is a
// delete), reads of the latest succeeded run, and a stored pair's waterfall rebuilt from its levels.
import type { DB } from '../db/sqlite.js';
import { getModel } from '../models/registry.js';
import type { Model } from './em.js';
import { matchWeight, namesAgree, priorWeight, probability, weightTables } from './score.js';

export interface RunSummary {
  runId: number;
  records: number;
  candidatePairs: number;
  scoredPairs: number;
  matches: number;
  entities: number;
  entitiesKept: number;
  secondsPerStage: Record<string, number>;
  modelId: number;
  /** Blocking rule names, by index; matches per rule. */
  rules: string[];
  matchesByRule: number[];
}

export interface LatestRun {
  id: number;
  /** The same as id (an incremental run extends the run in place; kept for readers that use it). */
  runId: number;
  jobId: string;
  createdAt: string;
  threshold: number;
  modelId: number;
  /** After incremental runs: the totals after the latest of them (summary.incremental says what it added). */
  summary: RunSummary;
}

/** The latest run whose job succeeded (incremental runs extend it in place). */
export function latestRun(db: DB): LatestRun | null {
  const r = db
    .prepare(
      `SELECT r.id, r.job_id, r.created_at, r.threshold, r.model_id, r.summary FROM resolve_runs r JOIN jobs j ON j.id = r.job_id
        WHERE j.state = 'succeeded' ORDER BY r.id DESC LIMIT 1`,
    )
    .get() as { id: number; job_id: string; created_at: string; threshold: number; model_id: number; summary: string } | undefined;
  return r ? { id: r.id, runId: r.id, jobId: r.job_id, createdAt: r.created_at, threshold: r.threshold, modelId: r.model_id, summary: JSON.parse(r.summary) as RunSummary } : null;
}

/** Entity of each record in the latest run. */
export function currentMembers(db: DB): Map<number, string> {
  const run = latestRun(db);
  const out = new Map<number, string>();
  if (!run) return out;
  for (const [rec, ent] of db.prepare('SELECT record_id, entity_id FROM resolve_members WHERE run_id = ?').raw().iterate(run.id) as Iterable<[number, string]>) out.set(rec, ent);
  return out;
}

export function insertRun(db: DB, jobId: string, threshold: number): number {
  db.prepare('DELETE FROM resolve_runs WHERE job_id = ?').run(jobId);
  return Number(db.prepare("INSERT INTO resolve_runs (job_id, created_at, threshold, summary) VALUES (?, ?, ?, '{}')").run(jobId, new Date().toISOString(), threshold).lastInsertRowid);
}

/** Tables whose rows belong to a run's results (deleted with it). */
const RUN_TABLES = ['resolve_pairs', 'resolve_members', 'resolve_entities', 'resolve_keys', 'resolve_tf', 'resolve_forms', 'resolve_increments'];

/** Keep only the latest succeeded run (the one a new run replaces); called when a new run starts. */
export function pruneOlderRuns(db: DB): void {
  const keep = latestRun(db)?.id ?? -1;
  for (const t of RUN_TABLES) db.prepare(`DELETE FROM ${t} WHERE run_id <> ?`).run(keep);
  db.prepare('DELETE FROM resolve_runs WHERE id <> ?').run(keep);
}

/** What an incremental run changed in the rows of the run it extended, so rollback can restore them. */
export interface IncrementUndo {
  /** The run's summary before. */
  summary: string;
  /** Records it added (their members, pairs and keys are deleted). */
  added: number[];
  /** Records moved to another entity by a merge, with the entity they had. */
  moved: [number, string][];
  /** Entities whose size it changed or that it created or removed, with their size before (null: did not exist). */
  entities: [string, number | null][];
}

/** Record an incremental run's changes to the run it extended (in the transaction that makes them). */
export function insertIncrement(db: DB, jobId: string, runId: number, undo: IncrementUndo): number {
  db.prepare('DELETE FROM resolve_increments WHERE job_id = ?').run(jobId);
  return Number(db.prepare('INSERT INTO resolve_increments (job_id, run_id, created_at, undo) VALUES (?, ?, ?, ?)').run(jobId, runId, new Date().toISOString(), JSON.stringify(undo)).lastInsertRowid);
}

export function removeRunOfJob(db: DB, jobId: string): void {
  db.transaction(() => {
    const inc = db.prepare('SELECT id, run_id, undo FROM resolve_increments WHERE job_id = ?').get(jobId) as { id: number; run_id: number; undo: string } | undefined;
    if (inc) {
      undoIncrement(db, inc.run_id, JSON.parse(inc.undo) as IncrementUndo);
      db.prepare('DELETE FROM resolve_increments WHERE id = ?').run(inc.id);
    }
    const id = db.prepare('SELECT id FROM resolve_runs WHERE job_id = ?').pluck().get(jobId) as number | undefined;
    if (id === undefined) return;
    for (const t of RUN_TABLES) db.prepare(`DELETE FROM ${t} WHERE run_id = ?`).run(id);
    db.prepare('DELETE FROM resolve_runs WHERE id = ?').run(id);
  })();
}

function undoIncrement(db: DB, base: number, u: IncrementUndo): void {
  const delMember = db.prepare('DELETE FROM resolve_members WHERE run_id = ? AND record_id = ?');
  const delPairs = db.prepare('DELETE FROM resolve_pairs WHERE run_id = ? AND (a = ? OR b = ?)');
  const delForms = db.prepare('DELETE FROM resolve_forms WHERE run_id = ? AND record_id = ?');
  for (const rec of u.added) {
    delMember.run(base, rec);
    delPairs.run(base, rec, rec);
    delForms.run(base, rec);
  }
  // keys are indexed by (rule, key), not by record: one scan of the run's keys (rollback is rare)
  if (u.added.length) {
    const ids = new Set(u.added);
    const keys = db.prepare('SELECT rule, key, record_id FROM resolve_keys WHERE run_id = ? AND record_id >= ?').raw().all(base, Math.min(...u.added)) as [number, number, number][];
    const del = db.prepare('DELETE FROM resolve_keys WHERE run_id = ? AND rule = ? AND key = ? AND record_id = ?');
    for (const [rule, key, rec] of keys) if (ids.has(rec)) del.run(base, rule, key, rec);
  }
  const move = db.prepare('UPDATE resolve_members SET entity_id = ? WHERE run_id = ? AND record_id = ?');
  for (const [rec, ent] of u.moved) move.run(ent, base, rec);
  const delEnt = db.prepare('DELETE FROM resolve_entities WHERE run_id = ? AND id = ?');
  const putEnt = db.prepare('INSERT INTO resolve_entities (run_id, id, size) VALUES (?, ?, ?) ON CONFLICT (run_id, id) DO UPDATE SET size = excluded.size');
  for (const [id, size] of u.entities) {
    if (size === null) delEnt.run(base, id);
    else putEnt.run(base, id, size);
  }
  db.prepare('UPDATE resolve_runs SET summary = ? WHERE id = ?').run(u.summary, base);
}

export interface StoredPair {
  a: number;
  b: number;
  probability: number;
  weight: number;
  rule: number;
  levels: Int8Array;
  tf: Float32Array;
}

export function insertPairs(db: DB, runId: number, pairs: StoredPair[]): void {
  const st = db.prepare('INSERT INTO resolve_pairs (run_id, a, b, probability, weight, rule, levels, tf) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const p of pairs) st.run(runId, p.a, p.b, p.probability, p.weight, p.rule, Buffer.from(p.levels.buffer, p.levels.byteOffset, p.levels.byteLength), Buffer.from(p.tf.buffer, p.tf.byteOffset, p.tf.byteLength));
  })();
}

export function insertMembers(db: DB, runId: number, members: [number, string][]): void {
  const st = db.prepare('INSERT INTO resolve_members (run_id, record_id, entity_id) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (const [rec, ent] of members) st.run(runId, rec, ent);
  })();
}

export function insertEntities(db: DB, runId: number, sizes: Map<string, number>): void {
  const st = db.prepare('INSERT INTO resolve_entities (run_id, id, size) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (const [id, size] of sizes) st.run(runId, id, size);
  })();
}

export function finishRun(db: DB, runId: number, modelId: number, summary: RunSummary): void {
  db.prepare('UPDATE resolve_runs SET model_id = ?, summary = ? WHERE id = ?').run(modelId, JSON.stringify(summary), runId);
}

export function clusterSizes(db: DB, runId: number): [number, number][] {
  return db.prepare('SELECT size, count(*) FROM resolve_entities WHERE run_id = ? GROUP BY size ORDER BY size').raw().all(runId) as [number, number][];
}

export function pairsPage(db: DB, runId: number, min: number, max: number, offset: number, limit: number): { total: number; rows: { a: number; b: number; probability: number; weight: number; rule: number; entityA: string | null; entityB: string | null }[] } {
  const total = db.prepare('SELECT count(*) FROM resolve_pairs WHERE run_id = ? AND probability BETWEEN ? AND ?').pluck().get(runId, min, max) as number;
  const rows = db
    .prepare(
      `SELECT p.a, p.b, p.probability, p.weight, p.rule,
              (SELECT entity_id FROM resolve_members WHERE run_id = p.run_id AND record_id = p.a) AS entityA,
              (SELECT entity_id FROM resolve_members WHERE run_id = p.run_id AND record_id = p.b) AS entityB
         FROM resolve_pairs p WHERE p.run_id = ? AND p.probability BETWEEN ? AND ?
        ORDER BY p.probability DESC, p.a, p.b LIMIT ? OFFSET ?`,
    )
    .all(runId, min, max, limit, offset) as { a: number; b: number; probability: number; weight: number; rule: number; entityA: string | null; entityB: string | null }[];
  return { total, rows };
}

/** The run's model as stored in the registry (params.model). */
export function runModel(db: DB, modelId: number): Model | null {
  const m = getModel(db, modelId);
  return m ? (m.params.model as Model) : null;
}

/** A stored pair's waterfall; null when the latest run did not score it. */
export function explainStored(db: DB, runId: number, model: Model, a: number, b: number) {
  const [lo, hi] = a < b ? [a, b] : [b, a];
  const r = db.prepare('SELECT levels, tf FROM resolve_pairs WHERE run_id = ? AND a = ? AND b = ?').get(runId, lo, hi) as { levels: Buffer; tf: Buffer } | undefined;
  if (!r) return null;
  const levels = new Int8Array(r.levels.buffer.slice(r.levels.byteOffset, r.levels.byteOffset + r.levels.byteLength));
  const tf = new Float32Array(r.tf.buffer.slice(r.tf.byteOffset, r.tf.byteOffset + r.tf.byteLength));
  const tables = weightTables(model, namesAgree(model, (c) => levels[c] ?? -1));
  const prior = priorWeight(model);
  let sa = 0;
  let sb = 0;
  const steps = model.comparisons.map((c, ci) => {
    const l = levels[ci] ?? -1;
    const w = l < 0 ? 0 : tables[ci]![l]!;
    const t = l < 0 ? 0 : (tf[ci] ?? 0);
    sa += w + t;
    if (c.shared && l >= 0) sb += w + t;
    return { comparison: c.name, level: l, label: l < 0 ? 'missing' : c.levels[l]!, weight: w, tfAdjustment: t };
  });
  const weight = matchWeight(model, sa, sb);
  return { a: lo, b: hi, prior, steps, household: weight - prior - sa, weight, probability: probability(weight) };
}
