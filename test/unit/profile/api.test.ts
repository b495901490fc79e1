// Profiling through the engine API: job, stored report, HTML export and catalogue lineage.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineClient, Job } from '../../../engine/api/index.js';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { aerie } from '../../helpers/cli.js';
import { CALLER, PASS, tempDir } from '../../helpers/tmp.js';
import { finishJob } from '../../helpers/jobs.js';

const t = tempDir();
const ws = join(t.dir, 'profile.aerie');
let c: EngineClient;
let sourceId: number;

const finish = (jobId: string): Promise<Job> => finishJob(c, jobId);

beforeAll(async () => {
  c = startInProcessEngine({ roots: [t.dir] }, CALLER).client;
  await c.call('workspace.create', { path: ws, passphrase: PASS });
  const csv = join(t.dir, 'crm.csv');
  writeFileSync(csv, 'ID,FIRST,LAST,EMAIL,PHONE\n1,Ann,Smith,ann@example.com,020 7946 0018\n2,Bob,Jones,bob at example.com,020 7946 0019\n3,Ann,Smith,ann@example.com,\n4,Cy,<script>alert(1)</script>,cy@example,12\n');
  const j = await finish((await c.call('ingest.start', { path: csv, source: 'crm' })).jobId);
  expect(j.state).toBe('succeeded');
  sourceId = (await c.call('sources.list', {}))[0]!.id;
});
afterAll(async () => {
  await c.close();
  t.cleanup();
});

describe('profile API', () => {
  it('profiles a source as a job and stores the report', async () => {
    expect(await c.call('profile.get', { scope: { kind: 'source', sourceId } })).toBeNull();
    const j = await finish((await c.call('profile.run', { scope: { kind: 'source', sourceId }, defaultCountry: 'GB' })).jobId);
    expect(j.state, j.error?.message).toBe('succeeded');
    const r = (await c.call('profile.get', { scope: { kind: 'source', sourceId } }))!;
    expect(r.rows).toBe(4);
    expect(r.columns.map((x) => x.name)).toEqual(['ID', 'FIRST', 'LAST', 'EMAIL', 'PHONE']);
    const email = r.columns.find((x) => x.name === 'EMAIL')!;
    expect(email.feeds).toEqual(['email']);
    expect(email.pii.class).toBe('email');
    expect(email.validity.email).toMatchObject({ checked: 4, valid: 2, invalid: 2 });
    expect(r.summary.emails).toMatchObject({ present: 4, malformed: 2 });
    expect(r.summary.duplicates.email).toMatchObject({ duplicates: 1 });
    expect(r.columns.find((x) => x.name === 'PHONE')!.nulls).toBe(1);
  });

  it('exports a self-contained HTML report with values escaped', async () => {
    const out = join(t.dir, 'report.html');
    const w = await c.call('profile.exportHtml', { scope: { kind: 'source', sourceId }, path: out });
    expect(w.bytes).toBeGreaterThan(1000);
    const html = readFileSync(out, 'utf8');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toMatch(/<(script|link)\b[^>]*(src|href)=/i);
  });

  it('the catalogue lists each source column and the canonical attribute it feeds', async () => {
    const cat = await c.call('catalogue.get', {});
    expect(cat.sources[0]!.columns.map((x) => [x.name, x.feeds])).toContainEqual(['LAST', ['family_name']]);
    expect(cat.lineage.email).toEqual([expect.objectContaining({ source: 'crm', column: 'EMAIL' })]);
  });

  it('aerie profile prints the figures as JSON and writes the HTML report', async () => {
    await c.call('workspace.close', {});
    const out = join(t.dir, 'cli.html');
    const r = aerie(['profile', ws, '--source', 'crm', '--out', out], { AERIE_PASSPHRASE: PASS });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 4, scope: `source:${sourceId}` });
    expect(readFileSync(out, 'utf8')).toMatch(/^<!doctype html>/i);
    await c.call('workspace.open', { path: ws, passphrase: PASS });
  });
});
