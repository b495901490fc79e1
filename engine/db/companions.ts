// The files that belong to a workspace besides the .aerie file itself. Exports must never write to
// any of them, and crash recovery / locking / re-keying name theirs here so there is one list.

/** Suffixes appended to the workspace path: SQLite's WAL, shared memory and rollback journal, the
 * owner lock file, and the re-key staging file. */
export const COMPANION_SUFFIXES = ['-wal', '-shm', '-journal', '-lock', '-rekey', '-rekey-wal', '-rekey-shm', '-rekey-journal'] as const;

/** The workspace file and every companion file path. */
export function workspaceFiles(workspacePath: string): string[] {
  return [workspacePath, ...COMPANION_SUFFIXES.map((s) => workspacePath + s)];
}

/** The owner lock of a workspace (engine/db/lock.ts). */
export function lockFile(workspacePath: string): string {
  return `${workspacePath}-lock`;
}
