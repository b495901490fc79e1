// E2E (loopback host + Chromium): the Models screen on a generated workspace with events — train a
// churn model with the wizard (progress, then the new version in the registry, made live), its metrics (ROC,
// PR, calibration charts and the lift table with figures), the model card in a sandboxed frame and
// saved to a file, scoring every customer, one customer's explanation (base value + contributions = margin), and
// the same customer's churn risk in the search record view.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserSession } from './harness.js';

const CUSTOMERS = 1_500;
const SHOTS = process.env.AERIE_E2E_SHOTS ?? '/tmp';

const trains: Record<string, unknown>[] = [];
const s = browserSession('e2e-churn', (page) =>
  page.on('websocket', (ws) =>
    ws.on('framesent', (f) => {
      const msg = JSON.parse(String(f.payload)) as { method?: string; params?: { kind?: string; params?: Record<string, unknown> } };
      if (msg.method === 'jobs.start' && msg.params?.kind === 'churn.train') trains.push(msg.params.params ?? {});
    }),
  ),
);

/** Numbers as shown: thousands separators, a typographic minus (U+2212), a trailing %. */
let surname = '';

/** The screen scrolls inside the shell, so a tall viewport stands in for a full-page shot. */
async function shot(name: string): Promise<void> {
  await s.page.setViewportSize({ width: 1440, height: 2800 });
  await s.page.waitForTimeout(300); // let the resized page (and a frame in it) paint; only the picture depends on it
  await s.page.screenshot({ path: `${SHOTS}/aerie-e2e-churn-${name}.png` });
  await s.page.setViewportSize({ width: 1440, height: 900 });
}

const num = (t: string | null) => Number((t ?? '').trim().replace(/,/g, '').replace('\u2212', '-').replace(/%$/, ''));

