// The thin Electron glue (bridge, protocol, hardening, dialogs, secrets) run against a fake
// `electron` module, so the wiring is exercised here without a binary.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  return {
    handlers,
    ipcMain: {
      handle: (ch: string, fn: (event: unknown, ...args: unknown[]) => unknown) => {
        if (handlers.has(ch)) throw new Error(`second handler for ${ch}`);
        handlers.set(ch, fn);
      },
      removeHandler: (ch: string) => handlers.delete(ch),
    },
    dialog: {
      showSaveDialog: vi.fn(async (_w: unknown, _o: unknown) => ({ canceled: false, filePath: '/data/new-ws' as string | undefined })),
      showOpenDialog: vi.fn(async (_w: unknown, _o: unknown) => ({ canceled: true, filePaths: [] as string[] })),
    },
    safeStorage: {
      backend: 'basic_text',
      isEncryptionAvailable: () => true,
      encryptString: (s: string) => Buffer.from(s),
      decryptString: (b: Buffer) => b.toString(),
      getSelectedStorageBackend(): string {
        return this.backend;
      },
    },
  };
});

vi.mock('electron', () => ({ ipcMain: fake.ipcMain, dialog: fake.dialog, safeStorage: fake.safeStorage, protocol: {} }));

const { installBridge } = await import('../../main/bridge.js');
const { serveApp } = await import('../../main/protocol.js');
const { hardenAllWebContents, hardenSession } = await import('../../main/hardening.js');
const { makePickPath } = await import('../../main/dialogs.js');
const { makeSecretHandlers } = await import('../../main/secrets.js');
const { BRIDGE_CHANNELS } = await import('../../engine/api/bridge.js');
const { APP_CSP } = await import('../../main/security/csp.js');

type Listener = (data: unknown) => void;

function fakeWindow() {
  const sent: unknown[][] = [];
  return {
    sent,
    isDestroyed: () => false,
    webContents: { id: 3, mainFrame: { processId: 5, routingId: 1 }, send: (...a: unknown[]) => sent.push(a) },
  };
}

function fakeClient() {
  const calls: [string, unknown][] = [];
  const listeners = new Map<string, Listener>();
  return {
    calls,
    listeners,
    call: async (m: string, p: unknown) => {
      calls.push([m, p]);
      return { state: 'none' };
    },
    on: (name: string, fn: Listener) => {
      listeners.set(name, fn);
      return () => listeners.delete(name);
    },
  };
}

const frameEvent = (over: Record<string, unknown> = {}, senderId = 3) => ({
  sender: { id: senderId },
  senderFrame: { url: 'app://aerie/index.html', parent: null, processId: 5, routingId: 1, detached: false, ...over },
});

describe('bridge wiring (ipcMain)', () => {
  beforeEach(() => fake.handlers.clear());

  it('registers one invoke handler that checks the sender and forwards to the engine', async () => {
    const win = fakeWindow();
    const client = fakeClient();
    const dispose = installBridge({ client: client as never, window: () => win as never, host: {} as never });
    expect([...fake.handlers.keys()]).toEqual([BRIDGE_CHANNELS.invoke]);
    const handle = fake.handlers.get(BRIDGE_CHANNELS.invoke)!;

    expect(await handle(frameEvent(), { t: 'req', id: 9, method: 'app.status', params: {} })).toEqual({ t: 'res', id: 9, ok: true, result: { state: 'none' } });
    expect(client.calls).toEqual([['app.status', {}]]);

    const sub = (await handle(frameEvent({ parent: {}, routingId: 2 }), { t: 'req', id: 1, method: 'app.status', params: {} })) as { ok: boolean; error?: { code: string } };
    expect(sub.error?.code).toBe('UNAUTHORIZED');
    const forged = (await handle(frameEvent({ url: 'https://evil.example/' }), { t: 'req', id: 1, method: 'app.status', params: {} })) as { error?: { code: string } };
    expect(forged.error?.code).toBe('UNAUTHORIZED');
    const other = (await handle(frameEvent({}, 4), { t: 'req', id: 1, method: 'app.status', params: {} })) as { error?: { code: string } };
    expect(other.error?.code).toBe('UNAUTHORIZED');
    const gone = (await handle({ sender: { id: 3 }, senderFrame: null }, { t: 'req', id: 1, method: 'app.status', params: {} })) as { error?: { code: string } };
    expect(gone.error?.code).toBe('UNAUTHORIZED');
    expect(client.calls).toHaveLength(1);

    dispose();
    expect(fake.handlers.size).toBe(0);
  });

  it('forwards engine events to the window on the event channel', () => {
    const win = fakeWindow();
    const client = fakeClient();
    installBridge({ client: client as never, window: () => win as never, host: {} as never });
    expect([...client.listeners.keys()].sort()).toEqual(['data.changed', 'job', 'workspace']);
    client.listeners.get('workspace')!({ state: 'open', path: '/w/a.aerie' });
    expect(win.sent).toEqual([[BRIDGE_CHANNELS.event, { t: 'evt', event: 'workspace', data: { state: 'open', path: '/w/a.aerie' } }]]);
  });
});

