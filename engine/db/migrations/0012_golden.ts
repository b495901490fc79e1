// Golden records (issue 12). Builds are derived and rebuildable: every row of golden_records,
// golden_members and golden_values carries its build, so a cancelled or failed build is undone by
// deleting its build's rows, and a succeeded build prunes the builds before it. Steward decisions
// and rule sets are append-only (triggers refuse UPDATE and DELETE): an undo is a new decision that
// reverses an earlier one. Golden id events (created, merged_into, split_from, retired) are the id
// history; a build's events go with a rolled-back build. golden_settings holds the next golden id
// number and the per-workspace pseudonymisation secret.
import type { Migration } from '../migrate.js';

export const m0012: Migration = {
  version: 12,
  name: 'golden',
  up(db) {
    db.exec(`
      CREATE TABLE golden_rule_sets (
        version INTEGER PRIMARY KEY,
        rules TEXT NOT NULL,
        actor TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE golden_decisions (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('override','merge','split','lock','undo')),
        golden_id TEXT,
        other_id TEXT,
        attribute TEXT,
        value TEXT,
        records TEXT,
        reverses INTEGER REFERENCES golden_decisions(id),
        note TEXT,
        actor TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX golden_decisions_by_golden_id ON golden_decisions(golden_id);
      CREATE TRIGGER golden_decisions_append_only_update BEFORE UPDATE ON golden_decisions
        BEGIN SELECT RAISE(ABORT, 'golden_decisions is append-only: reverse a decision with an undo'); END;
      CREATE TRIGGER golden_decisions_append_only_delete BEFORE DELETE ON golden_decisions
        BEGIN SELECT RAISE(ABORT, 'golden_decisions is append-only: reverse a decision with an undo'); END;
      CREATE TRIGGER golden_rule_sets_append_only_update BEFORE UPDATE ON golden_rule_sets
        BEGIN SELECT RAISE(ABORT, 'golden_rule_sets is append-only: save a new version'); END;

      CREATE TABLE golden_builds (
        id INTEGER PRIMARY KEY,
        job_id TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        rule_version INTEGER NOT NULL,
        resolve_run_id INTEGER,
        -- the newest steward decision when the build started (later ones are pending until the next build)
        last_decision_id INTEGER NOT NULL DEFAULT 0,
        summary TEXT NOT NULL
      ) STRICT;

      CREATE TABLE golden_records (
        build_id INTEGER NOT NULL,
        id TEXT NOT NULL,
        size INTEGER NOT NULL,
        locked INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (build_id, id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE golden_members (
        build_id INTEGER NOT NULL,
        record_id INTEGER NOT NULL,
        golden_id TEXT NOT NULL,
        PRIMARY KEY (build_id, record_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX golden_members_by_golden_id ON golden_members(build_id, golden_id);

      CREATE TABLE golden_values (
        build_id INTEGER NOT NULL,
        golden_id TEXT NOT NULL,
        attribute TEXT NOT NULL,
        value TEXT NOT NULL,
        rule TEXT NOT NULL,
        confidence REAL NOT NULL,
        records TEXT NOT NULL,
        PRIMARY KEY (build_id, golden_id, attribute)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE golden_id_events (
        id INTEGER PRIMARY KEY,
        build_id INTEGER NOT NULL,
        golden_id TEXT NOT NULL,
        event TEXT NOT NULL CHECK (event IN ('created','merged_into','split_from','retired')),
        other_id TEXT,
        decision_id INTEGER,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX golden_id_events_by_golden_id ON golden_id_events(golden_id);
      CREATE INDEX golden_id_events_by_build ON golden_id_events(build_id);

      CREATE TABLE golden_settings (
        key TEXT PRIMARY KEY,
        value ANY NOT NULL
      ) STRICT;
    `);
  },
};
