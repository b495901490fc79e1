import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openDatabase } from '../../../engine/db/open.js';
import type { DB } from '../../../engine/db/sqlite.js';

const CANON = ['source_key', 'given_name', 'family_name', 'full_name', 'email', 'phone', 'address_line', 'city', 'postcode', 'country', 'date_of_birth', 'company', 'consent_email', 'consent_sms', 'notes'] as const;
export type Canon = (typeof CANON)[number];

/** A fresh encrypted workspace in a temp folder, removed after the test file. */
export function tempWorkspace(): DB {
  const dir = mkdtempSync(join(tmpdir(), 'aerie-profile-'));
  const db = openDatabase(join(dir, 'w.aerie'), 'test passphrase', { create: true });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return db;
}

export interface SourceSpec {
  name: string;
  /** Source column name → canonical attribute (null: not mapped). Omit to leave import_columns empty. */
  columns?: [string, Canon | null][];
  /** Raw rows: source column → value (absent key = missing). */
  rows: Record<string, string | null>[];
}

/** Insert a source, one import, its import_columns and records (canonical = mapped raw values). */
export function addSource(db: DB, spec: SourceSpec): { sourceId: number; importId: number } {
  const now = '2025-01-01T00:00:00.000Z';
  const sourceId = Number(db.prepare("INSERT INTO sources (name, kind, created_at) VALUES (?, 'customers', ?)").run(spec.name, now).lastInsertRowid);
  const importId = Number(
    db
      .prepare("INSERT INTO imports (source_id, file_name, file_hash, file_bytes, format, kind, state, rows_read, rows_imported, created_at) VALUES (?, ?, ?, 0, 'csv', 'customers', 'done', ?, ?, ?)")
      .run(sourceId, `${spec.name}.csv`, `hash-${spec.name}`, spec.rows.length, spec.rows.length, now).lastInsertRowid,
  );
  const cols = spec.columns ?? [];
  cols.forEach(([name, canonical], i) => db.prepare('INSERT INTO import_columns (import_id, position, name, canonical) VALUES (?, ?, ?, ?)').run(importId, i + 1, name, canonical));
  const insert = db.prepare(`INSERT INTO records (import_id, row_no, source_id, ${CANON.join(', ')}, raw) VALUES (?, ?, ?, ${CANON.map(() => '?').join(', ')}, ?)`);
  db.transaction(() => {
    spec.rows.forEach((raw, i) => {
      const canon = CANON.map((c) => {
        const col = cols.find(([, can]) => can === c);
        const v = col ? raw[col[0]] : undefined;
        if (v === undefined || v === null) return null;
        if (c === 'consent_email' || c === 'consent_sms') return v === 'Y' ? 1 : 0;
        return v;
      });
      // records.raw: the verbatim values in import_columns order (a missing key is a null cell).
      insert.run(importId, i + 1, sourceId, ...canon, JSON.stringify(cols.map(([name]) => raw[name] ?? null)));
    });
  })();
  return { sourceId, importId };
}
