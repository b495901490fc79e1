// Audit entries name what their call started (`job:<id>`), so `audit verify` can cross-check the log
// against the jobs and imports it describes (engine/audit/links.ts). Imports made before this have no
// such entry: they are marked, and left out of the check.
import type { Migration } from '../migrate.js';

export const m0009: Migration = {
  version: 9,
  name: 'audit links',
  up(db) {
    db.exec(`
      ALTER TABLE audit_log ADD COLUMN subject TEXT;
      ALTER TABLE imports ADD COLUMN pre_audit_links INTEGER;
      UPDATE imports SET pre_audit_links = 1;
    `);
  },
};
