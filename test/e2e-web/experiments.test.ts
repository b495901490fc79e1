// E2E (loopback host + Chromium): the Experiments screen on a demo workspace with the retention
// campaign — the design wizard's live power calculator, creating and assigning an experiment, the
// campaign's results (SRM banner first, effect-with-CI and sequential charts), the ROI page with the
// worked example's 1.25 / 2.125 years and their formulas, and the self-contained report export.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserSession } from './harness.js';

const SHOTS = process.env.AERIE_E2E_SHOTS ?? '/tmp';
const s = browserSession('e2e-experiments');
const CAMPAIGN = 'Retention campaign (demo, seed 1)';

describe('experiments screen (web)', () => {
  it('designs with the live power calculator, creates and assigns', async () => {
    await s.page.getByLabel('Customers').fill('1500');
    await s.page.getByLabel(/With a retention campaign/).check();
    await s.page.getByRole('button', { name: 'Generate' }).click();
    await s.page.locator('li.job[data-state="succeeded"]').waitFor({ timeout: 90_000 });
    await s.page.getByRole('link', { name: 'Experiments' }).click();
    await s.page.getByRole('heading', { name: 'Experiments', level: 1 }).waitFor();
    const table = s.page.getByRole('table', { name: 'Experiments' });
    await table.getByRole('row', { name: new RegExp(CAMPAIGN.replace(/[()]/g, '\\$&')) }).waitFor({ timeout: 20_000 });

    await s.page.getByRole('button', { name: 'New experiment' }).click();
    // 7.8% → 9.7% at 80% power, alpha 0.05, 50/50: the calculator answers as the inputs change
    const total = s.page.getByTestId('power-total');
    await total.waitFor({ timeout: 10_000 });
    const before = Number((await total.textContent())!.replace(/,/g, ''));
    expect(before).toBeGreaterThan(5000);
    expect(before).toBeLessThan(8000);
    await s.page.getByLabel('Minimum detectable effect').fill('0.04');
    await expect.poll(async () => Number((await total.textContent())!.replace(/,/g, '')), { timeout: 10_000 }).toBeLessThan(before / 3);

    // churn risk decile sits beside the attributes, disabled with the reason until churn scores exist
    const churnOption = s.page.getByLabel('Balance arms within').locator('option', { hasText: 'Churn risk decile' });
    await expect.poll(() => churnOption.isDisabled(), { timeout: 10_000 }).toBe(true);
    expect(await s.page.getByTestId('stratify-hint').textContent()).toMatch(/No churn scores yet/);
    await s.page.getByLabel('Balance arms within').selectOption('city');
    await s.page.getByLabel('Name').fill('Wizard offer');
    await s.page.getByLabel('Hypothesis').fill('An offer lowers churn');
    await s.page.getByRole('button', { name: 'Create experiment' }).click();
    const row = table.getByRole('row', { name: /Wizard offer/ });
    await row.waitFor({ timeout: 10_000 });
    await row.getByRole('button', { name: 'Assign' }).click();
    await expect.poll(async () => (await row.getByTestId('assigned').textContent()) ?? '', { timeout: 20_000 }).toMatch(/^1,500 \(control [\d,]+, treatment [\d,]+\)$/);
  }, 150_000);

  it("opens the campaign's results: SRM banner first, effect with CI, sequential boundary", async () => {
    const row = s.page.getByRole('table', { name: 'Experiments' }).getByRole('row', { name: /Retention campaign/ });
    await row.getByRole('button', { name: 'Assign' }).click();
    await expect.poll(async () => (await row.getByTestId('assigned').textContent()) ?? '', { timeout: 20_000 }).toMatch(/^1,500/);
    await row.getByRole('button', { name: 'Results' }).click();
    const results = s.page.getByTestId('experiment-results');
    await results.waitFor({ timeout: 30_000 });
    const banner = s.page.getByTestId('srm-banner');
    await expect(banner.getAttribute('data-mismatch')).resolves.toBe('false');
    // the banner comes before any effect
    const order = await results.evaluate((el) => [...el.children].map((c) => c.getAttribute('data-testid')));
    expect(order[0]).toBe('srm-banner');
    expect(order.slice(1, 4)).toEqual(['metric-churn_90d', 'metric-conversion', 'metric-revenue']);
    const effect = s.page.getByTestId('metric-churn_90d').getByTestId('effect-chart');
    await expect(effect.getAttribute('aria-label')).resolves.toMatch(/95% CI/);
    const seq = s.page.getByTestId('metric-churn_90d').getByTestId('sequential-chart');
    await expect(seq.getAttribute('aria-label')).resolves.toMatch(/Group sequential \(Lan–DeMets alpha spending, O’Brien–Fleming type.*13 looks; last z .* against ±/);
    await expect(seq.getByTestId('boundary-upper').getAttribute('d')).resolves.toMatch(/^M[\d.]+,[\d.]+( L[\d.]+,[\d.]+){12}$/); // +boundary drawn at every weekly look
    await expect(s.page.getByTestId('metric-churn_90d').textContent()).resolves.toContain('Sequential boundary');
    await s.page.screenshot({ path: `${SHOTS}/aerie-e2e-experiments-results.png`, fullPage: true });
  }, 60_000);

  it('shows the ROI with 1.25 and 2.125 years beside their formulas, and exports a self-contained report', async () => {
    await s.page.getByRole('tab', { name: 'ROI' }).click();
    const simple = s.page.getByTestId('roi-simplePaybackYears');
    await simple.waitFor({ timeout: 20_000 });
    await expect(simple.textContent()).resolves.toBe('1.25 years');
    await expect(s.page.getByTestId('roi-netPaybackYears').textContent()).resolves.toBe('2.125 years');
    await expect(s.page.getByTestId('roi-simplePaybackYears-formula').textContent()).resolves.toBe('implementation / (revenue + savings)');
    await expect(s.page.getByTestId('roi-netPaybackYears-formula').textContent()).resolves.toMatch(/^implementation \/ \(revenue \+ savings − run cost\)/);
    await expect(s.page.getByTestId('roi-npv-formula').textContent()).resolves.toMatch(/discount rate/);
    await s.page.screenshot({ path: `${SHOTS}/aerie-e2e-experiments-roi.png`, fullPage: true });
    await s.page.getByRole('button', { name: 'Export report' }).click();
    const written = s.page.getByTestId('report-written');
    await written.waitFor({ timeout: 20_000 });
    const path = ((await written.textContent()) ?? '').trim();
    expect(path.startsWith(s.host.root)).toBe(true);
    const html = readFileSync(path, 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).toContain('<strong>1.25 years</strong>');
    expect(html).toContain('Group sequential (Lan–DeMets alpha spending, O’Brien–Fleming type');
    expect(join(path)).toMatch(/\.html$/);
    expect(s.problems).toEqual([]);
  }, 60_000);
});
