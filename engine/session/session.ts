// An open workspace: its database handle, its job runner, its in-memory caches and the bus that
// tells them what changed, alive until lock or close. The
// session owns the workspace (engine/db/lock.ts) while open; when another process owns it, the
// session is read-only: no recovery, no writes, and every change is refused with who holds it.
import { basename } from 'node:path';
import { AerieError } from '../api/errors.js';
import type { EventData, EventName } from '../api/events.js';
import { BulkWrites } from '../db/bulk-writes.js';
import { WorkspaceCaches } from '../db/caches.js';
import { ChangeBus } from '../db/changes.js';
import { inUseError, WorkspaceLock, type LockOwner } from '../db/lock.js';
import { NEEDS_UPGRADE_MESSAGE, openDatabase } from '../db/open.js';
import { rekeyWorkspace } from '../db/rekey.js';
import type { DB } from '../db/sqlite.js';
import { JobRunner } from '../jobs/runner.js';
import type { JobKind } from '../jobs/types.js';
import { WriteHold } from './write-hold.js';

export class WorkspaceSession {
  /** Built from this workspace (search indexes, sorted keys); disposed with the session. */
  readonly caches = new WorkspaceCaches();
  /** What changed: job runs publish the tables they touched, capabilities publish the rest. */
  readonly changes = new ChangeBus();
  /** Held by a job whose transaction spans its chunks (ingest.remove): other writes wait. */
  readonly writes = new WriteHold();
  private handle: DB;
  private runner: JobRunner;
  private resumeJobs = false;
  /** This process's ownership of the workspace; null when another process owns it. */
  private lock: WorkspaceLock | null = null;
  /** Who owned the workspace when this read-only session opened. */
  private otherOwner: LockOwner | null = null;

  private constructor(
    readonly path: string,
    db: DB,
    private readonly kinds: ReadonlyMap<string, JobKind<never>>,
    private readonly emit: <E extends EventName>(event: E, data: EventData<E>) => void,
  ) {
    this.handle = db;
    this.runner = this.jobRunner(db);
  }

  /** The database handle. A passphrase change replaces it (the file is swapped for a re-keyed copy),
   * so read it from the session each time; caches keyed by the old handle see it closed. */
  get db(): DB {
    return this.handle;
  }

  get jobs(): JobRunner {
    return this.runner;
  }

  private jobRunner(db: DB): JobRunner {
    const bulk = new BulkWrites(db);
    return new JobRunner(
      db,
      this.kinds,
      {
        job: (job) => this.emit('job', job),
        dataChanged: (tables) => {
          // caches first, so a host that reloads on the event reads fresh state
          this.changes.emit({ kind: 'tables', tables });
          this.emit('data.changed', { tables });
        },
      },
      { caches: this.caches, changes: this.changes, holdWrites: (what) => this.writes.hold(what) },
      bulk,
    );
  }

  static open(
    path: string,
    passphrase: string,
    create: boolean,
    kinds: ReadonlyMap<string, JobKind<never>>,
    emit: <E extends EventName>(event: E, data: EventData<E>) => void,
    resumeJobs: boolean,
    owner = 'Aerie',
  ): WorkspaceSession {
    const got = WorkspaceLock.acquire(path, owner);
    if ('heldBy' in got) {
      // Read-only beside the owner: no recovery (its running jobs are not interrupted), no writes.
      if (create) throw inUseError(path, got.heldBy);
      let db: DB;
      try {
        db = openDatabase(path, passphrase, { create: false, readOnly: true });
      } catch (e) {
        if (e instanceof AerieError && e.code === 'WORKSPACE_IN_USE' && e.message === NEEDS_UPGRADE_MESSAGE) {
          const refusal = inUseError(path, got.heldBy);
          throw new AerieError('WORKSPACE_IN_USE', `${NEEDS_UPGRADE_MESSAGE} ${refusal.message}`, refusal.details);
        }
        throw e;
      }
      const s = new WorkspaceSession(path, db, kinds, emit);
      s.otherOwner = got.heldBy;
      return s;
    }
    try {
      const db = openDatabase(path, passphrase, { create });
      if (create) {
        db.prepare("INSERT INTO meta (key, value) VALUES ('created_at', ?), ('created_by', ?)").run(new Date().toISOString(), 'aerie');
      }
      const s = new WorkspaceSession(path, db, kinds, emit);
      s.lock = got.lock;
      s.resumeJobs = resumeJobs;
      // Only the owner recovers: every job left unfinished belongs to a process that is gone.
      s.jobs.recover(resumeJobs);
      return s;
    } catch (e) {
      got.lock.release();
      throw e;
    }
  }

  /** Who owns the workspace if this session is read-only (another process writes it), else null. */
  get readOnlyBecause(): LockOwner | null {
    return this.otherOwner;
  }

  /**
   * Why this session may not change the workspace, or null if it may: another process owns it, or
   * (after a heartbeat found the lock file replaced) this process no longer does.
   */
  writeRefusal(): AerieError | null {
    if (this.lock && !this.lock.lost) return null;
    if (this.lock?.lost) {
      return new AerieError('WORKSPACE_IN_USE', 'This workspace was taken over by another process; nothing more is written here. Close it and open it again.', { file: this.path });
    }
    const now = WorkspaceLock.holder(this.path);
    if (now) return inUseError(this.path, now);
    return new AerieError('WORKSPACE_IN_USE', 'This workspace was opened read-only while another process had it; that process has closed it. Close and reopen the workspace to make changes.', {
      file: this.path,
    });
  }

  /**
   * Re-key under a new passphrase (engine/db/rekey.ts: a verified copy renamed into place), then
   * carry on with the new handle. Refused while a job runs or waits to start: the copy would miss
   * its writes, and a job not yet started cannot move to the new handle.
   */
  changePassphrase(current: string, next: string): void {
    // Only the owner may replace the file (the engine checks this too, for every change).
    const refusal = this.writeRefusal();
    if (refusal) throw refusal;
    const waiting = (this.handle.prepare("SELECT kind FROM jobs WHERE state = 'queued'").pluck().all() as string[]).some(
      (k) => !this.kinds.get(k)?.resumable,
    );
    if (this.jobs.busy || waiting) {
      throw new AerieError('CONFLICT', 'A job is running. Change the passphrase when it has finished, or cancel it first.');
    }
    rekeyWorkspace({
      live: this.handle,
      path: this.path,
      current,
      next,
      reopen: (passphrase) => openDatabase(this.path, passphrase, { create: false }),
      adopt: (db) => this.adopt(db),
    });
  }

  /** Move to a new handle for the same file. The runner is idle (see changePassphrase); resumable
   * jobs that were waiting are queued again on the new one, as after an unlock. */
  private adopt(db: DB): void {
    void this.runner.stop();
    // caches hold statements of the old handle: rebuild them on the new one
    this.caches.disposeAll();
    this.handle = db;
    this.runner = this.jobRunner(db);
    this.runner.recover(this.resumeJobs);
  }

  get name(): string {
    return basename(this.path).replace(/\.aerie$/, '');
  }

  async close(): Promise<void> {
    await this.jobs.stop();
    this.caches.disposeAll();
    this.changes.clear();
    try {
      if (this.lock) this.db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      this.db.close();
      this.lock?.release();
      this.lock = null;
    }
  }
}
