// Runs jobs one at a time on the engine thread (the single writer), cooperatively: a job works
// in chunks and yields between them so calls such as jobs.cancel are answered meanwhile.
import { AerieError, toWireError } from '../api/errors.js';
import { isJobKindName, jobSpecs } from '../api/job-kinds.js';
import type { Job } from '../api/jobs.js';
import { fromSqliteError } from '../db/sqlite-errors.js';
import type { DB } from '../db/sqlite.js';
import { JobStore, publicJob, type StoredJob } from './store.js';
import type { JobContext, JobKind, JobWorkspace } from './types.js';

const PROGRESS_EVERY_MS = 100;
const STORE_PROGRESS_EVERY_MS = 500;

export interface JobRunnerEvents {
  job(job: Job): void;
  dataChanged(tables: string[]): void;
}

/** Bulk-write mode (engine/db/bulk-writes.ts), switched on around jobs that declare bulkWrites. */
export interface BulkWriteMode {
  begin(): void;
  end(): void;
}

export class JobRunner {
  private readonly store: JobStore;
  private readonly queue: string[] = [];
  private running: { id: string; abort: AbortController } | null = null;
  private pumping: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly db: DB,
    private readonly kinds: ReadonlyMap<string, JobKind<never>>,
    private readonly emit: JobRunnerEvents,
    private readonly workspace: JobWorkspace,
    private readonly bulk?: BulkWriteMode,
  ) {
    this.store = new JobStore(db);
  }

  /**
   * After a crash or kill: resume resumable jobs, roll back and fail the rest. Never leaves "running".
   * With `resume` false (one-shot CLI commands) resumable jobs stay queued for the next long-lived host.
   */
  recover(resume: boolean): void {
    for (const j of this.store.unfinished()) {
      const kind = this.kinds.get(j.kind);
      if (kind?.resumable) {
        if (j.state === 'running') this.store.markQueuedForResume(j.id);
        if (resume) this.queue.push(j.id);
      } else {
        this.rollback(kind, j);
        this.store.finish(j.id, 'failed', null, {
          code: 'INTERRUPTED',
          message:
            j.state === 'running'
              ? 'Interrupted: Aerie stopped while this job was running (crash, kill or lock). Its partial work was rolled back; run it again.'
              : 'Not started: Aerie stopped before this job ran. Run it again.',
        });
      }
    }
    this.kick();
  }

  start<P>(kindName: string, params: P): Job {
    const kind = this.kinds.get(kindName) as JobKind<P> | undefined;
    if (!kind) throw new AerieError('NOT_FOUND', `No job kind ${kindName}.`);
    checkParams(kind, params);
    const job = this.store.insert(kindName, kind.label(params), kind.unit, params);
    this.queue.push(job.id);
    this.emit.job(publicJob(job));
    this.kick();
    return publicJob(job);
  }

  get(id: string): Job {
    const j = this.store.get(id);
    if (!j) throw new AerieError('NOT_FOUND', `No job ${id}.`);
    return publicJob(j);
  }

  /** Whether a job is running now. */
  get busy(): boolean {
    return this.running !== null;
  }

  list(limit: number): Job[] {
    return this.store.list(limit).map(publicJob);
  }

  cancel(id: string): Job {
    const j = this.store.get(id);
    if (!j) throw new AerieError('NOT_FOUND', `No job ${id}.`);
    if (this.running?.id === id) {
      this.running.abort.abort();
    } else if (j.state === 'queued') {
      this.queue.splice(this.queue.indexOf(id), 1);
      this.store.finish(id, 'cancelled', null, null);
      this.emit.job(this.get(id));
    }
    return this.get(id);
  }

  /** Resolves once the given job has finished (test and CLI helper). */
  async waitFor(id: string): Promise<Job> {
    for (;;) {
      const j = this.get(id);
      if (j.state !== 'queued' && j.state !== 'running') return j;
      await (this.pumping ?? new Promise((r) => setTimeout(r, 10)));
    }
  }

  /** Stop for lock/close: abort the running job; resumable ones resume on next open. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.queue.length = 0;
    this.running?.abort.abort('stop');
    await this.pumping;
  }

  private kick(): void {
    if (this.pumping || this.stopped) return;
    this.pumping = this.pump().finally(() => {
      this.pumping = null;
    });
  }

  private async pump(): Promise<void> {
    // Start on a fresh tick so the caller's reply goes out before work begins.
    await new Promise((r) => setImmediate(r));
    while (!this.stopped) {
      const id = this.queue.shift();
      if (id === undefined) return;
      const job = this.store.get(id);
      if (!job || job.state !== 'queued') continue;
      await this.runOne(job);
    }
  }

  private rollback(kind: JobKind<never> | undefined, j: StoredJob): void {
    if (!kind?.rollback) return;
    this.db.transaction(() => kind.rollback!(this.db, j.id, j.params as never))();
    this.emit.dataChanged(kind.tables);
  }

  private async runOne(job: StoredJob): Promise<void> {
    const kind = this.kinds.get(job.kind) as JobKind<unknown> | undefined;
    if (!kind) {
      this.store.finish(job.id, 'failed', null, { code: 'NOT_FOUND', message: `This version of Aerie has no job kind ${job.kind}.` });
      this.emit.job(this.get(job.id));
      return;
    }
    try {
      // stored by an older run (resume after a crash, perhaps by an older Aerie): still valid?
      checkParams(kind, job.params);
    } catch (e) {
      const w = toWireError(e);
      this.store.finish(job.id, 'failed', null, { code: w.code, message: w.message, details: w.details });
      this.emit.job(this.get(job.id));
      return;
    }
    const abort = new AbortController();
    this.running = { id: job.id, abort };
    this.store.markRunning(job.id);
    this.emit.job(this.get(job.id));

    let lastEmit = 0;
    let lastStored = 0;
    let last = { done: job.done, total: job.total, message: job.message };
    // Events every PROGRESS_EVERY_MS; the stored row (for other readers and after a crash) at most
    // every STORE_PROGRESS_EVERY_MS: during a bulk job each write is a synced transaction of its own.
    const flush = (store = Date.now() - lastStored >= STORE_PROGRESS_EVERY_MS) => {
      if (store) {
        this.store.progress(job.id, last.done, last.total, last.message);
        lastStored = Date.now();
      }
      this.emit.job({ ...this.get(job.id), done: last.done, total: last.total, message: last.message });
      lastEmit = Date.now();
    };
    const bulk = kind.bulkWrites === true && this.bulk !== undefined;
    const ctx: JobContext<unknown> = {
      db: this.db,
      workspace: this.workspace,
      jobId: job.id,
      params: job.params,
      signal: abort.signal,
      checkpoint: job.checkpoint,
      progress: (done, total = last.total, message = last.message) => {
        last = { done, total: total ?? null, message };
        if (Date.now() - lastEmit >= PROGRESS_EVERY_MS) flush();
      },
      saveCheckpoint: (state) => this.store.checkpoint(job.id, state),
      yield: async () => {
        await new Promise((r) => setImmediate(r));
        if (abort.signal.aborted) throw new AerieError('CANCELLED', 'Cancelled.');
      },
    };

    if (bulk) this.bulk!.begin();
    try {
      const result = checkResult(kind, await kind.run(ctx));
      flush(true);
      this.store.finish(job.id, 'succeeded', result ?? null, null);
    } catch (e) {
      const stoppedForLock = abort.signal.reason === 'stop';
      if (stoppedForLock && kind.resumable) {
        // Leave it queued with its checkpoint: the next open resumes it.
        this.store.markPaused(job.id);
      } else {
        let failure = e;
        try {
          this.rollback(kind as JobKind<never>, job);
        } catch (re) {
          failure = re; // e.g. the file is damaged: that, not the first error, is what to act on
        }
        if (abort.signal.aborted && failure === e) {
          this.store.finish(job.id, 'cancelled', null, null);
        } else {
          // SQLite's "database is locked" / "malformed" as WORKSPACE_IN_USE / WORKSPACE_DAMAGED
          const w = toWireError(fromSqliteError(failure, undefined));
          this.store.finish(job.id, 'failed', null, { code: w.code, message: w.message, details: w.details });
        }
      }
    } finally {
      if (bulk) this.bulk!.end();
      this.running = null;
    }
    // Data first: a listener that sees the job finish has already heard what it changed.
    this.emit.dataChanged(kind.tables);
    this.emit.job(this.get(job.id));
  }
}

/** A job's parameters against its stored-params schema (or the contract's request schema). */
function checkParams(kind: JobKind<never> | JobKind<unknown>, params: unknown): void {
  const schema = kind.params ?? (isJobKindName(kind.kind) ? jobSpecs[kind.kind].request : undefined);
  if (!schema) return;
  const r = schema.safeParse(params);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    throw new AerieError('INVALID_INPUT', `The ${kind.kind} job's parameters are not valid${where ? ` at ${where}` : ''}: ${issue?.message ?? 'invalid'}. Start it again.`, {
      ...(where ? { column: where } : {}),
    });
  }
}

/** A succeeded job's result must match its kind's contract (what callers rely on); a mismatch is a bug. */
function checkResult(kind: JobKind<unknown>, result: unknown): unknown {
  if (!isJobKindName(kind.kind)) return result;
  const r = jobSpecs[kind.kind].result.safeParse(result);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new AerieError('INTERNAL', `The ${kind.kind} job produced a result its contract does not allow (${issue?.path.join('.') || 'result'}: ${issue?.message ?? 'invalid'}).`);
  }
  return r.data;
}
