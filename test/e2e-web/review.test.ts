// E2E (loopback host + Chromium): the review desk on a small generated workspace, resolved and built
// into golden records — pairs judged from the keyboard (S skip, U undo, N not a match, M match,
// Ctrl+Z undo), blind mode hiding the scores and the waterfall, and a non-match that splits a golden
// record holding through a resolve rerun and a golden rebuild.
import { describe, expect, it } from 'vitest';
import type { EngineClient } from '../../engine/api/index.js';
import { runJob } from '../../engine/api/run-job.js';
import { connectLoopback } from '../../engine/host/ws-transport.js';
import { browserSession } from './harness.js';

const CUSTOMERS = 400;
const SHOTS = process.env.AERIE_E2E_SHOTS ?? '/tmp';

const s = browserSession('e2e-review');
let api: EngineClient;
let split: { a: number; b: number; goldenId: string } | null = null;

const item = () => s.page.getByTestId('review-item');
const itemId = async () => (await item().getAttribute('data-item')) ?? '';
const labelled = async () => Number(((await s.page.getByTestId('figure-labelled').textContent()) ?? '').replace(/,/g, ''));

/** Press a key and wait until the item shown is another than `before`. */
async function pressFor(key: string, before: string): Promise<string> {
  await s.page.keyboard.press(key);
  await s.page.locator(`[data-testid="review-item"]:not([data-item="${before}"])`).waitFor({ timeout: 10_000 });
  return itemId();
}

async function runResolve(): Promise<void> {
  await s.page.getByRole('link', { name: 'Resolve' }).click();
  const meta = s.page.getByTestId('resolve-run-meta');
  const before = (await meta.count()) > 0 ? Number(/run (\d+)/.exec((await meta.textContent()) ?? '')?.[1]) : 0;
  await s.page.getByRole('button', { name: 'Run resolution' }).click();
  await meta.filter({ hasText: `run ${before + 1} ` }).waitFor({ timeout: 60_000 });
}

describe('review desk (web)', () => {
  it('queues pairs of a resolved, built workspace', async () => {
    await s.page.getByLabel('Customers').fill(String(CUSTOMERS));
    await s.page.getByRole('button', { name: 'Generate' }).click();
    await s.page.locator('li.job[data-state="succeeded"]').waitFor({ timeout: 60_000 });
    await runResolve();
    api = await connectLoopback(s.host.url);
    await runJob(api, 'golden.build', {});
    await s.page.getByRole('link', { name: 'Review desk' }).click();
    await s.page.getByRole('heading', { name: 'Review desk', level: 1 }).waitFor();
    await item().waitFor({ timeout: 20_000 });
    await expect(s.page.getByTestId('review-why').textContent()).resolves.toMatch(/least sure|weakest link|household/);
    await s.page.getByTestId('review-score').waitFor();
    expect(await s.page.getByTestId('review-waterfall').getByRole('img').count()).toBe(1);
    expect(await s.page.getByTestId('review-field').count()).toBeGreaterThan(3);
    // differences are marked field by field
    const states = await s.page.getByTestId('review-field').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-state')));
    expect(states.every((x) => x === 'same' || x === 'different' || x === 'missing')).toBe(true);
    await s.page.getByTestId('figure-precision-at-0-5').waitFor();
    // no label yet: no precision "from 0 labels"; the model's own figure is named as such
    expect(await s.page.getByTestId('figure-precision-at-0-5').textContent()).toBe('no labels yet');
    expect(await s.page.getByRole('group', { name: 'Precision at 0.5' }).textContent()).toMatch(/model's own estimate \d/);
    expect(await s.page.getByTestId('review-progress').textContent()).not.toMatch(/from 0 /);
    await s.page.screenshot({ path: `${SHOTS}/aerie-e2e-review.png`, fullPage: true });
  }, 150_000);

  it('hides the scores and the waterfall in blind mode', async () => {
    await s.page.getByTestId('review-blind').check();
    await s.page.getByTestId('review-score').waitFor({ state: 'detached' });
    expect(await s.page.getByTestId('review-waterfall').count()).toBe(0);
    expect(await s.page.getByTestId('figure-precision-at-0-5').count()).toBe(0);
    expect(await s.page.getByTestId('review-field').count()).toBeGreaterThan(3);
    await s.page.getByTestId('review-blind').uncheck();
    await s.page.getByTestId('review-score').waitFor();
  });

  it('skips with S and undoes with U', async () => {
    const first = await itemId();
    const second = await pressFor('s', first);
    expect(second).not.toBe(first);
    const back = await pressFor('u', second);
    expect(back).toBe(first);
  });

  it('labels with the keyboard: N splits a golden record, M labels, Ctrl+Z undoes', async () => {
    // skip to a pair the run put in one entity, then call it not a match
    for (let k = 0; k < 40; k++) {
      if (/one entity now/.test((await s.page.getByTestId('review-score').textContent()) ?? '')) break;
      await pressFor('s', await itemId());
    }
    const pair = await itemId();
    const [a, b] = pair.split('-').map(Number) as [number, number];
    const before = await labelled();
    await pressFor('n', pair);
    const last = (await s.page.getByTestId('review-last').textContent()) ?? '';
    expect(last).toMatch(/not a match — split out as G\d+/);
    split = { a, b, goldenId: /split out as (G\d+)/.exec(last)![1]! };
    await s.page.getByTestId('figure-labelled').filter({ hasText: String(before + 1) }).waitFor();
    // with a label the estimate is the labels' (one labelled pair, so said)
    await s.page.getByTestId('figure-precision-at-0-5').filter({ hasText: /%/ }).waitFor();
    expect(await s.page.getByRole('group', { name: 'Precision at 0.5' }).textContent()).toMatch(/estimated from 1 labelled pair$/);

    const next = await itemId();
    await pressFor('m', next);
    await s.page.getByTestId('figure-labelled').filter({ hasText: String(before + 2) }).waitFor();
    await s.page.keyboard.press('Control+z');
    await s.page.getByTestId('review-last').filter({ hasText: /^Undid match/ }).waitFor();
    await s.page.getByTestId('figure-labelled').filter({ hasText: String(before + 1) }).waitFor();
    expect(await itemId()).toBe(next);
    expect(s.problems).toEqual([]);
  }, 60_000);

  it('keeps the non-match apart through a resolve rerun and a golden rebuild', async () => {
    expect(split).not.toBeNull();
    await runResolve();
    await runJob(api, 'golden.build', {});
    // the records split out keep the new golden record's id: one record of the pair, never both
    const g = await api.call('golden.get', { id: split!.goldenId });
    expect([g.records.includes(split!.a), g.records.includes(split!.b)].filter(Boolean)).toHaveLength(1);
    await api.close();
  }, 120_000);
});
