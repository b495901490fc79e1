// The entity list's per-build summary kept in the workspace (migration 0016): computing it reads every
// record, golden member and match pair of the build (seconds at 1M records), so the first
// golden.list after a workspace opens reads it back instead (one row, a few typed arrays). Per golden
// record, in list order: size, lock, sources and confidence. A new build gets its own at its first
// list (and the others go); a removal that changes the build's entities drops it (the table's trigger).
import type { DB } from '../db/sqlite.js';
import type { LatestBuild } from './store.js';

const FORMAT = 1;

export interface ListSummaryCore {
  ids: string[];
  size: Int32Array;
  locked: Uint8Array;
  /** Source ids of each entity's records, ascending: entity k's are sourceIds[sourceStart[k]] up to sourceStart[k + 1]. */
  sourceStart: Int32Array;
  sourceIds: Int32Array;
  /** Weakest link per entity; NaN: none. */
  confidence: Float64Array;
}

/** A typed array's bytes as a Buffer (no copy). */
const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** A copy aligned for a typed array (a Buffer read from SQLite may sit at any offset of a shared pool). */
function aligned(b: Buffer): ArrayBuffer {
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

/** Whether the build's summary is stored (still valid: the trigger drops a stale one). */
export function listSummaryStored(db: DB, build: LatestBuild): boolean {
  return db.prepare('SELECT 1 FROM golden_list_summaries WHERE build_id = ? AND job_id = ? AND format = ?').pluck().get(build.id, build.jobId, FORMAT) !== undefined;
}

export function loadListSummary(db: DB, build: LatestBuild): ListSummaryCore | null {
  const r = db.prepare('SELECT entities, ids, sizes, locked, confidence, source_start AS sourceStart, sources FROM golden_list_summaries WHERE build_id = ? AND job_id = ? AND format = ?').get(build.id, build.jobId, FORMAT) as
    | { entities: number; ids: string; sizes: Buffer; locked: Buffer; confidence: Buffer; sourceStart: Buffer; sources: Buffer }
    | undefined;
  if (!r) return null;
  const n = r.entities;
  const ids = n === 0 ? [] : r.ids.split('\n');
  const size = new Int32Array(aligned(r.sizes));
  const locked = new Uint8Array(aligned(r.locked));
  const confidence = new Float64Array(aligned(r.confidence));
  const sourceStart = new Int32Array(aligned(r.sourceStart));
  const sourceIds = new Int32Array(aligned(r.sources));
  // a row that does not add up is ignored (and recomputed), never half read
  if (ids.length !== n || size.length !== n || locked.length !== n || confidence.length !== n || sourceStart.length !== n + 1 || sourceStart[n] !== sourceIds.length) return null;
  return { ids, size, locked, sourceStart, sourceIds, confidence };
}

/**
 * Keep the summary of the build (replacing any other build's). Skipped where the workspace is open
 * read-only or a job's transaction is open (its rollback would take the row along; the next list
 * computes it again): the summary is derived, never needed.
 */
export function saveListSummary(db: DB, build: LatestBuild, s: ListSummaryCore): boolean {
  if (db.readonly || db.inTransaction) return false;
  const n = s.ids.length;
  try {
    db.transaction(() => {
      db.prepare('DELETE FROM golden_list_summaries').run();
      db.prepare('INSERT INTO golden_list_summaries (build_id, job_id, format, entities, ids, sizes, locked, confidence, source_start, sources, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
        build.id,
        build.jobId,
        FORMAT,
        n,
        s.ids.join('\n'),
        bytes(s.size),
        bytes(s.locked),
        bytes(s.confidence),
        bytes(s.sourceStart),
        bytes(s.sourceIds),
        new Date().toISOString(),
      );
    })();
    return true;
  } catch (e) {
    // busy or read-only underneath: the list works from memory, and the next open computes it again
    if (/^SQLITE_(BUSY|LOCKED|READONLY)/.test((e as { code?: string }).code ?? '')) return false;
    throw e;
  }
}
