// Experiments (issue 14): the design (arms and shares as JSON, holdout, stratum column, a random
// per-experiment salt for hashed assignment) and each unit's assignment. An assignment is fixed once
// made (the campaign system may already have acted on it): a trigger refuses UPDATE and DELETE of
// assignment rows; deleting an experiment is not offered.
import type { Migration } from '../migrate.js';

export const m0013: Migration = {
  version: 13,
  name: 'experiments',
  up(db) {
    db.exec(`
      CREATE TABLE experiments (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        hypothesis TEXT NOT NULL DEFAULT '',
        unit_kind TEXT NOT NULL CHECK (unit_kind IN ('golden','source')),
        arms TEXT NOT NULL,
        holdout REAL NOT NULL DEFAULT 0 CHECK (holdout >= 0 AND holdout < 1),
        stratify_column TEXT,
        salt TEXT NOT NULL,
        primary_metric TEXT NOT NULL,
        guardrail_metrics TEXT NOT NULL DEFAULT '[]',
        starts_on TEXT,
        ends_on TEXT,
        status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','running','stopped','analysed')),
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE experiment_assignments (
        experiment_id INTEGER NOT NULL REFERENCES experiments(id),
        unit TEXT NOT NULL,
        stratum TEXT,
        arm TEXT NOT NULL,
        assigned_at TEXT NOT NULL,
        PRIMARY KEY (experiment_id, unit)
      ) STRICT, WITHOUT ROWID;

      CREATE TRIGGER experiment_assignments_no_update BEFORE UPDATE ON experiment_assignments
      BEGIN SELECT RAISE(ABORT, 'experiment assignments are fixed once made'); END;
      CREATE TRIGGER experiment_assignments_no_delete BEFORE DELETE ON experiment_assignments
      BEGIN SELECT RAISE(ABORT, 'experiment assignments are fixed once made'); END;
    `);
  },
};
