// Golden builds in the workspace: every row tagged with its build, so a cancelled or failed build
// is undone by deleting its rows, and a new build removes the builds before the latest succeeded one.
import type { GoldenBuildResult } from '../api/golden.js';
import type { DB } from '../db/sqlite.js';
import type { IdEvent } from './ids.js';

export interface LatestBuild {
  id: number;
  /** The newest steward decision the build saw; later ones take effect at the next build. */
  lastDecisionId: number;
  jobId: string;
  createdAt: string;
  summary: GoldenBuildResult;
}

export function latestBuild(db: DB): LatestBuild | null {
  const r = db
    .prepare(`SELECT b.id, b.last_decision_id, b.job_id, b.created_at, b.summary FROM golden_builds b JOIN jobs j ON j.id = b.job_id WHERE j.state = 'succeeded' ORDER BY b.id DESC LIMIT 1`)
    .get() as { id: number; last_decision_id: number; job_id: string; created_at: string; summary: string } | undefined;
  return r ? { id: r.id, lastDecisionId: r.last_decision_id, jobId: r.job_id, createdAt: r.created_at, summary: JSON.parse(r.summary) as GoldenBuildResult } : null;
}

const BUILD_TABLES = ['golden_records', 'golden_members', 'golden_values'];

export function pruneOlderBuilds(db: DB): void {
  const keep = latestBuild(db)?.id ?? -1;
  // two ranges of the primary key, not "<>" (which scans every row of every table)
  for (const t of BUILD_TABLES) for (const op of ['<', '>']) db.prepare(`DELETE FROM ${t} WHERE build_id ${op} ?`).run(keep);
  db.prepare('DELETE FROM golden_builds WHERE id <> ?').run(keep);
}

export function removeBuildOfJob(db: DB, jobId: string): void {
  const id = db.prepare('SELECT id FROM golden_builds WHERE job_id = ?').pluck().get(jobId) as number | undefined;
  if (id === undefined) return;
  for (const t of [...BUILD_TABLES, 'golden_id_events']) db.prepare(`DELETE FROM ${t} WHERE build_id = ?`).run(id);
  db.prepare('DELETE FROM golden_builds WHERE id = ?').run(id);
}

export function insertBuild(db: DB, jobId: string, ruleVersion: number, resolveRunId: number | null, lastDecisionId: number): number {
  return Number(
    db
      .prepare("INSERT INTO golden_builds (job_id, created_at, rule_version, resolve_run_id, last_decision_id, summary) VALUES (?, ?, ?, ?, ?, '{}')")
      .run(jobId, new Date().toISOString(), ruleVersion, resolveRunId, lastDecisionId).lastInsertRowid,
  );
}

export function finishBuild(db: DB, buildId: number, summary: GoldenBuildResult): void {
  db.prepare('UPDATE golden_builds SET summary = ? WHERE id = ?').run(JSON.stringify(summary), buildId);
}

/** Record → golden id in the latest build. */
export function currentGoldenMembers(db: DB): Map<number, string> {
  const b = latestBuild(db);
  const out = new Map<number, string>();
  if (!b) return out;
  for (const [r, g] of db.prepare('SELECT record_id, golden_id FROM golden_members WHERE build_id = ?').raw().iterate(b.id) as Iterable<[number, string]>) out.set(r, g);
  return out;
}

/** The latest build's members, compact (a 1M-entry Map of strings costs ~100 MB): its golden ids,
 * and each record's index into them. */
export interface PreviousMembers {
  /** Golden ids of the latest build, each once, in the order the query yields them (as the Map of
   * currentGoldenMembers did: id history events come in this order). */
  ids: string[];
  /** Record id → index into `ids`; -1 (or past the end) where the record was in no golden record. */
  of: Int32Array;
  /** Golden id → its index in `ids` (the keys are the strings of `ids`: ~30 bytes an id). */
  indexOf: Map<string, number>;
}

