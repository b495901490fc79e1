// Sources, imports with lineage, customer records in the canonical schema, rejects, events.
// records.raw keeps the original values verbatim as a JSON array in import_columns order (a value
// that a canonical column holds verbatim is stored once, there: see records/raw-values.ts);
// (import_id, row_no) is the lineage key.
import type { Migration } from '../migrate.js';

export const m0002: Migration = {
  version: 2,
  name: 'records',
  up(db) {
    db.exec(`
      CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL DEFAULT 'customers',
        mapping TEXT,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE imports (
        id INTEGER PRIMARY KEY,
        source_id INTEGER NOT NULL REFERENCES sources(id),
        file_name TEXT NOT NULL,
        file_hash TEXT NOT NULL,
        file_bytes INTEGER NOT NULL,
        format TEXT NOT NULL,
        encoding TEXT,
        delimiter TEXT,
        kind TEXT NOT NULL,
        mapping TEXT,
        state TEXT NOT NULL CHECK (state IN ('running','done','failed','cancelled')),
        rows_read INTEGER NOT NULL DEFAULT 0,
        rows_imported INTEGER NOT NULL DEFAULT 0,
        rows_rejected INTEGER NOT NULL DEFAULT 0,
        job_id TEXT,
        created_at TEXT NOT NULL,
        finished_at TEXT
      ) STRICT;
      CREATE INDEX imports_by_hash ON imports(file_hash);

      CREATE TABLE records (
        id INTEGER PRIMARY KEY,
        import_id INTEGER NOT NULL REFERENCES imports(id),
        row_no INTEGER NOT NULL,
        source_id INTEGER NOT NULL REFERENCES sources(id),
        source_key TEXT,
        given_name TEXT,
        family_name TEXT,
        full_name TEXT,
        email TEXT,
        phone TEXT,
        address_line TEXT,
        city TEXT,
        postcode TEXT,
        country TEXT,
        date_of_birth TEXT,
        company TEXT,
        consent_email INTEGER,
        consent_sms INTEGER,
        notes TEXT,
        raw TEXT NOT NULL,
        UNIQUE (import_id, row_no)
      ) STRICT;
      -- Only the lineage and source-key indexes: records is the append-only raw store, written at
      -- import speed. Search, matching and grids read derived tables with their own indexes.
      CREATE INDEX records_by_source_key ON records(source_id, source_key);

      CREATE TABLE rejects (
        id INTEGER PRIMARY KEY,
        import_id INTEGER NOT NULL REFERENCES imports(id),
        row_no INTEGER NOT NULL,
        raw TEXT NOT NULL,
        reason TEXT NOT NULL,
        column_name TEXT
      ) STRICT;
      CREATE INDEX rejects_by_import ON rejects(import_id, row_no);

      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        import_id INTEGER REFERENCES imports(id),
        row_no INTEGER,
        source_id INTEGER REFERENCES sources(id),
        source_key TEXT,
        type TEXT NOT NULL,
        at TEXT NOT NULL,
        amount REAL,
        channel TEXT,
        text TEXT,
        raw TEXT
      ) STRICT;
      CREATE INDEX events_by_key ON events(source_id, source_key, at);
      CREATE INDEX events_by_type_at ON events(type, at);
    `);
  },
};
