// Remembered passphrases: encrypted by the OS keychain through Electron's safeStorage, stored as
// { version: 1, entries: { "<workspace path>": "<base64 ciphertext>" } } in userData.
// Pure Node: the safeStorage calls come in through `Cipher`, so tests use a fake.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** The slice of Electron's safeStorage that the store uses. */
export interface Cipher {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(cipher: Buffer): string;
}

export interface SecretsStatus {
  ok: boolean;
  backend: string;
  reason?: string;
}

/** Backends that would store the passphrase with a hard-coded key: no better than plain text. */
const REFUSED_BACKENDS: Record<string, string> = {
  basic_text:
    'No OS keyring was found (Electron safeStorage fell back to "basic_text", a fixed key). Aerie will not remember passphrases; install and unlock a keyring such as GNOME Keyring or KWallet to enable it.',
  unknown: 'The OS keyring could not be identified, so Aerie will not remember passphrases.',
};

/** The storage backend name for this platform (safeStorage reports one only on Linux). */
export function backendName(platform: NodeJS.Platform, linuxBackend: () => string): string {
  if (platform === 'darwin') return 'keychain';
  if (platform === 'win32') return 'dpapi';
  try {
    return linuxBackend();
  } catch {
    return 'unknown';
  }
}

/** Whether passphrases may be remembered, and if not, why — shown as-is to the user. */
export function secretsPolicy(backend: string, encryptionAvailable: boolean): SecretsStatus {
  const refused = REFUSED_BACKENDS[backend];
  if (refused) return { ok: false, backend, reason: refused };
  if (!encryptionAvailable) return { ok: false, backend, reason: 'OS encryption is not available, so Aerie will not remember passphrases.' };
  return { ok: true, backend };
}

interface StoreFile {
  version: 1;
  entries: Record<string, string>;
}

export class SecretStore {
  constructor(
    private readonly file: string,
    private readonly cipher: Cipher,
    private readonly backend: () => string,
  ) {}

  status(): SecretsStatus {
    let available = false;
    try {
      available = this.cipher.isEncryptionAvailable();
    } catch {
      available = false;
    }
    return secretsPolicy(this.backend(), available);
  }

  remember(workspacePath: string, passphrase: string): { ok: boolean; reason?: string } {
    const s = this.status();
    if (!s.ok) return { ok: false, reason: s.reason ?? 'Refused.' };
    const data = this.read();
    data.entries[key(workspacePath)] = this.cipher.encryptString(passphrase).toString('base64');
    this.write(data);
    return { ok: true };
  }

  recall(workspacePath: string): string | null {
    if (!this.status().ok) return null;
    const data = this.read();
    const k = key(workspacePath);
    const b64 = data.entries[k];
    if (typeof b64 !== 'string') return null;
    try {
      return this.cipher.decryptString(Buffer.from(b64, 'base64'));
    } catch {
      // Keyring changed or entry damaged: drop it rather than keep failing.
      delete data.entries[k];
      this.write(data);
      return null;
    }
  }

  forget(workspacePath: string): void {
    const data = this.read();
    const k = key(workspacePath);
    if (!(k in data.entries)) return;
    delete data.entries[k];
    this.write(data);
  }

  private read(): StoreFile {
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<StoreFile>;
      if (parsed && parsed.version === 1 && parsed.entries && typeof parsed.entries === 'object') {
        const entries: Record<string, string> = Object.create(null);
        for (const [k, v] of Object.entries(parsed.entries)) if (typeof v === 'string') entries[k] = v;
        return { version: 1, entries };
      }
    } catch {
      // missing or unreadable: start empty
    }
    return { version: 1, entries: Object.create(null) as Record<string, string> };
  }

  private write(data: StoreFile): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(data, null, 2) + '\n', { mode: 0o600 });
    renameSync(tmp, this.file);
  }
}

function key(workspacePath: string): string {
  return resolve(workspacePath);
}
