// E2E (loopback host + Chromium): import a messy CSV through the wizard (preview, pre-filled
// mapping, progress, summary), a second file with bad rows (rejects with reasons, export), the
// "already imported" warning on a re-import, the sources list, the profiling dashboard and the
// catalogue's column → attribute lineage.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, ensureBuilt, launchBrowser, openPage, startHost, type Host } from './harness.js';

let host: Host | undefined;
let browser: Browser | undefined;
let page: Page;
let problems: string[] = [];

const SHOTS = process.env.AERIE_E2E_SHOTS ?? '/tmp';
const shot = (name: string) => page.screenshot({ path: join(SHOTS, `aerie-e2e-${name}.png`), fullPage: true });

const HEADER = 'Cust ID;First Name;Surname;E-mail;Tel;Town;DOB';
const GOOD_ROWS = 24;

/** Semicolons, a BOM, quoted values with the delimiter and a line break, messy emails and phones. */
function messyCsv(): string {
  const towns = ['Leeds', 'York', 'Hull', '"Newcastle; upon Tyne"'];
  const rows = [HEADER];
  for (let i = 1; i <= GOOD_ROWS; i++) {
    const email = i % 5 === 0 ? `person${i}@@example` : i % 7 === 0 ? 'shared@example.com' : `person${i}@example.com`;
    const phone = i % 6 === 0 ? 'n/a' : `07911 123${String(100 + i)}`;
    const dob = i % 2 ? `0${(i % 9) + 1}/0${(i % 8) + 1}/19${60 + i}` : `19${60 + i}-12-0${(i % 9) + 1}`;
    const first = i === 3 ? '"Anne\nMarie"' : ['John', 'Mary', 'Ann', 'Tom'][i % 4]!;
    rows.push(`C${String(i).padStart(4, '0')};${first};Smith${i};${email};${phone};${towns[i % 4]};${dob}`);
  }
  return '\uFEFF' + rows.join('\r\n') + '\r\n';
}

/** The same layout with three bad rows: extra fields, missing fields, and another extra. */
function csvWithBadRows(): string {
  const rows = [HEADER];
  for (let i = 101; i <= 110; i++) rows.push(`C${i};Bob;Jones${i};bob${i}@example.com;07911 124${i};Bath;1980-01-0${(i % 9) + 1}`);
  rows.splice(3, 0, 'C9001;Too;Many;x@example.com;0;Bath;1980-01-01;extra;fields');
  rows.splice(6, 0, 'C9002;Too;Few');
  rows.push('C9003;A;B;c@example.com;0;Bath;1980-01-01;one more');
  return rows.join('\n') + '\n';
}

beforeAll(async () => {
  await ensureBuilt();
  host = await startHost();
  writeFileSync(join(host.root, 'crm.csv'), messyCsv());
  writeFileSync(join(host.root, 'crm-extra.csv'), csvWithBadRows());
  writeFileSync(join(host.root, 'blank.csv'), '');
  browser = await launchBrowser();
  ({ page, problems } = await openPage(browser, host.url));
  await createWorkspace(page, 'e2e-import');
}, 180_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await host?.stop();
}, 30_000);

const wizard = () => page.getByRole('region', { name: 'Import a file' });

async function chooseFile(name: string): Promise<void> {
  await page.getByRole('link', { name: 'Sources' }).click();
  await page.getByRole('button', { name: 'Import a file' }).click();
  await wizard().getByRole('button', { name: new RegExp(`^${name.replace('.', '\\.')} `) }).click();
  await expect(wizard().getByText('Selected').textContent()).resolves.toContain(name);
  await wizard().getByRole('button', { name: 'Next' }).click();
}

async function waitForSummary(): Promise<void> {
  await wizard().getByRole('heading', { name: /^Imported / }).waitFor({ timeout: 30_000 });
}

