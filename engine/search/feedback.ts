// Analyst feedback on search results (append-only) and erasure of a record's search traces.
import type { ChangeBus } from '../db/changes.js';
import type { DB } from '../db/sqlite.js';
import { forgetRecordVectors } from '../embed/store.js';

export interface FeedbackRow {
  id: number;
  query: string;
  record_id: number;
  kind: 'click' | 'confirm' | 'reject';
  shown: number[];
}

export function addFeedback(db: DB, actor: string, f: { q: string; recordId: number; kind: 'click' | 'confirm' | 'reject'; shown: number[] }): number {
  return Number(
    db
      .prepare('INSERT INTO search_feedback (at, actor, query, record_id, kind, shown) VALUES (?, ?, ?, ?, ?, ?)')
      .run(new Date().toISOString(), actor, f.q, f.recordId, f.kind, JSON.stringify(f.shown)).lastInsertRowid,
  );
}

export function listFeedback(db: DB): FeedbackRow[] {
  return (db.prepare('SELECT id, query, record_id, kind, shown FROM search_feedback ORDER BY id').all() as (Omit<FeedbackRow, 'shown'> & { shown: string | null })[]).map((r) => ({
    ...r,
    shown: r.shown ? (JSON.parse(r.shown) as number[]) : [],
  }));
}

export function feedbackCount(db: DB): number {
  return db.prepare('SELECT count(*) FROM search_feedback').pluck().get() as number;
}

/**
 * Erasure of records from everything search keeps: stored vectors (every generation), in-memory
 * indexes, and feedback rows that name them (their query text may hold the person's details).
 * The caller (governance) deletes the records themselves and writes the audit tombstone.
 */
export function forgetRecordSearchData(db: DB, recordIds: readonly number[], changes: ChangeBus): { vectors: number; feedback: number } {
  const vectors = forgetRecordVectors(db, recordIds, changes);
  let feedback = 0;
  const del = db.prepare('DELETE FROM search_feedback WHERE record_id = ?');
  db.transaction(() => {
    for (const id of recordIds) feedback += del.run(id).changes;
  })();
  return { vectors, feedback };
}
