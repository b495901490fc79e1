// Mechanical checks of the Electron shell's shape: the pure security modules stay free of
// Electron (so they are tested here), the sandboxed preload needs nothing but `electron`,
// there is exactly one invoke channel, and the window keeps its hardened webPreferences.
import { build } from 'esbuild';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dialogPlan, finalPath, folderToAllow } from '../../main/dialog-logic.js';

const src = (p: string) => readFileSync(join('main', p), 'utf8');
const importsOf = (text: string) => [...text.matchAll(/^\s*import\s[^'"]*?['"]([^'"]+)['"]/gm)].map((m) => m[1]!);

describe('module boundaries', () => {
  const pure = ['invoke.ts', 'host-api.ts', 'host-schemas.ts', 'secrets-store.ts', 'dialog-logic.ts', ...readdirSync('main/security').map((f) => `security/${f}`)];
  for (const f of pure) {
    it(`${f} does not import electron`, () => {
      expect(importsOf(src(f))).not.toContain('electron');
    });
  }

  it('the preload bundle requires only electron (sandboxed preloads cannot load other modules)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'aerie-preload-'));
    try {
      await build({
        bundle: true,
        platform: 'node',
        format: 'cjs',
        packages: 'external',
        external: ['electron'],
        entryPoints: { preload: 'main/preload.ts' },
        outExtension: { '.js': '.cjs' },
        outdir: out,
        logLevel: 'silent',
      });
      const code = readFileSync(join(out, 'preload.cjs'), 'utf8');
      const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
      expect([...new Set(required)]).toEqual(['electron']);
      expect(code).toContain("exposeInMainWorld(\"aerie\"");
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('one invoke channel', () => {
  const all = readdirSync('main').filter((f) => f.endsWith('.ts')).map((f) => [f, src(f)] as const);
  it('main registers exactly one ipcMain handler, on BRIDGE_CHANNELS.invoke, and no ipcMain.on listeners', () => {
    const handles = all.flatMap(([f, t]) => [...t.matchAll(/ipcMain\.(handle|handleOnce|on|once|addListener)\(([^,]+),/g)].map((m) => `${f}:${m[1]}:${m[2]}`));
    expect(handles).toEqual(['bridge.ts:handle:BRIDGE_CHANNELS.invoke']);
  });
  it('the preload invokes only BRIDGE_CHANNELS.invoke and listens only on BRIDGE_CHANNELS.event', () => {
    const t = src('preload.ts');
    const calls = [...t.matchAll(/ipcRenderer\.(\w+)\(([^,)]+)/g)].map((m) => `${m[1]}:${m[2]}`);
    expect(new Set(calls)).toEqual(new Set(['invoke:BRIDGE_CHANNELS.invoke', 'on:BRIDGE_CHANNELS.event', 'removeListener:BRIDGE_CHANNELS.event']));
    expect(t).not.toMatch(/ipcRenderer\.(send|sendSync|postMessage|sendToHost)\b/);
  });
});

describe('window hardening', () => {
  const w = src('window.ts');
  it('keeps the hardened webPreferences', () => {
    for (const flag of ['contextIsolation: true', 'sandbox: true', 'nodeIntegration: false', 'webSecurity: true', 'webviewTag: false', 'allowRunningInsecureContent: false', 'nodeIntegrationInSubFrames: false']) {
      expect(w).toContain(flag);
    }
    expect(w).toContain('loadURL(APP_INDEX_URL)');
  });
  it('nothing in main turns security off or loads remote content', () => {
    const everything = readdirSync('main').filter((f) => f.endsWith('.ts')).map(src).join('\n');
    expect(everything).not.toMatch(/webSecurity:\s*false|contextIsolation:\s*false|sandbox:\s*false|nodeIntegration:\s*true|bypassCSP|openExternal|loadURL\(['"`]https?:/);
  });
  it('hardening denies new windows, navigation, webviews, permissions and non-app requests; devtools follow app.isPackaged', () => {
    const h = src('hardening.ts');
    for (const s of ["setWindowOpenHandler(() => ({ action: 'deny' }))", "'will-navigate'", "'will-attach-webview'", 'setPermissionRequestHandler', 'setPermissionCheckHandler', 'webRequest.onBeforeRequest']) {
      expect(h).toContain(s);
    }
    const m = src('main.ts');
    expect(m).toContain('const devtools = !app.isPackaged');
    expect(m).toContain('requestSingleInstanceLock');
  });
});

describe('dialog logic', () => {
  it('allows only the folder of the picked file', () => {
    expect(folderToAllow('/home/u/data/exports/crm.csv')).toBe('/home/u/data/exports');
  });
  it('new workspaces always end in .aerie', () => {
    expect(finalPath('create-workspace', '/home/u/ws')).toBe('/home/u/ws.aerie');
    expect(finalPath('create-workspace', '/home/u/ws.aerie')).toBe('/home/u/ws.aerie');
    expect(finalPath('import-file', '/home/u/x.csv')).toBe('/home/u/x.csv');
  });
  it('plans save for create and open for the others', () => {
    expect(dialogPlan('create-workspace', '/d').kind).toBe('save');
    expect(dialogPlan('open-workspace', '/d').kind).toBe('open');
    expect(dialogPlan('import-file', '/d', 'Pick').title).toBe('Pick');
    expect(dialogPlan('import-model-folder', '/d').kind).toBe('folder');
    expect(folderToAllow('/home/u/models/minilm', 'import-model-folder')).toBe('/home/u/models/minilm');
  });
});
