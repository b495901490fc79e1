// What a kind of long-running work must provide to run as a job.
import type { z } from 'zod';
import type { WorkspaceCaches } from '../db/caches.js';
import type { ChangeBus } from '../db/changes.js';
import type { DB } from '../db/sqlite.js';

/** What a job may use of the open workspace besides its database. */
export interface JobWorkspace {
  /** The session's in-memory caches (search service, …), disposed with the session. */
  caches: WorkspaceCaches;
  /** Tell the session's caches what changed (vectors re-indexed, records erased). */
  changes: ChangeBus;
  /** Refuse other writes until the returned function is called (a transaction spanning chunks). */
  holdWrites?(what: string): () => void;
}

export interface JobContext<P> {
  db: DB;
  workspace: JobWorkspace;
  jobId: string;
  params: P;
  signal: AbortSignal;
  /** State saved by an earlier run of this job that was interrupted; null on a fresh start. */
  checkpoint: unknown;
  /** Report progress; events are throttled by the runner. */
  progress(done: number, total?: number | null, message?: string): void;
  /** Persist resume state; call inside the transaction that commits the matching work. */
  saveCheckpoint(state: unknown): void;
  /** Let other requests run, and throw CANCELLED if the job was cancelled. Call between chunks. */
  yield(): Promise<void>;
}

export interface JobKind<P = unknown> {
  kind: string;
  /** The parameters as stored with the job: checked when it starts and when it resumes after a
   * crash (a newer Aerie may read older params). Defaults to the contract's request schema. */
  params?: z.ZodType<P>;
  unit: string;
  label(params: P): string;
  /** Resumable jobs continue from their checkpoint after a crash; others are rolled back and failed. */
  resumable: boolean;
  run(ctx: JobContext<P>): Promise<unknown>;
  /** Undo partial work after cancel, failure or an interrupted non-resumable run. */
  rollback?(db: DB, jobId: string, params: P): void;
  /** Tables whose rows this job changes (for data.changed events). */
  tables: string[];
  /** Appends many rows: the workspace uses a rollback journal while it runs (engine/db/bulk-writes.ts). */
  bulkWrites?: boolean;
}
