// E2E (loopback host + Chromium): the Search screen — instant results while typing a misspelt
// surname taken from the records grid, highlighted matches, keyboard navigation, Enter opens the
// record with its lineage, feedback is sent, a fielded email: query, and the vector index build.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, ensureBuilt, launchBrowser, openPage, startHost, type Host } from './harness.js';

const CUSTOMERS = 3_000;
const SHOTS = process.env.AERIE_E2E_SHOTS ?? '/tmp';

let host: Host | undefined;
let browser: Browser | undefined;
let page: Page;
let problems: string[] = [];
const sent: { method: string; params: Record<string, unknown> }[] = [];

beforeAll(async () => {
  await ensureBuilt();
  host = await startHost();
  browser = await launchBrowser();
  ({ page, problems } = await openPage(browser, host.url));
  page.on('websocket', (ws) =>
    ws.on('framesent', (f) => {
      const msg = JSON.parse(String(f.payload)) as { method?: string; params?: Record<string, unknown> };
      if (msg.method?.startsWith('search.') || msg.method?.startsWith('embed.')) sent.push({ method: msg.method, params: msg.params ?? {} });
    }),
  );
  await createWorkspace(page, 'e2e-search');
}, 180_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await host?.stop();
}, 30_000);

const grid = () => page.getByRole('grid', { name: 'Customer records' });
const cell = (ariaRow: number, col: number): Locator => grid().locator(`[role="row"][aria-rowindex="${ariaRow}"] [role="gridcell"][aria-colindex="${col}"]`);
const COL = { id: 1, family: 5, email: 6 };
const box = () => page.getByRole('combobox', { name: 'Search customers' });
const results = () => page.getByRole('listbox', { name: 'Search results' });
const options = () => results().getByRole('option');

async function textOf(l: Locator): Promise<string> {
  return ((await l.textContent()) ?? '').trim();
}

/** A misspelling: drop one inner letter, lower case (e.g. "Thompson" → "thopson"). */
function typo(s: string): string {
  const w = s.toLowerCase();
  const i = Math.floor(w.length / 2);
  return w.slice(0, i - 1) + w.slice(i);
}

let surname = '';
let email = '';

