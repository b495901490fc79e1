// Search API: query, feedback, train (a job), status.
import { handlers } from '../core/handler.js';
import type { Engine } from '../core/engine.js';
import type { DB } from '../db/sqlite.js';
import { notifyWorkspaceChange } from '../embed/changes.js';
import { addFeedback, feedbackCount } from './feedback.js';
import { searchService, type SearchService } from './service.js';
import type { TrainParams } from './train-job.js';

const watched = new WeakSet<DB>();

/** The workspace's search service, told when jobs change the records table. */
function service(engine: Engine, warm = true): SearchService {
  const db = engine.requireSession().db;
  if (!watched.has(db)) {
    watched.add(db);
    const off = engine.onEvent((e) => {
      if (!db.open) {
        off();
        return;
      }
      if (e.event === 'data.changed' && (e.data as { tables: string[] }).tables.includes('records')) {
        notifyWorkspaceChange(db, { kind: 'records' });
        // re-index in the background (in slices) so the next search finds it ready
        setImmediate(() => db.open && searchService(db).startWarm());
      }
    });
  }
  const svc = searchService(db);
  if (warm) svc.startWarm();
  return svc;
}

/** After the first screen has loaded, build the search indexes in the background (in slices). */
const WARM_AFTER_OPEN_MS = 1_500;

export function warmSearchOnOpen(engine: Engine): void {
  const db = engine.requireSession().db;
  const t = setTimeout(() => {
    if (!db.open || engine.state !== 'open' || engine.requireSession().db !== db) return;
    // A job already writing (an import right after create) gets the engine to itself: the index
    // warms when it finishes (data.changed) or on the first search.
    service(engine, !engine.requireSession().jobs.busy);
  }, WARM_AFTER_OPEN_MS);
  t.unref();
}

export const searchHandlers = handlers({
  'search.query': async (i, { engine }) => {
    const svc = service(engine);
    if (!i.q.trim()) {
      return { query: i.q, parsed: { free: [], fields: {} }, results: [], candidates: 0, ranker: svc.status().ranker, vectors: null, tookMs: 0 };
    }
    // never hold the engine: wait briefly for warming, then answer from what is ready (`warming` says so)
    return svc.search(i.q, { limit: i.limit, lexicalOnly: i.lexicalOnly, wait: i.waitMs });
  },
  'search.feedback': (i, { engine, caller }) => ({ id: addFeedback(engine.requireSession().db, `${caller.user}@${caller.host}`, { q: i.q, recordId: i.recordId, kind: i.kind, shown: i.shown }) }),
  'search.train': (i, { engine }) => {
    service(engine);
    const params: TrainParams = { keys: i.keys, useFeedback: i.useFeedback, maxPairs: i.maxPairs };
    return { jobId: engine.requireSession().jobs.start('search.train', params).id };
  },
  'search.status': (_i, { engine }) => ({ ...service(engine).status(), feedback: feedbackCount(engine.requireSession().db) }),
});
