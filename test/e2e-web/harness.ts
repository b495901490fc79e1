// Shared e2e plumbing: build what the loopback host serves (only when sources are newer than the
// build), start `aerie serve` as a child process, launch Debian Chromium through playwright-core.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
const CHROMIUM = process.env.AERIE_CHROMIUM ?? '/usr/bin/chromium';
const OUTPUTS = ['dist/cli.js', 'dist/worker.js', 'dist/renderer/index.html'].map((p) => join(REPO, p));
const SOURCES = ['engine', 'renderer', 'vite.config.ts'].map((p) => join(REPO, p));

function newestMtime(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const e of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, e)));
  return newest;
}

function isStale(): boolean {
  if (!OUTPUTS.every(existsSync)) return true;
  const built = Math.min(...OUTPUTS.map((p) => statSync(p).mtimeMs));
  return SOURCES.filter(existsSync).some((p) => newestMtime(p) > built);
}

/**
 * Builds the engine bundles and the renderer when stale. Test files run in parallel, so a lock
 * folder makes the others wait for the one that builds.
 */
export async function ensureBuilt(): Promise<void> {
  if (!isStale()) return;
  mkdirSync(join(REPO, 'dist'), { recursive: true });
  const lock = join(REPO, 'dist', '.e2e-build-lock');
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than 3 minutes belongs to a build that died.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 180_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error('Timed out waiting for another e2e build to finish');
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    if (!isStale()) return;
    // The same build `npm test` runs (one definition of what gets bundled).
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO, stdio: 'inherit' });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface Host {
  url: string;
  port: number;
  root: string;
  child: ChildProcess;
  stderr(): string;
  stop(): Promise<void>;
}

/** `aerie serve --root <tmp>` with no workspace: the UI must offer create / open. */
export async function startHost(): Promise<Host> {
  const root = mkdtempSync(join(tmpdir(), 'aerie-e2e-'));
  const env = { ...process.env };
  delete env.AERIE_PASSPHRASE;
  const child = spawn(process.execPath, [join(REPO, 'dist/cli.js'), 'serve', '--root', root], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-20_000)));
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`aerie serve printed no URL within 30 s. stderr:\n${err}`)), 30_000);
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', (l) => {
      clearTimeout(timer);
      resolve(l);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`aerie serve exited (${code}) before printing its URL. stderr:\n${err}`));
    });
  });
  const { url, port } = JSON.parse(line) as { url: string; port: number };
  return {
    url,
    port,
    root,
    child,
    stderr: () => err,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(t);
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (or set AERIE_CHROMIUM)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** How the page is opened: its system locale (navigator.language, Intl) and window size. */
export interface PageOptions {
  locale?: string;
  viewport?: { width: number; height: number };
}

/** A page that fails the test on uncaught errors and CSP violations. */
export async function openPage(browser: Browser, url: string, opts: PageOptions = {}): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: opts.viewport ?? { width: 1440, height: 900 }, ...(opts.locale ? { locale: opts.locale } : {}) });
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  await page.goto(url);
  return { page, problems };
}

export const PASSPHRASE = 'correct horse battery staple';

/** Drives the Create form: file name + passphrase twice, lands in the workbench. */
export async function createWorkspace(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name: 'Create workspace' }).click();
  await page.getByLabel('File name').fill(name);
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Passphrase again').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: 30_000 });
}

export interface BrowserSession {
  host: Host;
  page: Page;
  /** Page errors and console errors seen so far (a test ends by expecting none). */
  problems: string[];
}

/**
 * The usual set-up of a browser test file: a built app, a loopback host, Chromium, a page and a new
 * workspace (beforeAll), all closed afterwards (afterAll). `watch` runs on the page before the
 * workspace is created (to record what the page sends, say).
 */
export function browserSession(workspaceName: string, watch?: (page: Page) => void, pageOptions?: PageOptions): BrowserSession {
  const s = {} as BrowserSession;
  let browser: Browser | undefined;
  beforeAll(async () => {
    await ensureBuilt();
    s.host = await startHost();
    browser = await launchBrowser();
    ({ page: s.page, problems: s.problems } = await openPage(browser, s.host.url, pageOptions));
    watch?.(s.page);
    await createWorkspace(s.page, workspaceName);
  }, 180_000);
  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await s.host?.stop();
  }, 30_000);
  return s;
}
