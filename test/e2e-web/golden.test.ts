// E2E (loopback host + Chromium): the Golden records screen on a small generated workspace — build,
// open an entity, check the provenance shown (a value's source file and row), override a value and
// split a record out, rebuild; then rerun resolution, rebuild again and confirm the override and the
// split held; save a new version of the survivorship rules and export golden records and the crosswalk.
import { describe, expect, it } from 'vitest';
import { browserSession } from './harness.js';

const CUSTOMERS = 400;
const SHOTS = process.env.AERIE_E2E_SHOTS ?? '/tmp';
const OVERRIDE = 'Stewardton';

const s = browserSession('e2e-golden');
let id = '';
let size = 0;
let splitId = '';

const entity = () => s.page.getByTestId('golden-entity');
const buildNo = async () => Number(/build (\d+)/.exec((await s.page.getByTestId('golden-build-meta').textContent()) ?? '')?.[1]);

async function rebuildAndWait(button = s.page.getByTestId('golden-build')): Promise<void> {
  // the summary loaded: either the latest build or "no golden records yet"
  await s.page.locator('[data-testid="golden-build-meta"], [data-testid="golden-no-build"]').first().waitFor();
  const before = (await s.page.getByTestId('golden-build-meta').count()) > 0 ? await buildNo() : 0;
  await button.click();
  await s.page.getByTestId('golden-build-meta').filter({ hasText: `build ${before + 1} ` }).waitFor({ timeout: 60_000 });
}

async function resolve(): Promise<void> {
  await s.page.getByRole('link', { name: 'Resolve' }).click();
  await s.page.locator('[data-testid="resolve-run-meta"], [data-testid="no-resolve-run"]').first().waitFor({ timeout: 20_000 });
  const before = (await s.page.getByTestId('resolve-run-meta').count()) > 0 ? Number(/run (\d+)/.exec((await s.page.getByTestId('resolve-run-meta').textContent()) ?? '')?.[1]) : 0;
  await s.page.getByRole('button', { name: 'Run resolution' }).click();
  await s.page.getByTestId('resolve-run-meta').filter({ hasText: `run ${before + 1} ` }).waitFor({ timeout: 60_000 });
}

/** Opens the Golden records screen and the entity `gid` (found by the list's search). */
async function open(gid: string): Promise<void> {
  if ((await s.page.getByRole('heading', { name: 'Golden records', level: 1 }).count()) === 0) await s.page.getByRole('link', { name: 'Golden records' }).click();
  await s.page.getByTestId('golden-search').fill(gid);
  await s.page.locator(`[data-testid="golden-row"][data-id="${gid}"]`).click();
  await s.page.locator(`[data-testid="golden-entity"][data-id="${gid}"]`).waitFor();
}

