// The workspace's meta table: small named settings and ledgers kept without a schema change
// (profiling settings, privacy, id floors, removed imports). One place reads and writes a key.
import type { DB } from './sqlite.js';

export function readMeta(db: DB, key: string): string | undefined {
  return db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined;
}

export function writeMeta(db: DB, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}
