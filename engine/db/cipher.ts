// Encryption at rest. SQLCipher 4 format (SQLite3MultipleCiphers `sqlcipher` cipher, legacy=4):
// AES-256-CBC pages with HMAC-SHA512, key derived from the passphrase with PBKDF2-HMAC-SHA512
// over 256,000 iterations and a random 16-byte salt kept in the file header (new per workspace).
// Pages are 16 KiB (SQLCipher's cipher_page_size = 16384): per-page encryption and HMAC overhead
// made 4 KiB pages about half as fast for bulk imports (bench: import).
// Re-keying lives in rekey.ts: it writes a re-keyed copy and renames it into place.
import type { DB } from './sqlite.js';

export const CIPHER_NAME = 'sqlcipher';
export const PAGE_SIZE = 16384;
export const KDF_DESCRIPTION = 'PBKDF2-HMAC-SHA512, 256000 iterations, random per-workspace salt';

/**
 * The bytes a passphrase is keyed with: UTF-8 of its NFC form, so "é" typed as one code point
 * (Windows, Linux) or as e + combining accent (some macOS input paths) is the same key.
 */
export function passphraseKey(passphrase: string): Buffer {
  return Buffer.from(passphrase.normalize('NFC'), 'utf8');
}

/**
 * The forms to try when opening: NFC first (every key written since normalisation), then the
 * passphrase exactly as given and its NFD form, which is how workspaces created before
 * normalisation with a decomposed passphrase were keyed. One form for plain ASCII.
 */
export function passphraseCandidates(passphrase: string): string[] {
  return [...new Set([passphrase.normalize('NFC'), passphrase, passphrase.normalize('NFD')])];
}

function configure(db: DB): void {
  db.pragma(`cipher='${CIPHER_NAME}'`);
  db.pragma('legacy=4');
  db.pragma(`legacy_page_size=${PAGE_SIZE}`);
}

/** Configure the cipher and hand over the (NFC) key; must run before any other statement. */
export function applyKey(db: DB, passphrase: string): void {
  configure(db);
  db.key(passphraseKey(passphrase));
}

/**
 * Key an existing file, trying each form of the passphrase (passphraseCandidates) until one reads
 * the schema. Returns the form that worked, or null if none does (wrong passphrase or not a
 * workspace). Other errors (I/O, a damaged file) are thrown as they are.
 */
export function unlockWithPassphrase(db: DB, passphrase: string): string | null {
  for (const form of passphraseCandidates(passphrase)) {
    configure(db);
    db.key(Buffer.from(form, 'utf8'));
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
      return form;
    } catch (e) {
      if ((e as { code?: string }).code !== 'SQLITE_NOTADB') throw e;
    }
  }
  return null;
}
