// The entity list's summary of a golden build (engine/golden/list-store.ts), kept so that the first
// golden.list after the workspace opens reads it instead of scanning every record, member and match
// pair again: per golden record of the build, in list order, its size, lock, sources and confidence
// (weakest link). Derived and rebuildable: one row per build, replaced at the next build's first
// list. A removal that changes the build's entities (ingest.remove updates golden_records.size)
// drops the row through the trigger, so a stale summary is never read. Holds ids, no values.
import type { Migration } from '../migrate.js';

export const m0016: Migration = {
  version: 16,
  name: 'golden_list_summaries',
  up(db) {
    db.exec(`
      CREATE TABLE golden_list_summaries (
        build_id INTEGER PRIMARY KEY,
        -- the build's job (build ids can be reused after a rolled-back build, job ids cannot)
        job_id TEXT NOT NULL,
        -- layout of the blobs below; a reader ignores a format it does not know
        format INTEGER NOT NULL,
        entities INTEGER NOT NULL,
        -- golden ids joined by newlines; then per entity, in that order: size (int32), locked (uint8),
        -- confidence (float64, NaN: no link), where its source ids start in sources (int32, one more
        -- than there are entities), and the source ids of all entities one after another (int32)
        ids TEXT NOT NULL,
        sizes BLOB NOT NULL,
        locked BLOB NOT NULL,
        confidence BLOB NOT NULL,
        source_start BLOB NOT NULL,
        sources BLOB NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      -- a removal shrinks entities before it deletes the empty ones, so this one trigger covers both
      -- (none on DELETE: pruning an old build's rows would pay a check per row)
      CREATE TRIGGER golden_list_summaries_stale AFTER UPDATE OF size ON golden_records
        WHEN OLD.size <> NEW.size AND EXISTS (SELECT 1 FROM golden_list_summaries WHERE build_id = NEW.build_id)
        BEGIN DELETE FROM golden_list_summaries WHERE build_id = NEW.build_id; END;
    `);
  },
};
