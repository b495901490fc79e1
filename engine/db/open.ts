// Opening a workspace file: key first, prove the key, then pragmas, sqlite-vec and migrations.
// A wrong passphrase or a foreign file is reported before anything is written.
import { existsSync, statSync, openSync, readSync, closeSync } from 'node:fs';
import * as sqliteVec from 'sqlite-vec';
import { AerieError } from '../api/errors.js';
import { sizeProblem } from './check.js';
import { applyKey, passphraseCandidates, unlockWithPassphrase } from './cipher.js';
import { LATEST_SCHEMA_VERSION, migrate, schemaVersion } from './migrate.js';
import { discardInterruptedRekey, hasInterruptedRekey } from './rekey.js';
import { damagedError, fromSqliteError } from './sqlite-errors.js';
import { passphraseOpensLaterPages } from './page-verify.js';
import { Database, type DB } from './sqlite.js';

const SQLITE_PLAIN_HEADER = 'SQLite format 3\u0000';

function looksLikePlainSqlite(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(16);
    readSync(fd, buf, 0, 16, 0);
    return buf.toString('latin1') === SQLITE_PLAIN_HEADER;
  } finally {
    closeSync(fd);
  }
}

export interface OpenOptions {
  create: boolean;
  /**
   * Another process owns the workspace (engine/db/lock.ts): read only. Nothing is written or
   * deleted — no journal-mode switch, no migration, no clean-up — so that process is never disturbed.
   */
  readOnly?: boolean;
  /** For `aerie check`: open even when the quick size check fails, and change nothing. */
  forCheck?: boolean;
}

/** Only the owner can upgrade the schema; a read-only opener cannot. */
export const NEEDS_UPGRADE_MESSAGE = 'This workspace needs an upgrade to this version of Aerie, which can only run when no other process has it open.';

/** A reader waits out a writer's commit; the owner waits longer for readers to step aside. */
const READER_BUSY_MS = 5_000;
const OWNER_BUSY_MS = 15_000;

export function openDatabase(path: string, passphrase: string, opts: OpenOptions): DB {
  const exists = existsSync(path);
  if (opts.create && exists) {
    throw new AerieError('WORKSPACE_EXISTS', `A file already exists at ${path}. Choose another name, or open it instead.`, { file: path });
  }
  if (!opts.create) {
    if (!exists) throw new AerieError('WORKSPACE_NOT_FOUND', `No workspace at ${path}.`, { file: path });
    if (!statSync(path).isFile()) throw new AerieError('NOT_A_WORKSPACE', `${path} is not a file.`, { file: path });
    if (statSync(path).size === 0 || looksLikePlainSqlite(path)) {
      throw new AerieError('NOT_A_WORKSPACE', `${path} is not an encrypted Aerie workspace.`, {
        file: path,
        hint: 'Open a .aerie workspace file, or create a new workspace and import the data into it.',
      });
    }
  }

  // fileMustExist stops a mistyped path from silently creating an empty file.
  const readOnly = opts.readOnly === true;
  const db = new Database(path, { fileMustExist: !opts.create, readonly: readOnly });
  try {
    // Before the first read: a writer committing in another process is waited for, not failed.
    db.pragma(`busy_timeout = ${readOnly ? READER_BUSY_MS : OWNER_BUSY_MS}`);
    if (opts.create) applyKey(db, passphrase);
    else if (unlockWithPassphrase(db, passphrase) === null) {
      // Page 1 failed its HMAC: if the passphrase verifies the next pages, page 1 is what is wrong.
      if (passphraseOpensLaterPages(path, passphraseCandidates(passphrase))) throw damagedError(path, 'its first page fails its checksum, though this passphrase opens the pages after it');
      throw new AerieError('WRONG_PASSPHRASE', 'The passphrase is wrong, or this file is not an Aerie workspace. Nothing was changed.', {
        file: path,
        ...(hasInterruptedRekey(path) ? { hint: 'A passphrase change was interrupted before it finished: the workspace still opens with its previous passphrase.' } : {}),
      });
    } else if (!readOnly && !opts.forCheck) discardInterruptedRekey(path); // never under a live owner's re-key
    if (!opts.create && !opts.forCheck) {
      // Cheap (no page read): a truncated copy must not answer queries as if it were empty.
      const problem = sizeProblem(db, path);
      if (problem) throw damagedError(path, problem);
    }
    if (!readOnly) {
      useWal(db);
      db.pragma('synchronous = NORMAL');
      // Checkpoint every 10,000 pages (~160 MiB at 16 KiB) rather than 1,000: each checkpoint decrypts
      // and re-encrypts what it copies, so fewer, larger ones cost less.
      db.pragma('wal_autocheckpoint = 10000');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('temp_store = MEMORY');
    db.pragma('cache_size = -65536'); // 64 MiB page cache
    // Inside a packaged app the extension is unpacked beside the asar archive.
    db.loadExtension(sqliteVec.getLoadablePath().replace(/app\.asar([\\/])/, 'app.asar.unpacked$1'));
    if (opts.forCheck) return db;
    if (readOnly && schemaVersion(db) < LATEST_SCHEMA_VERSION) throw new AerieError('WORKSPACE_IN_USE', NEEDS_UPGRADE_MESSAGE, { file: path });
    migrate(db, path); // refuses a newer schema before changing anything
    return db;
  } catch (e) {
    db.close();
    // A page failing once page 1 has proven the key is damage, not a wrong passphrase.
    throw fromSqliteError(e, path);
  }
}

/**
 * WAL mode (readers never block the writer). Another Aerie process running a bulk import holds the
 * file in rollback-journal mode (engine/db/bulk-writes.ts) and cannot be switched now: this
 * connection then reads in that mode, and the file returns to WAL when the import ends.
 */
function useWal(db: DB): void {
  try {
    db.pragma('journal_mode = WAL');
  } catch (e) {
    if ((e as { code?: string }).code !== 'SQLITE_BUSY') throw e;
  }
}
