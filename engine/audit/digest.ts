// Argument digests for the audit log: an HMAC under a per-workspace secret (kept inside the
// encrypted file) over canonical JSON, with secrets removed. Low-entropy PII such as a name
// cannot be recovered by hashing guesses without that secret.
import { createHmac } from 'node:crypto';

const SECRET_KEY = /passphrase|password|secret|token|^current$|^next$/i;

/** JSON with sorted keys and secrets replaced, so equal arguments give equal digests. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => {
    if (key && SECRET_KEY.test(key)) return '[secret]';
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  }) ?? 'null';
}

export function argsDigest(secret: Buffer, args: unknown): string {
  return createHmac('sha256', secret).update(canonicalJson(args)).digest('hex');
}
