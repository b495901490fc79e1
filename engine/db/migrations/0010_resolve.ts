// Identity resolution over the workspace. Every row carries the run that wrote it, so a cancelled or
// failed run is undone by deleting its run's rows; a succeeded run removes the older runs' pairs and
// memberships. The trained model lives in the model registry (kind resolve.match), not here.
// resolve_pairs.levels: one signed byte per comparison (-1 = a value missing); tf: one float32 per
// comparison (term-frequency adjustment, 0 where none) — the waterfall is rebuilt from them and the model.
import type { Migration } from '../migrate.js';

export const m0010: Migration = {
  version: 10,
  name: 'resolve',
  up(db) {
    db.exec(`
      CREATE TABLE resolve_runs (
        id INTEGER PRIMARY KEY,
        job_id TEXT NOT NULL UNIQUE,
        model_id INTEGER,
        created_at TEXT NOT NULL,
        threshold REAL NOT NULL,
        summary TEXT NOT NULL
      ) STRICT;

      CREATE TABLE resolve_pairs (
        run_id INTEGER NOT NULL,
        a INTEGER NOT NULL,
        b INTEGER NOT NULL,
        probability REAL NOT NULL,
        weight REAL NOT NULL,
        rule INTEGER NOT NULL,
        levels BLOB NOT NULL,
        tf BLOB NOT NULL,
        PRIMARY KEY (run_id, a, b)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX resolve_pairs_by_probability ON resolve_pairs(run_id, probability);

      CREATE TABLE resolve_entities (
        run_id INTEGER NOT NULL,
        id TEXT NOT NULL,
        size INTEGER NOT NULL,
        PRIMARY KEY (run_id, id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE resolve_members (
        run_id INTEGER NOT NULL,
        record_id INTEGER NOT NULL,
        entity_id TEXT NOT NULL,
        PRIMARY KEY (run_id, record_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX resolve_members_by_entity ON resolve_members(run_id, entity_id);
    `);
  },
};
