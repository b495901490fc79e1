// Regenerates the README's screenshots (docs/screenshots/*.png) from a synthetic demo workspace:
// the CLI builds the workspace (demo, profile, resolve, golden, churn model, campaign assignment),
// `aerie serve` opens it and headless Chromium walks the screens at 1280×800. Not part of `npm test`.
// Usage: npm run screenshots [-- name ...]   (names: only those shots; AERIE_CHROMIUM overrides /usr/bin/chromium)
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const OUT = join(REPO, 'docs', 'screenshots');
const CLI = join(REPO, 'dist', 'cli.js');
const CHROMIUM = process.env.AERIE_CHROMIUM ?? '/usr/bin/chromium';
const MAX_BYTES = 250 * 1024; // README images stay small
// Synthetic data only (the demo generator); the passphrase guards a throw-away temp workspace.
const PASSPHRASE = 'screenshots demo passphrase';
const env = { ...process.env, AERIE_PASSPHRASE: PASSPHRASE };

function aerie(...args) {
  return JSON.parse(execFileSync(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 }).toString());
}

function newestMtime(path) {
  const s = statSync(path);
  return s.isDirectory() ? Math.max(s.mtimeMs, ...readdirSync(path).map((e) => newestMtime(join(path, e)))) : s.mtimeMs;
}

/** The same build `npm test` runs, when a source is newer than what dist/ holds (as the e2e harness does). */
function ensureBuilt() {
  const outputs = [CLI, join(REPO, 'dist', 'worker.js'), join(REPO, 'dist', 'renderer', 'index.html')];
  const built = outputs.every(existsSync) ? Math.min(...outputs.map((p) => statSync(p).mtimeMs)) : 0;
  if (built > 0 && ['engine', 'renderer'].every((d) => newestMtime(join(REPO, d)) <= built)) return;
  execFileSync(process.execPath, [join(REPO, 'scripts', 'build.mjs')], { cwd: REPO, stdio: 'inherit' });
}

async function serve(workspace) {
  const child = spawn(process.execPath, [CLI, 'serve', workspace], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err = (err + d).slice(-10_000)));
  const line = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`aerie serve printed no URL within 60 s:\n${err}`)), 60_000);
    createInterface({ input: child.stdout }).once('line', (l) => (clearTimeout(timer), resolve(l)));
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`aerie serve exited (${code}):\n${err}`))));
  });
  return { url: JSON.parse(line).url, stop: () => child.kill('SIGTERM') };
}

// A small customer file for the import wizard's mapping step (made-up people).
const CSV = `Cust ID;First name;Surname;E-mail;Tel;Postcode;Date of birth
C-1001;Alice;Hartley;alice.hartley@example.com;07700 900123;LS1 4AP;19560409
C-1002;Bram;de Vries;bram.devries@example.org;+44 20 7946 0018;N1 9GU;03/11/1971
C-1003;Chloé;Martin;chloe.martin@example.net;0113 496 0655;M4 6WX;1988-02-29
C-1004;Dev;Patel;dev.patel@example.com;07700 900456;B2 5TR;12-JUN-64
`;