describe('search screen (web)', () => {
  it('takes a surname and an email from the records grid of a generated workspace', async () => {
    await page.getByLabel('Customers').fill(String(CUSTOMERS));
    await page.getByRole('button', { name: 'Generate' }).click();
    await page.locator('li.job[data-state="succeeded"]').waitFor({ timeout: 60_000 });
    await cell(3, COL.id).filter({ hasText: /^1$/ }).waitFor({ timeout: 20_000 });
    for (let r = 3; r < 25 && (!surname || !email); r++) {
      const fam = await textOf(cell(r, COL.family));
      const em = await textOf(cell(r, COL.email));
      if (!surname && /^[A-Za-z]{6,}$/.test(fam)) surname = fam;
      if (!email && /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(em)) email = em;
    }
    expect(surname).not.toBe('');
    expect(email).not.toBe('');
  });

  it('shows instant results with highlighted matches for a misspelt surname', async () => {
    await page.getByRole('link', { name: 'Search' }).click();
    await expect(box().evaluate((el) => el === document.activeElement)).resolves.toBe(true); // autofocus
    await page.getByTestId('search-start').waitFor();
    await page.getByText('Narrow by field:').waitFor();
    await page.getByTestId('index-state').filter({ hasText: /Not built|not embedded/ }).waitFor({ timeout: 10_000 });
    const t0 = Date.now();
    await box().pressSequentially(typo(surname), { delay: 30 });
    await options().first().waitFor({ timeout: 10_000 });
    const appeared = Date.now() - t0;
    // Debounced: far fewer requests than keystrokes.
    const queries = sent.filter((m) => m.method === 'search.query').length;
    expect(queries).toBeGreaterThan(0);
    expect(queries).toBeLessThan(typo(surname).length);
    expect(appeared).toBeLessThan(8_000);
    // Stale answers were dropped: the meta line answers the full query.
    await page.getByTestId('search-meta').filter({ hasText: /\d+ results?/ }).waitFor();
    const names = await options().locator('.search-result-name').allTextContents();
    expect(names.some((n) => n.toLowerCase().includes(surname.toLowerCase()))).toBe(true);
    // Why it matched: a highlighted span and a per-field similarity chip.
    const hit = options().filter({ hasText: new RegExp(surname, 'i') }).first();
    await expect(hit.locator('.search-result-name mark').count()).resolves.toBeGreaterThan(0);
    await expect(textOf(hit.locator('.match-chip').first())).resolves.toMatch(/Name\s*\d+%/);
    await page.screenshot({ path: `${SHOTS}/aerie-e2e-search-results.png` });
  });

  it('moves with ArrowDown / ArrowUp (aria-activedescendant) and opens the record with Enter', async () => {
    expect(await box().getAttribute('aria-activedescendant')).toBeNull();
    await box().press('ArrowDown');
    await box().press('ArrowDown');
    const second = await options().nth(1).getAttribute('id');
    await expect(box().getAttribute('aria-activedescendant')).resolves.toBe(second);
    await expect(options().nth(1).getAttribute('aria-selected')).resolves.toBe('true');
    await box().press('ArrowUp');
    const first = await options().nth(0).getAttribute('id');
    await expect(box().getAttribute('aria-activedescendant')).resolves.toBe(first);
    const firstName = await textOf(options().nth(0).locator('.search-result-name'));
    const firstId = Number(await options().nth(0).getAttribute('data-record-id'));
    await box().press('Enter');
    const detail = page.getByTestId('record-detail');
    await detail.waitFor();
    await expect(textOf(detail.locator('h2'))).resolves.toBe(firstName);
    await expect(textOf(detail.getByTestId('lineage-import'))).resolves.toMatch(/^\d+$/);
    await expect(textOf(detail.getByTestId('lineage-row'))).resolves.toMatch(/^\d+$/);
    await expect(detail.getByRole('term').filter({ hasText: 'Email' }).count()).resolves.toBe(1);
    // Lineage down to the source file, and the source columns exactly as imported.
    await expect(textOf(detail.getByTestId('lineage-file'))).resolves.toMatch(/\.(csv|dat|xlsx|sql|txt)$/i);
    const original = detail.getByTestId('original-values');
    await original.locator('summary').click();
    const cells = await original.locator('tbody tr').count();
    expect(cells).toBeGreaterThanOrEqual(5);
    const values = await original.locator('code.raw').allTextContents();
    expect(values.some((v) => v.trim().length > 1 && firstName.toLowerCase().includes(v.trim().toLowerCase()))).toBe(true);
    await expect.poll(() => sent.find((m) => m.method === 'search.feedback')).toBeTruthy();
    const click = sent.find((m) => m.method === 'search.feedback')!.params;
    expect(click).toMatchObject({ recordId: firstId, kind: 'click', q: typo(surname) });
    expect((click.shown as number[])[0]).toBe(firstId);
    await detail.getByRole('button', { name: 'Same person' }).click();
    await detail.getByRole('status').filter({ hasText: 'same person' }).waitFor();
    expect(sent.some((m) => m.method === 'search.feedback' && m.params.kind === 'confirm' && m.params.recordId === firstId)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/aerie-e2e-search-detail.png` });
  });

  it('finds the record with a fielded email: query', async () => {
    await box().fill(`email:${email}`);
    await page.getByTestId('search-meta').filter({ hasText: 'fields email' }).waitFor({ timeout: 10_000 });
    const top = options().first();
    await expect(textOf(top.locator('.search-result-contact'))).resolves.toContain(email);
    await expect(top.locator('.search-result-contact mark').count()).resolves.toBeGreaterThan(0);
  });

  it('builds the vector index with progress while search keeps working', async () => {
    await page.getByRole('button', { name: 'Build search index' }).click();
    expect(sent.some((m) => m.method === 'embed.index')).toBe(true);
    await page.getByTestId('index-state').filter({ hasText: 'up to date' }).waitFor({ timeout: 30_000 });
    await box().fill(typo(surname));
    await page.getByTestId('search-meta').filter({ hasText: 'text + vectors' }).waitFor({ timeout: 10_000 });
    await options().first().waitFor();
    await page.screenshot({ path: `${SHOTS}/aerie-e2e-search-vectors.png` });
  });

  it("shows the empty state, and the engine's message when a query is refused", async () => {
    await box().fill('phone:000');
    await page.getByTestId('search-empty').waitFor({ timeout: 10_000 });
    await expect(options().count()).resolves.toBe(0);
    await box().fill('x'.repeat(1001)); // over the contract's 1000-character limit
    const alert = page.getByRole('alert').filter({ hasText: 'Search failed' });
    await alert.waitFor({ timeout: 10_000 });
    await expect(textOf(alert)).resolves.toMatch(/Search failed: \S/);
    await page.screenshot({ path: `${SHOTS}/aerie-e2e-search-error.png` });
    await box().fill('');
    await page.getByTestId('search-start').waitFor();
    await expect(page.getByRole('alert').filter({ hasText: 'Search failed' }).count()).resolves.toBe(0);
    expect(problems).toEqual([]);
  });
});
