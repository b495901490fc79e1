// Jobs: progress events, cancel with rollback, and recovery after a crash or kill.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineClient, Job } from '../../engine/api/index.js';
import { openDatabase } from '../../engine/db/open.js';
import type { JobKind } from '../../engine/jobs/types.js';
import { startInProcessEngine } from '../../engine/worker/in-process-transport.js';
import { CLI, aerie } from '../helpers/cli.js';
import { CALLER, PASS, tempDir } from '../helpers/tmp.js';

let t: ReturnType<typeof tempDir>;
let client: EngineClient;
let ws: string;

/** A job that is not resumable: interrupted runs must be rolled back and failed. */
const fragile: JobKind<{ steps: number }> = {
  kind: 'test.fragile',
  unit: 'steps',
  label: () => 'Fragile test job',
  resumable: false,
  tables: ['sources'],
  async run(ctx) {
    for (let i = 0; i < ctx.params.steps; i++) {
      ctx.db.prepare("INSERT INTO sources (name, created_at) VALUES (?, 'now')").run(`fragile-${ctx.jobId}-${i}`);
      ctx.progress(i + 1, ctx.params.steps);
      await ctx.yield();
    }
    return { steps: ctx.params.steps };
  },
  rollback(db, jobId) {
    db.prepare('DELETE FROM sources WHERE name LIKE ?').run(`fragile-${jobId}-%`);
  },
};

function waitForJob(c: EngineClient, id: string, pred: (j: Job) => boolean, ms = 60_000): Promise<Job> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`job ${id} did not reach the expected state in ${ms} ms`)), ms);
    const check = (j: Job) => {
      if (j.id === id && pred(j)) {
        clearTimeout(timer);
        off();
        resolve(j);
      }
    };
    const off = c.on('job', check);
    void c.call('jobs.get', { id }).then(check);
  });
}

beforeEach(async () => {
  t = tempDir();
  ws = join(t.dir, 'jobs.aerie');
  client = startInProcessEngine({ roots: [t.dir], jobKinds: [fragile as JobKind<never>] }, CALLER).client;
  await client.call('workspace.create', { path: ws, passphrase: PASS });
});
afterEach(async () => {
  await client.close();
  t.cleanup();
});

describe('jobs', () => {
  it('reports progress as events and finishes with a result', async () => {
    const seen: number[] = [];
    client.on('job', (j) => seen.push(j.done));
    const { jobId } = await client.call('demo.generate', { customers: 30_000, seed: 3 });
    const done = await waitForJob(client, jobId, (j) => j.state === 'succeeded');
    expect(done.result).toMatchObject({ customers: 30_000 });
    expect(done.done).toBe(30_000);
    expect(new Set(seen).size).toBeGreaterThan(2);
    const tables = await client.call('data.tables', {});
    expect(tables.find((x) => x.name === 'records')!.rowCount).toBe(30_000);
  });

  it('cancels a running job and rolls its partial work back', async () => {
    const { jobId } = await client.call('demo.generate', { customers: 2_000_000, seed: 3 });
    await waitForJob(client, jobId, (j) => j.state === 'running' && j.done >= 10_000);
    await client.call('jobs.cancel', { id: jobId });
    const j = await waitForJob(client, jobId, (x) => x.state === 'cancelled');
    expect(j.finishedAt).not.toBeNull();
    const tables = await client.call('data.tables', {});
    expect(tables.find((x) => x.name === 'records')!.rowCount).toBe(0);
    expect(tables.find((x) => x.name === 'imports')!.rowCount).toBe(0);
  });

  it('fails an interrupted non-resumable job with its reason and rolls it back', async () => {
    await client.call('workspace.close', {});
    // What a crash leaves behind: a row still marked running, and half its work.
    const db = openDatabase(ws, PASS, { create: false });
    db.prepare("INSERT INTO jobs (id, kind, label, state, params, created_at) VALUES ('j1', 'test.fragile', 'x', 'running', '{\"steps\":5}', 'now')").run();
    db.prepare("INSERT INTO sources (name, created_at) VALUES ('fragile-j1-0', 'now')").run();
    db.close();
    await client.call('workspace.open', { path: ws, passphrase: PASS });
    const j = await client.call('jobs.get', { id: 'j1' });
    expect(j.state).toBe('failed');
    expect(j.error?.message).toMatch(/Interrupted/);
    const t2 = await client.call('data.tables', {});
    expect(t2.find((x) => x.name === 'imports')).toBeDefined();
    const page = await client.call('data.page', { table: 'audit_log', offset: 0, limit: 5 });
    expect(page.total).toBeGreaterThan(0);
    const db2 = openDatabase(ws, PASS, { create: false });
    expect(db2.prepare("SELECT count(*) FROM sources WHERE name LIKE 'fragile-%'").pluck().get()).toBe(0);
    db2.close();
  });

  it('resumes a resumable job after the process is killed, without gaps or duplicates', async () => {
    await client.call('workspace.close', {});
    const N = 150_000;
    const child = spawn(process.execPath, [CLI, 'demo', ws, '--customers', String(N), '--seed', '5', '--no-events'], {
      env: { ...process.env, AERIE_PASSPHRASE: PASS },
      stdio: 'ignore',
    });
    // Watch the job table from here (WAL lets a second reader in) until real progress is stored.
    const started = Date.now();
    for (;;) {
      await new Promise((r) => setTimeout(r, 100));
      const db = openDatabase(ws, PASS, { create: false });
      const done = db.prepare("SELECT done FROM jobs WHERE kind = 'demo.generate'").pluck().get() as number | undefined;
      db.close();
      if (done !== undefined && done >= 10_000 && done < N) break;
      if (Date.now() - started > 30_000) throw new Error('the child made no progress');
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    // A one-shot CLI command leaves the interrupted job queued for a long-lived host.
    const listed = aerie(['jobs', ws], { AERIE_PASSPHRASE: PASS });
    expect(listed.code, listed.stderr).toBe(0);
    const [queued] = JSON.parse(listed.stdout) as Job[];
    expect(queued).toMatchObject({ state: 'queued', resumes: 1 });
    expect(queued!.done).toBeLessThan(N);

    await client.call('workspace.open', { path: ws, passphrase: PASS });
    const [job] = await client.call('jobs.list', { limit: 1 });
    expect(job!.resumes).toBe(1);
    const done = await waitForJob(client, job!.id, (j) => j.state === 'succeeded');
    expect(done.done).toBe(N);
    const page = await client.call('data.page', { table: 'records', offset: 0, limit: 1, sort: { column: 'row_no', dir: 'desc' } });
    expect(page.total).toBe(N);
    // The demo spreads its N accounts over three sources, each numbering its rows 1..n.
    const db = openDatabase(ws, PASS, { create: false });
    const rows = db.prepare('SELECT sum(m) AS top, sum(n) AS n FROM (SELECT max(row_no) AS m, count(*) AS n FROM records GROUP BY import_id)').get();
    db.close();
    expect(rows).toEqual({ top: N, n: N });
  });
});
