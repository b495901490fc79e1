// Issue 9 item 3, with real processes: a second `aerie` command must never roll back the import
// another one is running. It reads (info, jobs) or is refused with who holds the workspace; once the
// owner is killed, the next command takes over its lock and rolls the interrupted import back.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Job, WorkspaceInfo } from '../../engine/api/index.js';
import { openDatabase } from '../../engine/db/open.js';
import type { DB } from '../../engine/db/sqlite.js';
import { CLI, aerie } from '../helpers/cli.js';
import { PASS, tempDir } from '../helpers/tmp.js';

const t = tempDir('aerie-owner-cli-');
afterAll(() => t.cleanup());
const ws = join(t.dir, 'shared.aerie');
const env = { AERIE_PASSPHRASE: PASS };
const ROWS = 60_000;
const lockFile = (p: string) => `${p}-lock`; // engine/db/companions.ts

function csv(name: string, rows: number, tag: string): string {
  const lines = ['CUST_ID,FIRST_NM,LAST_NM,EMAIL_ADDR,CITY'];
  for (let i = 0; i < rows; i++) lines.push(`${tag}${i},Ann${i % 97},Smith${i % 1013},ann${i}.${tag}@example.com,Town${i % 50}`);
  const p = join(t.dir, name);
  writeFileSync(p, `${lines.join('\n')}\n`);
  return p;
}

function start(args: string[]): { child: ChildProcess; done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return { child, done: new Promise((r) => child.once('exit', (code) => r({ code, stdout, stderr }))) };
}

function count(table: string): number {
  const db = openDatabase(ws, PASS, { create: false, readOnly: true });
  try {
    return db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  } finally {
    db.close();
  }
}

/** Poll (through `db`, or a short-lived read-only connection) until the import job has committed rows. */
async function importRunning(db: DB | null, source: string): Promise<void> {
  const started = Date.now();
  for (;;) {
    let state: { rows: number; job: string | undefined } | null = null;
    let conn: DB | null = db;
    try {
      conn ??= openDatabase(ws, PASS, { create: false, readOnly: true });
      const rows = conn.prepare('SELECT count(*) FROM records r JOIN imports i ON i.id = r.import_id JOIN sources s ON s.id = i.source_id WHERE s.name = ?').pluck().get(source) as number;
      const job = conn.prepare("SELECT state FROM jobs WHERE kind = 'ingest.import' ORDER BY created_at DESC, rowid DESC LIMIT 1").pluck().get() as string | undefined;
      state = { rows, job };
    } catch {
      // the writer mid-commit: look again
    } finally {
      if (!db) conn?.close();
    }
    if (state && state.rows > 0 && state.job === 'running') return;
    if (state && state.rows > 0 && state.job !== 'queued') throw new Error(`the ${source} import ended (${state.job}) before it was caught running: use a bigger file`);
    if (Date.now() - started > 60_000) throw new Error(`the ${source} import made no progress`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('two aerie processes on one workspace', () => {
  it('a second command reads or is refused while an import runs; the import keeps every row', async () => {
    expect(aerie(['init', ws], env).code).toBe(0);
    const big = csv('big.csv', ROWS, 'B');
    const small = csv('small.csv', 10, 'S');
    // A reader held open from here keeps the file in WAL mode, so that stopping the importer (below)
    // can never freeze it in the middle of a rollback-journal commit that would block readers.
    const watcher = openDatabase(ws, PASS, { create: false, readOnly: true });
    const a = start(['import', ws, big, '--source', 'big']);
    try {
      await importRunning(watcher, 'big');
      // Freeze the importer mid-import: whatever the second process does happens while it is running.
      a.child.kill('SIGSTOP');

      const info = aerie(['info', ws], env);
      expect(info.code, info.stderr).toBe(0);
      const summary = JSON.parse(info.stdout) as WorkspaceInfo;
      expect(summary.inUseBy).toMatchObject({ command: 'aerie import', pid: a.child.pid });
      expect(summary.counts.records).toBeGreaterThan(0);

      const jobs = aerie(['jobs', ws], env);
      expect(jobs.code, jobs.stderr).toBe(0);
      expect((JSON.parse(jobs.stdout) as Job[])[0]).toMatchObject({ kind: 'ingest.import', state: 'running' });

      const second = aerie(['import', ws, small, '--source', 'small'], env);
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(
        new RegExp(`This workspace is in use by aerie import \\(pid ${a.child.pid} on host .+\\) since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\. Wait for it to finish or close it there\\.`),
      );
      expect(second.stderr).toMatch(/\(WORKSPACE_IN_USE\)/);
      expect(second.stderr).not.toMatch(/database is locked|INTERNAL/);
    } finally {
      a.child.kill('SIGCONT');
    }
    const result = await a.done;
    watcher.close();
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ rowsRead: ROWS, rowsImported: ROWS, rowsRejected: 0, state: 'done' });
    expect(existsSync(lockFile(ws))).toBe(false);
    expect(count('records')).toBe(ROWS);
  });

  it('after the owner is killed, the next command takes over its lock and rolls the import back', async () => {
    const big = join(t.dir, 'big.csv');
    const c = start(['import', ws, big, '--source', 'again', '--allow-duplicate']);
    await importRunning(null, 'again');
    c.child.kill('SIGKILL');
    await c.done;
    expect(JSON.parse(readFileSync(lockFile(ws), 'utf8'))).toMatchObject({ pid: c.child.pid, command: 'aerie import' });

    const info = aerie(['info', ws], env);
    expect(info.code, info.stderr).toBe(0);
    const summary = JSON.parse(info.stdout) as WorkspaceInfo;
    expect(summary.inUseBy).toBeUndefined();
    expect(summary.counts).toMatchObject({ records: ROWS, imports: 1, sources: 1 });
    expect(existsSync(lockFile(ws))).toBe(false);
    const db = openDatabase(ws, PASS, { create: false, readOnly: true });
    const job = db.prepare("SELECT state, error_code FROM jobs WHERE kind = 'ingest.import' ORDER BY created_at DESC, rowid DESC LIMIT 1").get();
    db.close();
    expect(job).toEqual({ state: 'failed', error_code: 'INTERRUPTED' });
  });
});
