// E2E (loopback host + Chromium), issue 15: a churn snapshot table — not shaped like a CRM — goes
// through the wizard with no wrong suggestion (only customerID → source key), the Profile's default
// (whole workspace) view shows its own columns without alarms for unmapped attributes, and the Data
// browser shows and filters every column (Contract = Month-to-month) and exports what it shows.
// "Train on this table" (the churn capability) will start from the same source table.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserSession } from './harness.js';

const s = browserSession('e2e-snapshot-table');
const wizard = () => s.page.getByRole('region', { name: 'Import a file' });

const COLUMNS = ['customerID', 'gender', 'SeniorCitizen', 'Partner', 'tenure', 'PhoneService', 'Contract', 'MonthlyCharges', 'TotalCharges', 'Churn'];
const CONTRACTS = ['Month-to-month', 'One year', 'Two year'];
const ROWS = 200;
// A deterministic snapshot: ids like the telco sample's (7590-VHVEG), 0/1, Yes/No, money, blanks.
function snapshotCsv(): string {
  let seed = 15;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const letters = () => Array.from({ length: 5 }, () => String.fromCharCode(65 + Math.floor(rnd() * 26))).join('');
  const lines = [COLUMNS.join(',')];
  for (let i = 0; i < ROWS; i++) {
    const tenure = Math.floor(rnd() * 72);
    const monthly = 18 + rnd() * 100;
    lines.push(
      [
        `${String(1000 + i * 37).padStart(4, '0')}-${letters()}`,
        rnd() < 0.5 ? 'Male' : 'Female',
        rnd() < 0.16 ? '1' : '0',
        rnd() < 0.5 ? 'Yes' : 'No',
        String(tenure),
        rnd() < 0.9 ? 'Yes' : 'No',
        CONTRACTS[i % 3],
        monthly.toFixed(2),
        i % 50 === 7 ? ' ' : (monthly * Math.max(1, tenure)).toFixed(2),
        rnd() < 0.27 ? 'Yes' : 'No',
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

describe('a churn snapshot table (web)', () => {
  it('imports with only customerID suggested, as the source key', async () => {
    writeFileSync(join(s.host.root, 'telco-snapshot.csv'), snapshotCsv());
    await s.page.getByRole('link', { name: 'Sources' }).click();
    await s.page.getByRole('button', { name: 'Import a file' }).click();
    await wizard().getByRole('button', { name: /^telco-snapshot\.csv / }).click();
    await wizard().getByRole('button', { name: 'Next' }).click();
    await wizard().getByRole('button', { name: 'Preview' }).click();
    await wizard().getByRole('heading', { name: 'Preview' }).waitFor({ timeout: 15_000 });
    await wizard().getByRole('button', { name: 'Next: mapping' }).click();
    const mapping = wizard().getByRole('table', { name: 'Column mapping' });
    await mapping.waitFor();
    const suggested: Record<string, string> = {};
    for (const c of COLUMNS) suggested[c] = await mapping.getByLabel(`Attribute for ${c}`).inputValue();
    expect(suggested).toEqual(Object.fromEntries(COLUMNS.map((c) => [c, c === 'customerID' ? 'source_key' : ''])));
    await wizard().getByRole('button', { name: 'Start import' }).click();
    await wizard().getByRole('heading', { name: /^Imported / }).waitFor({ timeout: 30_000 });
    await expect(wizard().getByTestId('figure-rows-imported').textContent()).resolves.toBe(String(ROWS));
    await wizard().getByRole('button', { name: 'Done' }).click();
  });

  it("shows the table's own columns in the Profile's default view, without alarms for unmapped attributes", async () => {
    await s.page.getByRole('link', { name: 'Profile' }).click();
    await expect(s.page.getByLabel('Profile scope').inputValue()).resolves.toBe('workspace');
    await s.page.getByRole('button', { name: 'Run profile' }).click();
    const group = s.page.getByRole('region', { name: /^Source “telco-snapshot”/ });
    await group.waitFor({ timeout: 60_000 });
    const overview = group.getByRole('table', { name: 'Columns of Source “telco-snapshot”' });
    for (const c of COLUMNS) await expect(overview.locator(`tr[data-column="${c}"]`).count(), c).resolves.toBe(1);
    const contract = group.locator('article.column-card[data-column="Contract"]');
    await expect(contract.textContent()).resolves.toContain('Month-to-month');
    // PhoneService (Yes/No) is a flag, not a phone number: no PII badge, no phone check.
    const phoneService = group.locator('article.column-card[data-column="PhoneService"]');
    await expect(phoneService.textContent()).resolves.not.toMatch(/PII ·|[Vv]alid/);
    // Canonical attributes: only the source key (the one attribute mapped); no empty email or phone cards.
    const canonical = s.page.getByRole('table', { name: 'Columns of Canonical attributes' });
    await expect(canonical.locator('tbody tr').count()).resolves.toBe(1);
    await expect(canonical.locator('tr[data-column="source_key"]').count()).resolves.toBe(1);
    await expect(s.page.locator('article.column-card[data-column="email"], article.column-card[data-column="phone"]').count()).resolves.toBe(0);
  });

  it('shows every column in the Data browser, filters on Contract and exports what it shows', async () => {
    await s.page.getByRole('link', { name: 'Data browser' }).click();
    const select = s.page.getByLabel('Table');
    const option = select.locator('option', { hasText: 'telco-snapshot' });
    await option.waitFor({ state: 'attached', timeout: 20_000 });
    await select.selectOption((await option.getAttribute('value'))!);
    const grid = s.page.getByRole('grid', { name: /^telco-snapshot/ });
    await grid.waitFor({ timeout: 20_000 });
    await s.page.getByRole('status').filter({ hasText: new RegExp(`^${ROWS} rows`) }).waitFor({ timeout: 20_000 });
    for (const c of COLUMNS) await expect(grid.getByRole('columnheader').getByRole('button', { name: c, exact: true }).count(), c).resolves.toBe(1);
    await grid.getByLabel('Filter Contract').fill('Month-to-month');
    const expected = Math.ceil(ROWS / 3);
    await s.page.getByRole('status').filter({ hasText: new RegExp(`^${expected} rows`) }).waitFor({ timeout: 20_000 });
    await expect(grid.getByRole('gridcell', { name: 'One year' }).count()).resolves.toBe(0);
    await expect(grid.getByRole('gridcell', { name: 'Month-to-month' }).count()).resolves.toBeGreaterThan(0);

    await s.page.getByText('Export CSV…').click();
    await s.page.getByRole('button', { name: 'Export these rows as CSV' }).click();
    await s.page.getByRole('status').filter({ hasText: `Wrote ${expected} rows of ${COLUMNS.length + 3} columns` }).waitFor({ timeout: 20_000 });
    const path = await s.page.getByLabel('CSV path').inputValue();
    const lines = readFileSync(path, 'utf8').replace(/^\ufeff/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe(['Record', ...COLUMNS, 'Import', 'Row'].join(','));
    expect(lines).toHaveLength(expected + 1);
    expect(lines.slice(1).every((l) => l.split(',')[7] === 'Month-to-month')).toBe(true);
    expect(s.problems).toEqual([]);
  });
});
