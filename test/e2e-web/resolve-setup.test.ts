// E2E (loopback host + Chromium): the Resolve screen's run set-up on a generated workspace — a
// column's role changed to ignore and a blocking rule switched off change the plan's counts, a rule
// added from two keys is measured, the run is started with that set-up; then two sources linked.
import { describe, expect, it } from 'vitest';
import { browserSession } from './harness.js';

const CUSTOMERS = 1_000;

const runs: Record<string, unknown>[] = [];
const s = browserSession('e2e-resolve-setup', (page) =>
  page.on('websocket', (ws) =>
    ws.on('framesent', (f) => {
      const msg = JSON.parse(String(f.payload)) as { method?: string; params?: { kind?: string; params?: Record<string, unknown> } };
      if (msg.method === 'jobs.start' && msg.params?.kind === 'resolve.run') runs.push(msg.params.params ?? {});
    }),
  ),
);

const int = (x: string | null) => Number((x ?? '').trim().replace(/,/g, ''));
const figure = async (region: 'Plan' | 'Results', testId: string) => int(await s.page.getByRole('region', { name: region }).getByTestId(testId).textContent());
const ruleNames = async () => (await s.page.getByRole('table', { name: 'Blocking rules' }).locator('tbody tr td:first-child').allTextContents()).map((x) => x.trim());

describe('resolve run set-up (web)', () => {
  it('changes a role to ignore, switches a rule off and adds one, and the counts follow', async () => {
    await s.page.getByLabel('Customers').fill(String(CUSTOMERS));
    await s.page.getByRole('button', { name: 'Generate' }).click();
    await s.page.locator('li.job[data-state="succeeded"]').waitFor({ timeout: 60_000 });
    await s.page.getByRole('link', { name: 'Resolve' }).click();
    const rules = s.page.getByRole('table', { name: 'Blocking rules' });
    await rules.locator('tbody tr').first().waitFor({ timeout: 30_000 });
    expect((await ruleNames()).some((n) => n.startsWith('email'))).toBe(true);

    await s.page.getByLabel('Role of email').selectOption('ignore');
    await expect.poll(async () => (await ruleNames()).some((n) => n.startsWith('email')), { timeout: 20_000 }).toBe(false);
    const roleRow = s.page.getByRole('table', { name: 'Column roles' }).locator('tbody tr', { has: s.page.getByLabel('Role of email') });
    await expect(roleRow.locator('td').last().textContent()).resolves.toBe('no');

    // the rule proposing the most comparisons switched off: the candidate total falls
    const before = await figure('Plan', 'figure-candidate-pairs');
    const counts = (await rules.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.querySelector('td.num')?.textContent ?? ''))).map(int);
    const k = counts.indexOf(Math.max(...counts));
    const name = (await ruleNames())[k]!;
    const box = rules.getByRole('checkbox', { name: `Use rule ${name}` });
    // a controlled box: it shows unchecked once the plan under the new set-up is back
    await box.click();
    await expect.poll(() => box.isChecked(), { timeout: 20_000 }).toBe(false);
    await expect.poll(() => figure('Plan', 'figure-candidate-pairs'), { timeout: 20_000 }).toBeLessThan(before);
    // the rule switched off still shows what it would compare
    expect(int(await rules.locator('tbody tr', { has: s.page.getByRole('checkbox', { name: `Use rule ${name}` }) }).locator('td.num').first().textContent())).toBe(counts[k]);

    await s.page.getByLabel('New rule: key').selectOption('postcode');
    await s.page.getByLabel('and key (optional)').selectOption('family_name (sound)');
    await s.page.getByRole('button', { name: 'Add rule' }).click();
    const added = rules.locator('tbody tr', { hasText: 'postcode + family_name (sound)' });
    await added.waitFor({ timeout: 20_000 });
    expect(int(await added.locator('td.num').first().textContent())).toBeGreaterThan(0);

    const nearest = s.page.getByRole('checkbox', { name: /nearest neighbours by embedding/ });
    await nearest.click(); // the plan is re-measured with it, then the box shows the new set-up
    await expect.poll(() => nearest.isChecked(), { timeout: 20_000 }).toBe(true);

    await s.page.getByRole('button', { name: 'Run resolution' }).click();
    await s.page.getByTestId('resolve-run-meta').waitFor({ timeout: 60_000 });
    expect(runs).toEqual([{ threshold: 0.5, setup: { roles: [{ column: 'email', role: 'ignore' }], rulesOff: [name], rulesAdded: [['postcode', 'family_name (sound)']], nearest: 10 } }]);
    const matchesByRule = s.page.getByRole('region', { name: 'Results' });
    await expect(matchesByRule.textContent()).resolves.toContain('postcode + family_name (sound)');
    expect(await figure('Results', 'figure-entities')).toBeGreaterThan(0);
  }, 120_000);

  it('links two sources: only their records, one to one', async () => {
    const total = await figure('Plan', 'figure-records');
    await s.page.getByLabel('Link source').selectOption('demo-crm');
    await s.page.getByLabel('to source').selectOption('demo-billing');
    await s.page.getByRole('button', { name: 'Link sources' }).click();
    await expect.poll(() => figure('Results', 'figure-records'), { timeout: 60_000 }).toBeLessThan(total);
    expect(runs[1]).toMatchObject({ mode: 'link', sources: ['demo-crm', 'demo-billing'] });
    const records = await figure('Results', 'figure-records');
    const entities = await figure('Results', 'figure-entities');
    // one to one: at most one record of each source per entity, so at least half as many entities as records
    expect(entities).toBeLessThan(records);
    expect(entities * 2).toBeGreaterThanOrEqual(records);
    expect(s.problems).toEqual([]);
  }, 120_000);
});
