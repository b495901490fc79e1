// E2E (loopback host + Chromium): FEBRL-style address parts (street_number, address_1, address_2)
// all feed the address line. The wizard says how they combine, with an example, and lets the
// import start (before: "only one column can feed an attribute" disabled Start import).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserSession } from './harness.js';

const s = browserSession('e2e-several-columns');
const wizard = () => s.page.getByRole('region', { name: 'Import a file' });

describe('several columns feeding one attribute (web)', () => {
  it('joins street number and address parts into the address line', async () => {
    writeFileSync(
      join(s.host.root, 'febrl-like.csv'),
      'rec_id, given_name, surname, street_number, address_1, address_2, suburb\n' +
        'rec-1-org, ann, kluske, 12, hawkesbury crescent, trito n units, oakhurst\n' +
        'rec-2-org, bob, smith, , main road, , leeds\n',
    );
    await s.page.getByRole('link', { name: 'Sources' }).click();
    await s.page.getByRole('button', { name: 'Import a file' }).click();
    await wizard().getByRole('button', { name: /^febrl-like\.csv / }).click();
    await wizard().getByRole('button', { name: 'Next' }).click();
    await wizard().getByRole('button', { name: 'Preview' }).click();
    await wizard().getByRole('heading', { name: 'Preview' }).waitFor({ timeout: 15_000 });
    await wizard().getByRole('button', { name: 'Next: mapping' }).click();
    const mapping = wizard().getByRole('table', { name: 'Column mapping' });
    await mapping.waitFor();
    for (const c of ['street_number', 'address_1', 'address_2']) await mapping.getByLabel(`Attribute for ${c}`).selectOption('address_line');

    const note = wizard().getByRole('list', { name: 'Attributes fed by several columns' });
    await expect(note.textContent()).resolves.toContain('Address line is fed by street_number, address_1, address_2: joined in file order — e.g. 12 hawkesbury crescent, trito n units');
    const start = wizard().getByRole('button', { name: 'Start import' });
    await expect(start.isEnabled()).resolves.toBe(true);
    await start.click();
    await wizard().getByRole('heading', { name: /^Imported / }).waitFor({ timeout: 30_000 });
    await expect(wizard().getByTestId('figure-rows-imported').textContent()).resolves.toBe('2');
    await wizard().getByRole('button', { name: 'Done' }).click();

    await s.page.getByRole('link', { name: 'Data browser' }).click();
    const grid = s.page.getByRole('grid', { name: 'Customer records' });
    await grid.getByText('12 hawkesbury crescent, trito n units', { exact: true }).waitFor({ timeout: 20_000 });
    await grid.getByText('main road', { exact: true }).waitFor({ timeout: 20_000 });
    expect(s.problems).toEqual([]);
  });
});
