// Per-column types the analyst sets (a zip code inferred as integer → text, Y/N → boolean,
// "1,234" text → decimal): profiling follows them, values that do not fit are counted and shown,
// never dropped, and the data browser's numeric range facet appears only for numeric types.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnType } from '../../../engine/api/profile-types.js';
import type { EngineClient } from '../../../engine/api/index.js';
import { facetOf } from '../../../engine/data/facet.js';
import { ColumnProfiler } from '../../../engine/profile/column.js';
import { PhoneValidator } from '../../../engine/standardize/phone-validator.js';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { aerie } from '../../helpers/cli.js';
import { finishJob } from '../../helpers/jobs.js';
import { CALLER, PASS, tempDir } from '../../helpers/tmp.js';

function profile(name: string, values: string[], typeOverride?: ColumnType, exactLimit = 1000) {
  const p = new ColumnProfiler({ name, position: 1, feeds: [], declared: true, phones: new PhoneValidator('GB'), monthFirst: false, typeOverride, exactLimit, topN: 5 });
  for (const v of values) p.add(v);
  return p.finish(values.length);
}

describe('a column profiled with the type the analyst set', () => {
  const zips = ['02134', '10001', '94103', '60601', '02134', '30301', '98101', '73301', '00501', '10001'];

  it.each([1000, 2])('a zip code inferred as integer, set to text: no numeric summary, every value kept (exact limit %i)', (limit) => {
    const inferred = profile('zip', zips, undefined, limit);
    expect(inferred.inferredType).toBe('integer');
    expect(inferred.numeric).not.toBeNull();
    const c = profile('zip', zips, 'text', limit);
    expect(c.inferredType).toBe('integer'); // what Aerie read is still shown beside the analyst's type
    expect(c.numeric).toBeNull();
    expect(c.typeOverride).toEqual({ type: 'text', fits: 10, notFitting: 0, examples: [] });
    expect(c.topValues.values[0]).toEqual({ value: '02134', count: 2 });
    expect(c.nonBlank).toBe(10);
  });

  it('Y/N set to boolean counts what is not a yes/no, with examples', () => {
    const c = profile('active', ['Y', 'N', 'y', 'N', '1', '0', 'maybe', '', 'Y', '?']);
    expect(c.inferredType).toBe('text');
    const b = profile('active', ['Y', 'N', 'y', 'N', '1', '0', 'maybe', '', 'Y', '?'], 'boolean');
    expect(b.typeOverride).toEqual({ type: 'boolean', fits: 7, notFitting: 2, examples: ['maybe', '?'] });
    expect(b.numeric).toBeNull();
    expect(b.blanks).toBe(1);
  });

  it('numbers written with thousands separators, set to decimal, get a numeric summary and histogram', () => {
    const values = ['"1,234"', '1,234.50', '£2,000', '12 500', '7', 'n/a', '3.25'].map((v) => v.replace(/"/g, ''));
    const c = profile('amount', values, 'decimal');
    expect(c.typeOverride).toMatchObject({ type: 'decimal', fits: 6, notFitting: 1, examples: ['n/a'] });
    expect(c.numeric).toMatchObject({ count: 6, min: 3.25, max: 12500 });
    expect(c.numeric!.histogram.reduce((n, b) => n + b.count, 0)).toBe(6);
    const i = profile('amount', values, 'integer');
    expect(i.typeOverride).toMatchObject({ fits: 4, notFitting: 3, examples: ['1,234.50', 'n/a', '3.25'] });
  });

  it('an id of YYYYMMDD-like numbers set to integer keeps its numeric summary; set to date, its dates', () => {
    const ids = ['19560409', '19070923', '19811017', '19940729', '19010927', '19471027', '19960904', '19100830', '19260419', '77'];
    expect(profile('ref', ids).dates).not.toBeNull();
    const asInt = profile('ref', ids, 'integer');
    expect(asInt.dates).toBeNull();
    expect(asInt.numeric?.count).toBe(10);
    const asDate = profile('ref', ['19560409', '19070923', 'abc', '42'], 'date');
    expect(asDate.dates).toMatchObject({ count: 2, min: '1907-09-23', max: '1956-04-09' });
    expect(asDate.numeric).toBeNull();
    expect(asDate.validity.date).toMatchObject({ checked: 4, valid: 2 });
    expect(asDate.typeOverride).toMatchObject({ fits: 2, notFitting: 2, examples: ['abc', '42'] });
  });

  it('categorical keeps the frequency table and drops number and date figures', () => {
    const c = profile('tier', ['1', '2', '3', '2', '1', '1'], 'categorical');
    expect(c.numeric).toBeNull();
    expect(c.typeOverride).toMatchObject({ fits: 6, notFitting: 0 });
    expect(c.topValues.values[0]).toEqual({ value: '1', count: 3 });
  });
});

describe('the data browser facet follows the type', () => {
  it('no numeric range for a text column; separators read as numbers for a decimal one', () => {
    expect(facetOf('zip', ['02134', '10001', '94103'], 5).numeric).not.toBeNull();
    expect(facetOf('zip', ['02134', '10001', '94103'], 5, 'text').numeric).toBeNull();
    expect(facetOf('amt', ['1,234', '2,000', '12'], 5).numeric).toBeNull();
    expect(facetOf('amt', ['1,234', '2,000', '12'], 5, 'decimal').numeric).toMatchObject({ count: 3, min: 12, max: 2000 });
  });
});

describe('profile.setSettings columnType, the profile and the CLI', () => {
  const t = tempDir();
  const ws = join(t.dir, 'types.aerie');
  let c: EngineClient;
  beforeAll(async () => {
    c = startInProcessEngine({ roots: [t.dir] }, CALLER).client;
    await c.call('workspace.create', { path: ws, passphrase: PASS });
    const path = join(t.dir, 'crm.csv');
    writeFileSync(path, ['ID,NAME,ZIP,ACTIVE,AMOUNT', 'A1,Ann,02134,Y,"1,234"', 'A2,Bob,10001,N,950', 'A3,Cy,94103,Y,"£2,000"', 'A4,Di,60601,perhaps,n/a'].join('\n') + '\n');
    await finishJob(c, (await c.call('ingest.start', { path, source: 'CRM', mapping: { ID: 'source_key', NAME: 'full_name' } })).jobId);
  }, 60_000);
  afterAll(async () => {
    await c.close();
    t.cleanup();
  });

  it('saves the type, profiles by it, shows it in the source facet, and clears it with null', async () => {
    const s = await c.call('profile.setSettings', { columnType: { column: 'ZIP', type: 'text' } });
    expect(s.columnTypes).toEqual({ ZIP: 'text' });
    await c.call('profile.setSettings', { columnType: { column: 'ACTIVE', type: 'boolean' } });
    const src = (await c.call('sources.list', {}))[0]!;
    const scope = { kind: 'source' as const, sourceId: src.id };
    await finishJob(c, (await c.call('profile.run', { scope })).jobId);
    const cols = (await c.call('profile.get', { scope }))!.columns;
    const zip = cols.find((x) => x.name === 'ZIP')!;
    expect(zip).toMatchObject({ inferredType: 'integer', numeric: null, typeOverride: { type: 'text', fits: 4, notFitting: 0 } });
    expect(cols.find((x) => x.name === 'ACTIVE')!.typeOverride).toEqual({ type: 'boolean', fits: 3, notFitting: 1, examples: ['perhaps'] });
    // the setting is audited like every change
    expect((await c.call('audit.list', { limit: 3 })).some((e) => e.method === 'profile.setSettings')).toBe(true);
    const cleared = await c.call('profile.setSettings', { columnType: { column: 'ZIP', type: null } });
    expect(cleared.columnTypes).toEqual({ ACTIVE: 'boolean' });
  });

  it('the data browser reads a source column by its type: numeric range facet and comparisons', async () => {
    const table = `source:${(await c.call('sources.list', {}))[0]!.id}`;
    const cols = (await c.call('data.page', { table, offset: 0, limit: 1 })).columns;
    const name = (label: string) => cols.find((x) => x.label === label)!.name;
    const over1000 = [{ column: name('AMOUNT'), op: 'match' as const, value: '>1000' }];
    expect((await c.call('data.facet', { table, column: name('ZIP') })).numeric).not.toBeNull();
    expect((await c.call('data.page', { table, offset: 0, limit: 10, filters: over1000 })).total).toBe(0);
    await c.call('profile.setSettings', { columnType: { column: 'ZIP', type: 'text' } });
    await c.call('profile.setSettings', { columnType: { column: 'AMOUNT', type: 'decimal' } });
    expect((await c.call('data.facet', { table, column: name('ZIP') })).numeric).toBeNull();
    expect((await c.call('data.facet', { table, column: name('AMOUNT') })).numeric).toMatchObject({ count: 3, min: 950, max: 2000 });
    const page = await c.call('data.page', { table, offset: 0, limit: 10, filters: over1000 });
    // the values stay as written: only how they are read changed
    expect(page.rows.map((r) => r[cols.findIndex((x) => x.label === 'AMOUNT')])).toEqual(['1,234', '£2,000']);
    await c.call('profile.setSettings', { columnType: { column: 'AMOUNT', type: null } });
    expect((await c.call('data.page', { table, offset: 0, limit: 10, filters: over1000 })).total).toBe(0);
  });

  it('aerie profile --type sets a type before profiling, and names a bad one', async () => {
    await c.call('workspace.close', {});
    const env = { AERIE_PASSPHRASE: PASS };
    const bad = aerie(['profile', ws, '--type', 'ZIP=texty'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--type ZIP=texty: expected COLUMN=TYPE/);
    const ok = aerie(['profile', ws, '--source', 'CRM', '--type', 'ZIP=text'], env);
    expect(ok.code, ok.stderr).toBe(0);
    const zip = (JSON.parse(ok.stdout) as { columns: { name: string; numeric: unknown; typeOverride: unknown }[] }).columns.find((x) => x.name === 'ZIP')!;
    expect(zip).toMatchObject({ numeric: null, typeOverride: { type: 'text' } });
    await c.call('workspace.open', { path: ws, passphrase: PASS });
  }, 60_000);
});