describe('app:// protocol handler', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aerie-renderer-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Aerie</title>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, '..', 'aerie-secret.txt'), 'secret');
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(dir, '..', 'aerie-secret.txt'), { force: true });
  });

  let handler: (r: { url: string; method: string }) => Promise<Response>;
  serveApp({ protocol: { handle: (_s: string, fn: typeof handler) => (handler = fn) } } as never, dir);
  const get = (url: string, method = 'GET') => handler({ url, method });

  it('serves renderer files with the CSP', async () => {
    const r = await get('app://aerie/assets/app.js');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/javascript');
    expect(r.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(await r.text()).toBe('console.log(1)');
  });

  it('falls back to index.html for client routes and 404s missing assets', async () => {
    expect(await (await get('app://aerie/some/route')).text()).toContain('<title>Aerie</title>');
    expect((await get('app://aerie/assets/missing.js')).status).toBe(404);
  });

  it('refuses traversal, other hosts and non-GET methods', async () => {
    for (const url of ['app://aerie/../aerie-secret.txt', 'app://aerie/%2e%2e/aerie-secret.txt', 'app://aerie/..%2faerie-secret.txt']) {
      const r = await get(url);
      expect(r.status, url).toBe(403);
      expect(await r.text()).not.toContain('secret\n');
    }
    expect((await get('app://evil/index.html')).status).toBe(403);
    expect((await get('app://aerie/index.html', 'POST')).status).toBe(405);
  });
});

describe('session and webContents hardening', () => {
  it('denies permissions and cancels non-app requests', () => {
    const h: Record<string, (...a: never[]) => unknown> = {};
    const ses = {
      setPermissionRequestHandler: (fn: never) => (h.request = fn),
      setPermissionCheckHandler: (fn: never) => (h.check = fn),
      setDevicePermissionHandler: (fn: never) => (h.device = fn),
      setSpellCheckerEnabled: vi.fn(),
      webRequest: { onBeforeRequest: (fn: never) => (h.before = fn) },
      on: vi.fn(),
    };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    hardenSession(ses as never, { devtools: false });
    const cb = vi.fn();
    (h.request as unknown as (w: unknown, p: string, c: (b: boolean) => void) => void)(null, 'media', cb);
    expect(cb).toHaveBeenCalledWith(false);
    expect((h.check as unknown as (w: unknown, p: string) => boolean)(null, 'clipboard-read')).toBe(false);
    const before = h.before as unknown as (d: { url: string }, c: (r: { cancel: boolean }) => void) => void;
    const results: boolean[] = [];
    for (const url of ['app://aerie/index.html', 'https://example.com/', 'file:///etc/passwd', 'devtools://devtools/x']) before({ url }, (r) => results.push(r.cancel));
    expect(results).toEqual([false, true, true, true]);
    expect(ses.setSpellCheckerEnabled).toHaveBeenCalledWith(false);
    warn.mockRestore();
  });

  it('prevents navigation and webviews and denies window.open in every webContents', () => {
    let created: ((e: unknown, wc: unknown) => void) | undefined;
    hardenAllWebContents({ on: (_n: string, fn: typeof created) => (created = fn) } as never, { devtools: false });
    const on = new Map<string, (e: { preventDefault(): void; url?: string }) => void>();
    let openHandler: (() => { action: string }) | undefined;
    created!({}, { on: (n: string, fn: never) => on.set(n, fn), setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn), closeDevTools: vi.fn() });
    for (const ev of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const e = { preventDefault: vi.fn(), url: 'https://example.com/' };
      on.get(ev)!(e);
      expect(e.preventDefault, ev).toHaveBeenCalled();
    }
    expect(openHandler!()).toEqual({ action: 'deny' });
    expect(on.has('devtools-opened')).toBe(true);
  });
});

describe('host.pickPath glue', () => {
  it('appends .aerie, allows the folder in the engine, and returns the path', async () => {
    const allow = vi.fn(async () => {});
    const pick = makePickPath({ window: () => fakeWindow() as never, defaultDir: () => '/docs/Aerie', allow });
    expect(await pick({ purpose: 'create-workspace' })).toBe('/data/new-ws.aerie');
    expect(allow).toHaveBeenCalledWith('/data');
    expect(fake.dialog.showSaveDialog.mock.calls[0]?.[1]).toMatchObject({ defaultPath: '/docs/Aerie/workspace.aerie' });
  });
  it('returns null and allows nothing when cancelled', async () => {
    const allow = vi.fn(async () => {});
    const pick = makePickPath({ window: () => fakeWindow() as never, defaultDir: () => '/docs/Aerie', allow });
    expect(await pick({ purpose: 'open-workspace' })).toBeNull();
    expect(allow).not.toHaveBeenCalled();
  });
});

describe('host.secrets glue', () => {
  it('refuses on basic_text and works on a keyring', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aerie-userdata-'));
    try {
      const h = makeSecretHandlers(dir);
      fake.safeStorage.backend = 'basic_text';
      expect(await h['host.secrets.available']({})).toMatchObject({ ok: false, backend: process.platform === 'linux' ? 'basic_text' : expect.any(String) });
      if (process.platform === 'linux') {
        expect((await h['host.secrets.remember']({ workspacePath: '/w/a.aerie', passphrase: 'pass one two' })).ok).toBe(false);
      }
      fake.safeStorage.backend = 'gnome_libsecret';
      expect(await h['host.secrets.remember']({ workspacePath: '/w/a.aerie', passphrase: 'pass one two' })).toEqual({ ok: true });
      expect(await h['host.secrets.recall']({ workspacePath: '/w/a.aerie' })).toBe('pass one two');
      expect(await h['host.secrets.forget']({ workspacePath: '/w/a.aerie' })).toEqual({ ok: true });
      expect(await h['host.secrets.recall']({ workspacePath: '/w/a.aerie' })).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
