// The workspace owner: one writing process at a time. The owner holds `<workspace>-lock`, a small
// JSON file created atomically (open with O_EXCL) and touched every few seconds (the heartbeat).
// Another process finding it opens the workspace read-only, or is told who holds it. A lock is taken
// over only when its owner is provably gone: on this host its process (or thread) no longer exists,
// or its heartbeat stopped long ago (another host on a shared folder, or a reused pid).
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { threadId } from 'node:worker_threads';
import { AerieError } from '../api/errors.js';
import { lockFile } from './companions.js';

export interface LockOwner {
  pid: number;
  /** worker_threads thread id: several engines may live in one process. */
  thread: number;
  host: string;
  /** What holds it, e.g. "aerie import", "aerie serve", "the Aerie app". */
  command: string;
  /** When it was taken (ISO time). */
  since: string;
  /** Tells this holder's file from a later one at the same path. */
  token: string;
}

export const HEARTBEAT_MS = 5_000;
/** A lock whose heartbeat stopped this long ago is stale: owner on another host (shared folder). */
export const STALE_OTHER_HOST_MS = 120_000;
/** … owner on this host whose pid still exists: only a reused pid stops a live owner's heartbeat. */
export const STALE_LIVE_PID_MS = 600_000;
/** … another thread of this process: a live thread beats every HEARTBEAT_MS. */
export const STALE_OTHER_THREAD_MS = 60_000;
/** A lock file still empty this long after its creation was abandoned between create and write. */
const STALE_EMPTY_MS = 10_000;

/** Locks this thread holds, by lock path (module state is per thread). */
const held = new Map<string, WorkspaceLock>();
let exitHookInstalled = false;

