// Review desk API: the next pair to judge, labels that bind as golden decisions, undo, and stats.
import { AerieError } from '../api/errors.js';
import type { DB } from '../db/sqlite.js';
import { undo as undoDecision } from '../golden/steward.js';
import type { HandlerContext } from '../session/handler.js';
import { handlers } from '../session/handler.js';
import type { WorkspaceSession } from '../session/session.js';
import { bindVerdict, type Bound } from './binding.js';
import { estimate } from './estimate.js';
import { removeFeedback, writeFeedback } from './feedback.js';
import { renderItem } from './item.js';
import { insertLabel, judgedPairs, pairKey, parseItemId } from './labels-store.js';
import { ReviewQueue } from './queue-cache.js';

const queueOf = (s: WorkspaceSession) => s.caches.get('review', () => new ReviewQueue(() => s.db, s.changes));

function progress(q: ReviewQueue) {
  return { ...q.progress() };
}

function checkRecords(db: DB, a: number, b: number): void {
  if (a === b) throw new AerieError('INVALID_INPUT', `Item ${a}-${b} names one record twice.`, { hint: 'Label an item as review.next gives it.' });
  const st = db.prepare('SELECT 1 FROM records WHERE id = ?').pluck();
  for (const r of [a, b]) if (!st.get(r)) throw new AerieError('NOT_FOUND', `There is no record ${r} in this workspace.`, { hint: 'Label an item as review.next gives it.' });
}

export const reviewHandlers = handlers({
  'review.next': (i, ctx) => {
    const s = ctx.session();
    const q = queueOf(s);
    const run = q.latest();
    const picked = run ? q.next() : null;
    return { item: run && picked ? renderItem(s.db, run, q.runModel(), picked.item, picked.skipped, i.blind) : null, progress: progress(q), runId: run?.id ?? null };
  },
  'review.label': (i, ctx: HandlerContext) => {
    const s = ctx.session();
    const db = s.db;
    const q = queueOf(s);
    const [a, b] = parseItemId(i.itemId);
    checkRecords(db, a, b);
    const run = q.latest();
    const labels = q.labels();
    const item = q.find(a, b);
    const probability = run ? ((db.prepare('SELECT probability FROM resolve_pairs WHERE run_id = ? AND a = ? AND b = ?').pluck().get(run.id, a, b) as number | undefined) ?? null) : null;
    const actor = ctx.caller.user;
    let decision: Bound | null = null;
    const labelId = db.transaction(() => {
      let feedback: number | null = null;
      if (i.verdict !== 'skip') {
        decision = bindVerdict(db, actor, run, a, b, i.verdict, labels, `review desk: ${i.verdict === 'match' ? 'match' : 'not a match'} (pair ${a}-${b})`);
        feedback = writeFeedback(db, actor, a, b, i.verdict);
      }
      return insertLabel(db, {
        a,
        b,
        verdict: i.verdict,
        reason: item ? item.reasons.join(',') : null,
        run_id: run?.id ?? null,
        probability,
        blind: i.blind ? 1 : 0,
        decision_id: (decision as Bound | null)?.decisionId ?? null,
        feedback_id: feedback,
        reverses: null,
        actor,
      });
    })();
    return { labelId, itemId: pairKey(a, b), verdict: i.verdict, decision, progress: progress(q) };
  },
  'review.undo': (_i, ctx) => {
    const s = ctx.session();
    const db = s.db;
    const q = queueOf(s);
    const last = q.labels().inForce.at(-1);
    if (!last) throw new AerieError('NOT_FOUND', 'There is no label to undo.', { hint: 'Label a pair first (review.label).' });
    const actor = ctx.caller.user;
    let decision: { decisionId: number; kind: 'undo'; goldenId: string | null } | null = null;
    const undoId = db.transaction(() => {
      if (last.decision_id !== null) {
        try {
          const d = undoDecision(db, actor, last.decision_id, `review desk: undo of label ${last.id}`);
          decision = { decisionId: d.decisionId, kind: 'undo', goldenId: d.goldenId };
        } catch (e) {
          // already undone by a steward in the golden view: nothing left to reverse there
          if (!(e instanceof AerieError && e.code === 'CONFLICT')) throw e;
        }
      }
      removeFeedback(db, last.feedback_id);
      return insertLabel(db, { a: last.a, b: last.b, verdict: 'undo', reason: null, run_id: last.run_id, probability: null, blind: 0, decision_id: (decision as { decisionId: number } | null)?.decisionId ?? null, feedback_id: null, reverses: last.id, actor });
    })();
    return { labelId: last.id, undoId, itemId: pairKey(last.a, last.b), verdict: last.verdict as 'match' | 'nonMatch' | 'skip', decision, progress: progress(q) };
  },
  'review.stats': (_i, ctx) => {
    const s = ctx.session();
    const q = queueOf(s);
    const state = q.labels();
    const judged = judgedPairs(state);
    const run = q.latest();
    const bands = q.bands();
    return {
      labelled: judged.length,
      matches: judged.filter((r) => r.verdict === 'match').length,
      nonMatches: judged.filter((r) => r.verdict === 'nonMatch').length,
      skipped: [...state.byPair.values()].filter((r) => r.verdict === 'skip').length,
      queued: q.progress().queued,
      decisions: judged.filter((r) => r.decision_id !== null).length,
      estimate: run && bands ? estimate(s.db, run, bands, judged) : null,
    };
  },
});
