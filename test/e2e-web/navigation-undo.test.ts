// E2E (loopback host + Chromium): the address holds the screen and its selection (back button, deep
// link, unlock returns there), placeholder screens are marked in the menu, a page without its token
// says what to do, and a source is deleted (with a confirm) from the Sources screen.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserSession, launchBrowser, PASSPHRASE } from './harness.js';

const s = browserSession('e2e-nav');
const hash = () => new URL(s.page.url()).hash;

describe('navigation and undo (web)', () => {
  it('puts the screen and selection in the address; back and a deep link return to them', async () => {
    const { page } = s;
    await page.getByLabel('Customers').fill('200');
    await page.getByRole('button', { name: 'Generate' }).click();
    await page.locator('li.job[data-state="succeeded"]').waitFor({ timeout: 60_000 });
    const crm = page.locator('article.source-card[data-source="demo-crm"]');
    await crm.waitFor({ timeout: 20_000 });

    // a selection on the Sources screen is in the address
    await crm.getByRole('button', { name: 'View records' }).click();
    await page.getByRole('heading', { name: 'Records of demo-crm' }).waitFor();
    expect(hash()).toMatch(/^#sources\?sourceId=\d+$/);
    const sourcesHash = hash();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    expect(hash()).toBe('#audit');

    // back: the same source's records again
    await page.goBack();
    await page.getByRole('heading', { name: 'Records of demo-crm' }).waitFor({ timeout: 10_000 });
    expect(hash()).toBe(sourcesHash);

    // a deep link (this tab keeps its token): a reload lands on the screen it names
    await page.goto(`${new URL(page.url()).origin}/#profile?scope=workspace`);
    await page.getByRole('heading', { name: 'Profile', level: 1 }).waitFor({ timeout: 20_000 });
    expect(hash()).toBe('#profile?scope=workspace');

    // lock and unlock: back on the same screen
    await page.getByRole('banner').getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('heading', { name: 'Workspace locked' }).waitFor({ timeout: 15_000 });
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.getByRole('heading', { name: 'Profile', level: 1 }).waitFor({ timeout: 20_000 });
  }, 120_000);

  it('marks screens not built yet as placeholders in the menu', async () => {
    const nav = s.page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: /Monitoring/ }).getAttribute('class')).resolves.toContain('nav-link-soon');
    await expect(nav.getByRole('link', { name: /Monitoring/ }).textContent()).resolves.toContain('soon');
    await expect(nav.getByRole('link', { name: 'Sources' }).getAttribute('class')).resolves.not.toContain('nav-link-soon');
  });

  it('masks personal-data cells in the grid, and what Ctrl+C copies, while "Mask personal data" is on', async () => {
    const { page } = s;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sources' }).click();
    await page.locator('article.source-card[data-source="demo-crm"]').getByRole('button', { name: 'View records' }).click();
    const cells = page.getByRole('gridcell');
    await cells.first().waitFor({ timeout: 20_000 });
    const masked = async () => (await cells.allTextContents()).filter((t) => t.includes('•••')).length;
    expect(await masked()).toBe(0);
    await page.getByRole('banner').getByRole('button', { name: 'Mask personal data' }).click();
    await expect.poll(masked, { timeout: 10_000 }).toBeGreaterThan(0);
    await page.getByRole('banner').getByRole('button', { name: 'Personal data masked' }).click();
    await expect.poll(masked, { timeout: 10_000 }).toBe(0);
  }, 60_000);

  it('rolls back one import, keeping its source, and says how to re-import with an edited mapping', async () => {
    const { page } = s;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sources' }).click();
    const marketing = page.locator('article.source-card[data-source="demo-marketing"]');
    await marketing.locator('button[aria-label^="Roll back import"]').click();
    const dialog = page.getByTestId('remove-dialog');
    await dialog.getByText(/^Roll back import \d+ \(newsletter_subscribers\.csv\) of demo-marketing\?$/).waitFor();
    await dialog.getByRole('button', { name: 'Roll back import' }).click();
    await page.getByTestId('remove-done').filter({ hasText: /Removed [\d,]+ records/ }).waitFor({ timeout: 30_000 });
    await page.getByTestId('reimport-hint').filter({ hasText: 'not the file' }).waitFor();
    await expect(marketing.getByTestId('source-counts').textContent()).resolves.toMatch(/^0 records · 0 events · 0 imports$/);
    await dialog.getByRole('button', { name: 'Close' }).click();
  }, 60_000);

  it('deletes a source after a confirm, with what went', async () => {
    const { page } = s;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sources' }).click();
    const billing = page.locator('article.source-card[data-source="demo-billing"]');
    await billing.waitFor({ timeout: 20_000 });
    await billing.getByRole('button', { name: 'Delete source demo-billing' }).click();
    const dialog = page.getByTestId('remove-dialog');
    await dialog.getByText('Delete source demo-billing?').waitFor();
    // keeping it changes nothing
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await expect(billing.count()).resolves.toBe(1);
    await billing.getByRole('button', { name: 'Delete source demo-billing' }).click();
    await page.getByTestId('remove-dialog').getByRole('button', { name: 'Delete source' }).click();
    await page.getByTestId('remove-done').filter({ hasText: /Removed [\d,]+ records/ }).waitFor({ timeout: 30_000 });
    await billing.waitFor({ state: 'detached', timeout: 20_000 });
    await expect(page.locator('article.source-card[data-source="demo-crm"]').count()).resolves.toBe(1);
    await page.getByTestId('remove-dialog').getByRole('button', { name: 'Close' }).click();
    // the audit says what went, in words, beside the digest
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
    await page.getByTestId('audit-what').filter({ hasText: /^Deleted source demo-billing \(\d+ records, \d+ events removed\)/ }).waitFor({ timeout: 10_000 });
    await page.getByTestId('audit-what').filter({ hasText: /^Generate demo CRM/ }).waitFor();
    expect(s.problems).toEqual([]);
  }, 60_000);

  it('brings the import summary into view when the import ends', async () => {
    const { page } = s;
    writeFileSync(join(s.host.root, 'people.csv'), 'id,given,family,email\n1,Ann,Lee,ann@example.com\n2,Bob,Ray,bob@example.com\n');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sources' }).click();
    await page.getByRole('button', { name: 'Import a file' }).click();
    const wizard = page.getByRole('region', { name: 'Import a file' });
    await wizard.getByRole('button', { name: /^people\.csv / }).click();
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByRole('button', { name: 'Preview' }).click();
    await wizard.getByRole('button', { name: 'Next: mapping' }).click();
    await wizard.getByRole('table', { name: 'Column mapping' }).waitFor();
    // scrolled away from the wizard (a script click does not scroll back to the button)
    await page.evaluate(() => document.querySelector('main')!.scrollTo({ top: 1e6 }));
    await wizard.getByRole('button', { name: 'Start import' }).dispatchEvent('click');
    await page.getByTestId('import-summary').waitFor({ timeout: 30_000 });
    await page.waitForFunction(
      () => {
        const r = document.querySelector('[data-testid="import-summary"]')!.getBoundingClientRect();
        return r.top >= 0 && r.top < window.innerHeight / 2 && document.scrollingElement!.scrollTop === 0;
      },
      undefined,
      { timeout: 10_000 },
    );
  }, 60_000);

  it('locks after the idle minutes set in Settings → Privacy, and unlocks to the same screen', async () => {
    const { page } = s;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Lock after idle minutes').fill('2');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved with the workspace.').waitFor();
    // a fake clock from here on (the page reloads on the same screen, the token kept by this tab)
    await page.clock.install();
    await page.reload();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor({ timeout: 20_000 });
    await expect(page.getByLabel('Lock after idle minutes').inputValue()).resolves.toBe('2');
    await page.clock.fastForward('01:00');
    await expect(page.getByRole('heading', { name: 'Workspace locked' }).count()).resolves.toBe(0);
    await page.clock.fastForward('01:30');
    await page.getByRole('heading', { name: 'Workspace locked' }).waitFor({ timeout: 15_000 });
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor({ timeout: 20_000 });
    await page.getByLabel('Lock after idle minutes').fill('0');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved with the workspace.').waitFor();
  }, 60_000);

  it('explains what to do when the page is opened without its token', async () => {
    // a fresh browser: no token in this tab's storage, as with a bookmark or a copied address
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(`${new URL(s.page.url()).origin}/#audit`);
      const box = page.getByTestId('no-token');
      await box.waitFor({ timeout: 20_000 });
      await expect(box.textContent()).resolves.toMatch(/aerie serve.*#token=/s);
      await expect(page.getByText('Connecting to the engine…').count()).resolves.toBe(0);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
