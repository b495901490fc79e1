// The catalogue: every source column of every import, in file order, and the canonical
// attribute it feeds (lineage). Profiles are stored per import so dashboards load instantly.
import type { Migration } from '../migrate.js';

export const m0003: Migration = {
  version: 3,
  name: 'catalogue',
  up(db) {
    db.exec(`
      CREATE TABLE import_columns (
        import_id INTEGER NOT NULL REFERENCES imports(id),
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        canonical TEXT,
        PRIMARY KEY (import_id, position)
      ) STRICT;

      CREATE TABLE profiles (
        id INTEGER PRIMARY KEY,
        scope TEXT NOT NULL,          -- 'workspace' | 'source:<id>' | 'import:<id>'
        created_at TEXT NOT NULL,
        rows INTEGER NOT NULL,
        report TEXT NOT NULL          -- JSON, see engine/profile
      ) STRICT;
      CREATE INDEX profiles_by_scope ON profiles(scope, created_at);
    `);
  },
};
