// Incremental identity resolution. A full run stores, beside its pairs and entities, what matching
// one more record needs without re-reading the workspace: each record's blocking keys per rule
// (resolve_keys: a 53-bit hash of the key, so the table holds integers only; a collision only adds
// a candidate) and the term frequencies of the values the model's exact levels are adjusted by
// (resolve_tf: hashed value, count; values held by one record are left out, their count is 1),
// and each record's standardised forms (resolve_forms: JSON, standardise.ts recordForms), so that
// the existing records an incremental run compares with are read, not standardised again.
// (resolve_forms was added here in place before any release had this migration.)
// An incremental run extends the rows (and updates the summary) of the run it builds on, so readers
// of "the latest run" need not know about it; resolve_increments keeps, per incremental job, what
// its rollback restores.
import type { Migration } from '../migrate.js';

export const m0011: Migration = {
  version: 11,
  name: 'resolve_incremental',
  up(db) {
    db.exec(`
      CREATE TABLE resolve_increments (
        id INTEGER PRIMARY KEY,
        job_id TEXT NOT NULL UNIQUE,
        run_id INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        undo TEXT NOT NULL
      ) STRICT;

      CREATE TABLE resolve_keys (
        run_id INTEGER NOT NULL,
        rule INTEGER NOT NULL,
        key INTEGER NOT NULL,
        record_id INTEGER NOT NULL,
        PRIMARY KEY (run_id, rule, key, record_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE resolve_tf (
        run_id INTEGER NOT NULL,
        comparison INTEGER NOT NULL,
        value INTEGER NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (run_id, comparison, value)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE resolve_forms (
        run_id INTEGER NOT NULL,
        record_id INTEGER NOT NULL,
        forms TEXT NOT NULL,
        PRIMARY KEY (run_id, record_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
