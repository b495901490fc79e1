// Dates through the real engine (encrypted workspace, import job, profile job): dates of birth
// stored as ISO whatever the file wrote, the original kept; Excel serials in a date column; the
// analyst's per-column date format and default phone country saved with the workspace and used
// by profiling and by the next import.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineClient } from '../../../engine/api/index.js';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { finishJob, resultOf } from '../../helpers/jobs.js';
import { CALLER, PASS, tempDir } from '../../helpers/tmp.js';

const t = tempDir();
let c: EngineClient;

beforeAll(async () => {
  c = startInProcessEngine({ roots: [t.dir] }, CALLER).client;
  await c.call('workspace.create', { path: join(t.dir, 'dates.aerie'), passphrase: PASS });
});
afterAll(async () => {
  await c.close();
  t.cleanup();
});

async function importCsv(name: string, csv: string, mapping: Record<string, string | null>): Promise<number> {
  const path = join(t.dir, `${name}.csv`);
  writeFileSync(path, csv);
  const j = await finishJob(c, (await c.call('ingest.start', { path, source: name, mapping, allowDuplicate: true })).jobId);
  return resultOf(j, 'ingest.import').importId;
}

async function dobs(importId: number): Promise<(string | number | null)[]> {
  const page = await c.call('data.page', { table: 'records', offset: 0, limit: 50, filters: [{ column: 'import_id', op: 'equals', value: String(importId) }] });
  const col = page.columns.findIndex((x) => x.name === 'date_of_birth');
  return page.rows.map((r) => r[col] ?? null);
}

async function profileColumn(name: string, defaultCountry?: string) {
  const j = await finishJob(c, (await c.call('profile.run', { scope: { kind: 'workspace' }, ...(defaultCountry ? { defaultCountry } : {}) })).jobId);
  expect(j.state, j.error?.message).toBe('succeeded');
  const r = (await c.call('profile.get', { scope: { kind: 'workspace' } }))!;
  return { report: r, column: r.columns.find((x) => x.name === name)! };
}

describe('dates of birth at import', () => {
  it('are stored as ISO (DD/MM/YYYY, YYYYMMDD with a space, DD-MON-YY), the original value kept', async () => {
    const id = await importCsv('dmy', 'ID,DOB\n1,25/12/1980\n2,03/04/1975\n3, 19560409\n4,12-MAR-85\n5,not known\n6,\n', { ID: 'source_key', DOB: 'date_of_birth' });
    expect(await dobs(id)).toEqual(['1980-12-25', '1975-04-03', '1956-04-09', '1985-03-12', 'not known', null]);
    const first = (await c.call('data.page', { table: 'records', offset: 0, limit: 1, filters: [{ column: 'import_id', op: 'equals', value: String(id) }] })).rows[0]![0] as number;
    const orig = await c.call('data.original', { table: 'records', id: first });
    expect(orig.columns.find((x) => x.name === 'DOB')!.value).toBe('25/12/1980');
  });

  it('keep a day/month-ambiguous value as written when nothing settles the order, and follow the saved override', async () => {
    const csv = 'ID,BIRTH\n1,03/04/1975\n2,05/06/1980\n';
    const a = await importCsv('ambiguous', csv, { ID: 'source_key', BIRTH: 'date_of_birth' });
    expect(await dobs(a)).toEqual(['03/04/1975', '05/06/1980']);
    await c.call('profile.setSettings', { dateFormat: { column: 'BIRTH', format: 'MDY' } });
    const b = await importCsv('ambiguous2', csv, { ID: 'source_key', BIRTH: 'date_of_birth' });
    expect(await dobs(b)).toEqual(['1975-03-04', '1980-05-06']);
  });

  it('read Excel serial numbers in a date of birth column', async () => {
    const id = await importCsv('excel', 'ID,DOB_SERIAL\n1,25569\n2,31145\n3,29000\n', { ID: 'source_key', DOB_SERIAL: 'date_of_birth' });
    expect(await dobs(id)).toEqual(['1970-01-01', '1985-04-08', '1979-05-25']);
  });
});

describe('profile date formats and settings', () => {
  it('show the detected format, read Excel serials under a date header only, and apply the saved override', async () => {
    await importCsv('serials', 'ID,SignupDate,Balance\n1,45292,45292\n2,45300,45300\n3,45301,45301\n', { ID: 'source_key', SignupDate: null, Balance: null });
    let p = await profileColumn('SignupDate');
    expect(p.column.inferredType).toBe('date');
    expect(p.column.dates).toMatchObject({ detected: 'Excel serial', min: '2024-01-01', max: '2024-01-10', override: null });
    expect(p.report.columns.find((x) => x.name === 'Balance')!.inferredType).toBe('integer');

    const dmy = p.report.columns.find((x) => x.name === 'DOB')!;
    expect(dmy.dates).toMatchObject({ detected: 'DD/MM/YYYY', orderSettled: true });

    const s = await c.call('profile.setSettings', { dateFormat: { column: 'SignupDate', format: 'NONE' } });
    expect(s.dateFormats).toMatchObject({ SignupDate: 'NONE', BIRTH: 'MDY' });
    p = await profileColumn('SignupDate');
    expect(p.column.dates).toBeNull();
    expect(p.column.inferredType).toBe('integer');
    const birth = p.report.columns.find((x) => x.name === 'BIRTH')!;
    expect(birth.dates).toMatchObject({ order: 'MDY', override: 'MDY', orderSettled: true });
    await c.call('profile.setSettings', { dateFormat: { column: 'SignupDate', format: null } });
    expect((await c.call('profile.settings', {})).dateFormats.SignupDate).toBeUndefined();
  });

  it('reports a column whose day/month order nothing settles', async () => {
    await c.call('profile.setSettings', { dateFormat: { column: 'BIRTH', format: null } });
    const p = await profileColumn('BIRTH');
    expect(p.column.dates).toMatchObject({ ambiguous: 2, orderSettled: false, override: null });
  });

  it('saves the default phone country with the workspace and profiles with it', async () => {
    expect((await c.call('profile.settings', {})).defaultCountry).toBe('GB');
    await c.call('profile.setSettings', { defaultCountry: 'us' });
    expect((await c.call('profile.settings', {})).defaultCountry).toBe('US');
    expect((await profileColumn('ID')).report.defaultCountry).toBe('US');
    expect((await profileColumn('ID', 'DE')).report.defaultCountry).toBe('DE');
  });
});
