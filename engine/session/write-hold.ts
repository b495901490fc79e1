// A job that keeps one transaction open across its chunks (ingest.remove) holds the workspace's
// writes: any other write on the connection would join that transaction and vanish if the job is
// cancelled. While held, the engine refuses other changes, and the audit entries of calls it lets
// through (jobs.cancel) wait until the hold ends, so a rollback cannot take them with it.
import { AerieError } from '../api/errors.js';

export class WriteHold {
  private what: string | null = null;
  private readonly deferred: (() => void)[] = [];

  /** What holds the writes (a job's label), or null. */
  get holder(): string | null {
    return this.what;
  }

  /** Hold writes until the returned function is called (once the transaction has committed or rolled back). */
  hold(what: string): () => void {
    if (this.what !== null) throw new AerieError('CONFLICT', `${this.what} is already in progress.`);
    this.what = what;
    return () => {
      this.what = null;
      for (const f of this.deferred.splice(0)) f();
    };
  }

  /** Run `f` now, or when the hold ends. */
  afterHold(f: () => void): void {
    if (this.what === null) f();
    else this.deferred.push(f);
  }
}
