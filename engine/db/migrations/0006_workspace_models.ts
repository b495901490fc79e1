// Embedding models imported into the workspace, so a workspace carries the model its vectors were
// made with. Files are stored in parts (workspace_model_parts) because one SQLite value is capped
// at 1 GB and import / materialise should stream rather than hold a whole ONNX file in memory.
import type { Migration } from '../migrate.js';

export const m0006: Migration = {
  version: 6,
  name: 'workspace models',
  up(db) {
    db.exec(`
      CREATE TABLE workspace_models (
        id TEXT PRIMARY KEY,               -- registry id, as for models/ folders: name@version or folder name
        kind TEXT NOT NULL CHECK (kind IN ('builtin','transformers')),
        dims INTEGER NOT NULL,
        sha256 TEXT NOT NULL,              -- digest of the folder content (see engine/embed/workspace-models.ts)
        folder TEXT NOT NULL,              -- folder name it was imported from (transformers.js names the model by it)
        manifest TEXT,                     -- manifest.json (built-in, or a drop-in's optional one), JSON
        config TEXT,                       -- config.json of a transformers.js model, JSON
        files INTEGER NOT NULL,
        bytes INTEGER NOT NULL,
        imported_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE workspace_model_files (
        id INTEGER PRIMARY KEY,
        model_id TEXT NOT NULL REFERENCES workspace_models(id) ON DELETE CASCADE,
        path TEXT NOT NULL,                -- relative to the model folder, '/'-separated
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        UNIQUE (model_id, path)
      ) STRICT;

      CREATE TABLE workspace_model_parts (
        file_id INTEGER NOT NULL REFERENCES workspace_model_files(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        bytes BLOB NOT NULL,
        PRIMARY KEY (file_id, seq)
      ) STRICT;
    `);
  },
};
