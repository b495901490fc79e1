// A model import is a job that copies the files part by part, one transaction each: the model row
// carries the job until the copy completes, so a half-copied model is never listed or loaded, and
// the job's rollback (after cancel, failure or a crash) finds everything it wrote.
import type { Migration } from '../migrate.js';

export const m0007: Migration = {
  version: 7,
  name: 'workspace model import job',
  up(db) {
    // NULL once the model is complete; the importing job's id while its files are being copied
    db.exec('ALTER TABLE workspace_models ADD COLUMN job_id TEXT');
  },
};
