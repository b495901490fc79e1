// Electron main process: lifecycle only. Security decisions live in security/ and invoke.ts.
import { app, BrowserWindow, dialog, session } from 'electron';
import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEngineWorker, type WorkerTransport } from '../engine/worker/worker-transport.js';
import type { EngineClient } from '../engine/api/client.js';
import { installBridge } from './bridge.js';
import { makePickPath } from './dialogs.js';
import { hardenAllWebContents, hardenSession } from './hardening.js';
import { registerAppScheme, serveApp } from './protocol.js';
import { makeSecretHandlers } from './secrets.js';
import { createMainWindow } from './window.js';

// No onnxruntime telemetry in this process, the engine worker or any child (engine/embed/runtime-env.ts;
// startEngineWorker sets it too). Set before anything can load a model.
process.env.ORT_DISABLE_TELEMETRY = '1';

const distDir = dirname(fileURLToPath(import.meta.url));
const devtools = !app.isPackaged;

// Development / e2e only: keep the profile (userData, documents) in a throw-away folder.
const profileDir = !app.isPackaged ? process.env.AERIE_PROFILE_DIR : undefined;
if (profileDir) {
  app.setPath('userData', join(profileDir, 'userData'));
  app.setPath('documents', join(profileDir, 'documents'));
}

registerAppScheme();
app.enableSandbox();
hardenAllWebContents(app, { devtools });

let win: BrowserWindow | null = null;
let engine: { client: EngineClient; transport: WorkerTransport } | null = null;
let quitting: 'no' | 'closing' | 'done' = 'no';

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

/** `--workspace=<file>` (npm start's demo): allow its folder, and open it when AERIE_PASSPHRASE is set. */
async function openRequestedWorkspace(client: EngineClient): Promise<void> {
  const arg = process.argv.find((a) => a.startsWith('--workspace='));
  if (!arg) return;
  const path = arg.slice('--workspace='.length);
  await client.call('app.allowPath', { path: dirname(path) });
  const passphrase = process.env.AERIE_PASSPHRASE;
  if (!passphrase) return;
  await client.call('workspace.open', { path, passphrase }).catch((e: unknown) => console.error('[aerie] could not open', path, e));
}

async function start(): Promise<void> {
  // Packaged: the shipped models are extra resources beside app.asar (electron-builder.yml).
  if (app.isPackaged) process.env.AERIE_MODELS_DIR ??= join(process.resourcesPath, 'models');
  const root = join(app.getPath('documents'), 'Aerie');
  mkdirSync(root, { recursive: true });

  hardenSession(session.defaultSession, { devtools });
  serveApp(session.defaultSession, join(distDir, 'renderer'));

  engine = await startEngineWorker({ roots: [root], caller: { user: currentUser(), host: 'electron' } });
  const { client } = engine;

  installBridge({
    client,
    window: () => win,
    host: {
      'host.pickPath': makePickPath({
        window: () => win,
        defaultDir: () => root,
        allow: async (folder) => {
          await client.call('app.allowPath', { path: folder });
        },
      }),
      ...makeSecretHandlers(app.getPath('userData')),
    },
  });

  await openRequestedWorkspace(client);
  win = createMainWindow({ preload: join(distDir, 'preload.cjs'), devtools });
  win.on('closed', () => {
    win = null;
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  app.on('window-all-closed', () => app.quit());

  // Close the workspace cleanly (engine worker) before the process ends.
  app.on('before-quit', (event) => {
    if (quitting === 'done' || !engine) return;
    event.preventDefault();
    if (quitting === 'closing') return;
    quitting = 'closing';
    const transport = engine.transport;
    void transport
      .close()
      .catch((e: unknown) => console.error('[aerie] engine shutdown failed', e))
      .finally(() => {
        quitting = 'done';
        engine = null;
        app.quit();
      });
  });

  app
    .whenReady()
    .then(start)
    .catch((e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      console.error('[aerie] start failed', e);
      dialog.showErrorBox('Aerie could not start', message);
      app.exit(1);
    });
}
