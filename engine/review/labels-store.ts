// The review desk's labels (table review_labels, append-only): what is in force is worked out from
// the whole log, as golden decisions are: an undo takes its target out of force, and per pair the
// latest verdict in force stands (a later match or non-match supersedes an earlier one or a skip).
import type { DB } from '../db/sqlite.js';

export type StoredVerdict = 'match' | 'nonMatch' | 'skip' | 'undo';

export interface LabelRow {
  id: number;
  a: number;
  b: number;
  verdict: StoredVerdict;
  reason: string | null;
  run_id: number | null;
  probability: number | null;
  blind: number;
  decision_id: number | null;
  feedback_id: number | null;
  reverses: number | null;
  actor: string;
  created_at: string;
}

export const pairKey = (a: number, b: number) => (a < b ? `${a}-${b}` : `${b}-${a}`);

export function parseItemId(id: string): [number, number] {
  const [x, y] = id.split('-').map(Number) as [number, number];
  return x < y ? [x, y] : [y, x];
}

export function allLabels(db: DB): LabelRow[] {
  return db.prepare('SELECT * FROM review_labels ORDER BY id').all() as LabelRow[];
}

export function lastLabelId(db: DB): number {
  return (db.prepare('SELECT max(id) FROM review_labels').pluck().get() as number | null) ?? 0;
}

export function insertLabel(db: DB, row: Omit<LabelRow, 'id' | 'created_at'>): number {
  return Number(
    db
      .prepare('INSERT INTO review_labels (a, b, verdict, reason, run_id, probability, blind, decision_id, feedback_id, reverses, actor, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(row.a, row.b, row.verdict, row.reason, row.run_id, row.probability, row.blind, row.decision_id, row.feedback_id, row.reverses, row.actor, new Date().toISOString()).lastInsertRowid,
  );
}

/** What the log says now. */
export interface LabelState {
  /** Rows in force (undos, undone rows and rows naming a removed record left out), oldest first. */
  inForce: LabelRow[];
  /** Per pair, its latest row in force. */
  byPair: Map<string, LabelRow>;
  /** The newest row id read (the state is current while the table's max id is this). */
  lastId: number;
  /** Undo rows in the log (one more: something may have come back into the queue). */
  undos: number;
}

/**
 * The state after the rows past `state.lastId` (read in id order): applied in place when none of
 * them is an undo (a log that only grew), else read again whole. Returns whether it was read whole.
 */
export function advanceLabelState(db: DB, state: LabelState): boolean {
  const rows = db.prepare('SELECT * FROM review_labels WHERE id > ? ORDER BY id').all(state.lastId) as LabelRow[];
  if (rows.some((r) => r.verdict === 'undo')) {
    Object.assign(state, labelState(db));
    return true;
  }
  for (const r of rows) {
    state.inForce.push(r);
    state.byPair.set(pairKey(r.a, r.b), r);
    state.lastId = r.id;
  }
  return false;
}

export function labelState(db: DB): LabelState {
  const all = allLabels(db);
  const reversed = new Set<number>();
  // newest first: an undo reverses only earlier rows, so its own standing is known by then
  for (let k = all.length - 1; k >= 0; k--) {
    const r = all[k]!;
    if (r.verdict === 'undo' && r.reverses !== null && !reversed.has(r.id)) reversed.add(r.reverses);
  }
  // a label naming a record removed since (ingest.remove) no longer counts; its row stays (ids only)
  const exists = db.prepare('SELECT 1 FROM records WHERE id = ?').pluck();
  const known = new Map<number, boolean>();
  const here = (id: number) => {
    let k = known.get(id);
    if (k === undefined) known.set(id, (k = exists.get(id) !== undefined));
    return k;
  };
  const inForce = all.filter((r) => r.verdict !== 'undo' && !reversed.has(r.id) && here(r.a) && here(r.b));
  const byPair = new Map<string, LabelRow>();
  for (const r of inForce) byPair.set(pairKey(r.a, r.b), r);
  return { inForce, byPair, lastId: all.length ? all[all.length - 1]!.id : 0, undos: all.length - all.filter((r) => r.verdict !== 'undo').length };
}

/** Pairs judged match or non-match (their latest verdict in force). */
export function judgedPairs(state: LabelState): LabelRow[] {
  return [...state.byPair.values()].filter((r) => r.verdict === 'match' || r.verdict === 'nonMatch');
}
