// The steward's review desk (issue 12). review_labels is append-only (triggers refuse UPDATE and
// DELETE): each row is one verdict on a pair of records (a < b, kept so by the code) — match, nonMatch or skip — or an
// undo that reverses an earlier row. A verdict that changed an entity names the golden decision it
// made (decision_id; an undo names the golden undo), and a match or non-match the search feedback
// row it wrote (feedback_id), so that undoing the label removes both. Rows hold record ids, never
// customer values.
import type { Migration } from '../migrate.js';

export const m0015: Migration = {
  version: 15,
  name: 'review_labels',
  up(db) {
    db.exec(`
      CREATE TABLE review_labels (
        id INTEGER PRIMARY KEY,
        a INTEGER NOT NULL,
        b INTEGER NOT NULL,
        verdict TEXT NOT NULL CHECK (verdict IN ('match','nonMatch','skip','undo')),
        -- why the pair was queued (nearThreshold, weakEntity, largeEntity, household)
        reason TEXT,
        -- the resolve run whose queue offered it, and the model's probability then (null: not scored)
        run_id INTEGER,
        probability REAL,
        blind INTEGER NOT NULL DEFAULT 0,
        decision_id INTEGER,
        feedback_id INTEGER,
        reverses INTEGER REFERENCES review_labels(id),
        actor TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX review_labels_by_pair ON review_labels(a, b);
      CREATE TRIGGER review_labels_append_only_update BEFORE UPDATE ON review_labels
        BEGIN SELECT RAISE(ABORT, 'review_labels is append-only: reverse a label with an undo'); END;
      CREATE TRIGGER review_labels_append_only_delete BEFORE DELETE ON review_labels
        BEGIN SELECT RAISE(ABORT, 'review_labels is append-only: reverse a label with an undo'); END;
    `);
  },
};
