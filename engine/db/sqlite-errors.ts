// SQLite's own failures in words a user can act on. "database is locked" or "database disk image is
// malformed" must never reach anyone as INTERNAL: a busy file means another process is using it, a
// corrupt page (or a page whose HMAC fails after the key was proven) means the file is damaged.
import { AerieError } from '../api/errors.js';

function sqliteCode(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : '';
}

/** SQLITE_CORRUPT*, or SQLITE_NOTADB once the key has been proven on page 1. */
export function isDamage(e: unknown): boolean {
  const c = sqliteCode(e);
  return c.startsWith('SQLITE_CORRUPT') || c === 'SQLITE_NOTADB' || c === 'SQLITE_IOERR_SHORT_READ';
}

export function damagedError(file: string | undefined, reason: string): AerieError {
  return new AerieError('WORKSPACE_DAMAGED', `This workspace file is damaged (${reason}). Restore it from a backup; do not write to it.`, {
    ...(file ? { file } : {}),
    reason,
    hint: '`aerie check <workspace>` (or Settings → Check workspace) lists what is damaged.',
  });
}

/**
 * An AerieError for a SQLite error that has a meaning for the user; anything else is returned as is.
 * `readOnly` gives the error for a write attempted on a connection opened read-only.
 */
export function fromSqliteError(e: unknown, file: string | undefined, readOnly?: () => AerieError | null): unknown {
  if (e instanceof AerieError) return e;
  const c = sqliteCode(e);
  if (!c) return e;
  if (isDamage(e)) return damagedError(file, (e as Error).message);
  if (c.startsWith('SQLITE_BUSY') || c.startsWith('SQLITE_LOCKED')) {
    return new AerieError('WORKSPACE_IN_USE', 'The workspace is busy: another Aerie process is reading or writing it. Try again in a moment.', {
      ...(file ? { file } : {}),
      hint: 'If it stays busy, close the workspace in the other window or command.',
    });
  }
  if (c.startsWith('SQLITE_READONLY')) {
    const why = readOnly?.();
    if (why) return why;
    return new AerieError('WORKSPACE_IN_USE', 'The workspace file cannot be written (read-only file or folder). Nothing was changed.', { ...(file ? { file } : {}) });
  }
  return e;
}
