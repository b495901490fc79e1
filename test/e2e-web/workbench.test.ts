// E2E (loopback host + Chromium): the analyst's workbench (issue 16). A churn snapshot imported
// through the wizard, then: the data browser's filter syntax (with its message when a filter does
// not parse), facets, copying cells, opening a row as imported, exporting the filtered grid (file
// content checked); the profile's date format (detected, overridden, applied), its click-through
// from a top value to the matching rows, the default phone country, a column's type (set, applied,
// values that do not fit counted) and a cross-tab.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserSession } from './harness.js';

const SHOTS = process.env.AERIE_E2E_SHOTS ?? '/tmp';
const s = browserSession('e2e-workbench');
const page = () => s.page;
const wizard = () => s.page.getByRole('region', { name: 'Import a file' });
const grid = () => s.page.getByRole('grid').first();
const status = () => s.page.locator('.dg-status [role="status"]');

// Birth dates that all read both ways: nothing settles day/month order until the analyst does.
const CSV =
  'customer_id,full_name,email,Contract,Churn,MonthlyCharges,Birth\n' +
  'K1,Ann Smith,ann@example.com,Month-to-month,Yes,70.5,03/04/1980\n' +
  'K2,Bob Jones,,One year,No,20,05/06/1975\n' +
  'K3,Cy Brown,cy@example.com,Month-to-month,No,99.9,01/02/1990\n' +
  'K4,Di Lee,di@example.com,Two year,No,45,07/08/1985\n' +
  'K5,Ed Adams,ed@example.com,Month-to-month,Yes,,09/10/1970\n';

async function rows(n: number) {
  await status().filter({ hasText: new RegExp(`^${n} rows?,`) }).waitFor({ timeout: 20_000 });
}