async function main() {
  ensureBuilt();
  mkdirSync(OUT, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'aerie-screenshots-'));
  const ws = join(dir, 'demo.aerie');
  const failures = [];
  let host;
  let browser;
  try {
    console.error('Building the demo workspace (CLI)…');
    aerie('demo', ws, '--customers', '2000', '--campaign');
    aerie('profile', ws);
    aerie('resolve', ws);
    aerie('golden', 'build', ws);
    // "No activity" is the definition the demo's events carry best (the default "no order" ranks
    // near chance on 2,000 customers, as the README's churn section says).
    aerie('churn', 'train', ws, '--definition', 'noActivity');
    aerie('churn', 'score', ws);
    const campaign = aerie('experiment', 'list', ws).items[0];
    aerie('experiment', 'assign', ws, String(campaign.id));
    writeFileSync(join(dir, 'customers-export.csv'), CSV);

    host = await serve(ws);
    if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (or set AERIE_CHROMIUM)`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(host.url);
    await page.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Hide jobs' }).click(); // the screens get the width
    // Scrolls a part of the screen to the top of its scrolling pane; scrollIntoView would also move
    // the page and hide the top bar.
    const top = (locator, margin = 16) =>
      locator.evaluate((el, margin) => {
        let pane = el.parentElement;
        while (pane && !(pane.scrollHeight > pane.clientHeight && /auto|scroll/.test(getComputedStyle(pane).overflowY))) pane = pane.parentElement;
        if (pane) pane.scrollTop += el.getBoundingClientRect().top - pane.getBoundingClientRect().top - margin;
      }, margin);
    const go = async (label, heading = label) => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true }).click();
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor({ timeout: 20_000 });
    };

    // Each entry: file name, then the steps that bring the screen to the state shown.
    const shots = [
      ['sources', async () => {
        await go('Sources');
        await page.getByTestId('source-counts').first().waitFor({ timeout: 20_000 });
      }],
      ['import-mapping', async () => {
        await go('Sources');
        const wizard = page.getByRole('region', { name: 'Import a file' });
        await page.getByRole('button', { name: 'Import a file' }).click();
        await wizard.getByRole('button', { name: /^customers-export\.csv / }).click();
        await wizard.getByRole('button', { name: 'Next' }).click();
        await wizard.getByRole('button', { name: 'Preview' }).click();
        await wizard.getByRole('heading', { name: 'Preview' }).waitFor({ timeout: 15_000 });
        await wizard.getByRole('button', { name: 'Next: mapping' }).click();
        const mapping = wizard.getByRole('table', { name: 'Column mapping' });
        await mapping.waitFor();
        await top(mapping, 60); // with the step's heading
      }],
      ['profile', async () => {
        await go('Profile');
        await page.locator('.card, [data-testid^="profile"]').first().waitFor({ timeout: 20_000 });
      }],
      ['data-browser', async () => {
        await go('Data browser');
        const table = page.getByRole('combobox', { name: 'Table' });
        const crm = await table.locator('option', { hasText: 'demo-crm' }).first().getAttribute('value');
        await table.selectOption(crm);
        const grid = page.getByRole('grid').first();
        await grid.getByLabel('Filter TITLE').waitFor({ timeout: 20_000 });
        // A regex filter on the titles, and the towns faceted over the rows it keeps (spelling drift shows).
        await grid.getByLabel('Filter TITLE').fill('/^mrs?$/i');
        await page.getByRole('status').filter({ hasText: /^[\d,]+ rows?,/ }).filter({ hasNotText: '1,200 rows' }).waitFor({ timeout: 15_000 });
        await page.getByRole('combobox', { name: 'Facet column' }).selectOption({ label: 'CITY' });
        await page.getByTestId('facet-panel').getByRole('button').first().waitFor({ timeout: 15_000 });
      }],
      ['search', async () => {
        await go('Search');
        await page.getByRole('combobox', { name: 'Search customers' }).fill('mei smtih');
        await page.getByRole('combobox', { name: 'Search customers' }).press('Enter');
        const options = page.getByRole('listbox', { name: 'Search results' }).getByRole('option');
        await options.first().waitFor({ timeout: 30_000 });
        await options.first().click();
        await page.getByTestId('record-detail').waitFor({ timeout: 15_000 });
      }],
      ['resolve', async () => {
        await go('Resolve');
        await page.getByTestId('resolve-run-meta').waitFor({ timeout: 20_000 });
        await top(page.getByRole('region', { name: 'Results' }));
      }],
      ['golden-records', async () => {
        await go('Golden records');
        await page.getByTestId('golden-min-size').fill('3');
        const row = page.getByTestId('golden-row').first();
        await row.waitFor({ timeout: 20_000 });
        await row.click();
        await page.getByTestId('golden-entity').waitFor({ timeout: 15_000 });
        await top(page.getByTestId('golden-entity'));
      }],
      ['review-desk', async () => {
        await go('Review desk');
        await page.getByTestId('review-item').waitFor({ timeout: 20_000 });
        await page.getByTestId('review-score').waitFor({ timeout: 15_000 });
      }],
      ['models', async () => {
        await go('Models');
        await page.getByRole('table', { name: 'Churn models' }).waitFor({ timeout: 20_000 });
        await page.getByRole('img', { name: /^ROC curve\./ }).waitFor({ timeout: 20_000 });
        await top(page.getByRole('region', { name: 'Metrics' }));
      }],
      ['experiments-roi', async () => {
        await go('Experiments');
        const row = page.getByRole('table', { name: 'Experiments' }).getByRole('row', { name: /Retention campaign/ });
        await row.waitFor({ timeout: 20_000 });
        await row.getByRole('button', { name: 'Results' }).click();
        await page.getByTestId('experiment-results').waitFor({ timeout: 60_000 });
        await page.getByRole('tab', { name: 'ROI' }).click();
        await page.getByTestId('roi-simplePaybackYears').waitFor({ timeout: 20_000 });
      }],
      ['audit', async () => {
        await go('Audit', 'Audit log');
        await page.getByRole('table').first().waitFor({ timeout: 20_000 });
        await page.getByRole('button', { name: 'Verify chain' }).click();
        await page.getByTestId('audit-verify').waitFor({ timeout: 20_000 });
      }],
    ];
    const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
    for (const [name, steps] of shots) {
      if (only.length && !only.includes(name)) continue;
      const path = join(OUT, `${name}.png`);
      try {
        await steps();
        await page.waitForTimeout(300); // charts and transitions settle
        await page.screenshot({ path, type: 'png' });
        const bytes = statSync(path).size;
        if (bytes > MAX_BYTES) failures.push(`${name}.png is ${Math.round(bytes / 1024)} KB (over ${MAX_BYTES / 1024} KB)`);
        console.error(`${name}.png ${Math.round(bytes / 1024)} KB`);
      } catch (e) {
        failures.push(`${name}: ${e.message.split('\n')[0]}`);
        await page.screenshot({ path: join(dir, `${name}-failed.png`) }).catch(() => undefined);
        await page.keyboard.press('Escape').catch(() => undefined);
      }
    }
  } finally {
    await browser?.close().catch(() => undefined);
    host?.stop();
    await new Promise((r) => setTimeout(r, 500));
    if (failures.length === 0) rmSync(dir, { recursive: true, force: true });
  }
  if (failures.length) {
    console.error(`Screenshots that did not come out (state left in ${dir} for a look):\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  console.error(`Screenshots written to ${OUT}`);
}

await main();
