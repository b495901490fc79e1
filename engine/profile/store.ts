// Stored profiles (table `profiles`): dashboards load the latest report per scope instantly.
import type { DB } from '../db/sqlite.js';
import type { ProfileReport } from './types.js';

export function saveProfile(db: DB, report: ProfileReport): number {
  return Number(
    db.prepare('INSERT INTO profiles (scope, created_at, rows, report) VALUES (?, ?, ?, ?)').run(report.scope, report.createdAt, report.rows, JSON.stringify(report)).lastInsertRowid,
  );
}

export function latestProfile(db: DB, scope: string): ProfileReport | null {
  const row = db.prepare('SELECT report FROM profiles WHERE scope = ? ORDER BY created_at DESC, id DESC LIMIT 1').pluck().get(scope) as string | undefined;
  return row === undefined ? null : (JSON.parse(row) as ProfileReport);
}
