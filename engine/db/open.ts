// Opening a workspace file: key first, prove the key, then pragmas, sqlite-vec and migrations.
// A wrong passphrase or a foreign file is reported before anything is written.
import { existsSync, statSync, openSync, readSync, closeSync } from 'node:fs';
import * as sqliteVec from 'sqlite-vec';
import { AerieError } from '../api/errors.js';
import { applyKey } from './cipher.js';
import { migrate } from './migrate.js';
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
}

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
  const db = new Database(path, { fileMustExist: !opts.create });
  try {
    applyKey(db, passphrase);
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_NOTADB') {
        throw new AerieError('WRONG_PASSPHRASE', 'The passphrase is wrong, or this file is not an Aerie workspace. Nothing was changed.', {
          file: path,
        });
      }
      throw e;
    }
    db.pragma('busy_timeout = 5000');
    useWal(db);
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('temp_store = MEMORY');
    db.pragma('cache_size = -65536'); // 64 MiB page cache
    // Checkpoint every 10,000 pages (~160 MiB at 16 KiB) rather than 1,000: each checkpoint decrypts
    // and re-encrypts what it copies, so fewer, larger ones cost less.
    db.pragma('wal_autocheckpoint = 10000');
    // Inside a packaged app the extension is unpacked beside the asar archive.
    db.loadExtension(sqliteVec.getLoadablePath().replace(/app\.asar([\\/])/, 'app.asar.unpacked$1'));
    migrate(db, path);
    return db;
  } catch (e) {
    db.close();
    throw e;
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
