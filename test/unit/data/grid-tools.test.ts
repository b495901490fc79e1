// The data browser's tools through the real engine: the filter syntax (same reading on workspace
// tables in SQL and on source tables in JS), facets, a cross-tab, and exporting what the grid
// shows (filters, sort, visible columns) to CSV and XLSX.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFilter } from '../../../engine/api/data-filter.js';
import type { EngineClient, Filter } from '../../../engine/api/index.js';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { finishJob, resultOf } from '../../helpers/jobs.js';
import { CALLER, PASS, tempDir } from '../../helpers/tmp.js';

const t = tempDir();
let c: EngineClient;
let source = '';

const CSV =
  'ID,Name,Email,Contract,Churn,Balance\n' +
  '1,Ann Smith,ann@example.com,Month-to-month,Yes,3500\n' +
  '2,Bob Jones,,One year,No,120\n' +
  '3,Cy Brown,cy@example.com,Month-to-month,No,4200.5\n' +
  '4,Di Lee,di@example.com,Two year,No,\n' +
  '5,Ed Adams,   ,Month-to-month,Yes,150\n' +
  '6,alan Ames,al@example.com,One year,Yes,99\n';

beforeAll(async () => {
  c = startInProcessEngine({ roots: [t.dir] }, CALLER).client;
  await c.call('workspace.create', { path: join(t.dir, 'grid.aerie'), passphrase: PASS });
  const path = join(t.dir, 'telco.csv');
  writeFileSync(path, CSV);
  const j = await finishJob(c, (await c.call('ingest.start', { path, source: 'telco', mapping: { ID: 'source_key', Name: 'full_name', Email: 'email', Contract: null, Churn: null, Balance: null } })).jobId);
  resultOf(j, 'ingest.import');
  source = (await c.call('data.tables', {})).find((x) => x.label.startsWith('telco'))!.name;
});
afterAll(async () => {
  await c.close();
  t.cleanup();
});

const col = async (table: string, label: string) => (await c.call('data.tables', {})).find((x) => x.name === table)!.columns.find((x) => x.label === label)!.name;
async function ids(table: string, filters: Filter[]): Promise<unknown[]> {
  const p = await c.call('data.page', { table, offset: 0, limit: 100, filters });
  const k = p.columns.findIndex((x) => x.name === (table === 'records' ? 'source_key' : p.columns[1]!.name));
  return p.rows.map((r) => r[k]);
}

describe('filter syntax', () => {
  it('parses each form, and says what to write when it does not parse', () => {
    expect(parseFilter('>3000')).toEqual({ ok: true, expr: { kind: 'compare', op: '>', value: 3000 } });
    expect(parseFilter('100..200')).toEqual({ ok: true, expr: { kind: 'range', lo: 100, hi: 200 } });
    expect(parseFilter('..2024-01-31')).toEqual({ ok: true, expr: { kind: 'range', lo: null, hi: '2024-01-31' } });
    expect(parseFilter('not blank')).toEqual({ ok: true, expr: { kind: 'blank', not: true } });
    expect(parseFilter('/^sm[iy]th$/i')).toEqual({ ok: true, expr: { kind: 'regex', source: '^sm[iy]th$', flags: 'i' } });
    expect(parseFilter('"blank"')).toEqual({ ok: true, expr: { kind: 'contains', text: 'blank' } });
    expect(parseFilter('j..smith')).toEqual({ ok: true, expr: { kind: 'contains', text: 'j..smith' } });
    expect(parseFilter('=Yes')).toEqual({ ok: true, expr: { kind: 'equals', text: 'Yes' } });
    const bad = ['>abc', '/[a-/', '/x/g', '10..abc', '..'];
    for (const b of bad) expect(parseFilter(b).ok, b).toBe(false);
    expect(parseFilter('>abc')).toMatchObject({ message: expect.stringMatching(/needs a number or an ISO date/) });
    expect(parseFilter('/[a-/')).toMatchObject({ message: expect.stringMatching(/^Not a valid regular expression/) });
  });

  it('filters a source table (every column, in JS) and a workspace table (in SQL) alike', async () => {
    const balance = await col(source, 'Balance');
    const email = await col(source, 'Email');
    const name = await col(source, 'Name');
    const m = (column: string, value: string): Filter => ({ column, op: 'match', value });
    expect(await ids(source, [m(balance, '>3000')])).toEqual(['1', '3']);
    expect(await ids(source, [m(balance, '100..200')])).toEqual(['2', '5']);
    expect(await ids(source, [m(balance, 'blank')])).toEqual(['4']);
    expect(await ids(source, [m(email, 'blank')])).toEqual(['2', '5']);
    expect(await ids(source, [m(name, '/^a/i')])).toEqual(['1', '6']);
    expect(await ids(source, [m(name, '/^a/')])).toEqual(['6']);
    expect(await ids(source, [m(name, 'smith')])).toEqual(['1']);
    // the workspace table reads the same filters in SQL
    expect(await ids('records', [m('email', 'blank')])).toEqual(['2', '5']);
    expect(await ids('records', [m('email', 'not blank'), m('given_name', '/^a/i')])).toEqual(['1', '6']);
    expect(await ids('records', [m('row_no', '2..3')])).toEqual(['2', '3']);
    expect(await ids('records', [m('row_no', '>4')])).toEqual(['5', '6']);
    expect(await ids('records', [m('source_id', '=telco'), m('family_name', '=Lee')])).toEqual(['4']);
  });

  it('refuses a filter that does not parse, naming the column', async () => {
    await expect(c.call('data.page', { table: 'records', offset: 0, limit: 5, filters: [{ column: 'email', op: 'match', value: '>abc' }] })).rejects.toThrow(/email.*needs a number/);
  });
});