describe('workbench (web)', () => {
  it('imports a churn snapshot', async () => {
    writeFileSync(join(s.host.root, 'telco.csv'), CSV);
    await page().getByRole('link', { name: 'Sources' }).click();
    await page().getByRole('button', { name: 'Import a file' }).click();
    await wizard().getByRole('button', { name: /^telco\.csv / }).click();
    await wizard().getByRole('button', { name: 'Next' }).click();
    await wizard().getByRole('button', { name: 'Preview' }).click();
    await wizard().getByRole('heading', { name: 'Preview' }).waitFor({ timeout: 15_000 });
    await wizard().getByRole('button', { name: 'Next: mapping' }).click();
    await wizard().getByRole('table', { name: 'Column mapping' }).waitFor();
    await wizard().getByRole('button', { name: 'Start import' }).click();
    await wizard().getByRole('heading', { name: /^Imported / }).waitFor({ timeout: 30_000 });
    await wizard().getByRole('button', { name: 'Done' }).click();
  });

  it('filters a source table in the filter syntax, and says when a filter does not parse', async () => {
    await page().getByRole('link', { name: 'Data browser' }).click();
    const table = page().getByRole('combobox', { name: 'Table' });
    const source = await table.locator('option', { hasText: 'telco' }).getAttribute('value');
    await table.selectOption(source!);
    await rows(5);
    const charges = grid().getByLabel('Filter MonthlyCharges');
    await charges.fill('>abc');
    const err = page().getByTestId('filter-error');
    await err.waitFor();
    await expect(err.textContent()).resolves.toMatch(/^Filter on MonthlyCharges not applied: “>” needs a number or an ISO date after it/);
    await page().screenshot({ path: join(SHOTS, 'aerie-e2e-workbench-filter-error.png') });
    await expect(charges.getAttribute('aria-invalid')).resolves.toBe('true');
    await charges.fill('>50');
    await rows(2);
    await expect(err.count()).resolves.toBe(0);
    await charges.fill('blank');
    await rows(1);
    await charges.fill('');
    await rows(5);
  });

  it('facets a column, and a click on a value filters the grid to it', async () => {
    await page().getByRole('combobox', { name: 'Facet column' }).selectOption({ label: 'Contract' });
    const panel = page().getByTestId('facet-panel');
    const m2m = panel.getByRole('button', { name: /^Month-to-month\s*3$/ });
    await m2m.waitFor({ timeout: 15_000 });
    await expect(panel.getByRole('button', { name: /^One year\s*1$/ }).count()).resolves.toBe(1);
    await m2m.click();
    await rows(3);
    await expect(grid().getByLabel('Filter Contract').inputValue()).resolves.toBe('=Month-to-month');
    await page().screenshot({ path: join(SHOTS, 'aerie-e2e-workbench-facets.png') });
    // a numeric range facet on a number column
    await page().getByRole('combobox', { name: 'Facet column' }).selectOption({ label: 'MonthlyCharges' });
    await panel.getByTestId('facet-range').waitFor({ timeout: 15_000 });
    await expect(panel.getByTestId('facet-blank').textContent()).resolves.toMatch(/\(blank\)\s*1/);
  });

  it('copies selected cells as TSV, opens a row as imported, and exports what it shows', async () => {
    await grid().getByRole('gridcell', { name: 'Ann Smith' }).click();
    await page().keyboard.press('Shift+ArrowRight');
    await page().keyboard.press('Shift+ArrowDown');
    // what the grid put on the clipboard, read from the copy event itself (no clipboard permission needed)
    await page().evaluate(() => document.addEventListener('copy', (e) => document.body.setAttribute('data-copied', e.clipboardData?.getData('text/plain') ?? '')));
    await page().keyboard.press('Control+c');
    await expect(page().getByTestId('copied').textContent()).resolves.toBe('Copied 2 × 2 cells');
    await expect(page().locator('body').getAttribute('data-copied')).resolves.toBe('Ann Smith\tann@example.com\nCy Brown\tcy@example.com');

    await page().keyboard.press('ArrowUp');
    await page().keyboard.press('Enter');
    const dialog = page().getByTestId('original-row');
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toMatch(/Row 1 of telco\.csv/);
    await expect(dialog.getByRole('row', { name: /Birth 03\/04\/1980/ }).count()).resolves.toBe(1);
    await dialog.getByRole('button', { name: 'Close' }).click();

    // hide a column, then export the three Month-to-month rows
    await page().getByText('Columns…').click();
    await page().getByRole('checkbox', { name: 'email' }).uncheck();
    await page().getByText('Export CSV…').click();
    const path = join(s.host.root, 'm2m.csv');
    await page().getByLabel('CSV path').fill(path);
    await page().getByRole('button', { name: 'Export these rows as CSV' }).click();
    await page().getByText(/Wrote 3 rows of \d+ columns/).waitFor({ timeout: 20_000 });
    const csv = readFileSync(path, 'utf8').replace(/^\ufeff/, '').trim().split('\r\n');
    expect(csv[0]).toBe('Record,customer_id,full_name,Contract,Churn,MonthlyCharges,Birth,Import,Row');
    expect(csv.slice(1).map((l) => l.split(',')[2])).toEqual(['Ann Smith', 'Cy Brown', 'Ed Adams']);
  });

  it('shows the detected date format, and applies the analyst override', async () => {
    await page().getByRole('link', { name: 'Profile' }).click();
    await page().getByRole('button', { name: 'Run profile' }).click();
    const birth = page().locator('article.column-card[data-column="Birth"]');
    await birth.waitFor({ timeout: 60_000 });
    // phone is mapped by no column: no "0% of 0" card, one line saying so
    await expect(page().getByTestId('unmapped').textContent()).resolves.toMatch(/No figures for phone\b/);
    await expect(page().getByTestId('figure-malformed-phones').count()).resolves.toBe(0);
    await expect(page().getByTestId('figure-malformed-emails').count()).resolves.toBe(1);
    await expect(birth.getByTestId('date-detected').textContent()).resolves.toBe('DD/MM/YYYY or MM/DD/YYYY');
    await expect(birth.textContent()).resolves.toContain('day/month order unknown');
    await birth.getByLabel('Date format of Birth').selectOption('MDY');
    await birth.getByText(/Saved with the workspace/).waitFor();
    await page().getByRole('button', { name: 'Run profile' }).click();
    await birth.getByTestId('date-detected').filter({ hasText: /^MM\/DD\/YYYY$/ }).waitFor({ timeout: 60_000 });
    await expect(birth.getByLabel('Date format of Birth').inputValue()).resolves.toBe('MDY');
    await expect(birth.textContent()).resolves.not.toContain('day/month order unknown');
    await expect(birth.getByTestId('date-ambiguity').textContent()).resolves.toMatch(/read as month\/day, as the date format set for this column says/);
  });

  it('saves the default phone country and profiles with it', async () => {
    await page().locator('article.column-card[data-column="Birth"]').getByLabel('Date format of Birth').selectOption('NONE');
    await page().getByText(/Saved with the workspace/).first().waitFor();
    await page().getByRole('combobox', { name: 'Default phone country' }).selectOption('US');
    await page().getByRole('button', { name: 'Run profile' }).click();
    await page().getByTestId('report-meta').filter({ hasText: 'phones checked for US' }).waitFor({ timeout: 60_000 });
    // this run also had Birth marked "Not a date": no dates summary, and the card still shows the saved choice
    const birth = page().locator('article.column-card[data-column="Birth"]');
    await expect(birth.getByTestId('date-detected').count()).resolves.toBe(0);
    await expect(birth.getByLabel('Date format of Birth').inputValue()).resolves.toBe('NONE');
  });

  it('sets a column type: the card follows it and counts the values that do not fit', async () => {
    const charges = page().locator('article.column-card[data-column="MonthlyCharges"]');
    const id = page().locator('article.column-card[data-column="customer_id"]');
    await expect(charges.getByTestId('column-type').textContent()).resolves.toBe('decimal');
    await expect(charges.getByText('Numeric values', { exact: true }).count()).resolves.toBe(1);
    await charges.getByLabel('Type of MonthlyCharges').selectOption('text');
    await charges.getByText(/Saved with the workspace/).waitFor();
    await id.getByLabel('Type of customer_id').selectOption('integer');
    await id.getByText(/Saved with the workspace/).waitFor();
    await page().getByRole('button', { name: 'Run profile' }).click();
    await charges.getByTestId('column-type').filter({ hasText: /^text$/ }).waitFor({ timeout: 60_000 });
    await expect(charges.getByTestId('column-type-inferred').textContent()).resolves.toBe('inferred decimal');
    await expect(charges.getByText('Numeric values', { exact: true }).count()).resolves.toBe(0);
    await expect(charges.getByLabel('Type of MonthlyCharges').inputValue()).resolves.toBe('text');
    // K1…K5 are not integers: counted and shown, never dropped
    await expect(id.getByTestId('type-misfits').textContent()).resolves.toMatch(/^5 not an integer kept as written, e\.g\. “K1”, “K2”/);
    await expect(id.getByTestId('distinct').textContent()).resolves.toBe('5');
    await id.screenshot({ path: join(SHOTS, 'aerie-e2e-workbench-column-type.png') });
  });

  it('goes from a top value in the profile to the matching rows', async () => {
    const contract = page().locator('article.column-card[data-column="Contract"]');
    await contract.getByTestId('bar').first().click();
    await page().getByRole('heading', { name: 'Data browser' }).waitFor();
    await rows(3);
    await expect(grid().getByLabel('Filter Contract').inputValue()).resolves.toBe('=Month-to-month');
  });

  it('cross-tabulates two columns with row percentages', async () => {
    await page().getByRole('link', { name: 'Profile' }).click();
    const x = page().getByTestId('crosstab');
    await x.getByRole('combobox', { name: 'Cross-tab rows' }).selectOption({ label: 'Contract' });
    await x.getByRole('combobox', { name: 'Cross-tab columns' }).selectOption({ label: 'Churn' });
    const table = x.getByRole('table');
    await table.waitFor({ timeout: 15_000 });
    // Month-to-month (3 rows): No 1, Yes 2
    await expect(table.getByRole('row', { name: /^Month-to-month/ }).textContent()).resolves.toMatch(/1 \(33\.3%\)\s*2 \(66\.7%\)\s*3/);
    await x.screenshot({ path: join(SHOTS, 'aerie-e2e-workbench-crosstab.png') });
    await page().locator('article.column-card[data-column="Birth"]').screenshot({ path: join(SHOTS, 'aerie-e2e-workbench-date-format.png') });
  });

  it('exports search results in rank order', async () => {
    await page().getByRole('link', { name: 'Search' }).click();
    await page().getByRole('combobox', { name: 'Search customers' }).fill('ann smith');
    await page().getByRole('listbox', { name: 'Search results' }).getByRole('option').first().waitFor({ timeout: 20_000 });
    await page().getByTestId('search-export').getByText('Export results…').click();
    const path = join(s.host.root, 'search.csv');
    await page().getByLabel('CSV path').fill(path);
    await page().getByRole('button', { name: /^Export \d+ results? as CSV$/ }).click();
    await page().getByText(/Wrote \d+ records to/).waitFor({ timeout: 20_000 });
    const lines = readFileSync(path, 'utf8').replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^Record,Source,Source key,Given name,Family name,Email/);
    expect(lines[1]).toMatch(/^1,telco,K1,Ann,Smith,ann@example\.com,/);
    expect(s.problems).toEqual([]);
  });
});
