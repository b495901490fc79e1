// A failed job keeps where its problem is (file, row, column, value, hint), not just the message.
import type { Migration } from '../migrate.js';

export const m0005: Migration = {
  version: 5,
  name: 'job error details',
  up(db) {
    db.exec('ALTER TABLE jobs ADD COLUMN error_details TEXT');
  },
};
