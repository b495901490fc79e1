// experiments.results read from the event store scans every event of the windows (seconds at 100k
// customers): the last few results are kept per open workspace, keyed by the request and by the
// connection's write count (total_changes(): any row this session wrote, an import, an assignment,
// a golden build, moves it) and data_version (moves when another connection commits). A result is
// served again only while nothing at all was written since it was computed, so it cannot be stale.
import type { DB } from '../db/sqlite.js';
import type { WorkspaceCaches } from '../db/caches.js';

const KEEP = 8;

class ResultsCache {
  readonly entries = new Map<string, unknown>();
}

function dataVersion(db: DB): string {
  const changes = db.prepare('SELECT total_changes()').pluck().get() as number;
  return `${changes}:${db.pragma('data_version', { simple: true }) as number}`;
}

export function cachedResults<T>(caches: WorkspaceCaches, db: DB, request: unknown, compute: () => T): T {
  const cache = caches.get('experiments.results', () => new ResultsCache());
  const key = `${JSON.stringify(request)}@${dataVersion(db)}`;
  if (cache.entries.has(key)) return cache.entries.get(key) as T;
  const value = compute();
  // written meanwhile (the computation itself writes nothing): key it by the version after
  cache.entries.set(`${JSON.stringify(request)}@${dataVersion(db)}`, value);
  while (cache.entries.size > KEEP) cache.entries.delete(cache.entries.keys().next().value!);
  return value;
}
