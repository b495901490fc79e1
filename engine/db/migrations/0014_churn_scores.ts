// Churn scores (issue 13): each unit's calibrated score and decile under one churn model version
// (a models row of kind churn.model), written by the churn.score job; a re-score of the same model
// replaces its rows.
import type { Migration } from '../migrate.js';

export const m0014: Migration = {
  version: 14,
  name: 'churn_scores',
  up(db) {
    db.exec(`
      CREATE TABLE churn_scores (
        model_id INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
        unit TEXT NOT NULL,
        unit_kind TEXT NOT NULL CHECK (unit_kind IN ('golden','source')),
        score REAL NOT NULL,
        decile INTEGER NOT NULL CHECK (decile BETWEEN 1 AND 10),
        job_id TEXT NOT NULL,
        computed_at TEXT NOT NULL,
        PRIMARY KEY (model_id, unit)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX churn_scores_by_score ON churn_scores(model_id, score DESC);
    `);
  },
};
