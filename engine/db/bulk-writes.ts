// Bulk-write mode for jobs that append millions of rows (imports, demo generation). In WAL mode
// every page is written twice: to the WAL, then by a checkpoint into the database file, and with
// SQLCipher pages the checkpoint decrypts and re-encrypts each one (about a third of an import's
// cost). Appending in rollback-journal mode writes each new page once: pages past the old end of
// the file need no journal. A crash mid-batch leaves a hot journal that SQLite rolls back on the
// next open, and the job's own rollback removes committed batches, as in WAL mode.
// Switching needs the only connection to the file; if another holds it, the job runs in WAL mode.
import type { DB } from './sqlite.js';

export class BulkWrites {
  private active = false;

  constructor(private readonly db: DB) {}

  begin(): void {
    if (this.active) return;
    try {
      const mode = this.db.pragma('journal_mode = DELETE', { simple: true });
      this.active = mode === 'delete';
      // FULL: with a rollback journal, NORMAL could corrupt the file on a power cut at the wrong moment.
      if (this.active) this.db.pragma('synchronous = FULL');
    } catch {
      this.active = false; // another connection is reading: stay in WAL
    }
  }

  /** Never throws (it runs in the job runner's finally): if another connection blocks the switch
   * back, the file stays in the safe rollback mode (FULL sync) until the next open turns WAL on. */
  end(): void {
    if (!this.active) return;
    this.active = false;
    try {
      if (this.db.pragma('journal_mode = WAL', { simple: true }) === 'wal') this.db.pragma('synchronous = NORMAL');
    } catch {
      // SQLITE_BUSY: see above
    }
  }
}
