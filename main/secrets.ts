// host.secrets.*: remembered passphrases through Electron safeStorage (see secrets-store.ts).
import { safeStorage } from 'electron';
import { join } from 'node:path';
import type { HostHandlers } from './host-schemas.js';
import { backendName, SecretStore } from './secrets-store.js';

export function makeSecretHandlers(userDataDir: string): Pick<
  HostHandlers,
  'host.secrets.available' | 'host.secrets.remember' | 'host.secrets.recall' | 'host.secrets.forget'
> {
  const store = new SecretStore(join(userDataDir, 'secrets.json'), safeStorage, () =>
    backendName(process.platform, () => safeStorage.getSelectedStorageBackend()),
  );
  return {
    'host.secrets.available': async () => store.status(),
    'host.secrets.remember': async ({ workspacePath, passphrase }) => store.remember(workspacePath, passphrase),
    'host.secrets.recall': async ({ workspacePath }) => store.recall(workspacePath),
    'host.secrets.forget': async ({ workspacePath }) => {
      store.forget(workspacePath);
      return { ok: true as const };
    },
  };
}
