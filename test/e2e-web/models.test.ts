// E2E (loopback host + Chromium): Settings → Embedding models — the shipped model is listed, a
// transformers.js model folder (a tiny BERT written on the fly) is imported into the workspace
// through the folder browser (a job), a folder that is not a model is refused with a reason, search is
// switched to it and back (re-index jobs), and the imported model is removed again.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTinyBert } from '../unit/embed/tiny-bert.js';
import { createWorkspace, ensureBuilt, launchBrowser, openPage, startHost, type Host } from './harness.js';

let host: Host | undefined;
let browser: Browser | undefined;
let page: Page;
let problems: string[] = [];

beforeAll(async () => {
  await ensureBuilt();
  host = await startHost();
  await writeTinyBert(join(host.root, 'tiny-model'));
  browser = await launchBrowser();
  ({ page, problems } = await openPage(browser, host.url));
  await createWorkspace(page, 'e2e-models');
}, 180_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await host?.stop();
}, 30_000);

const table = () => page.getByRole('table', { name: 'Embedding models' });
const row = (id: string) => table().locator(`tr[data-model="${id}"]`);

describe('embedding models in settings (web)', () => {
  it('lists the shipped built-in model', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await row('aerie-charngram@1.0.0').waitFor({ timeout: 15_000 });
    await expect(row('aerie-charngram@1.0.0').textContent()).resolves.toMatch(/Shipped with Aerie/);
  });

  it('refuses a folder that is not a model, saying why', async () => {
    await page.getByRole('button', { name: 'Import a model folder…' }).click();
    await page.getByRole('list', { name: 'Folders' }).waitFor();
    await page.getByRole('button', { name: 'Import this folder' }).click(); // the root: a workspace, no model
    await page.getByRole('alert').filter({ hasText: /Cannot import .* as an embedding model/ }).waitFor({ timeout: 15_000 });
    expect(await row('tiny-model').count()).toBe(0);
  });

  it('imports a transformers.js model folder into the workspace', async () => {
    await page.getByRole('list', { name: 'Folders' }).getByRole('button', { name: /tiny-model/ }).click();
    await page.getByLabel('Current folder').filter({ hasText: /tiny-model$/ }).waitFor();
    await page.getByRole('button', { name: 'Import this folder' }).click();
    await page.getByRole('status').filter({ hasText: /Imported tiny-model \(transformers, 8 dimensions\)/ }).waitFor({ timeout: 30_000 });
    // the copy ran as a job: it is in the jobs panel, and the progress bar is gone
    await page.locator('li.job[data-state="succeeded"][aria-label="Import embedding model tiny-model"]').waitFor({ timeout: 15_000 });
    expect(await page.getByRole('progressbar', { name: 'Model import progress' }).count()).toBe(0);
    await expect(row('tiny-model').textContent()).resolves.toMatch(/In this workspace/);
    if (process.env.AERIE_E2E_SHOTS) await page.screenshot({ path: join(process.env.AERIE_E2E_SHOTS, 'settings-models.png'), fullPage: true });
  });

  it('switches search to the imported model as a re-index job, and refuses to remove it while in use', async () => {
    const done = page.locator('li.job[data-state="succeeded"]');
    const before = await done.count();
    await page.getByRole('button', { name: 'Re-index with tiny-model' }).click();
    await page.getByRole('status').filter({ hasText: /Re-embedding every record with tiny-model/ }).waitFor();
    await expect.poll(() => done.count(), { timeout: 60_000 }).toBe(before + 1);
    await row('tiny-model').filter({ hasText: 'in use' }).waitFor({ timeout: 15_000 });
    expect(await page.getByRole('button', { name: 'Remove tiny-model' }).count()).toBe(0);
    // and back to the built-in model, so the imported one can go
    await page.getByRole('button', { name: 'Re-index with aerie-charngram@1.0.0' }).click();
    await expect.poll(() => done.count(), { timeout: 60_000 }).toBe(before + 2);
    await row('aerie-charngram@1.0.0').filter({ hasText: 'in use' }).waitFor({ timeout: 15_000 });
  });

  it('removes the imported model again', async () => {
    await page.getByRole('button', { name: 'Remove tiny-model' }).click();
    await page.getByRole('status').filter({ hasText: 'Removed tiny-model from this workspace.' }).waitFor({ timeout: 15_000 });
    await expect.poll(() => row('tiny-model').count(), { timeout: 5_000 }).toBe(0);
    await expect(row('aerie-charngram@1.0.0').count()).resolves.toBe(1);
    expect(problems).toEqual([]);
  });
});
