// E2E (loopback host + Chromium): the preview has the read settings its advice talks about, and
// shows the rows the import would reject. A banner line above the header is skipped by setting
// "Rows to skip", the file is read again, and the import uses the same settings.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserSession } from './harness.js';

const s = browserSession('e2e-read-settings');
const wizard = () => s.page.getByRole('region', { name: 'Import a file' });

async function preview(name: string): Promise<void> {
  await s.page.getByRole('link', { name: 'Sources' }).click();
  await s.page.getByRole('button', { name: 'Import a file' }).click();
  await wizard().getByRole('button', { name: new RegExp(`^${name.replace('.', '\\.')} `) }).click();
  await wizard().getByRole('button', { name: 'Next' }).click();
  await wizard().getByRole('button', { name: 'Preview' }).click();
  await wizard().getByRole('heading', { name: 'Preview' }).waitFor({ timeout: 15_000 });
}

describe('read settings and would-be rejects in the preview (web)', () => {
  it('shows a ragged file\'s bad rows with their reasons', async () => {
    writeFileSync(join(s.host.root, 'ragged.csv'), 'id,name,city\n1,Ann,Leeds\n2,Bob\n3,Cy,York\n');
    await preview('ragged.csv');
    const rejects = wizard().getByRole('table', { name: 'Would-be rejects' });
    await expect(rejects.getByRole('row').count()).resolves.toBe(2); // header + one reject
    await expect(rejects.textContent()).resolves.toContain('expected 3 fields, found 2');
    await wizard().getByRole('button', { name: 'Close the import wizard' }).click();
  });

  it('skips a banner above the header when asked, and imports with that setting', async () => {
    writeFileSync(join(s.host.root, 'banner.csv'), 'Customer report;generated 2024-01-01;;;\nid;given;family;email;city\n1;Ann;Lee;ann@example.com;Leeds\n2;Bob;Ray;bob@example.com;York\n');
    await preview('banner.csv');
    const sample = wizard().getByRole('table', { name: 'First rows of the file' });
    await expect(sample.getByRole('columnheader', { name: 'email' }).count()).resolves.toBe(0);
    const form = wizard().getByRole('form', { name: 'How the file is read' });
    await form.getByLabel('Rows to skip above the header').fill('1');
    await form.getByLabel('First row holds column names').selectOption('yes');
    await form.getByRole('button', { name: 'Read the file again' }).click();
    await sample.getByRole('columnheader', { name: 'email' }).waitFor({ timeout: 15_000 });
    await expect(wizard().getByTestId('preview-rejects-none').textContent()).resolves.toContain('No problem rows in the first 2 rows');
    await wizard().getByRole('button', { name: 'Next: mapping' }).click();
    await wizard().getByRole('table', { name: 'Column mapping' }).waitFor();
    await wizard().getByRole('button', { name: 'Start import' }).click();
    await wizard().getByRole('heading', { name: /^Imported / }).waitFor({ timeout: 30_000 });
    await expect(wizard().getByTestId('figure-rows-imported').textContent()).resolves.toBe('2');
    await expect(wizard().getByTestId('figure-rows-rejected').textContent()).resolves.toBe('0');
    expect(s.problems).toEqual([]);
  });
});
