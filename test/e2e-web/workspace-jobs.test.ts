// E2E (loopback host + Chromium): create a workspace, lock, unlock with a wrong then the right
// passphrase, run a large demo generation, watch its progress bar advance, cancel it.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, ensureBuilt, launchBrowser, openPage, PASSPHRASE, startHost, type Host } from './harness.js';

let host: Host | undefined;
let browser: Browser | undefined;
let page: Page;
let problems: string[] = [];

beforeAll(async () => {
  await ensureBuilt();
  host = await startHost();
  browser = await launchBrowser();
  ({ page, problems } = await openPage(browser, host.url));
}, 180_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await host?.stop();
}, 30_000);

const progressNow = async (page: Page, label: string): Promise<number> => {
  const v = await page.getByRole('progressbar', { name: label }).getAttribute('aria-valuenow');
  return v === null ? -1 : Number(v);
};

async function waitForValue(page: Page, label: string, above: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await progressNow(page, label).catch(() => -1);
    if (v > above) return v;
    if (Date.now() > deadline) throw new Error(`progress of "${label}" stayed at ${v} (wanted > ${above})`);
    await page.waitForTimeout(100);
  }
}

describe('workspace lifecycle and jobs (web)', () => {
  it('reads the token from the fragment, then strips it from the address bar', async () => {
    await page.getByRole('tab', { name: 'Create workspace' }).waitFor({ timeout: 20_000 });
    expect(page.url()).not.toContain('token=');
    expect(new URL(page.url()).hash).toBe('');
  });

  it('creates a workspace in the allowed root', async () => {
    await expect(page.getByTestId('create-path').textContent()).resolves.toContain(host!.root);
    await page.screenshot({ path: '/tmp/aerie-e2e-create.png' });
    await createWorkspace(page, 'e2e-life');
    await expect(page.locator('.topbar-ws').textContent()).resolves.toBe('e2e-life');
  });

  it('locks, rejects a wrong passphrase inline, then unlocks with the right one', async () => {
    await page.getByRole('banner').getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('heading', { name: 'Workspace locked' }).waitFor({ timeout: 15_000 });

    const pass = page.getByLabel('Passphrase', { exact: true });
    await pass.fill('not the passphrase');
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'passphrase is wrong' });
    await alert.waitFor({ timeout: 30_000 });
    await expect(alert.textContent()).resolves.toMatch(/The passphrase is wrong/);
    await page.screenshot({ path: '/tmp/aerie-e2e-unlock-wrong.png' });
    // The form keeps working: still locked, field usable, then the right passphrase opens it.
    await expect(page.getByRole('heading', { name: 'Workspace locked' }).isVisible()).resolves.toBe(true);
    await pass.fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: 30_000 });
    await expect(page.getByRole('alert').filter({ hasText: 'passphrase is wrong' }).count()).resolves.toBe(0);
  });

  it('shows a demo generation advancing, then cancels it', async () => {
    await page.getByRole('link', { name: 'Sources' }).click();
    await page.getByLabel('Customers').fill('2000000');
    await page.getByRole('button', { name: 'Generate' }).click();

    const label = 'Generate demo CRM (2,000,000 customers) progress';
    const bar = page.getByRole('progressbar', { name: label });
    await bar.waitFor({ timeout: 20_000 });
    // The queued job has no total yet; it comes with the first progress event.
    await expect.poll(() => bar.getAttribute('aria-valuemax'), { timeout: 20_000 }).toBe('2000000');
    const first = await waitForValue(page, label, 0, 30_000);
    const later = await waitForValue(page, label, first, 30_000);
    expect(later).toBeGreaterThan(first);
    expect(later).toBeLessThan(2_000_000);

    await page.screenshot({ path: '/tmp/aerie-e2e-jobs-running.png' });
    await page.getByRole('button', { name: 'Cancel Generate demo CRM (2,000,000 customers)' }).click();
    const item = page.locator('li.job', { hasText: '2,000,000 customers' });
    await item.locator('[data-state="cancelled"]').or(page.locator('li.job[data-state="cancelled"]')).first().waitFor({ timeout: 30_000 });
    await expect(item.getByTestId('job-state').textContent()).resolves.toBe('Cancelled');
    await expect(item.getByRole('button', { name: /^Cancel/ }).count()).resolves.toBe(0);
    // Rolled back: the records grid is empty again.
    await page.getByRole('status').filter({ hasText: /^0 rows/ }).waitFor({ timeout: 30_000 });
  });

  it('verifies the audit chain and explains why "remember passphrase" is unavailable here', async () => {
    await page.getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('button', { name: 'Verify chain' }).click();
    const result = page.getByTestId('audit-verify');
    await result.waitFor({ timeout: 15_000 });
    await expect(result.textContent()).resolves.toMatch(/Chain intact: \d+ entries checked/);
    await expect(page.getByRole('cell', { name: 'workspace.create' }).count()).resolves.toBeGreaterThan(0);

    await page.getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByTestId('remember-unavailable').textContent()).resolves.toMatch(/Only in the desktop app/);
    await page.getByText('Encryption').waitFor({ timeout: 15_000 });
    await page.screenshot({ path: '/tmp/aerie-e2e-settings.png', fullPage: true });
    expect(problems).toEqual([]);
  });
});

describe('connection loss (web)', () => {
  it('shows a reconnect notice when the host goes away', async () => {
    await host!.stop();
    const notice = page.getByTestId('connection-notice');
    await notice.waitFor({ timeout: 15_000 });
    await expect(notice.textContent()).resolves.toMatch(/Connection to the engine lost\. Reconnecting/);
    await page.screenshot({ path: '/tmp/aerie-e2e-disconnected.png' });
  });
});
