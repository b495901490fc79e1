// Labels as search feedback: the reranker learns from (query, result, confirm / reject) rows, so a
// match label becomes "searching for record A's name and town, record B is the one" (confirm) and a
// non-match "… record B is not the one" (reject). The query holds A's name and town, as an analyst's
// search would; the label keeps the feedback row's id so that its undo removes it, and
// forgetReviewFeedback removes the rows made from an erased record's details.
import type { DB } from '../db/sqlite.js';
import { RECORD_COLUMNS, recordName, type RecordRow } from '../records/record.js';
import { addFeedback } from '../search/feedback.js';

export function writeFeedback(db: DB, actor: string, a: number, b: number, verdict: 'match' | 'nonMatch'): number | null {
  const r = db.prepare(`SELECT ${RECORD_COLUMNS} FROM records WHERE id = ?`).get(a) as RecordRow | undefined;
  if (!r) return null;
  const q = [recordName(r), r.city ?? ''].join(' ').replace(/\s+/g, ' ').trim();
  if (!q) return null;
  return addFeedback(db, actor, { q, recordId: b, kind: verdict === 'match' ? 'confirm' : 'reject', shown: [b] });
}

export function removeFeedback(db: DB, id: number | null): void {
  if (id !== null) db.prepare('DELETE FROM search_feedback WHERE id = ?').run(id);
}

/** For erasure: the feedback rows whose query was made from one of these records (the other side's rows go with search's own erasure). */
export function forgetReviewFeedback(db: DB, recordIds: readonly number[]): number {
  const del = db.prepare("DELETE FROM search_feedback WHERE id IN (SELECT feedback_id FROM review_labels WHERE a = ? AND feedback_id IS NOT NULL)");
  let n = 0;
  db.transaction(() => {
    for (const id of recordIds) n += del.run(id).changes;
  })();
  return n;
}
