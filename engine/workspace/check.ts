// `aerie check` / Settings → Check workspace: read every page (PRAGMA integrity_check), check the
// file's size against its pages, and re-walk the audit chain. Writes nothing — not even a job row —
// because a damaged file must not be written to. It runs in one go on the engine thread (about
// 1.5 s per 130 MB measured here), so it is a plain call, not a job.
import { statSync } from 'node:fs';
import { AerieError } from '../api/errors.js';
import type { CheckReport } from '../api/workspace.js';
import { verifyAudit } from '../audit/log.js';
import { pageProblems, sizeProblem } from '../db/check.js';
import { inUseError, WorkspaceLock } from '../db/lock.js';
import { openDatabase } from '../db/open.js';
import { isDamage } from '../db/sqlite-errors.js';
import type { DB } from '../db/sqlite.js';
import type { WorkspaceSession } from '../session/session.js';

const RESTORE = 'Restore it from a backup; do not write to it.';

function orDamage<T>(damage: string[], f: () => T): T | null {
  try {
    return f();
  } catch (e) {
    if (!isDamage(e)) throw e;
    damage.push((e as Error).message);
    return null;
  }
}

function report(path: string, t0: number, pages: number | null, damage: string[], audit: CheckReport['audit']): CheckReport {
  const ok = damage.length === 0 && audit !== null && audit.ok;
  const message =
    damage.length > 0
      ? `This workspace file is damaged (${damage[0]}). ${RESTORE}`
      : audit && !audit.ok
        ? `Every page is sound, but the audit log was changed (${audit.problems.length} problem${audit.problems.length === 1 ? '' : 's'}): entries were edited or deleted outside Aerie.`
        : `The workspace file is sound: every page and index checked, audit chain intact (${audit?.checked ?? 0} ${audit?.checked === 1 ? "entry" : "entries"}).`;
  return { ok, message, path, sizeBytes: statSync(path).size, pages, damage, audit, tookMs: Math.round(performance.now() - t0) };
}

function runChecks(db: DB, path: string, t0: number): CheckReport {
  const damage: string[] = [];
  const pages = orDamage(damage, () => db.pragma('page_count', { simple: true }) as number);
  const size = orDamage(damage, () => sizeProblem(db, path));
  if (size) damage.push(size);
  const problems = orDamage(damage, () => pageProblems(db));
  if (problems) damage.push(...problems);
  const audit = orDamage(damage, () => verifyAudit(db));
  return report(path, t0, pages, damage, audit ? { ok: audit.ok, checked: audit.checked, problems: audit.problems } : null);
}

/** Check the open workspace on its own connection. */
export function checkSession(s: WorkspaceSession): CheckReport {
  // A long read here would hold up the owner's commits (bulk imports use a rollback journal).
  const owner = s.readOnlyBecause;
  if (owner) throw checkLater(s.path, owner);
  return runChecks(s.db, s.path, performance.now());
}

/** Check a workspace file that is not open here: owned for the duration (so nothing writes it), never migrated. */
export function checkFile(path: string, passphrase: string, command: string): CheckReport {
  const t0 = performance.now();
  const got = WorkspaceLock.acquire(path, command);
  if ('heldBy' in got) throw checkLater(path, got.heldBy);
  try {
    let db: DB;
    try {
      db = openDatabase(path, passphrase, { create: false, readOnly: true, forCheck: true });
    } catch (e) {
      // Damage that stops even the schema from being read is the answer, not a failure.
      if (e instanceof AerieError && e.code === 'WORKSPACE_DAMAGED') return report(path, t0, null, [String(e.details?.reason ?? e.message)], null);
      if ((e as { code?: string }).code?.startsWith('SQLITE_READONLY')) {
        throw new AerieError('CONFLICT', 'A write interrupted by a crash must be rolled back before the file can be checked. Open the workspace once (for example `aerie info`), then check it.', { file: path });
      }
      throw e;
    }
    try {
      return runChecks(db, path, t0);
    } finally {
      db.close();
    }
  } finally {
    got.lock.release();
  }
}

function checkLater(path: string, owner: Parameters<typeof inUseError>[1]): AerieError {
  const e = inUseError(path, owner);
  return new AerieError('WORKSPACE_IN_USE', `${e.message} Check it when it has finished.`, e.details);
}
