// Pseudonymised exports: a direct identifier becomes a keyed token, HMAC-SHA256 under a random
// per-workspace secret (golden_settings), of the attribute and the value's comparison key. The same
// value gives the same token in every export of the workspace, so tokens join across files, and
// without the secret (which never leaves the encrypted workspace) a token cannot be tested against
// a guessed value.
import { createHmac, randomBytes } from 'node:crypto';
import type { DB } from '../db/sqlite.js';

export function pseudonymSecret(db: DB): Buffer {
  const got = db.prepare("SELECT value FROM golden_settings WHERE key = 'pseudonym_secret'").pluck().get() as Buffer | undefined;
  if (got) return got;
  const secret = randomBytes(32);
  db.prepare("INSERT INTO golden_settings (key, value) VALUES ('pseudonym_secret', ?)").run(secret);
  return secret;
}

export function tokenizer(secret: Buffer): (kind: string, key: string) => string {
  return (kind, key) => `tok_${createHmac('sha256', secret).update(`${kind}\u0000${key}`).digest('hex').slice(0, 24)}`;
}