describe('golden records screen (web)', () => {
  it('builds golden records from a resolved workspace and lists them', async () => {
    await s.page.getByLabel('Customers').fill(String(CUSTOMERS));
    await s.page.getByRole('button', { name: 'Generate' }).click();
    await s.page.locator('li.job[data-state="succeeded"]').waitFor({ timeout: 60_000 });
    await resolve();
    await s.page.getByRole('link', { name: 'Golden records' }).click();
    await s.page.getByTestId('golden-no-build').waitFor({ timeout: 20_000 });
    await rebuildAndWait();
    await s.page.getByTestId('golden-list-count').filter({ hasText: /^[\d,]+ entit/ }).waitFor();
    const all = Number(((await s.page.getByTestId('golden-list-count').textContent()) ?? '').replace(/[^\d]/g, ''));
    expect(all).toBeGreaterThan(CUSTOMERS / 2);
    // only entities of 3+ records: fewer, and every row shown has 3+
    await s.page.getByTestId('golden-min-size').fill('3');
    await s.page.getByTestId('golden-list-count').filter({ hasText: new RegExp(`^(?!${all.toLocaleString('en')} )[\\d,]+ entit`) }).waitFor();
    const rows = s.page.getByTestId('golden-row');
    await rows.first().waitFor();
    for (const n of await rows.locator('span.num').filter({ hasNotText: /\./ }).allTextContents()) expect(Number(n)).toBeGreaterThanOrEqual(3);
  }, 150_000);

  it('opens an entity and shows where a value came from: source, file and row', async () => {
    const first = s.page.getByTestId('golden-row').first();
    id = (await first.getAttribute('data-id'))!;
    await first.click();
    await entity().waitFor();
    const meta = s.page.getByTestId('golden-entity-meta').filter({ hasText: / records/ });
    await meta.waitFor();
    size = Number(/(\d+) records/.exec((await meta.textContent()) ?? '')?.[1]);
    expect(size).toBeGreaterThanOrEqual(3);
    const email = s.page.getByTestId('golden-value-email');
    const value = ((await email.getByTestId('golden-value-text').textContent()) ?? '').trim();
    await email.getByRole('button', { name: /^Sources/ }).click();
    const prov = s.page.getByTestId('golden-provenance-email');
    await prov.waitFor();
    const cands = prov.getByTestId('golden-candidate');
    expect(await cands.count()).toBeGreaterThan(0);
    // the winner carries the golden value, and every candidate names its file and a row number
    await expect(prov.locator('tr.is-won').first().textContent()).resolves.toContain(value);
    for (const row of await prov.getByTestId('golden-candidate-row').allTextContents()) expect(Number(row)).toBeGreaterThanOrEqual(1);
    await expect(prov.locator('tbody tr').first().locator('td').nth(2).textContent()).resolves.toMatch(/\S/);
    // one source column per record, side by side
    expect(await s.page.getByTestId('golden-record-head').count()).toBe(size);
    await s.page.screenshot({ path: `${SHOTS}/aerie-e2e-golden-entity.png`, fullPage: true });
  });

  it('overrides a value and splits a record out; a rebuild applies both', async () => {
    const city = s.page.getByTestId('golden-value-city');
    await city.getByRole('button', { name: 'Override City' }).click();
    await s.page.getByTestId('golden-override-input').fill(OVERRIDE);
    await s.page.getByRole('button', { name: 'Save override' }).click();
    await s.page.getByTestId('golden-pending').waitFor();
    const lastRecord = s.page.getByTestId('golden-record-head').last();
    await lastRecord.getByRole('checkbox').check();
    await s.page.getByTestId('golden-split').click();
    await s.page.getByTestId('golden-pending').filter({ hasText: '2 decisions' }).waitFor();
    splitId = /into (G\w+)/.exec((await s.page.getByTestId('golden-decisions').textContent()) ?? '')?.[1] ?? '';
    expect(splitId).toMatch(/^G/);
    await rebuildAndWait(s.page.getByTestId('golden-pending').getByRole('button', { name: 'Rebuild now' }));
    await open(id);
    await expect(s.page.getByTestId('golden-value-city').getByTestId('golden-value-text').textContent()).resolves.toBe(OVERRIDE);
    await expect(s.page.getByTestId('golden-value-city').textContent()).resolves.toContain('override');
    await s.page.getByTestId('golden-entity-meta').filter({ hasText: new RegExp(`· ${size - 1} records? ?`) }).waitFor();
  }, 120_000);

  it('keeps the override and the split through a resolve rerun and another rebuild', async () => {
    await resolve();
    await s.page.getByRole('link', { name: 'Golden records' }).click();
    await rebuildAndWait();
    await open(id);
    await expect(s.page.getByTestId('golden-value-city').getByTestId('golden-value-text').textContent()).resolves.toBe(OVERRIDE);
    await s.page.getByTestId('golden-entity-meta').filter({ hasText: new RegExp(`· ${size - 1} records? ?`) }).waitFor();
    await open(splitId);
    await s.page.getByTestId('golden-entity-meta').filter({ hasText: /· 1 record$/ }).waitFor();
    await expect(s.page.getByTestId('golden-history').textContent()).resolves.toContain(`split from ${id}`);
  }, 150_000);

  it('saves survivorship rules as a new version and exports golden records and the crosswalk', async () => {
    await s.page.getByRole('tab', { name: 'Survivorship rules' }).click();
    await s.page.getByTestId('golden-rules-version').filter({ hasText: 'version 0' }).waitFor();
    await s.page.getByLabel('City rule').selectOption('mostFrequent');
    await s.page.getByRole('button', { name: /^Move .+ down$/ }).first().click();
    await s.page.getByTestId('golden-rules-save').click();
    await s.page.getByTestId('golden-rules-version').filter({ hasText: /^version 1 / }).waitFor();
    await expect(s.page.getByLabel('City rule').inputValue()).resolves.toBe('mostFrequent');
    await s.page.getByRole('tab', { name: 'Export' }).click();
    await s.page.getByTestId('golden-export-format').selectOption('xlsx');
    await s.page.getByRole('button', { name: 'Export golden records' }).click();
    await s.page.getByRole('status').filter({ hasText: /^Wrote [\d,]+ golden records to .+aerie-golden\.xlsx/ }).waitFor();
    await s.page.getByRole('button', { name: 'Export crosswalk' }).click();
    await s.page.getByRole('status').filter({ hasText: /^Wrote [\d,]+ source records with their golden id to .+aerie-crosswalk\.csv/ }).waitFor();
    expect(s.problems).toEqual([]);
  });
});