describe('facets and cross-tab', () => {
  it('counts top values, blanks and a numeric range over the filtered rows', async () => {
    const contract = await col(source, 'Contract');
    const balance = await col(source, 'Balance');
    const f = await c.call('data.facet', { table: source, column: contract, filters: [] });
    expect(f).toMatchObject({ rows: 6, blanks: 0, distinct: 3, numeric: null });
    expect(f.values).toEqual([
      { value: 'Month-to-month', count: 3 },
      { value: 'One year', count: 2 },
      { value: 'Two year', count: 1 },
    ]);
    const churned = await c.call('data.facet', { table: source, column: contract, filters: [{ column: await col(source, 'Churn'), op: 'match', value: '=Yes' }] });
    expect(churned.values).toEqual([
      { value: 'Month-to-month', count: 2 },
      { value: 'One year', count: 1 },
    ]);
    const b = await c.call('data.facet', { table: source, column: balance, filters: [] });
    expect(b).toMatchObject({ rows: 6, blanks: 1, numeric: { count: 5, min: 99, max: 4200.5 } });
    expect(b.numeric!.bins.reduce((s, x) => s + x.count, 0)).toBe(5);
    const e = await c.call('data.facet', { table: 'records', column: 'email', filters: [] });
    expect(e).toMatchObject({ rows: 6, blanks: 2, distinct: 4 });
  });

  it('cross-tabulates two columns with totals (Churn by Contract)', async () => {
    const x = await c.call('data.crosstab', { table: source, rows: await col(source, 'Contract'), cols: await col(source, 'Churn') });
    expect(x.rowValues).toEqual(['Month-to-month', 'One year', 'Two year']);
    expect(x.colValues).toEqual(['No', 'Yes']);
    expect(x.counts).toEqual([
      [1, 2],
      [1, 1],
      [1, 0],
    ]);
    expect(x).toMatchObject({ rowTotals: [3, 2, 1], colTotals: [3, 3], total: 6 });
    const top = await c.call('data.crosstab', { table: source, rows: await col(source, 'Contract'), cols: await col(source, 'Churn'), top: 2 });
    expect(top.rowValues).toEqual(['Month-to-month', '(other)']);
    expect(top.counts).toEqual([
      [1, 2],
      [2, 1],
    ]);
  });
});

describe('export what the grid shows', () => {
  it('writes the filtered, sorted rows and only the visible columns, to CSV and XLSX', async () => {
    const [name, balance, churn] = [await col(source, 'Name'), await col(source, 'Balance'), await col(source, 'Churn')];
    const req = { table: source, filters: [{ column: churn, op: 'match' as const, value: '=Yes' }], sort: { column: balance, dir: 'desc' as const }, columns: [name, balance] };
    const csv = await c.call('data.export', { ...req, path: join(t.dir, 'grid.csv') });
    expect(csv).toMatchObject({ rows: 3, columns: 2 });
    expect(readFileSync(csv.path, 'utf8')).toBe('\ufeffName,Balance\r\nAnn Smith,3500\r\nEd Adams,150\r\nalan Ames,99\r\n');
    const x = await c.call('data.export', { ...req, format: 'xlsx', path: join(t.dir, 'grid.xlsx') });
    expect(x).toMatchObject({ rows: 3, columns: 2 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(x.path);
    const rows = wb.worksheets[0]!.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    expect(rows).toEqual([
      ['Name', 'Balance'],
      ['Ann Smith', '3500'],
      ['Ed Adams', '150'],
      ['alan Ames', '99'],
    ]);
    await expect(c.call('data.export', { ...req, columns: ['nope'], path: join(t.dir, 'bad.csv') })).rejects.toThrow(/no column nope/);
  });

  it('writes listed rows in the order given (search results), whatever the sort', async () => {
    const page = await c.call('data.page', { table: 'records', offset: 0, limit: 10 });
    const id = page.columns.findIndex((x) => x.name === 'id');
    const [a, b] = [page.rows[4]![id] as number, page.rows[1]![id] as number];
    const out = await c.call('data.export', { table: 'records', ids: [a, b, 999_999], columns: ['source_key', 'email'], path: join(t.dir, 'search.csv') });
    expect(out.rows).toBe(2);
    expect(readFileSync(out.path, 'utf8')).toBe('\ufeffSource key,Email\r\n5,\r\n2,\r\n');
  });
});
