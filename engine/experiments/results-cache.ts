// experiments.results read from the event store scans every event of the windows (seconds at 100k
// customers): the last few results are kept per open workspace, keyed by the request and by a
// fingerprint of what results read. The rows read are only ever added or deleted, never edited in
// place (records, events, imports; assignments cannot change, migration 0013). Records and events
// come and go only with their import, and import and record ids are never handed out twice
// (ingest/id-floor.ts), so the top ids plus the imports' count move on any change that could alter a
// result — without counting millions of records and events on every read; data_version moves when
// another connection commits. Writes to other tables (job progress above all) leave the fingerprint alone, so the
// computeResults job's result is still served after the job records that it finished.
import type { DB } from '../db/sqlite.js';
import type { WorkspaceCaches } from '../db/caches.js';
import { latestBuild } from '../golden/store.js';

const KEEP = 8;

class ResultsCache {
  readonly entries = new Map<string, unknown>();
}

/** What the results depend on, as one string: equal strings, equal results. */
export function resultsVersion(db: DB): string {
  const row = db
    .prepare(`SELECT (SELECT max(id) FROM records), (SELECT max(rowid) FROM events),
                     (SELECT max(id) FROM imports), (SELECT count(*) FROM imports), (SELECT count(*) FROM experiment_assignments)`)
    .raw()
    .get() as unknown[];
  return `${row.join(',')},${latestBuild(db)?.id ?? ''}:${db.pragma('data_version', { simple: true }) as number}`;
}

const cacheOf = (caches: WorkspaceCaches) => caches.get('experiments.results', () => new ResultsCache());
const keyOf = (request: unknown, version: string) => `${JSON.stringify(request)}@${version}`;

/** The result stored for this request at this version, if any. */
export function peekResults<T>(caches: WorkspaceCaches, request: unknown, version: string): T | undefined {
  return cacheOf(caches).entries.get(keyOf(request, version)) as T | undefined;
}

/** Keep a result computed from the data at `version` (read before the computation began). */
export function storeResults(caches: WorkspaceCaches, request: unknown, version: string, value: unknown): void {
  const cache = cacheOf(caches);
  cache.entries.delete(keyOf(request, version));
  cache.entries.set(keyOf(request, version), value);
  while (cache.entries.size > KEEP) cache.entries.delete(cache.entries.keys().next().value!);
}

export function cachedResults<T>(caches: WorkspaceCaches, db: DB, request: unknown, compute: () => T): T {
  const version = resultsVersion(db);
  const hit = peekResults<T>(caches, request, version);
  if (hit !== undefined) return hit;
  const value = compute(); // synchronous: nothing can write meanwhile
  storeResults(caches, request, version, value);
  return value;
}
