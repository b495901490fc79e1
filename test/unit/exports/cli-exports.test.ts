// The `aerie` command: exports never overwrite the workspace or a file unasked (--force), and a bad
// option is one clear line (which option, what it accepts) before anything is asked, created or run.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { CLI } from '../../helpers/cli.js';
import { finishJob } from '../../helpers/jobs.js';
import { CALLER, PASS, tempDir } from '../../helpers/tmp.js';

const t = tempDir('aerie-cli-exports-');
const pristine = join(t.dir, 'pristine.aerie');
const digest = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
/** A copy of the prepared workspace per test, so one test's damage cannot hide another's. */
function workspace(name: string): string {
  copyFileSync(pristine, join(t.dir, name));
  return join(t.dir, name);
}

/** Run the built CLI from the workspace's folder, so relative paths are relative to it. */
function aerie(args: string[], env: Record<string, string> = { AERIE_PASSPHRASE: PASS }) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: t.dir, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Exit 1 with a message and a code line: no stack, no ZodError dump. */
function expectClearFailure(r: { code: number; stderr: string }, message: RegExp, code: string) {
  expect(r.code, r.stderr).toBe(1);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).toContain(`(${code})`);
  expect(r.stderr).not.toMatch(/ZodError|\n\s+at .*\(|node:internal|\.js:\d+/);
}

beforeAll(async () => {
  const { client } = startInProcessEngine({ roots: [t.dir] }, CALLER);
  await client.call('workspace.create', { path: pristine, passphrase: PASS });
  const csv = join(t.dir, 'crm.csv');
  writeFileSync(csv, 'ID,NAME,EMAIL\n1,Ann,ann@example.com\n2,Bob\n3,Cy,cy@example.com\n');
  const job = await finishJob(client, (await client.call('ingest.start', { path: csv, source: 'crm' })).jobId);
  expect(job.state).toBe('succeeded');
  await client.close();
});
afterAll(() => t.cleanup());

describe('aerie exports never overwrite the workspace', () => {
  it('rejects --out ws.aerie (however spelt, even with --force) is refused and the workspace is unchanged', () => {
    const ws = workspace('ws.aerie');
    const before = digest(ws);
    for (const out of [['ws.aerie'], ['./ws.aerie', '--force']]) {
      const r = aerie(['rejects', 'ws.aerie', '--out', ...out]);
      expectClearFailure(r, /ws\.aerie is the open workspace; an export never writes over it/, 'PATH_NOT_ALLOWED');
    }
    const wal = aerie(['rejects', 'ws.aerie', '--out', 'ws.aerie-wal', '--force']);
    expectClearFailure(wal, /open workspace's -wal file/, 'PATH_NOT_ALLOWED');
    expect(digest(ws)).toBe(before);
  });

  it('profile --out ws.aerie is refused before profiling, and the workspace is unchanged', () => {
    const ws = workspace('ws2.aerie');
    const before = digest(ws);
    const r = aerie(['profile', 'ws2.aerie', '--out', 'ws2.aerie']);
    expectClearFailure(r, /is the open workspace/, 'PATH_NOT_ALLOWED');
    expect(r.stdout).toBe('');
    expect(digest(ws)).toBe(before);
  });

  it('rejects --out over an existing file needs --force; the export is owner-only', () => {
    workspace('ws3.aerie');
    const out = join(t.dir, 'rejects.csv');
    writeFileSync(out, 'keep me');
    expectClearFailure(aerie(['rejects', 'ws3.aerie', '--out', 'rejects.csv']), /already exists at .*rejects\.csv; it was left unchanged/, 'CONFLICT');
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    const r = aerie(['rejects', 'ws3.aerie', '--out', 'rejects.csv', '--force']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ path: out, rows: 1 });
    expect(readFileSync(out, 'utf8')).toMatch(/^\ufeffimport_id,row_no/);
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it('profile --out over an existing file needs --force', () => {
    workspace('ws4.aerie');
    const out = join(t.dir, 'report.html');
    writeFileSync(out, 'keep me');
    expectClearFailure(aerie(['profile', 'ws4.aerie', '--out', 'report.html']), /already exists/, 'CONFLICT');
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    const r = aerie(['profile', 'ws4.aerie', '--out', 'report.html', '--force']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^<!doctype html>/i);
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });
});

describe('aerie options are checked first, in one clear line', () => {
  // No passphrase is given: each must fail on its option, before a passphrase would be asked for.
  const none = { AERIE_PASSPHRASE: '' };

  it('--kind bogus / --format bogus name the option and its allowed values', () => {
    expectClearFailure(aerie(['import', 'pristine.aerie', 'crm.csv', '--kind', 'bogus'], none), /^aerie: --kind must be one of customers, events \(got "bogus"\)\.\n/, 'INVALID_INPUT');
    expectClearFailure(aerie(['import', 'pristine.aerie', 'crm.csv', '--format', 'bogus'], none), /^aerie: --format must be one of auto, csv, oracle-sql, sqlldr, xlsx \(got "bogus"\)\.\n/, 'INVALID_INPUT');
  });

  it('numbers and other values are checked against the API before anything runs', () => {
    const cases: [string[], RegExp][] = [
      [['rejects', 'ws.aerie', '--import', 'abc'], /--import must be a whole number \(got "abc"\)/],
      [['search', 'ws.aerie', 'ann', '--limit', '1000'], /--limit: Too big/],
      [['audit', 'list', 'ws.aerie', '--limit', '0'], /--limit: Too small/],
      [['profile', 'ws.aerie', '--country', 'XYZ'], /--country: Too big.*\(got "XYZ"\)/],
      [['serve', '--port', 'abc'], /--port must be a whole number/],
    ];
    for (const [args, message] of cases) expectClearFailure(aerie(args, none), message, 'INVALID_INPUT');
  });

  it('aerie init in a missing folder says the folder does not exist', () => {
    const r = aerie(['init', join('missing', 'new.aerie')]);
    expectClearFailure(r, new RegExp(`The folder ${join(t.dir, 'missing')} does not exist\\.`), 'NOT_FOUND');
    expect(r.stderr).not.toContain('INTERNAL');
    expect(existsSync(join(t.dir, 'missing'))).toBe(false);
  });

  it('aerie demo with a bad option creates nothing', () => {
    for (const bad of [['--customers', '-5'], ['--customers', 'many']]) {
      const r = aerie(['demo', 'fresh.aerie', ...bad]);
      expectClearFailure(r, /--customers/, 'INVALID_INPUT');
      expect(existsSync(join(t.dir, 'fresh.aerie'))).toBe(false);
    }
  });
});
