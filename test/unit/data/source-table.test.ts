// Every imported column is first-class in the data browser and exports (issue 15): a source's own
// table has every column its file had, filterable and sortable through data.page, records show
// their source by name, and data.export writes what the grid shows with every column.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineClient } from '../../../engine/api/index.js';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { finishJob } from '../../helpers/jobs.js';
import { CALLER, PASS, tempDir } from '../../helpers/tmp.js';

const t = tempDir('aerie-source-table-');
let c: EngineClient;
const HEAD = 'customerID,gender,SeniorCitizen,tenure,PhoneService,Contract,MonthlyCharges,TotalCharges,Churn';
const CONTRACTS = ['Month-to-month', 'One year', 'Two year'];
const rows = Array.from({ length: 30 }, (_, i) =>
  [`${7000 + i}-XYZ`, i % 2 ? 'Male' : 'Female', i % 5 ? '0' : '1', String((i * 7) % 72), i % 3 ? 'Yes' : 'No', CONTRACTS[i % 3], (19.5 + i).toFixed(2), i % 10 === 0 ? ' ' : (50 + i * 40).toFixed(2), i % 4 ? 'No' : 'Yes'].join(','),
);
let table: string;

beforeAll(async () => {
  c = startInProcessEngine({ roots: [t.dir] }, CALLER).client;
  await c.call('workspace.create', { path: join(t.dir, 'w.aerie'), passphrase: PASS });
  const snap = join(t.dir, 'snapshot.csv');
  writeFileSync(snap, `${HEAD}\n${rows.join('\n')}\n`);
  const crm = join(t.dir, 'crm.csv');
  writeFileSync(crm, 'ID,NAME,EMAIL\n1,Ann,ann@example.com\n2,Bob,=cmd\n');
  for (const [path, source, mapping] of [
    [snap, 'churn snapshot', { customerID: 'source_key', gender: null, SeniorCitizen: null, tenure: null, PhoneService: null, Contract: null, MonthlyCharges: null, TotalCharges: null, Churn: null }],
    [crm, 'crm', undefined],
  ] as const) {
    const j = await finishJob(c, (await c.call('ingest.start', { path, source, ...(mapping ? { mapping } : {}) })).jobId);
    expect(j.state, j.error?.message).toBe('succeeded');
  }
  table = (await c.call('data.tables', {})).find((x) => x.label.startsWith('churn snapshot'))!.name;
});
afterAll(async () => {
  await c.close();
  t.cleanup();
});

const colOf = (page: { columns: { name: string; label: string }[] }, label: string) => page.columns.findIndex((x) => x.label === label);

describe('a source as a table of its own columns', () => {
  it('lists each source with every column its file had', async () => {
    const tables = await c.call('data.tables', {});
    const snap = tables.find((x) => x.name === table)!;
    expect(snap.rowCount).toBe(30);
    expect(snap.columns.map((x) => x.label)).toEqual(['Record', ...HEAD.split(','), 'Import', 'Row']);
    expect(tables.some((x) => x.label.startsWith('crm'))).toBe(true);
  });

  it('pages through every value verbatim, in file order', async () => {
    const page = await c.call('data.page', { table, offset: 10, limit: 5 });
    expect(page.total).toBe(30);
    const cells = page.rows.map((r) => r.slice(1, 10).join(','));
    expect(cells).toEqual(rows.slice(10, 15));
  });

  it('filters on an unmapped column (Contract equals / contains) and sorts numbers as numbers', async () => {
    const contract = (await c.call('data.page', { table, offset: 0, limit: 1 })).columns.find((x) => x.label === 'Contract')!.name;
    const eq = await c.call('data.page', { table, offset: 0, limit: 100, filters: [{ column: contract, op: 'equals', value: 'Month-to-month' }] });
    expect(eq.total).toBe(10);
    expect(eq.rows.every((r) => r[colOf(eq, 'Contract')] === 'Month-to-month')).toBe(true);
    const like = await c.call('data.page', { table, offset: 0, limit: 100, filters: [{ column: contract, op: 'contains', value: 'YEAR' }] });
    expect(like.total).toBe(20);
    const tenure = eq.columns.find((x) => x.label === 'tenure')!.name;
    const sorted = await c.call('data.page', { table, offset: 0, limit: 100, sort: { column: tenure, dir: 'desc' } });
    const values = sorted.rows.map((r) => Number(r[colOf(sorted, 'tenure')]));
    expect(values).toEqual([...values].sort((a, b) => b - a));
    await expect(c.call('data.page', { table, offset: 0, limit: 5, filters: [{ column: 'nope', op: 'equals', value: 'x' }] })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('sees rows a later import adds to the source (cached filters and decoded columns are dropped)', async () => {
    const contract = (await c.call('data.page', { table, offset: 0, limit: 1 })).columns.find((x) => x.label === 'Contract')!.name;
    const filters = [{ column: contract, op: 'contains' as const, value: 'month' }];
    expect((await c.call('data.page', { table, offset: 0, limit: 5, filters })).total).toBe(10);
    const more = join(t.dir, 'snapshot-2.csv');
    writeFileSync(more, `${HEAD}\n9999-NEW,Female,0,1,Yes,Month-to-month,70.00,70.00,Yes\n`);
    const j = await finishJob(c, (await c.call('ingest.start', { path: more, source: 'churn snapshot' })).jobId);
    expect(j.state, j.error?.message).toBe('succeeded');
    const after = await c.call('data.page', { table, offset: 0, limit: 20, filters });
    expect(after.total).toBe(11);
    expect(after.rows.at(-1)![1]).toBe('9999-NEW');
  });

  it('shows and filters records by source name, not number', async () => {
    const page = await c.call('data.page', { table: 'records', offset: 0, limit: 100, filters: [{ column: 'source_id', op: 'contains', value: 'snapshot' }] });
    expect(page.total).toBe(31); // 30 + the one the previous test added
    expect(new Set(page.rows.map((r) => r[colOf(page, 'Source')]))).toEqual(new Set(['churn snapshot']));
  });

  it('exports a filtered source table with every column, formula-like cells neutralised', async () => {
    const first = await c.call('data.page', { table, offset: 0, limit: 1 });
    const contract = first.columns.find((x) => x.label === 'Contract')!.name;
    const out = join(t.dir, 'two-year.csv');
    const r = await c.call('data.export', { table, filters: [{ column: contract, op: 'equals', value: 'Two year' }], path: out });
    expect(r).toMatchObject({ rows: 10, columns: 12 });
    const lines = readFileSync(out, 'utf8').replace(/^\ufeff/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe(`Record,${HEAD},Import,Row`);
    expect(lines.slice(1).map((l) => l.split(',').slice(1, 10).join(','))).toEqual(rows.filter((_, i) => i % 3 === 2));
    const crm = (await c.call('data.tables', {})).find((x) => x.label.startsWith('crm'))!.name;
    const crmOut = join(t.dir, 'crm-out.csv');
    await c.call('data.export', { table: crm, path: crmOut });
    expect(readFileSync(crmOut, 'utf8')).toContain(",'=cmd,");
    await expect(c.call('data.export', { table, path: out })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
