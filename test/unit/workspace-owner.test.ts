// One writer per workspace (engine/db/lock.ts): the owner lock file, stale-lock takeover, read-only
// sessions beside an owner, and job recovery only by the owner.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type EngineClient } from '../../engine/api/index.js';
import { lockFile } from '../../engine/db/companions.js';
import { WorkspaceLock, type LockOwner } from '../../engine/db/lock.js';
import { openDatabase } from '../../engine/db/open.js';
import { startInProcessEngine } from '../../engine/worker/in-process-transport.js';
import { CALLER, PASS, tempDir } from '../helpers/tmp.js';
import { rejection } from '../helpers/engine.js';

let t: ReturnType<typeof tempDir>;
let ws: string;
const clients: EngineClient[] = [];

function engine(owner: string): EngineClient {
  const { client } = startInProcessEngine({ roots: [t.dir], owner, openHooks: false }, CALLER);
  clients.push(client);
  return client;
}

/** The pid of a process that has exited (so `kill(pid, 0)` says ESRCH). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

function writeLock(o: Partial<LockOwner>, ageMs = 0): void {
  const lock: LockOwner = { pid: 1, thread: 0, host: hostname(), command: 'aerie import', since: new Date().toISOString(), token: 'someone-else', ...o };
  writeFileSync(lockFile(ws), JSON.stringify(lock));
  const at = new Date(Date.now() - ageMs);
  utimesSync(lockFile(ws), at, at);
}

beforeEach(() => {
  t = tempDir();
  ws = join(t.dir, 'owned.aerie');
});
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  t.cleanup();
});

describe('owner lock file', () => {
  it('is created atomically with who holds it, refused to a second taker, and removed on release', () => {
    const a = WorkspaceLock.acquire(ws, 'aerie import');
    if (!('lock' in a)) throw new Error('expected the lock');
    const stored = JSON.parse(readFileSync(lockFile(ws), 'utf8')) as LockOwner;
    expect(stored).toMatchObject({ pid: process.pid, host: hostname(), command: 'aerie import' });
    expect(Date.parse(stored.since)).toBeGreaterThan(Date.now() - 60_000);
    const b = WorkspaceLock.acquire(ws, 'aerie info');
    expect('heldBy' in b && b.heldBy.command).toBe('aerie import');
    a.lock.release();
    expect(existsSync(lockFile(ws))).toBe(false);
    const c = WorkspaceLock.acquire(ws, 'aerie info');
    expect('lock' in c).toBe(true);
    if ('lock' in c) c.lock.release();
  });

  it('takes over a lock whose process is gone, and only such a lock', () => {
    const dead = deadPid();
    writeLock({ pid: dead });
    const got = WorkspaceLock.acquire(ws, 'aerie info');
    if (!('lock' in got)) throw new Error(`a dead owner's lock was not taken over: ${JSON.stringify(got)}`);
    expect(got.tookOverFrom?.pid).toBe(dead);
    got.lock.release();

    // A live process on this host (our parent) with a fresh heartbeat holds it.
    writeLock({ pid: process.ppid });
    expect(WorkspaceLock.acquire(ws, 'aerie info')).toMatchObject({ heldBy: { pid: process.ppid } });
  });

  it('judges another host by its heartbeat alone', () => {
    writeLock({ host: 'elsewhere', pid: 4242 }, 10_000);
    expect(WorkspaceLock.acquire(ws, 'aerie info')).toMatchObject({ heldBy: { host: 'elsewhere' } });
    writeLock({ host: 'elsewhere', pid: 4242 }, 3 * 60_000);
    const got = WorkspaceLock.acquire(ws, 'aerie info');
    expect('lock' in got).toBe(true);
    if ('lock' in got) got.lock.release();
  });
});

describe('a workspace another engine owns', () => {
  it('opens read-only: reads work, writes are refused with who holds it, and nothing is recovered', async () => {
    const owner = engine('aerie import');
    await owner.call('workspace.create', { path: ws, passphrase: PASS });
    // What the owner's import looks like from outside: a job row in state "running".
    const raw = openDatabase(ws, PASS, { create: false });
    raw.prepare("INSERT INTO jobs (id, kind, label, state, params, unit, created_at) VALUES ('live', 'ingest', 'Import big.csv', 'running', '{}', 'bytes', 'now')").run();
    raw.close();

    const second = engine('aerie info');
    const summary = await second.call('workspace.open', { path: ws, passphrase: PASS });
    expect(summary.inUseBy).toMatchObject({ command: 'aerie import', pid: process.pid, host: hostname() });
    expect((await second.call('workspace.info', {})).counts.jobs).toBe(1);
    // The owner's running job was not "recovered" (rolled back and failed) by the second opener.
    expect((await second.call('jobs.get', { id: 'live' })).state).toBe('running');
    const refused = await rejection(second.call('demo.generate', { customers: 10 }));
    expect(refused.code).toBe('WORKSPACE_IN_USE');
    expect(refused.message).toMatch(/^This workspace is in use by aerie import \(pid \d+ on host .+\) since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\. Wait for it to finish or close it there\.$/);
    expect(refused.details?.owner).toMatchObject({ command: 'aerie import', pid: process.pid });

    // The owner closes: the read-only session says how to get write access.
    await owner.call('workspace.close', {});
    const after = await rejection(second.call('demo.generate', { customers: 10 }));
    expect(after.code).toBe('WORKSPACE_IN_USE');
    expect(after.message).toMatch(/has closed it\. Close and reopen/);

    // Reopened, it owns the workspace: the job left "running" by a gone owner is recovered now.
    const reopened = await second.call('workspace.open', { path: ws, passphrase: PASS });
    expect(reopened.inUseBy).toBeUndefined();
    const job = await second.call('jobs.get', { id: 'live' });
    expect(job.state).toBe('failed');
    expect(job.error?.code).toBe('INTERRUPTED');
    expect(JSON.parse(readFileSync(lockFile(ws), 'utf8'))).toMatchObject({ command: 'aerie info' });
    await second.call('workspace.lock', {});
    expect(existsSync(lockFile(ws))).toBe(false);
  });

  it('is refused to a create, and a wrong passphrase leaves no lock behind', async () => {
    const owner = engine('aerie serve');
    await owner.call('workspace.create', { path: ws, passphrase: PASS });
    const other = engine('aerie init');
    expect((await rejection(other.call('workspace.create', { path: ws, passphrase: PASS }))).code).toBe('WORKSPACE_IN_USE');
    await owner.call('workspace.close', {});
    expect((await rejection(other.call('workspace.open', { path: ws, passphrase: 'not the passphrase' }))).code).toBe('WRONG_PASSPHRASE');
    expect(existsSync(lockFile(ws))).toBe(false);
  });
});