describe('churn models screen (web)', () => {
  it('trains a model with the wizard', async () => {
    const { page } = s;
    await page.getByLabel('Customers').fill(String(CUSTOMERS));
    await page.getByRole('button', { name: 'Generate' }).click();
    await page.locator('li.job[data-state="succeeded"]').waitFor({ timeout: 90_000 });
    // a surname to search for at the end (the records grid of the landing screen)
    const grid = page.getByRole('grid', { name: 'Customer records' });
    const family = (r: number) => grid.locator(`[role="row"][aria-rowindex="${r}"] [role="gridcell"][aria-colindex="5"]`);
    await family(3).waitFor({ timeout: 20_000 });
    for (let r = 3; r < 25 && !surname; r++) {
      const f = ((await family(r).textContent()) ?? '').trim();
      if (/^[A-Za-z]{5,}$/.test(f)) surname = f;
    }
    expect(surname).not.toBe('');
    await page.getByRole('link', { name: 'Models' }).click();
    await page.getByRole('heading', { name: 'Models', level: 1 }).waitFor();
    await page.getByTestId('no-churn-models').waitFor({ timeout: 20_000 });
    // the wizard's defaults and its checks
    await expect(page.getByLabel('Horizon (days)').inputValue()).resolves.toBe('90');
    await expect(page.locator('input[name="churn-definition"]:checked').getAttribute('value')).resolves.toBe('noOrder');
    // the groups read as imported are opt-in and say they are not point-in-time
    await expect(page.getByRole('checkbox', { name: /Imported source columns/ }).isChecked()).resolves.toBe(false);
    await page.getByRole('group', { name: /^Also use \(snapshot, not point-in-time/ }).waitFor();
    await page.getByLabel('Cutoff date').fill('2024-13-45');
    await page.getByText('Cutoff: a date as YYYY-MM-DD, or blank for the default.').waitFor();
    await expect(page.getByRole('button', { name: 'Train model' }).isDisabled()).resolves.toBe(true);
    await page.getByLabel('Cutoff date').fill('');
    await page.getByLabel('Horizon (days)').fill('60');
    // the default cutoff is shown, and is the one the engine then uses
    const hint = page.getByTestId('churn-cutoff-hint').filter({ hasText: /^Blank: \d{4}-\d{2}-\d{2}, the day after the latest event/ });
    await hint.waitFor({ timeout: 10_000 });
    const defaultCutoff = /\d{4}-\d{2}-\d{2}/.exec((await hint.textContent()) ?? '')![0];
    await expect(page.getByLabel('Cutoff date').getAttribute('placeholder')).resolves.toBe(defaultCutoff);
    await page.getByRole('button', { name: 'Train model' }).click();
    await page.getByTestId('churn-trained').filter({ hasText: `with cutoff ${defaultCutoff}:` }).waitFor({ timeout: 120_000 });
    expect(trains).toEqual([{ definition: 'noOrder', horizonDays: 60, unit: 'auto', seed: 42 }]);
    const registry = page.getByRole('table', { name: 'Churn models' });
    await registry.locator('tbody tr[data-status="candidate"]').waitFor({ timeout: 20_000 });
    expect(await registry.locator('tbody tr').count()).toBe(1);
    await expect(registry.locator('tbody tr').first().textContent()).resolves.toMatch(/Version 1.*outcome in 60 d/);
  }, 150_000); // generate + train on a loaded machine

  it('shows the metrics: ROC, PR and calibration charts, lift table with actions, importance', async () => {
    const { page } = s;
    const auc = num(await page.getByRole('region', { name: 'Metrics' }).getByTestId('figure-auc').textContent());
    // the UI's job is to show the engine's figures, not to judge the model: a number in range
    expect(auc).toBeGreaterThanOrEqual(0);
    expect(auc).toBeLessThanOrEqual(1);
    // each chart is drawn and names its headline figure
    await expect(page.getByRole('img', { name: /^ROC curve\. AUC 0\.\d{3}\./ }).locator('path.chart-line').count()).resolves.toBe(1);
    await expect(page.getByRole('img', { name: /^ROC curve\./ }).getAttribute('aria-label')).resolves.toContain(`AUC ${auc.toFixed(3)}`);
    await page.getByRole('img', { name: /^Precision–recall curve\. PR AUC 0\.\d{3}\./ }).waitFor();
    const calibration = page.getByRole('img', { name: /^Calibration\. Brier 0\.\d{4}\./ });
    expect(await calibration.locator('circle.chart-dot').count()).toBeGreaterThanOrEqual(1);
    const lift = page.getByRole('table', { name: 'Lift by decile' });
    expect(await lift.locator('tbody tr').count()).toBe(10);
    expect(num(await lift.getByTestId('lift-1').textContent())).toBeGreaterThanOrEqual(0);
    await expect(lift.locator('tbody tr[data-decile="1"] td').last().textContent()).resolves.toMatch(/\S/);
    await page.getByRole('img', { name: /^Lift by decile/ }).waitFor();
    await page.getByRole('img', { name: /^(Mean \|contribution\||Total split gain)/ }).waitFor();
    await shot('metrics');
  });

  it('opens the model card in a sandboxed frame, and offers it as a file', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: 'Model card' }).click();
    const frame = page.locator('iframe.models-card-frame');
    await frame.waitFor({ timeout: 20_000 });
    await expect(frame.getAttribute('sandbox')).resolves.toBe('');
    await page.frameLocator('iframe.models-card-frame').locator('body').filter({ hasText: /AUC/ }).waitFor({ timeout: 10_000 });
    // written by the engine to a path in the allowed folder (Electron cancels blob downloads)
    const cardPath = join(s.host.root, 'aerie-churn-model-v1.html');
    await expect(page.getByLabel('Model card path').inputValue()).resolves.toBe(cardPath);
    await page.getByRole('button', { name: 'Save model card (HTML)' }).click();
    await page.getByRole('status').filter({ hasText: 'Wrote the model card' }).waitFor({ timeout: 20_000 });
    expect(readFileSync(cardPath, 'utf8')).toContain('ROC AUC');
    await shot('card');
  });

  it('makes the version live from the registry', async () => {
    const { page } = s;
    const registry = page.getByRole('table', { name: 'Churn models' });
    await registry.getByLabel('Status of version 1').selectOption('live');
    await registry.locator('tbody tr[data-status="live"]').waitFor({ timeout: 10_000 });
    await page.getByRole('heading', { name: /Version 1 live/ }).waitFor();
  });

  it("scores every customer and explains one customer's score", async () => {
    const { page } = s;
    await page.getByRole('tab', { name: 'Scores' }).click();
    await page.getByRole('button', { name: 'Score every customer' }).click();
    const scored = page.getByRole('table', { name: 'Scored customers' });
    await scored.locator('tbody tr').first().waitFor({ timeout: 90_000 });
    const risks = (await scored.getByTestId('score-value').allTextContents()).map(num);
    expect(risks.length).toBeGreaterThan(1);
    expect([...risks].sort((a, b) => b - a)).toEqual(risks); // riskiest first
    await scored.locator('tbody tr').first().getByRole('button').click();
    const panel = page.getByTestId('churn-explanation');
    await panel.waitFor({ timeout: 20_000 });
    expect(num(await panel.getByTestId('explain-score').textContent())).toBeCloseTo(risks[0]!, 1);
    await panel.getByText(/^Every feature/).click();
    const contributions = (await panel.getByTestId('explain-contribution').allTextContents()).map(num);
    expect(contributions.length).toBeGreaterThan(3);
    const base = num(await panel.getByTestId('explain-base').textContent());
    const margin = num(await panel.getByTestId('explain-margin').textContent());
    // shown to 4 decimals: the sum may be off by half a unit in the last place per term
    const total = base + contributions.reduce((a, b) => a + b, 0);
    expect(Math.abs(total - margin)).toBeLessThanOrEqual(0.00005 * (contributions.length + 2));
    await expect(page.getByRole('img', { name: /^From the base value to this score/ }).getAttribute('aria-label')).resolves.toMatch(/Base value: [+−]\d/);
    await shot('explanation');
  }, 120_000);

  it("shows a customer's churn risk in the search record view", async () => {
    const { page } = s;
    await page.getByRole('link', { name: 'Search' }).click();
    await page.getByRole('combobox', { name: 'Search customers' }).fill(surname);
    await page.getByRole('listbox', { name: 'Search results' }).getByRole('option').first().click({ timeout: 30_000 });
    await page.getByTestId('record-detail').waitFor();
    const risk = page.getByTestId('record-churn-risk');
    await risk.waitFor({ timeout: 20_000 });
    // a score (the record has events) or the engine's reason why not
    await risk.locator('[data-testid="record-churn-score"], [data-testid="record-churn-none"]').first().waitFor({ timeout: 20_000 });
    await expect(risk.textContent()).resolves.toMatch(/Churn risk(\d+(\.\d)?%|<0\.1%|Not scored\. \S)/);
    if ((await risk.getByTestId('record-churn-score').count()) > 0) {
      await risk.locator('summary').first().click();
      await risk.getByTestId('churn-explanation').getByRole('img', { name: /^From the base value to this score/ }).waitFor();
      await shot('record');
    }
    expect(s.problems).toEqual([]);
  });
});
