// `aerie export`: a source's records with every column its file had (mapped or not), filtered by a
// header = value, through the safe writer; bad options are one clear line.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { CLI } from '../../helpers/cli.js';
import { finishJob } from '../../helpers/jobs.js';
import { CALLER, PASS, tempDir } from '../../helpers/tmp.js';

const t = tempDir('aerie-export-cli-');
const ws = join(t.dir, 'w.aerie');
const aerie = (args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: t.dir, env: { ...process.env, AERIE_PASSPHRASE: PASS }, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
};

beforeAll(async () => {
  const { client } = startInProcessEngine({ roots: [t.dir] }, CALLER);
  await client.call('workspace.create', { path: ws, passphrase: PASS });
  const csv = join(t.dir, 'snap.csv');
  writeFileSync(csv, 'customerID,tenure,Contract,Churn\nA-1,5,Month-to-month,Yes\nA-2,40,Two year,No\nA-3,1,Month-to-month,No\n');
  const job = await finishJob(client, (await client.call('ingest.start', { path: csv, source: 'snap', mapping: { customerID: 'source_key', tenure: null, Contract: null, Churn: null } })).jobId);
  expect(job.state).toBe('succeeded');
  await client.close();
});
afterAll(() => t.cleanup());

describe('aerie export', () => {
  it("writes a source's every column, filtered by header = value", () => {
    const r = aerie(['export', ws, '--source', 'snap', '--where', 'Contract=Month-to-month', '--out', 'm2m.csv']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 2, columns: 7 });
    const lines = readFileSync(join(t.dir, 'm2m.csv'), 'utf8').replace(/^\ufeff/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('Record,customerID,tenure,Contract,Churn,Import,Row');
    expect(lines.slice(1).map((l) => l.split(',').slice(1, 5).join(','))).toEqual(['A-1,5,Month-to-month,Yes', 'A-3,1,Month-to-month,No']);
  });

  it("filters in the Data browser's syntax, keeps only the listed columns, and writes XLSX for a .xlsx path", async () => {
    const r = aerie(['export', ws, '--source', 'snap', '--filter', 'tenure=<=5', '--filter', 'Churn=/^n/i', '--columns', 'customerID,tenure', '--out', 'low.csv']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 1, columns: 2 });
    expect(readFileSync(join(t.dir, 'low.csv'), 'utf8')).toBe('\ufeffcustomerID,tenure\r\nA-3,1\r\n');
    const x = aerie(['export', ws, '--source', 'snap', '--filter', 'tenure=1..10', '--out', 'short.xlsx']);
    expect(x.code, x.stderr).toBe(0);
    expect(readFileSync(join(t.dir, 'short.xlsx')).subarray(0, 2).toString()).toBe('PK'); // a zip: the workbook
    const bad = aerie(['export', ws, '--source', 'snap', '--filter', 'tenure=>many', '--out', 'bad.csv']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/needs a number or an ISO date/);
  });

  it('refuses an unknown source or column, and an existing file without --force', () => {
    const noSource = aerie(['export', ws, '--source', 'nope', '--out', 'x.csv']);
    expect(noSource.code).toBe(1);
    expect(noSource.stderr).toMatch(/No source named "nope"/);
    const noColumn = aerie(['export', ws, '--source', 'snap', '--where', 'Plan=x', '--out', 'y.csv']);
    expect(noColumn.code).toBe(1);
    expect(noColumn.stderr).toMatch(/has no column "Plan"/);
    const again = aerie(['export', ws, '--source', 'snap', '--out', 'm2m.csv']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
  });
});
