// E2E (loopback host + Chromium): Settings → Check workspace reads every page and the audit chain
// and says plainly that the file is sound.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, ensureBuilt, launchBrowser, openPage, startHost, type Host } from './harness.js';

let host: Host | undefined;
let browser: Browser | undefined;
let page: Page;
let problems: string[] = [];

beforeAll(async () => {
  await ensureBuilt();
  host = await startHost();
  browser = await launchBrowser();
  ({ page, problems } = await openPage(browser, host.url));
  await createWorkspace(page, 'e2e-check');
}, 180_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await host?.stop();
}, 30_000);

describe('check workspace (web)', () => {
  it('reports a sound workspace from Settings', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Check workspace' }).click();
    const result = page.getByTestId('check-result');
    await result.waitFor({ timeout: 30_000 });
    await expect(result.getAttribute('role')).resolves.toBe('status');
    await expect(result.textContent()).resolves.toMatch(/The workspace file is sound: every page and index checked, audit chain intact \(\d+ entr(y|ies)\)\./);
    if (process.env.AERIE_E2E_SHOTS) await page.screenshot({ path: join(process.env.AERIE_E2E_SHOTS, 'settings-check.png'), fullPage: true });
    expect(problems).toEqual([]);
  });
});
