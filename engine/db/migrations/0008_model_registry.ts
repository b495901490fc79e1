// One registry of trained artefacts (engine/models/): search rerankers and embedding generations
// today; match models, churn models and bandit policies next. Each entry keeps its version, data
// window, schema, parameters, metrics and status. Small artefacts (a reranker's weights) live in the
// row; large ones stay in their own tables and the row points at them (`ref`).
import type { Migration } from '../migrate.js';

export const m0008: Migration = {
  version: 8,
  name: 'model registry',
  moves: [{ table: 'search_rerankers', into: 'models', where: "kind = 'search.reranker'" }],
  up(db) {
    db.exec(`
      CREATE TABLE models (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,                -- search.reranker | embed.generation | resolve.match | churn.gbdt …
        version INTEGER NOT NULL,          -- 1, 2, 3 … per kind
        status TEXT NOT NULL CHECK (status IN ('building','candidate','shadow','canary','live','retired')),
        created_at TEXT NOT NULL,
        created_by TEXT,
        job_id TEXT,                       -- the job that trained it (its rollback removes the entry)
        data_window TEXT,                  -- JSON {from, to, rows} the model was trained on, or NULL
        schema TEXT NOT NULL,              -- JSON: features / inputs the model expects
        params TEXT NOT NULL,              -- JSON: training parameters
        metrics TEXT NOT NULL,             -- JSON: evaluation figures
        artefact BLOB,                     -- the model itself where small enough
        ref TEXT,                          -- where a large artefact lives, e.g. embed_generations:5
        activated_at TEXT,
        retired_at TEXT,
        UNIQUE (kind, version)
      ) STRICT;
      CREATE INDEX models_by_kind_status ON models(kind, status);
      CREATE INDEX models_by_job ON models(job_id);

      INSERT INTO models (kind, version, status, created_at, job_id, schema, params, metrics, artefact, activated_at)
        SELECT 'search.reranker', row_number() OVER (ORDER BY id), CASE active WHEN 1 THEN 'live' ELSE 'retired' END,
               created_at, job_id, json_object('features', json(features)), json_object('algorithm', kind),
               trained_on, CAST(weights AS BLOB), CASE active WHEN 1 THEN created_at END
        FROM search_rerankers ORDER BY id;
      DROP TABLE search_rerankers;

      INSERT INTO models (kind, version, status, created_at, job_id, schema, params, metrics, ref, activated_at)
        SELECT 'embed.generation', row_number() OVER (ORDER BY id),
               CASE state WHEN 'active' THEN 'live' ELSE state END, created_at, job_id,
               json_object('dims', dims, 'recipe', recipe),
               json_object('modelId', model_id, 'modelName', model_name, 'modelKind', model_kind, 'sha256', model_sha256),
               '{}', 'embed_generations:' || id, activated_at
        FROM embed_generations ORDER BY id;
    `);
  },
};