describe('import, profile and catalogue (web)', () => {
  it('imports a messy CSV: detected settings, pre-filled mapping, progress and summary', async () => {
    await chooseFile('crm.csv');
    // Kind and source: the source name defaults to the file name.
    await expect(wizard().getByLabel('New source name').inputValue()).resolves.toBe('crm');
    await wizard().getByRole('button', { name: 'Preview' }).click();

    await wizard().getByRole('heading', { name: 'Preview' }).waitFor({ timeout: 15_000 });
    await expect(wizard().getByTestId('preview-format').textContent()).resolves.toBe('csv');
    await expect(wizard().getByTestId('preview-delimiter').textContent()).resolves.toContain('semicolon');
    await expect(wizard().getByTestId('preview-encoding').textContent()).resolves.toMatch(/utf-?8/i);
    const sample = wizard().getByRole('table', { name: 'First rows of the file' });
    await expect(sample.getByRole('columnheader', { name: 'E-mail' }).count()).resolves.toBe(1);
    await expect(sample.getByRole('cell', { name: 'person1@example.com' }).count()).resolves.toBe(1);
    await expect(wizard().getByTestId('already-imported').count()).resolves.toBe(0);
    await shot('import-preview');

    await wizard().getByRole('button', { name: 'Next: mapping' }).click();
    const mapping = wizard().getByRole('table', { name: 'Column mapping' });
    await mapping.waitFor();
    // Suggestions pre-fill the selects.
    await expect(mapping.getByLabel('Attribute for E-mail').inputValue()).resolves.toBe('email');
    await expect(mapping.getByLabel('Attribute for Surname').inputValue()).resolves.toBe('family_name');
    await expect(mapping.getByLabel('Attribute for Cust ID').inputValue()).resolves.toBe('source_key');
    await expect(mapping.getByLabel('Attribute for Tel').inputValue()).resolves.toBe('phone');
    // each suggestion shows the share of sample values that fit it (every 6th phone is "n/a")
    await expect(mapping.locator('tr[data-column="Tel"] .fit').textContent()).resolves.toBe(' · 17 of 20 values fit (85%)');
    await shot('import-mapping');

    // Record every value the import progress bar shows (the file is small: it may only flash).
    await page.evaluate(() => {
      const w = window as unknown as { __progress: string[] };
      w.__progress = [];
      new MutationObserver(() => {
        const bar = document.querySelector('[role="progressbar"][aria-label="Import progress"]');
        if (bar) w.__progress.push(`${bar.getAttribute('aria-valuenow')}/${bar.getAttribute('aria-valuemax')}`);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await wizard().getByRole('button', { name: 'Start import' }).click();
    await waitForSummary();
    const bytes = statSync(join(host!.root, 'crm.csv')).size;
    const seen = await page.evaluate(() => (window as unknown as { __progress: string[] }).__progress);
    expect(seen).toContain(`${bytes}/${bytes}`);
    await expect(wizard().getByTestId('figure-rows-imported').textContent()).resolves.toBe(String(GOOD_ROWS));
    await expect(wizard().getByTestId('figure-rows-rejected').textContent()).resolves.toBe('0');
    await expect(wizard().getByText('No rows were rejected.').count()).resolves.toBe(1);
    await shot('import-summary-clean');
    await wizard().getByRole('button', { name: 'Done' }).click();
  });

  it('imports a file with bad rows into the same source: saved mapping, rejects with reasons, export', async () => {
    await chooseFile('crm-extra.csv');
    await wizard().getByLabel('Source', { exact: true }).selectOption('crm');
    await expect(wizard().getByText('its saved mapping is reused').count()).resolves.toBe(1);
    await wizard().getByRole('button', { name: 'Preview' }).click();
    await wizard().getByRole('button', { name: 'Next: mapping' }).click();
    await expect(wizard().getByText('Pre-filled from the mapping saved for crm.').count()).resolves.toBe(1);
    await expect(wizard().getByLabel('Attribute for E-mail').inputValue()).resolves.toBe('email');
    await wizard().getByRole('button', { name: 'Start import' }).click();

    // The progress bar shows while it runs (it may finish quickly: the summary is what we wait for).
    await waitForSummary();
    await expect(wizard().getByTestId('figure-rows-imported').textContent()).resolves.toBe('10');
    await expect(wizard().getByTestId('figure-rows-rejected').textContent()).resolves.toBe('3');
    const rejects = wizard().getByRole('table', { name: 'Rejected rows' });
    await expect(rejects.locator('tbody tr').count()).resolves.toBe(3);
    await expect(rejects.textContent()).resolves.toMatch(/expected 7 fields, found 9/);
    await expect(rejects.textContent()).resolves.toMatch(/fields missing/);
    await expect(rejects.textContent()).resolves.toContain('C9002;Too;Few');
    await shot('import-summary-rejects');

    await wizard().getByRole('button', { name: 'Export rejects as CSV' }).click();
    await wizard().getByRole('status').filter({ hasText: 'Wrote 3 rows' }).waitFor({ timeout: 15_000 });
    const exported = join(host!.root, 'crm-extra.csv.rejects.csv');
    expect(existsSync(exported)).toBe(true);
    expect(readFileSync(exported, 'utf8')).toContain('C9002');
    // Again to the same path: the file is replaced only after "Replace it?" is confirmed.
    await wizard().getByRole('button', { name: 'Export rejects as CSV' }).click();
    const replace = wizard().getByRole('alertdialog', { name: 'Replace the existing file?' });
    await replace.waitFor({ timeout: 15_000 });
    await expect(replace.textContent()).resolves.toContain('crm-extra.csv.rejects.csv');
    await replace.getByRole('button', { name: 'Replace' }).click();
    await wizard().getByRole('status').filter({ hasText: 'Wrote 3 rows' }).waitFor({ timeout: 15_000 });
    expect(statSync(exported).mode & 0o777).toBe(0o600);
    await wizard().getByRole('button', { name: 'Done' }).click();
  });

  it('lists the source with its imports, records and rejects', async () => {
    const card = page.locator('article[data-source="crm"]');
    await card.waitFor();
    await expect(card.getByTestId('source-counts').textContent()).resolves.toMatch(/^34 records · 0 events · 2 imports/);
    const imports = card.getByRole('table', { name: 'Imports' });
    await expect(imports.locator('tbody tr').count()).resolves.toBe(2);
    await expect(imports.textContent()).resolves.toContain('crm-extra.csv');

    await card.getByRole('button', { name: 'View records' }).click();
    const records = page.getByRole('grid', { name: 'Records of crm' });
    await records.waitFor();
    await page.getByRole('status').filter({ hasText: /^34 rows/ }).waitFor({ timeout: 15_000 });

    await card.getByRole('button', { name: /^View rejects of import/ }).click();
    await page.getByRole('grid', { name: /^Rejects of import/ }).waitFor();
    await page.getByRole('status').filter({ hasText: /^3 rows/ }).waitFor({ timeout: 15_000 });
    await shot('sources-list');
  });

  it('warns when the same file is imported again', async () => {
    await chooseFile('crm.csv');
    await wizard().getByRole('button', { name: 'Preview' }).click();
    const warn = wizard().getByTestId('already-imported');
    await warn.waitFor({ timeout: 15_000 });
    await expect(warn.textContent()).resolves.toMatch(/already imported: import #1 into crm/);
    await expect(wizard().getByRole('button', { name: 'Next: mapping' }).isDisabled()).resolves.toBe(true);
    await warn.getByLabel('Import anyway').check();
    await expect(wizard().getByRole('button', { name: 'Next: mapping' }).isEnabled()).resolves.toBe(true);
    await shot('import-already');
    await wizard().getByRole('button', { name: 'Close the import wizard' }).click();
  });

  it('shows a file it cannot read inline, with the hint, and stays usable', async () => {
    await chooseFile('blank.csv');
    await wizard().getByRole('button', { name: 'Preview' }).click();
    const alert = wizard().getByRole('alert').filter({ hasText: 'cannot be previewed' });
    await alert.waitFor({ timeout: 15_000 });
    await expect(alert.getAttribute('data-code')).resolves.toBe('BAD_DATA');
    await expect(alert.textContent()).resolves.toMatch(/blank.csv is empty/);
    await expect(alert.locator('.error-hint').textContent()).resolves.toMatch(/Check that the export finished/);
    await shot('import-bad-file');
    // Still usable: back to the file step, pick another file, preview it.
    await wizard().getByRole('button', { name: 'Back' }).click();
    await wizard().getByRole('button', { name: /^crm-extra\.csv / }).click();
    await wizard().getByRole('button', { name: 'Next' }).click();
    await wizard().getByRole('button', { name: 'Preview' }).click();
    await wizard().getByRole('heading', { name: 'Preview' }).waitFor({ timeout: 15_000 });
    await wizard().getByRole('button', { name: 'Close the import wizard' }).click();
  });

  it('profiles the workspace and shows the dashboard figures', async () => {
    await page.getByRole('link', { name: 'Profile' }).click();
    await page.getByRole('button', { name: 'Run profile' }).click();
    const rows = page.getByTestId('figure-rows');
    await rows.waitFor({ timeout: 60_000 });
    await expect(rows.textContent()).resolves.toBe('34');
    // 4 of the 34 emails are malformed (person5/10/15/20@@example), 4 phones are "n/a".
    await expect(page.getByTestId('figure-malformed-emails').textContent()).resolves.toBe('11.8%');
    await expect(page.getByTestId('figure-malformed-phones').textContent()).resolves.toBe('11.8%');
    // shared@example.com three times: two rows repeat a key already seen.
    const dupEmail = page.getByRole('group', { name: 'Duplicate emails' });
    await expect(dupEmail.textContent()).resolves.toContain('2 repeat rows of 34 with a key');
    await expect(page.getByRole('table', { name: 'Quality per source' }).getByRole('rowheader', { name: 'crm' }).count()).resolves.toBe(1);
    const email = page.locator('article.column-card[data-column="email"]');
    await email.waitFor();
    await expect(email.getByRole('img', { name: /^Top values/ }).count()).resolves.toBe(1);
    await expect(email.textContent()).resolves.toMatch(/PII · Email/);
    await expect(email.textContent()).resolves.toMatch(/Valid email syntax/);
    await shot('profile-dashboard');
    await email.scrollIntoViewIfNeeded();
    await email.screenshot({ path: join(SHOTS, 'aerie-e2e-profile-email-column.png') });
    await page.locator('article.column-card[data-column="date_of_birth"]').screenshot({ path: join(SHOTS, 'aerie-e2e-profile-dob-column.png') });
  });

  it('shows the catalogue with source column → canonical attribute lineage', async () => {
    await page.getByRole('link', { name: 'Catalogue' }).click();
    const lineage = page.getByRole('table', { name: 'Lineage by canonical attribute' });
    await lineage.waitFor({ timeout: 15_000 });
    const emailRow = lineage.locator('tr[data-attribute="email"]');
    await expect(emailRow.textContent()).resolves.toMatch(/crm · E-mail/);
    const cols = page.getByRole('table', { name: 'Columns of crm' });
    await expect(cols.locator('tr[data-column="Tel"]').textContent()).resolves.toContain('phone');
    await expect(page.getByRole('list', { name: 'Workspace tables' }).textContent()).resolves.toMatch(/records\s*34 rows/);
    await shot('catalogue');
    expect(problems).toEqual([]);
  });
});
