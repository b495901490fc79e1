// Changing the passphrase without ever leaving a file that neither passphrase opens. Re-keying in
// place rewrote every page through a rollback journal; a kill part-way left the new salt in the
// header and old-key pages in the hot journal (issue 9). Instead:
//   1. checkpoint the open workspace, so the main file is the whole workspace and its WAL is empty;
//   2. copy it to `<workspace>-rekey`, key the copy with the current passphrase (the proof that it
//      is right) and re-key the copy under the new one;
//   3. check the copy opens with the new passphrase and passes `PRAGMA integrity_check`; fsync it;
//   4. close the workspace, make sure nothing else holds it, rename the copy over it (atomic), fsync
//      the folder, and reopen under the new passphrase.
// Before the rename the old file is untouched and opens with the old passphrase; after it the file
// is the verified copy and opens with the new one. A `-rekey` file left by a crash is never used:
// the next open with the (old) passphrase deletes it.
import { copyFileSync, closeSync, constants, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { AerieError } from '../api/errors.js';
import { applyKey, passphraseKey, unlockWithPassphrase } from './cipher.js';
import { Database, type DB } from './sqlite.js';

/** The re-key's steps, in order (the crash-safety test kills the process at each). */
export const REKEY_STEPS = ['checkpointed', 'copied', 'rekeyed', 'verified', 'closed', 'renamed'] as const;
export type RekeyStep = (typeof REKEY_STEPS)[number];

/** Test hook: `AERIE_REKEY_CRASH_AT=<step>` kills the process with SIGKILL right after that step. */
function reached(step: RekeyStep): void {
  if (process.env.AERIE_REKEY_CRASH_AT === step) process.kill(process.pid, 'SIGKILL');
}

const stagingFiles = (path: string) => ['-rekey', '-rekey-journal', '-rekey-wal', '-rekey-shm'].map((s) => path + s);

/** Whether an interrupted re-key left its staging copy beside the workspace. */
export function hasInterruptedRekey(path: string): boolean {
  return existsSync(`${path}-rekey`);
}

/**
 * Delete what an interrupted re-key left behind. Call only once the workspace itself has opened:
 * the staging copy is then surplus (a crash before the rename leaves the old file whole).
 */
export function discardInterruptedRekey(path: string): void {
  for (const f of stagingFiles(path)) rmSync(f, { force: true });
}

function fsyncPath(path: string, dir = false): void {
  // Windows can neither open nor fsync a folder; its rename is durable once MoveFileEx returns.
  if (dir && process.platform === 'win32') return;
  const fd = openSync(path, dir ? 'r' : 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const inUse = (path: string) =>
  new AerieError('CONFLICT', 'Another program has this workspace open, so the passphrase was not changed. Close it there and try again.', {
    file: path,
  });

export interface RekeyOptions {
  /** The open workspace's handle; closed by the re-key. */
  live: DB;
  path: string;
  current: string;
  next: string;
  /** Open the workspace file with a passphrase (pragmas, extensions, migrations). */
  reopen(passphrase: string): DB;
  /** Take over the handle that replaces `live`: under `next` on success, under `current` if the
   * re-key failed after `live` was closed. Not called when it failed before that. */
  adopt(db: DB): void;
}

/** Re-key the workspace at `path` under `next`; see the file comment for why each step is safe. */
export function rekeyWorkspace({ live, path, current, next, reopen, adopt }: RekeyOptions): void {
  const staging = `${path}-rekey`;
  discardInterruptedRekey(path);

  // 1. Everything into the main file. A reader in another process can stop the checkpoint short.
  const [cp] = live.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
  if (cp && cp.busy !== 0) throw inUse(path);
  const version = live.pragma('data_version', { simple: true });
  const schemaVersion = live.pragma('user_version', { simple: true });
  reached('checkpointed');

  let stagedIno: number;
  try {
    // 2. Copy, prove the current passphrase on the copy, re-key the copy.
    copyFileSync(path, staging, constants.COPYFILE_EXCL);
    reached('copied');
    const copy = new Database(staging, { fileMustExist: true });
    try {
      // The copy is the proof of the current passphrase (a key derivation fewer than a separate check).
      if (unlockWithPassphrase(copy, current) === null) {
        throw new AerieError('WRONG_PASSPHRASE', 'The current passphrase is wrong. Nothing was changed.', { file: path });
      }
      // SQLite3MultipleCiphers cannot re-key in WAL mode; FULL: the copy must be on disk when rekey returns.
      copy.pragma('journal_mode = DELETE');
      copy.pragma('synchronous = FULL');
      copy.rekey(passphraseKey(next));
    } finally {
      copy.close();
    }
    reached('rekeyed');

    // 3. The copy must open with the new passphrase and be whole before it replaces anything.
    const check = new Database(staging, { fileMustExist: true });
    try {
      applyKey(check, next);
      const problems = check.pragma('integrity_check', { simple: true });
      if (problems !== 'ok' || check.pragma('user_version', { simple: true }) !== schemaVersion) {
        throw new AerieError('INTERNAL', 'The re-keyed copy did not pass its integrity check, so the passphrase was not changed.', { file: path });
      }
    } finally {
      check.close();
    }
    fsyncPath(staging);
    stagedIno = statSync(staging).ino;
    reached('verified');

    // Nothing may have been written since the copy: it would be lost with the old file.
    if (live.pragma('data_version', { simple: true }) !== version || walBytes(path) > 0) throw inUse(path);
  } catch (e) {
    discardInterruptedRekey(path);
    throw stagingError(e, path);
  }

  // 4. Close; the last connection removes -wal and -shm. If they stay, another process has the
  // file open: its WAL would be read as the new file's, so give up and reopen the old file.
  live.close();
  reached('closed');
  try {
    if (existsSync(`${path}-wal`) || existsSync(`${path}-shm`)) throw inUse(path);
    // The copy we verified, not one a racing cleanup removed or replaced.
    if (statSync(staging).ino !== stagedIno) throw inUse(path);
    renameSync(staging, path);
  } catch (e) {
    discardInterruptedRekey(path);
    adopt(reopen(current));
    // ENOENT: another process's open removed the staging copy as left over (discardInterruptedRekey);
    // EBUSY, EPERM, EACCES: Windows will not replace a file another process has open.
    const code = (e as { code?: string }).code ?? '';
    throw ['ENOENT', 'EBUSY', 'EPERM', 'EACCES'].includes(code) ? inUse(path) : e;
  }
  try {
    fsyncPath(dirname(path), true);
  } catch {
    // some file systems cannot fsync a folder; the rename has happened either way
  }
  reached('renamed');
  adopt(reopen(next));
}

/** The copy needs as much free space as the workspace, in its folder, and a folder we can write. */
function stagingError(e: unknown, path: string): unknown {
  const code = (e as { code?: string }).code;
  const folder = dirname(path);
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL') {
    const mib = Math.ceil(statSync(path).size / 2 ** 20);
    return new AerieError('CONFLICT', `Changing the passphrase needs room for a second copy of the workspace (${mib} MiB) in ${folder}. Free some space and try again; nothing was changed.`, {
      file: path,
    });
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN') {
    return new AerieError('PATH_NOT_ALLOWED', `Aerie cannot write the re-keyed copy beside the workspace in ${folder} (${code}); nothing was changed.`, {
      file: path,
      hint: 'Changing the passphrase needs a folder you can write to. Copy the workspace to one, or ask for write access.',
    });
  }
  return e;
}

function walBytes(path: string): number {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
}
