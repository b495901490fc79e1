// The audit log against what it describes. An entry whose call started a job names it (subject
// `job:<id>`); the job's row names the imports it made (imports.job_id, and its result). So:
//  - an entry naming a job that is gone, or a finished job's import that is gone, was deleted
//    outside Aerie;
//  - an import whose job no entry names was added outside Aerie, or its entry was removed.
// Imports made before entries named their jobs (imports.pre_audit_links, set by migration 0011) have
// no entry to find and are left out.
import type { AuditProblem } from '../api/audit.js';
import type { DB } from '../db/sqlite.js';

/** What an audited call's answer names: the job it started, or the file it wrote. */
export function subjectOf(result: unknown, method = ''): string | null {
  const r = result as { jobId?: unknown; path?: unknown } | null | undefined;
  if (typeof r?.jobId === 'string' && r.jobId.length > 0) return `job:${r.jobId}`;
  // an export names the file it wrote (its name only, not the folder), so the log says what left the workspace
  if (/export|report/i.test(method) && typeof r?.path === 'string' && r.path.length > 0) return `file:${r.path.split(/[\\/]/).pop()}`;
  return null;
}

interface NamingEntry {
  seq: number;
  at: string;
  method: string;
  subject: string | null;
}

/** Import ids a finished job reports (`import_id` from an import, `importIds` from demo generation). */
function importIdsOf(resultJson: string | null): number[] {
  if (!resultJson) return [];
  let r: unknown;
  try {
    r = JSON.parse(resultJson);
  } catch {
    return [];
  }
  const o = (r ?? {}) as { import_id?: unknown; importId?: unknown; importIds?: unknown };
  const ids = [o.import_id, o.importId, ...(Array.isArray(o.importIds) ? o.importIds : [])];
  return ids.filter((v): v is number => Number.isSafeInteger(v));
}

export function checkLinks(db: DB, entries: readonly NamingEntry[]): AuditProblem[] {
  const problems: AuditProblem[] = [];
  const named = new Set<string>();
  const job = db.prepare('SELECT state, result FROM jobs WHERE id = ?');
  const imp = db.prepare('SELECT 1 FROM imports WHERE id = ?').pluck();
  // imports removed on purpose (ingest.remove): fine if the removing job is itself named by an entry
  const removedRaw = db.prepare("SELECT value FROM meta WHERE key = 'removed_imports'").pluck().get() as string | undefined;
  const removed = removedRaw ? (JSON.parse(removedRaw) as Record<string, string>) : {};
  const removedLater: { seq: number; what: string; id: number; jobId: string; by: string }[] = [];
  for (const e of entries) {
    if (!e.subject?.startsWith('job:')) continue;
    const jobId = e.subject.slice(4);
    named.add(jobId);
    const row = job.get(jobId) as { state: string; result: string | null } | undefined;
    const what = `Entry ${e.seq} (${e.method} at ${e.at})`;
    if (!row) {
      problems.push({ seq: e.seq, kind: 'orphaned', message: `${what} started job ${jobId}, which is no longer in the workspace: its record was deleted outside Aerie.` });
      continue;
    }
    if (row.state !== 'succeeded') continue; // a failed or cancelled job rolled its imports back
    for (const id of importIdsOf(row.result)) {
      if (!imp.get(id) && removed[String(id)]) removedLater.push({ seq: e.seq, what, id, jobId, by: removed[String(id)]! });
      else if (!imp.get(id)) {
        problems.push({ seq: e.seq, kind: 'orphaned', message: `${what} made import ${id} (job ${jobId}), which is no longer in the workspace: it was deleted outside Aerie.` });
      }
    }
  }
  for (const r of removedLater) {
    if (named.has(r.by)) continue;
    problems.push({ seq: r.seq, kind: 'orphaned', message: `${r.what} made import ${r.id} (job ${r.jobId}), which is no longer in the workspace: it was deleted outside Aerie.` });
  }
  const imports = db.prepare('SELECT id, job_id, created_at FROM imports WHERE pre_audit_links IS NULL ORDER BY id').iterate() as IterableIterator<{
    id: number;
    job_id: string | null;
    created_at: string;
  }>;
  for (const i of imports) {
    if (i.job_id !== null && named.has(i.job_id)) continue;
    problems.push({
      seq: 0,
      kind: 'unaudited',
      message: `Import ${i.id} (created ${i.created_at}) has no audit entry: it was added outside Aerie, or the entry that recorded it was removed.`,
    });
  }
  return problems;
}
