// E2E (loopback host + Chromium): the Resolve screen on a generated workspace — the plan (column
// roles, blocking rules with comparison counts, estimated recall), a changed threshold, a run with
// progress, the results (entities, cluster-size histogram) and one pair's explanation waterfall.
import { describe, expect, it } from 'vitest';
import { browserSession } from './harness.js';

const CUSTOMERS = 2_000;
const SHOTS = process.env.AERIE_E2E_SHOTS ?? '/tmp';

const runs: Record<string, unknown>[] = [];
const s = browserSession('e2e-resolve', (page) =>
  page.on('websocket', (ws) =>
    ws.on('framesent', (f) => {
      const msg = JSON.parse(String(f.payload)) as { method?: string; params?: { kind?: string; params?: Record<string, unknown> } };
      // the screen starts the run through jobs.start with the kind's request
      if (msg.method === 'jobs.start' && msg.params?.kind === 'resolve.run') runs.push(msg.params.params ?? {});
    }),
  ),
);

/** A headline figure's value inside the Plan or the Results region. */
const text = async (region: 'Plan' | 'Results', testId: string) => ((await s.page.getByRole('region', { name: region }).getByTestId(testId).textContent()) ?? '').trim();
const int = (s: string) => Number(s.replace(/,/g, ''));
/** Numbers as shown: a typographic minus (U+2212). */
const num = (s: string | null) => Number((s ?? '').trim().replace('\u2212', '-'));

describe('resolve screen (web)', () => {
  it('shows the plan of a generated workspace', async () => {
    await s.page.getByLabel('Customers').fill(String(CUSTOMERS));
    await s.page.getByRole('button', { name: 'Generate' }).click();
    await s.page.locator('li.job[data-state="succeeded"]').waitFor({ timeout: 60_000 });
    await s.page.getByRole('link', { name: 'Resolve' }).click();
    await s.page.getByRole('heading', { name: 'Resolve', level: 1 }).waitFor();
    await s.page.getByTestId('no-resolve-run').waitFor({ timeout: 20_000 });
    const roles = s.page.getByRole('table', { name: 'Column roles' });
    await roles.waitFor({ timeout: 20_000 });
    expect(await roles.locator('tbody tr').count()).toBeGreaterThan(3);
    await expect(roles.locator('tbody').textContent()).resolves.toMatch(/surname|givenName|fullName/);
    const rules = s.page.getByRole('table', { name: 'Blocking rules' });
    const ruleRows = rules.locator('tbody tr');
    expect(await ruleRows.count()).toBeGreaterThan(0);
    const comparisons = int(((await ruleRows.first().locator('td.num').first().textContent()) ?? '').trim());
    expect(comparisons).toBeGreaterThan(0);
    expect(int(await text('Plan', 'figure-records'))).toBeGreaterThanOrEqual(CUSTOMERS);
    await expect(s.page.getByRole('region', { name: 'Plan' }).getByRole('group', { name: 'Estimated recall' }).textContent()).resolves.toMatch(/\S/);
  });

  it('runs with a changed threshold and shows entities and the cluster-size histogram', async () => {
    const threshold = s.page.getByLabel('Match threshold');
    await expect(threshold.inputValue()).resolves.toBe('0.5');
    await threshold.fill('1.5');
    await s.page.getByText('Threshold: a number from 0.01 to 0.99.').waitFor();
    await expect(s.page.getByRole('button', { name: 'Run resolution' }).isDisabled()).resolves.toBe(true);
    await threshold.fill('0.7');
    const t0 = Date.now();
    await s.page.getByRole('button', { name: 'Run resolution' }).click();
    await s.page.getByTestId('resolve-run-meta').filter({ hasText: 'threshold 0.7' }).waitFor({ timeout: 60_000 });
    console.log(`resolve run shown in ${Date.now() - t0} ms`);
    expect(runs).toEqual([{ threshold: 0.7 }]);
    const entities = int(await text('Results', 'figure-entities'));
    const records = int(await text('Results', 'figure-records'));
    expect(entities).toBeGreaterThan(0);
    expect(entities).toBeLessThan(records); // the demo data has duplicates
    expect(int(await text('Results', 'figure-matches'))).toBeGreaterThan(0);
    const histogram = s.page.getByRole('img', { name: /^Entities by cluster size\./ });
    await expect(histogram.getAttribute('aria-label')).resolves.toMatch(/1 record: [\d,]+; 2 records: [\d,]+/);
    expect(await s.page.getByRole('table', { name: 'Seconds per stage' }).locator('tbody tr').count()).toBeGreaterThan(1);
    await s.page.screenshot({ path: `${SHOTS}/aerie-e2e-resolve-results.png`, fullPage: true });
  });

  it("opens a pair's explanation as a waterfall with its steps and probability", async () => {
    const pairs = s.page.getByRole('table', { name: 'Scored pairs' });
    await pairs.locator('tbody tr').first().waitFor({ timeout: 20_000 });
    await s.page.getByRole('combobox', { name: 'Probability' }).selectOption({ label: 'Likely the same (≥ 0.9)' });
    await s.page.getByTestId('resolve-pairs-meta').filter({ hasText: /^1–\d+ of [\d,]+$/ }).waitFor({ timeout: 10_000 });
    const first = pairs.locator('tbody tr').first();
    const listed = Number(((await first.locator('td.num').first().textContent()) ?? '').trim());
    expect(listed).toBeGreaterThanOrEqual(0.9);
    await first.getByRole('button').click();
    const panel = s.page.getByTestId('pair-explanation');
    await panel.waitFor();
    const steps = panel.getByTestId('waterfall-step');
    await steps.first().waitFor({ timeout: 10_000 });
    expect(await steps.count()).toBeGreaterThan(2);
    await expect(steps.first().locator('td').first().textContent()).resolves.toBe('Prior');
    const [weight, probability] = ((await panel.getByTestId('pair-probability').textContent()) ?? '').split('→').map(num);
    expect(probability).toBeCloseTo(listed, 2);
    // The running total ends at the pair's match weight.
    const last = num(await steps.last().locator('td').last().textContent());
    expect(last).toBeCloseTo(weight!, 1);
    const chart = panel.getByRole('img', { name: /^Match weight, step by step/ });
    await expect(chart.locator('rect').count()).resolves.toBe(await steps.count());
    await panel.screenshot({ path: `${SHOTS}/aerie-e2e-resolve-explain.png` });
    expect(s.problems).toEqual([]);
  });
});
