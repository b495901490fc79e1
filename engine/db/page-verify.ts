// Wrong passphrase, or a damaged first page? SQLite reports both the same way (page 1's HMAC fails
// and it says "file is not a database"). Here we verify the HMAC of pages 2 and 3 ourselves under
// the key the passphrase derives (SQLCipher 4: PBKDF2-HMAC-SHA512 over the salt in the first 16
// bytes; HMAC-SHA512 over each page's ciphertext, IV and little-endian page number, keyed by
// PBKDF2(key, salt ^ 0x3a, 2 rounds)). If they verify, the passphrase is right and page 1 is damaged.
// Runs only after a failed unlock: one key derivation (~170 ms) per passphrase form.
import { createHmac, pbkdf2Sync } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { PAGE_SIZE } from './cipher.js';

const KDF_ITERATIONS = 256_000;
const SALT_BYTES = 16;
const IV_BYTES = 16;
const HMAC_BYTES = 64;
const RESERVE = IV_BYTES + HMAC_BYTES;

/** Whether any of `forms` (passphrase forms as keyed) verifies pages 2 and 3 of the file. */
export function passphraseOpensLaterPages(path: string, forms: string[]): boolean {
  const pages = Math.floor(statSync(path).size / PAGE_SIZE);
  if (pages < 3) return false;
  const fd = openSync(path, 'r');
  try {
    const salt = Buffer.alloc(SALT_BYTES);
    readSync(fd, salt, 0, SALT_BYTES, 0);
    const page2 = Buffer.alloc(PAGE_SIZE);
    const page3 = Buffer.alloc(PAGE_SIZE);
    readSync(fd, page2, 0, PAGE_SIZE, PAGE_SIZE);
    readSync(fd, page3, 0, PAGE_SIZE, 2 * PAGE_SIZE);
    const macSalt = Buffer.from(salt.map((b) => b ^ 0x3a));
    return forms.some((form) => {
      const key = pbkdf2Sync(Buffer.from(form, 'utf8'), salt, KDF_ITERATIONS, 32, 'sha512');
      const macKey = pbkdf2Sync(key, macSalt, 2, 32, 'sha512');
      return pageVerifies(page2, 2, macKey) && pageVerifies(page3, 3, macKey);
    });
  } finally {
    closeSync(fd);
  }
}

function pageVerifies(page: Buffer, pgno: number, macKey: Buffer): boolean {
  const n = Buffer.alloc(4);
  n.writeUInt32LE(pgno);
  const mac = createHmac('sha512', macKey)
    .update(page.subarray(0, PAGE_SIZE - RESERVE + IV_BYTES))
    .update(n)
    .digest();
  return mac.equals(page.subarray(PAGE_SIZE - HMAC_BYTES));
}
