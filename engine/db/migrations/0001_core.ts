// Core bookkeeping: workspace metadata, hash-chained audit log, jobs.
import type { Migration } from '../migrate.js';

export const m0001: Migration = {
  version: 1,
  name: 'core',
  up(db) {
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        method TEXT NOT NULL,
        args_digest TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;

      CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        label TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued','running','succeeded','failed','cancelled')),
        params TEXT NOT NULL,
        done REAL NOT NULL DEFAULT 0,
        total REAL,
        unit TEXT NOT NULL DEFAULT '',
        message TEXT NOT NULL DEFAULT '',
        checkpoint TEXT,
        error_code TEXT,
        error_message TEXT,
        result TEXT,
        resumes INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT
      ) STRICT;
      CREATE INDEX jobs_by_state ON jobs(state);
      CREATE INDEX jobs_by_created ON jobs(created_at);
    `);
  },
};
