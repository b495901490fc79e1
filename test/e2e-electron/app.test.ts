// The real Electron app, driven by Playwright's _electron: runs where an Electron binary exists
// (and dist/ is built), and is skipped with the reason printed everywhere else.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronSkipReason, findElectronBinary } from './electron-binary.js';

const skipReason = electronSkipReason();
const skip = skipReason !== null;
if (skip) console.log(`[e2e-electron] skipped: ${skipReason}`);

type Res = { t: 'res'; id: number; ok: true; result: unknown } | { t: 'res'; id: number; ok: false; error: { code: string; message: string } };

describe('Electron app (e2e)', () => {
  let app: ElectronApplication | undefined;
  let page: Page;
  let profile = '';

  const invoke = (method: string, params: unknown): Promise<Res> =>
    page.evaluate(
      ([m, p]) => (window as unknown as { aerie: { invoke(r: unknown): Promise<unknown> } }).aerie.invoke({ t: 'req', id: 1, method: m, params: p }),
      [method, params] as const,
    ) as Promise<Res>;

  beforeAll(async () => {
    if (skip) return;
    profile = mkdtempSync(join(tmpdir(), 'aerie-e2e-electron-'));
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'ELECTRON_RUN_AS_NODE') env[k] = v;
    env.AERIE_PROFILE_DIR = profile;
    const asRoot = process.platform === 'linux' && process.getuid?.() === 0;
    app = await _electron.launch({
      executablePath: findElectronBinary().path!,
      args: [...(asRoot ? ['--no-sandbox'] : []), 'dist/main.js'],
      env,
      timeout: 60_000,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  }, 30_000);

  it.skipIf(skip)('opens one window at app://aerie', async () => {
    expect(page.url()).toMatch(/^app:\/\/aerie\//);
    expect(app!.windows()).toHaveLength(1);
  });

  it.skipIf(skip)('exposes window.aerie and no Node globals', async () => {
    const globals = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown> & { aerie?: Record<string, unknown> & { secrets?: Record<string, unknown> } };
      return {
        aerie: typeof w.aerie,
        invoke: typeof w.aerie?.invoke,
        onEvent: typeof w.aerie?.onEvent,
        pickPath: typeof w.aerie?.pickPath,
        recall: typeof w.aerie?.secrets?.recall,
        require: typeof w.require,
        process: typeof w.process,
        module: typeof w.module,
        Buffer: typeof w.Buffer,
      };
    });
    expect(globals).toEqual({
      aerie: 'object',
      invoke: 'function',
      onEvent: 'function',
      pickPath: 'function',
      recall: 'function',
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      Buffer: 'undefined',
    });
  });

  it.skipIf(skip)('creates a workspace through the bridge', async () => {
    const path = join(profile, 'documents', 'Aerie', 'e2e.aerie');
    const res = await invoke('workspace.create', { path, passphrase: 'correct horse battery staple' });
    expect(res.ok, JSON.stringify(res)).toBe(true);
    expect(existsSync(path)).toBe(true);
    const status = await invoke('app.status', {});
    expect(status).toMatchObject({ ok: true, result: { state: 'open' } });
  }, 60_000);

  it.skipIf(skip)('refuses hostOnly methods, bad params and paths outside the roots', async () => {
    const hostOnly = await invoke('app.allowPath', { path: '/' });
    expect(!hostOnly.ok && hostOnly.error.code).toBe('UNAUTHORIZED');
    const bad = await invoke('workspace.create', { path: join(profile, 'x.aerie'), passphrase: 'short' });
    expect(!bad.ok && bad.error.code).toBe('INVALID_INPUT');
    const outside = await invoke('workspace.create', { path: join(profile, 'outside.aerie'), passphrase: 'correct horse battery staple' });
    expect(!outside.ok && outside.error.code).toBe('PATH_NOT_ALLOWED');
  }, 30_000);

  it.skipIf(skip)('blocks the network, new windows, navigation and eval', async () => {
    const fetched = await page.evaluate(() =>
      fetch('https://example.com/').then(
        () => 'loaded',
        () => 'blocked',
      ),
    );
    expect(fetched).toBe('blocked');
    const opened = await page.evaluate(() => window.open('https://example.com/') === null);
    expect(opened).toBe(true);
    await page.evaluate(() => {
      location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/^app:\/\/aerie\//);
    expect(app!.windows()).toHaveLength(1);
    const evaluated = await page.evaluate(() => {
      try {
        return String((0, eval)('1 + 1'));
      } catch {
        return 'blocked';
      }
    });
    expect(evaluated).toBe('blocked');
  }, 30_000);

  it.skipIf(skip)('answers secrets.available with a backend name', async () => {
    const s = await page.evaluate(() => (window as unknown as { aerie: { secrets: { available(): Promise<unknown> } } }).aerie.secrets.available());
    expect(s).toMatchObject({ ok: expect.any(Boolean), backend: expect.any(String) });
  });
});
