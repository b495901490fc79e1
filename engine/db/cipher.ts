// Encryption at rest. SQLCipher 4 format (SQLite3MultipleCiphers `sqlcipher` cipher, legacy=4):
// AES-256-CBC pages with HMAC-SHA512, key derived from the passphrase with PBKDF2-HMAC-SHA512
// over 256,000 iterations and a random 16-byte salt kept in the file header (new per workspace).
// Pages are 16 KiB (SQLCipher's cipher_page_size = 16384): per-page encryption and HMAC overhead
// made 4 KiB pages about half as fast for bulk imports (bench: import).
import type { DB } from './sqlite.js';

export const CIPHER_NAME = 'sqlcipher';
export const PAGE_SIZE = 16384;
export const KDF_DESCRIPTION = 'PBKDF2-HMAC-SHA512, 256000 iterations, random per-workspace salt';

/** Configure the cipher and hand over the key; must run before any other statement. */
export function applyKey(db: DB, passphrase: string): void {
  db.pragma(`cipher='${CIPHER_NAME}'`);
  db.pragma('legacy=4');
  db.pragma(`legacy_page_size=${PAGE_SIZE}`);
  db.key(Buffer.from(passphrase, 'utf8'));
}

/**
 * Re-encrypt every page under a new passphrase. SQLite3MultipleCiphers cannot re-key in WAL
 * mode, so the journal is checkpointed and switched to DELETE for the duration.
 */
export function rekey(db: DB, passphrase: string): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  try {
    db.rekey(Buffer.from(passphrase, 'utf8'));
  } finally {
    db.pragma('journal_mode = WAL');
  }
}
