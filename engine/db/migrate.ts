// Numbered migrations, all pending ones in a single transaction; PRAGMA user_version is the
// schema version. A workspace written by a newer Aerie is refused before anything changes.
import { AerieError } from '../api/errors.js';
import type { DB } from './sqlite.js';
import { migrations } from './migrations/index.js';

export interface Migration {
  version: number;
  name: string;
  up(db: DB): void;
  /** Tables whose rows this migration moves into another table before dropping them (checked by
   * the migration tests: every row must arrive, `where` selects the moved rows in `into`). */
  moves?: { table: string; into: string; where: string }[];
}

export const LATEST_SCHEMA_VERSION = migrations.length;

export function schemaVersion(db: DB): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Apply every pending migration of `list` (all of them but in tests) in one transaction. */
export function migrate(db: DB, path: string, list: readonly Migration[] = migrations): { from: number; to: number } {
  const latest = list.length;
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.name} is numbered ${m.version}, expected ${i + 1}`);
  });
  const from = schemaVersion(db);
  if (from > latest) {
    throw new AerieError(
      'WORKSPACE_TOO_NEW',
      `This workspace was saved by a newer version of Aerie (schema ${from}); this version understands up to schema ${latest}. Update Aerie to open it. The file was not changed.`,
      { file: path },
    );
  }
  if (from === latest) return { from, to: from };
  db.transaction(() => {
    for (const m of list.slice(from)) m.up(db);
    db.pragma(`user_version = ${latest}`);
  })();
  return { from, to: latest };
}
