// E2E (loopback host + Chromium): a generated fake_1000.csv (test/helpers/labelled-people.ts) imported through the wizard and resolved, then the
// Model view (m/u and match-weight charts per comparison, with their numbers), evaluation against
// the source's `cluster` column and against a pairs file, the precision–recall curve with the run's
// threshold marked, a changed threshold whose figures change before any re-run, and a re-run at it.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeLabelledPeople } from '../helpers/labelled-people.js';
import { browserSession } from './harness.js';

const SHOTS = process.env.AERIE_E2E_SHOTS ?? '/tmp';

const s = browserSession('e2e-resolve-eval');
beforeAll(() => {
  writeLabelledPeople(s.host.root);
});

const pctOf = (t: string | null) => Number((t ?? '').replace('%', '').trim());
const int = (t: string | null) => Number((t ?? '').replace(/,/g, '').trim());
const evaluation = () => s.page.getByRole('region', { name: 'Evaluation' });
const chooser = () => evaluation().getByRole('group', { name: 'Threshold chooser' });
const figure = (id: string) => chooser().getByTestId(id).textContent();

describe('resolve model and evaluation (web)', () => {
  it('imports fake_1000.csv and resolves it', async () => {
    const page = s.page;
    await page.getByRole('link', { name: 'Sources' }).click();
    await page.getByRole('button', { name: 'Import a file' }).click();
    const wizard = page.getByRole('region', { name: 'Import a file' });
    await wizard.getByRole('button', { name: /^fake_1000\.csv / }).click();
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByRole('button', { name: 'Preview' }).click();
    await wizard.getByRole('heading', { name: 'Preview' }).waitFor({ timeout: 15_000 });
    await wizard.getByRole('button', { name: 'Next: mapping' }).click();
    await wizard.getByRole('table', { name: 'Column mapping' }).waitFor();
    await wizard.getByRole('button', { name: 'Start import' }).click();
    await wizard.getByRole('heading', { name: /^Imported / }).waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: 'Resolve' }).click();
    await page.getByRole('table', { name: 'Column roles' }).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Run resolution' }).click();
    await page.getByTestId('resolve-run-meta').filter({ hasText: 'threshold 0.5' }).waitFor({ timeout: 60_000 });
  });

  it('opens the Model view: m and u bars and match weights per comparison level, with the numbers', async () => {
    await s.page.getByRole('tab', { name: 'Model' }).click();
    const model = s.page.getByRole('region', { name: 'Model' });
    const comps = model.getByTestId('model-comparison');
    await comps.first().waitFor({ timeout: 10_000 });
    expect(await comps.count()).toBeGreaterThan(2);
    const first = comps.first();
    const name = ((await first.locator('h3').textContent()) ?? '').split(' · ')[0]!;
    const mu = first.getByRole('img', { name: new RegExp(`^${name}: m and u per level\\.`) });
    const weights = first.getByRole('img', { name: new RegExp(`^${name}: match weight per level \\(bits\\)\\.`) });
    const rows = first.getByRole('table', { name: `Levels of ${name}` }).locator('tbody tr');
    const levels = await rows.count();
    expect(levels).toBeGreaterThan(1);
    // two bars (m, u) per level, one weight bar per level
    await expect(mu.locator('rect').count()).resolves.toBe(2 * levels);
    await expect(weights.locator('rect').count()).resolves.toBe(levels);
    // the table's weight is log2(m/u) of its m and u
    const cells = (await rows.first().locator('td').allTextContents()).map((x) => x.trim());
    const [m, u, w] = cells.slice(1).map((x) => Number(x.replace('\u2212', '-')));
    expect(w).toBeCloseTo(Math.log2(m! / u!), 1);
    await expect(model.getByTestId('figure-threshold').textContent()).resolves.toBe('0.5');
    await first.screenshot({ path: `${SHOTS}/aerie-e2e-resolve-model.png` });
  });

  it('evaluates against the cluster column: figures, the PR curve with the run threshold marked', async () => {
    await s.page.getByRole('tab', { name: 'Evaluation' }).click();
    await expect(evaluation().getByLabel('Label column').inputValue()).resolves.toBe(JSON.stringify(['fake_1000', 'cluster']));
    await evaluation().getByRole('button', { name: 'Evaluate' }).click();
    const curve = evaluation().getByRole('img', { name: /^Precision–recall curve\./ });
    await curve.waitFor({ timeout: 20_000 });
    await expect(curve.getAttribute('aria-label')).resolves.toMatch(/Run threshold \(threshold 0\.5\): precision [\d.]+%, recall [\d.]+%/);
    expect(await curve.locator('path').count()).toBe(1);
    await expect(curve.locator('circle[data-threshold="0.5"]').count()).resolves.toBe(2); // run and chosen, the same at first
    const f1 = pctOf(await evaluation().getByTestId('figure-pairwise-f1').textContent());
    expect(f1).toBeGreaterThan(50);
    expect(pctOf(await figure('figure-f1'))).toBe(f1);
    await expect(evaluation().getByTestId('figure-true-pairs').textContent()).resolves.toMatch(/^[\d,]+$/);
    // calibration from the labels: the fit and a row per band of model probability
    const cal = evaluation().getByRole('group', { name: 'Calibration' });
    await expect(cal.getByTestId('calibration-fit').textContent()).resolves.toMatch(/calibrated probability = σ\([\d.]+ × weight [+−] [\d.]+\)/);
    expect(await cal.getByRole('table', { name: 'Calibration by band' }).locator('tbody tr').count()).toBeGreaterThan(1);
    await curve.screenshot({ path: `${SHOTS}/aerie-e2e-resolve-pr-curve.png` });
    await cal.screenshot({ path: `${SHOTS}/aerie-e2e-resolve-calibration.png` });
  });

  it('changes the threshold: precision, recall, matches and entities change before any re-run', async () => {
    const before = { p: pctOf(await figure('figure-precision')), r: pctOf(await figure('figure-recall')), m: int(await figure('figure-matches')), e: int(await figure('figure-entities')) };
    await chooser().getByLabel('Threshold to try (number)').fill('0.05');
    await chooser().getByRole('button', { name: 'Re-run at 0.05' }).waitFor();
    const low = { p: pctOf(await figure('figure-precision')), r: pctOf(await figure('figure-recall')), m: int(await figure('figure-matches')), e: int(await figure('figure-entities')) };
    expect(low.m).toBeGreaterThan(before.m);
    expect(low.e).toBeLessThan(before.e);
    expect(low.r).toBeGreaterThanOrEqual(before.r);
    expect(low.p).toBeLessThanOrEqual(before.p);
    const curve = evaluation().getByRole('img', { name: /^Precision–recall curve\./ });
    await expect(curve.getAttribute('aria-label')).resolves.toMatch(/Chosen threshold \(threshold 0\.05\)/);
    await s.page.screenshot({ path: `${SHOTS}/aerie-e2e-resolve-evaluation.png`, fullPage: true });
    // re-run at it: the run's threshold becomes 0.05 and its matches are the ones shown
    await chooser().getByRole('button', { name: 'Re-run at 0.05' }).click();
    await s.page.getByTestId('resolve-run-meta').filter({ hasText: 'threshold 0.05' }).waitFor({ timeout: 60_000 });
    await expect(s.page.getByRole('region', { name: 'Results' }).getByTestId('figure-matches').textContent()).resolves.toBe(low.m.toLocaleString('en'));
  });

  it('evaluates against a pairs file with the same truth', async () => {
    const truePairs = await evaluation().getByTestId('figure-true-pairs').textContent();
    await evaluation().getByLabel('A file of labelled pairs (CSV)').check();
    await evaluation().getByLabel('Pairs file').fill(join(s.host.root, 'fake_1000_labels.csv'));
    await evaluation().getByRole('button', { name: 'Evaluate' }).click();
    await evaluation().getByTestId('figure-b-cubed-f1').waitFor({ state: 'detached', timeout: 20_000 });
    await expect(evaluation().getByTestId('figure-true-pairs').textContent()).resolves.toBe(truePairs);
    expect(s.problems).toEqual([]);
  });
});
