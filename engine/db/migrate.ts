// Numbered migrations, all pending ones in a single transaction; PRAGMA user_version is the
// schema version. A workspace written by a newer Aerie is refused before anything changes.
import { AerieError } from '../api/errors.js';
import type { DB } from './sqlite.js';
import { migrations } from './migrations/index.js';

export interface Migration {
  version: number;
  name: string;
  up(db: DB): void;
}

export const LATEST_SCHEMA_VERSION = migrations.length;

export function schemaVersion(db: DB): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: DB, path: string): { from: number; to: number } {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.name} is numbered ${m.version}, expected ${i + 1}`);
  });
  const from = schemaVersion(db);
  if (from > LATEST_SCHEMA_VERSION) {
    throw new AerieError(
      'WORKSPACE_TOO_NEW',
      `This workspace was saved by a newer version of Aerie (schema ${from}); this version understands up to schema ${LATEST_SCHEMA_VERSION}. Update Aerie to open it. The file was not changed.`,
      { file: path },
    );
  }
  if (from === LATEST_SCHEMA_VERSION) return { from, to: from };
  db.transaction(() => {
    for (const m of migrations.slice(from)) m.up(db);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION}`);
  })();
  return { from, to: LATEST_SCHEMA_VERSION };
}
