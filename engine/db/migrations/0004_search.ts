// Embeddings and search. Vectors live in the workspace as int8 BLOBs in sqlite-vec's int8 format
// (vec_distance_cosine(vec_int8(a), vec_int8(b)) works on them), grouped in generations: one
// generation = one model over the records. A full re-index builds a new generation beside the
// live one and swaps them when done, so search keeps working and a cancel leaves the old one.
// Search itself scans in-memory indexes built from these rows (see engine/embed/vector-index.ts).
import type { Migration } from '../migrate.js';

export const m0004: Migration = {
  version: 4,
  name: 'search',
  up(db) {
    db.exec(`
      CREATE TABLE embed_generations (
        id INTEGER PRIMARY KEY,
        model_id TEXT NOT NULL,            -- name@version#sha12, as the embedder reports it
        model_name TEXT NOT NULL,          -- registry id (folder) the model was loaded from
        model_kind TEXT NOT NULL,          -- builtin | transformers
        model_sha256 TEXT,
        dims INTEGER NOT NULL,
        recipe TEXT NOT NULL,              -- which record fields make the embedded text
        state TEXT NOT NULL CHECK (state IN ('building','active','retired')),
        job_id TEXT,
        created_at TEXT NOT NULL,
        activated_at TEXT,
        partition BLOB,                    -- float32 centroids of the two half-spaces (multi-index IVF)
        partition_meta TEXT                -- JSON: {k, half, trainedOn}
      ) STRICT;

      CREATE TABLE record_vectors (
        gen INTEGER NOT NULL REFERENCES embed_generations(id),
        record_id INTEGER NOT NULL,
        text_hash INTEGER NOT NULL,        -- hash of the embedded text: changed records re-embed
        cell INTEGER NOT NULL DEFAULT 0,   -- partition cell (IVF)
        job_id TEXT,
        vec BLOB NOT NULL,                 -- int8[dims], per-vector scaled (cosine is scale-free)
        PRIMARY KEY (gen, record_id)
      ) STRICT, WITHOUT ROWID;

      -- Analyst feedback on search results: append-only training data for the reranker.
      CREATE TABLE search_feedback (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        query TEXT NOT NULL,
        record_id INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('click','confirm','reject')),
        shown TEXT                         -- JSON array of record ids shown with it (negatives)
      ) STRICT;
      CREATE INDEX search_feedback_by_record ON search_feedback(record_id);

      -- Trained rerankers; the newest active one ranks results.
      CREATE TABLE search_rerankers (
        id INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        kind TEXT NOT NULL,                -- logreg
        features TEXT NOT NULL,            -- JSON feature names, in weight order
        weights TEXT NOT NULL,             -- JSON {bias, weights, mean, scale}
        trained_on TEXT NOT NULL,          -- JSON: counts of pairs by origin, metrics
        job_id TEXT,
        active INTEGER NOT NULL DEFAULT 1
      ) STRICT;
    `);
  },
};