export function previousGoldenMembers(db: DB): PreviousMembers {
  const b = latestBuild(db);
  if (!b) return { ids: [], of: new Int32Array(0), indexOf: new Map() };
  const max = (db.prepare('SELECT max(record_id) FROM golden_members WHERE build_id = ?').pluck().get(b.id) as number | null) ?? -1;
  const of = new Int32Array(max + 1).fill(-1);
  const ids: string[] = [];
  // each row brings its golden id's string anew: one is kept per id
  const indexOf = new Map<string, number>();
  for (const [r, g] of db.prepare('SELECT record_id, golden_id FROM golden_members WHERE build_id = ?').raw().iterate(b.id) as Iterable<[number, string]>) {
    let k = indexOf.get(g);
    if (k === undefined) {
      k = ids.length;
      ids.push(g);
      indexOf.set(g, k);
    }
    of[r] = k;
  }
  return { ids, of, indexOf };
}

export interface GoldenValueRow {
  attribute: string;
  value: string;
  rule: string;
  confidence: number;
  records: number[];
}

export interface BuiltRecord {
  id: string;
  records: ArrayLike<number>;
  locked: boolean;
  values: GoldenValueRow[];
}

export function insertGolden(db: DB, buildId: number, rows: BuiltRecord[]): void {
  const rec = db.prepare('INSERT INTO golden_records (build_id, id, size, locked) VALUES (?, ?, ?, ?)');
  const mem = db.prepare('INSERT INTO golden_members (build_id, record_id, golden_id) VALUES (?, ?, ?)');
  const val = db.prepare('INSERT INTO golden_values (build_id, golden_id, attribute, value, rule, confidence, records) VALUES (?, ?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const g of rows) {
      rec.run(buildId, g.id, g.records.length, g.locked ? 1 : 0);
      for (let k = 0; k < g.records.length; k++) mem.run(buildId, g.records[k], g.id);
      for (const v of g.values) val.run(buildId, g.id, v.attribute, v.value, v.rule, v.confidence, JSON.stringify(v.records));
    }
  })();
}

export function insertEvents(db: DB, buildId: number, events: IdEvent[]): void {
  const st = db.prepare('INSERT INTO golden_id_events (build_id, golden_id, event, other_id, decision_id, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const at = new Date().toISOString();
  db.transaction(() => {
    for (const e of events) st.run(buildId, e.goldenId, e.event, e.otherId, e.decisionId, at);
  })();
}

export function goldenRecordRow(db: DB, buildId: number, id: string): { size: number; locked: boolean } | null {
  const r = db.prepare('SELECT size, locked FROM golden_records WHERE build_id = ? AND id = ?').get(buildId, id) as { size: number; locked: number } | undefined;
  return r ? { size: r.size, locked: r.locked === 1 } : null;
}

export function membersOf(db: DB, buildId: number, id: string): number[] {
  return db.prepare('SELECT record_id FROM golden_members WHERE build_id = ? AND golden_id = ? ORDER BY record_id').pluck().all(buildId, id) as number[];
}

export function valuesOf(db: DB, buildId: number, id: string): GoldenValueRow[] {
  return (db.prepare('SELECT attribute, value, rule, confidence, records FROM golden_values WHERE build_id = ? AND golden_id = ? ORDER BY attribute').all(buildId, id) as { attribute: string; value: string; rule: string; confidence: number; records: string }[]).map(
    (v) => ({ ...v, records: JSON.parse(v.records) as number[] }),
  );
}

export function historyOf(db: DB, id: string): { event: IdEvent['event']; otherId: string | null; buildId: number; createdAt: string }[] {
  return db
    .prepare('SELECT event, other_id AS otherId, build_id AS buildId, created_at AS createdAt FROM golden_id_events WHERE golden_id = ? ORDER BY id')
    .all(id) as { event: IdEvent['event']; otherId: string | null; buildId: number; createdAt: string }[];
}

/** Where an id that is gone now lives: its merged_into chain followed to an id of the build (or null). */
export function currentIdOf(db: DB, buildId: number, id: string): string | null {
  const seen = new Set<string>();
  let cur: string | null = id;
  while (cur !== null && !seen.has(cur)) {
    if (goldenRecordRow(db, buildId, cur)) return cur;
    seen.add(cur);
    cur = db.prepare("SELECT other_id FROM golden_id_events WHERE golden_id = ? AND event = 'merged_into' ORDER BY id DESC LIMIT 1").pluck().get(cur) as string | null;
    cur = cur ?? null;
  }
  return null;
}
