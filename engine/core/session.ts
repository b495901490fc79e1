// An open workspace: its database handle and its job runner, alive until lock or close.
import { basename } from 'node:path';
import { AerieError } from '../api/errors.js';
import { rekey } from '../db/cipher.js';
import type { EventData, EventName } from '../api/events.js';
import { BulkWrites } from '../db/bulk-writes.js';
import { openDatabase } from '../db/open.js';
import type { DB } from '../db/sqlite.js';
import { JobRunner } from '../jobs/runner.js';
import type { JobKind } from '../jobs/types.js';

export class WorkspaceSession {
  readonly jobs: JobRunner;

  private constructor(
    readonly path: string,
    readonly db: DB,
    kinds: ReadonlyMap<string, JobKind<never>>,
    emit: <E extends EventName>(event: E, data: EventData<E>) => void,
  ) {
    const bulk = new BulkWrites(db);
    this.jobs = new JobRunner(
      db,
      kinds,
      {
        job: (job) => emit('job', job),
        dataChanged: (tables) => emit('data.changed', { tables }),
      },
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
  ): WorkspaceSession {
    const db = openDatabase(path, passphrase, { create });
    if (create) {
      db.prepare("INSERT INTO meta (key, value) VALUES ('created_at', ?), ('created_by', ?)").run(new Date().toISOString(), 'aerie');
    }
    const s = new WorkspaceSession(path, db, kinds, emit);
    s.jobs.recover(resumeJobs);
    return s;
  }

  /** Re-encrypt under a new passphrase; refused while a job runs (re-keying rewrites every page). */
  changePassphrase(next: string): void {
    if (this.jobs.busy) {
      throw new AerieError('CONFLICT', 'A job is running. Change the passphrase when it has finished, or cancel it first.');
    }
    rekey(this.db, next);
  }

  get name(): string {
    return basename(this.path).replace(/\.aerie$/, '');
  }

  async close(): Promise<void> {
    await this.jobs.stop();
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      this.db.close();
    }
  }
}
