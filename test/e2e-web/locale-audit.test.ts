// E2E (loopback host + Chromium in German, 1280×800): figures follow the system locale (grouping
// points, decimal commas and "33 %" in the profile and data browser, German dates in the audit
// log), and the audit table fits a 1280-wide window: long descriptions wrap, digests are cut short
// with the whole value in a tooltip, nothing scrolls sideways.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserSession } from './harness.js';

const SHOTS = process.env.AERIE_E2E_SHOTS ?? '/tmp';
const s = browserSession('e2e-locale', undefined, { locale: 'de-DE', viewport: { width: 1280, height: 800 } });
// A long file name (a long source name and audit description) and numbers that need grouping.
const FILE = 'quarterly_customer_extract_from_the_legacy_crm_system_final_version_2.csv';
// 1,234 rows: Balance i + 0.25 (min 1.25, max 1234.25, mean 617.75), Plan a third each.
const PLANS = ['Basic', 'Plus', 'Pro'];
const CSV = `customer_id,full_name,Plan,Balance\n${Array.from({ length: 1234 }, (_, i) => `K${i + 1},Person ${i + 1},${PLANS[i % 3]},${i + 1.25}`).join('\n')}\n`;
// ICU puts a no-break space before "%" in German: compare with plain spaces.
const plain = (t: string | null) => (t ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe('locale and audit layout (web, de-DE, 1280×800)', () => {
  it('shows profile and data browser figures with German grouping, decimal commas and percent', async () => {
    const page = s.page;
    writeFileSync(join(s.host.root, FILE), CSV);
    const wizard = page.getByRole('region', { name: 'Import a file' });
    await page.getByRole('link', { name: 'Sources' }).click();
    await page.getByRole('button', { name: 'Import a file' }).click();
    await wizard.getByRole('button', { name: new RegExp(`^${FILE.replace(/\./g, '\\.')} `) }).click();
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByRole('button', { name: 'Preview' }).click();
    await wizard.getByRole('heading', { name: 'Preview' }).waitFor({ timeout: 15_000 });
    await wizard.getByRole('button', { name: 'Next: mapping' }).click();
    await wizard.getByRole('table', { name: 'Column mapping' }).waitFor();
    await wizard.getByRole('button', { name: 'Start import' }).click();
    await wizard.getByRole('heading', { name: /^Imported / }).waitFor({ timeout: 30_000 });
    await wizard.getByRole('button', { name: 'Done' }).click();

    await page.getByRole('link', { name: 'Profile' }).click();
    await page.getByRole('button', { name: 'Run profile' }).click();
    const balance = page.locator('article.column-card[data-column="Balance"]');
    await balance.waitFor({ timeout: 60_000 });
    await expect(balance.textContent()).resolves.toContain('1,25 to 1.234,25, mean 617,75');
    await expect(balance.textContent()).resolves.toContain('Fill of 1.234 rows');
    // top values with their shares: "Plus 411 (33 %)"
    await expect(page.locator('article.column-card[data-column="Plan"]').textContent().then(plain)).resolves.toContain('411 (33 %)');
    await page.screenshot({ path: join(SHOTS, 'aerie-e2e-profile-de.png') });
    // the long source name in the scope and cross-tab pickers is cut short, whole in the tooltip
    const overflow = () => page.evaluate(() => { const m = document.querySelector<HTMLElement>('.main')!; return [m.scrollWidth, m.clientWidth]; });
    const [wide, fits] = await overflow();
    expect(wide, 'the Profile screen scrolls sideways at 1280 px').toBeLessThanOrEqual(fits!);
    const scope = page.getByLabel('Profile scope');
    await expect(scope.getAttribute('title')).resolves.toBe('Whole workspace');
    await scope.selectOption({ label: `Source: ${FILE.replace(/\.csv$/, '')}` });
    await expect(scope.getAttribute('title')).resolves.toBe(`Source: ${FILE.replace(/\.csv$/, '')}`);
    await expect(page.getByLabel('Cross-tab table').getAttribute('title')).resolves.toContain('quarterly_customer_extract');
    const [wide2, fits2] = await overflow();
    expect(wide2, 'the Profile screen scrolls sideways at 1280 px with a source chosen').toBeLessThanOrEqual(fits2!);
    await scope.selectOption('workspace');

    // the data browser's table list and row count
    await page.getByRole('link', { name: 'Data browser' }).click();
    const table = page.getByRole('combobox', { name: 'Table' });
    const option = table.locator('option', { hasText: 'quarterly' }).first();
    await expect(option.textContent()).resolves.toMatch(/\(1\.234\)$/);
    await table.selectOption((await option.getAttribute('value'))!);
    await page.locator('.dg-status [role="status"]').filter({ hasText: /^1\.234 rows,/ }).waitFor({ timeout: 20_000 });
  });

  it('fits the audit table in 1280 px: descriptions wrap, digests truncate with a tooltip, German dates', async () => {
    const page = s.page;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
    const what = page.getByTestId('audit-what').filter({ hasText: FILE });
    await what.first().waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(SHOTS, 'aerie-e2e-audit-1280.png') });

    const sizes = await page.evaluate(() => {
      const table = document.querySelector<HTMLElement>('.main table')!;
      const wrap = table.parentElement!;
      const main = table.closest<HTMLElement>('.main')!;
      return { wrap: [wrap.scrollWidth, wrap.clientWidth], main: [main.scrollWidth, main.clientWidth], table: table.getBoundingClientRect().right, right: main.getBoundingClientRect().right };
    });
    expect(sizes.wrap[0], 'the audit table scrolls sideways inside its box').toBeLessThanOrEqual(sizes.wrap[1]!);
    expect(sizes.main[0], 'the audit screen scrolls sideways').toBeLessThanOrEqual(sizes.main[1]!);
    expect(sizes.table).toBeLessThanOrEqual(sizes.right);
    // a long job name in the jobs dock wraps too
    const dock = await page.evaluate(() => { const d = document.querySelector<HTMLElement>('.dock')!; return [d.scrollWidth, d.clientWidth]; });
    expect(dock[0], 'the jobs dock scrolls sideways').toBeLessThanOrEqual(dock[1]!);

    // the whole digest and hash are in the tooltip; the date is German (6. Dez. 2026, 02:25)
    const row = page.locator('[data-testid="audit-table"] tbody tr').filter({ has: what });
    await expect(row.locator('[data-testid="audit-digest"]').getAttribute('title')).resolves.toMatch(/^[0-9a-f]{32,}$/);
    await expect(row.locator('[data-testid="audit-hash"]').getAttribute('title')).resolves.toMatch(/^[0-9a-f]{32,}$/);
    await expect(row.locator('[data-testid="audit-when"]').textContent()).resolves.toMatch(/^\d{1,2}\. \S+ \d{4}, \d{2}:\d{2}$/);
    expect(s.problems).toEqual([]);
  });
});