function readLock(path: string): { owner: LockOwner | null; raw: string; ageMs: number } | null {
  try {
    const raw = readFileSync(path, 'utf8');
    const ageMs = Date.now() - statSync(path).mtimeMs;
    let owner: LockOwner | null = null;
    try {
      const o = JSON.parse(raw) as Partial<LockOwner>;
      if (typeof o.pid === 'number' && typeof o.host === 'string' && typeof o.token === 'string') {
        owner = { pid: o.pid, thread: o.thread ?? 0, host: o.host, command: o.command ?? 'another Aerie process', since: o.since ?? '', token: o.token };
      }
    } catch {
      // written by nothing we know, or caught between create and write
    }
    return { owner, raw, ageMs };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to another user
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** Whether the lock's holder is provably gone. */
function isStale(path: string, l: { owner: LockOwner | null; ageMs: number }): boolean {
  const o = l.owner;
  if (!o) return l.ageMs > STALE_EMPTY_MS;
  if (o.host !== hostname()) return l.ageMs > STALE_OTHER_HOST_MS;
  if (o.pid === process.pid) {
    // This thread knows what it holds; another thread of this process shows life by its heartbeat.
    if (o.thread === threadId) return held.get(path)?.owner.token !== o.token;
    return l.ageMs > STALE_OTHER_THREAD_MS;
  }
  if (!pidExists(o.pid)) return true;
  return l.ageMs > STALE_LIVE_PID_MS;
}

function unknownOwner(ageMs: number): LockOwner {
  return { pid: 0, thread: 0, host: 'unknown', command: 'another Aerie process', since: new Date(Date.now() - ageMs).toISOString(), token: '' };
}

/** "aerie import (pid 123 on host box) since 2026-01-02 10:00:00 UTC" */
export function describeOwner(o: LockOwner): string {
  const since = o.since ? ` since ${o.since.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}` : '';
  return o.pid ? `${o.command} (pid ${o.pid} on host ${o.host})${since}` : `${o.command}${since}`;
}

/** The error a writer gets while another process owns the workspace. */
export function inUseError(workspace: string, o: LockOwner): AerieError {
  return new AerieError('WORKSPACE_IN_USE', `This workspace is in use by ${describeOwner(o)}. Wait for it to finish or close it there.`, {
    file: workspace,
    owner: { command: o.command, pid: o.pid, host: o.host, since: o.since },
    hint: 'Reading (info, search, jobs, audit verify) works meanwhile; changes must wait for the workspace to be closed there.',
  });
}

export type Acquired = { lock: WorkspaceLock; tookOverFrom: LockOwner | null } | { heldBy: LockOwner };

export class WorkspaceLock {
  private timer: NodeJS.Timeout | null = null;
  /** Set when the heartbeat finds the file gone or someone else's: this process no longer owns it. */
  lost = false;

  private constructor(
    readonly path: string,
    readonly owner: LockOwner,
  ) {}

  /**
   * Take the lock of `workspace`, taking over a stale one. Returns who holds it if it is live.
   * Throws (with a clear error) only when the folder cannot be written.
   */
  static acquire(workspace: string, command: string): Acquired {
    const path = lockFile(workspace);
    let tookOverFrom: LockOwner | null = null;
    for (let attempt = 0; attempt < 10; attempt++) {
      const owner: LockOwner = { pid: process.pid, thread: threadId, host: hostname(), command, since: new Date().toISOString(), token: randomBytes(12).toString('hex') };
      let fd: number;
      try {
        fd = openSync(path, 'wx', 0o644);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'EEXIST') throw lockFolderError(workspace, e as NodeJS.ErrnoException);
        const cur = readLock(path);
        if (!cur) continue; // released meanwhile: try again
        if (!isStale(path, cur)) return { heldBy: cur.owner ?? unknownOwner(cur.ageMs) };
        if (takeOver(path, cur.raw)) tookOverFrom = cur.owner;
        continue;
      }
      try {
        writeSync(fd, JSON.stringify(owner));
        fsyncSync(fd);
      } catch (e) {
        closeSync(fd);
        unlinkQuiet(path); // (disk full) leave no empty lock behind
        throw e;
      }
      closeSync(fd);
      const lock = new WorkspaceLock(path, owner);
      lock.start();
      return { lock, tookOverFrom };
    }
    throw new AerieError('WORKSPACE_IN_USE', 'Another process keeps taking and releasing this workspace; try again in a moment.', { file: workspace });
  }

  /** Who holds `workspace` now, if anyone live (a read-only session checks before refusing a write). */
  static holder(workspace: string): LockOwner | null {
    const path = lockFile(workspace);
    const cur = readLock(path);
    if (!cur || isStale(path, cur)) return null;
    return cur.owner ?? unknownOwner(cur.ageMs);
  }

  private start(): void {
    held.set(this.path, this);
    installExitHook();
    this.timer = setInterval(() => this.beat(), HEARTBEAT_MS);
    this.timer.unref();
  }

  private beat(): void {
    try {
      const cur = readLock(this.path);
      if (cur?.owner?.token !== this.owner.token) {
        this.lost = true;
        this.stopTimer();
        return;
      }
      const now = new Date();
      utimesSync(this.path, now, now);
    } catch {
      // a transient error (network share): the next beat tries again
    }
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Remove the lock file if it is still ours. Never throws (runs on close and at exit). */
  release(): void {
    this.stopTimer();
    if (held.get(this.path) === this) held.delete(this.path);
    try {
      if (readLock(this.path)?.owner?.token === this.owner.token) unlinkSync(this.path);
    } catch {
      // already gone, or the folder went away: nothing to release
    }
  }
}

/**
 * Move a stale lock aside and delete it. Returns false if the file moved was not the stale one
 * (another process took it over first and wrote its own): that one is put back.
 */
function takeOver(path: string, staleRaw: string): boolean {
  const aside = `${path}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
  let raw = '';
  try {
    raw = readFileSync(aside, 'utf8');
  } catch {
    // vanished: treat as the stale one
  }
  if (raw !== '' && raw !== staleRaw) {
    try {
      linkSync(aside, path); // put it back unless yet another lock appeared (EEXIST)
    } catch {
      // nothing better to do: the newer lock stands
    }
    unlinkQuiet(aside);
    return false;
  }
  unlinkQuiet(aside);
  return true;
}

function unlinkQuiet(p: string): void {
  try {
    unlinkSync(p);
  } catch {
    // already gone
  }
}

function lockFolderError(workspace: string, e: NodeJS.ErrnoException): AerieError {
  const folder = workspace.replace(/[\\/][^\\/]*$/, '') || '/';
  if (e.code === 'ENOENT') {
    return new AerieError('WORKSPACE_NOT_FOUND', `The folder ${folder} does not exist.`, { file: workspace, hint: 'Create the folder first, or choose another one.' });
  }
  return new AerieError('PATH_NOT_ALLOWED', `Aerie cannot write beside the workspace in ${folder} (${e.code ?? e.message}).`, {
    file: workspace,
    hint: 'A workspace needs a folder you can write to. Copy it to one, or ask for write access.',
  });
}

/** At exit, remove the locks this thread still holds (a clean close has already done so). */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const l of [...held.values()]) l.release();
  });
}
