// Search API: query, feedback, train (a job), status.
import type { HandlerContext } from '../session/handler.js';
import { handlers } from '../session/handler.js';
import type { WorkspaceSession } from '../session/session.js';
import { addFeedback, feedbackCount } from './feedback.js';
import { searchService, type SearchService } from './service.js';
import type { TrainParams } from './train-job.js';

/** The open workspace's search service (its indexes warm in the background on first use). */
function service(s: WorkspaceSession, warm = true): SearchService {
  const svc = searchService(s.db, s);
  if (warm) svc.startWarm();
  return svc;
}

/** After the first screen has loaded, build the search indexes in the background (in slices). */
const WARM_AFTER_OPEN_MS = 1_500;

export function warmSearchOnOpen(s: WorkspaceSession): void {
  const t = setTimeout(() => {
    if (!s.db.open) return;
    // A job already writing (an import right after create) gets the engine to itself: the index
    // warms when it finishes (its change reaches the service) or on the first search.
    service(s, !s.jobs.busy);
  }, WARM_AFTER_OPEN_MS);
  t.unref();
}

const session = (ctx: HandlerContext) => ctx.session();

export const searchHandlers = handlers({
  'search.query': async (i, ctx) => {
    const svc = service(session(ctx));
    if (!i.q.trim()) {
      return { query: i.q, parsed: { free: [], fields: {} }, results: [], candidates: 0, ranker: svc.status().ranker, vectors: null, tookMs: 0 };
    }
    // never hold the engine: wait briefly for warming, then answer from what is ready (`warming` says so)
    return svc.search(i.q, { limit: i.limit, lexicalOnly: i.lexicalOnly, wait: i.waitMs });
  },
  'search.feedback': (i, ctx) => ({ id: addFeedback(session(ctx).db, `${ctx.caller.user}@${ctx.caller.host}`, { q: i.q, recordId: i.recordId, kind: i.kind, shown: i.shown }) }),
  'search.train': (i, ctx) => {
    service(session(ctx));
    const params: TrainParams = { keys: i.keys, useFeedback: i.useFeedback, maxPairs: i.maxPairs };
    return { jobId: session(ctx).jobs.start('search.train', params).id };
  },
  'search.status': (_i, ctx) => ({ ...service(session(ctx)).status(), feedback: feedbackCount(session(ctx).db) }),
});
