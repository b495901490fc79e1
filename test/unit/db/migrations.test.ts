// Every migration, one at a time, on a real encrypted file: a workspace at version N−1 holding rows
// in every table is migrated to N and keeps every row and value; a migration that throws leaves the
// file at its old version with its old schema.
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import * as sqliteVec from 'sqlite-vec';
import { applyKey } from '../../../engine/db/cipher.js';
import { migrate, schemaVersion, type Migration } from '../../../engine/db/migrate.js';
import { migrations } from '../../../engine/db/migrations/index.js';
import { Database, type DB } from '../../../engine/db/sqlite.js';
import { PASS, tempDir } from '../../helpers/tmp.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

function openFile(path: string): DB {
  const db = new Database(path);
  applyKey(db, PASS);
  db.loadExtension(sqliteVec.getLoadablePath());
  return db;
}

interface Column {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}

/** Ordinary tables (not virtual tables or their shadow tables, not SQLite's own). */
function plainTables(db: DB): { name: string; sql: string }[] {
  const all = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string; sql: string }[];
  const virtual = all.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql)).map((t) => t.name);
  return all.filter((t) => !virtual.some((v) => t.name === v || t.name.startsWith(`${v}_`)));
}

/** A value of the column's declared type; a CHECK (col IN (...)) picks one of its listed values. */
function valueFor(table: string, sql: string, col: Column, i: number): unknown {
  const allowed = new RegExp(`\\b${col.name}\\b[^,]*?CHECK\\s*\\(\\s*${col.name}\\s+IN\\s*\\(([^)]*)\\)`, 'i').exec(sql);
  if (allowed) {
    const options = allowed[1]!.split(',').map((s) => s.trim().replace(/^'|'$/g, ''));
    return options[i % options.length];
  }
  const range = new RegExp(`CHECK\\s*\\(\\s*${col.name}\\s+BETWEEN\\s+(-?\\d+)\\s+AND\\s+(-?\\d+)\\s*\\)`, 'i').exec(sql);
  if (range) return Number(range[1]) + (i % (Number(range[2]) - Number(range[1]) + 1));
  const t = col.type.toUpperCase();
  if (t.includes('INT')) return col.pk ? i + 1 : i;
  // fractions in [0, 1): shares and probabilities carry CHECKs of that range
  if (t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB')) return (i + 0.5) / 10;
  if (t.includes('BLOB')) return Buffer.from([i, 1, 2, 3]);
  if (t === '' || t === 'ANY') return `${table}.${col.name}.${i}`;
  // JSON-bearing text columns must stay valid JSON for the migrations that read them.
  return JSON.stringify(`${table}.${col.name}.${i}`);
}

type Seeded = Map<string, Record<string, unknown>[]>;

/** Put three rows in every ordinary table (foreign keys off: the rows only need to survive). */
function seed(db: DB): Seeded {
  const seeded: Seeded = new Map();
  db.pragma('foreign_keys = OFF');
  for (const { name, sql } of plainTables(db)) {
    const cols = db.prepare(`PRAGMA table_info("${name}")`).all() as Column[];
    const rows: Record<string, unknown>[] = [];
    for (let i = 0; i < 3; i++) {
      const row = Object.fromEntries(cols.map((c) => [c.name, valueFor(name, sql, c, i)]));
      const names = cols.map((c) => `"${c.name}"`).join(', ');
      db.prepare(`INSERT INTO "${name}" (${names}) VALUES (${cols.map(() => '?').join(', ')})`).run(...Object.values(row));
      rows.push(row);
    }
    seeded.set(name, rows);
  }
  return seeded;
}

function schema(db: DB): string[] {
  return (db.prepare("SELECT type || ' ' || name || ' ' || coalesce(sql, '') AS s FROM sqlite_master ORDER BY name").all() as { s: string }[]).map((r) => r.s);
}

describe('migrations', () => {
  it('are numbered 1..N in order', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  for (const m of migrations) {
    it(`${String(m.version).padStart(4, '0')} ${m.name}: a workspace at version ${m.version - 1} with data keeps every row`, () => {
      const db = openFile(join(tmp.dir, `m${m.version}.aerie`));
      try {
        migrate(db, 'test', migrations.slice(0, m.version - 1));
        expect(schemaVersion(db)).toBe(m.version - 1);
        const seeded = seed(db);
        migrate(db, 'test', migrations.slice(0, m.version));
        expect(schemaVersion(db)).toBe(m.version);
        for (const [table, rows] of seeded) {
          const moved = m.moves?.find((x) => x.table === table);
          if (moved) {
            const arrived = db.prepare(`SELECT count(*) FROM "${moved.into}" WHERE ${moved.where}`).pluck().get() as number;
            expect(arrived, `${table} rows moved into ${moved.into} by ${m.name}`).toBe(rows.length);
            continue;
          }
          const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
          expect(exists, `${m.name} dropped table ${table}`).toBeTruthy();
          const cols = new Set((db.prepare(`PRAGMA table_info("${table}")`).all() as Column[]).map((c) => c.name));
          const stored = db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[];
          expect(stored.length, `${table} after ${m.name}`).toBe(rows.length);
          rows.forEach((row, i) => {
            for (const [col, value] of Object.entries(row)) {
              if (cols.has(col)) expect(stored[i]![col], `${table}.${col} after ${m.name}`).toEqual(value);
            }
          });
        }
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        db.close();
      }
    });
  }

  it('0012 golden: steward decisions and rule sets are append-only (undo is a new decision)', () => {
    const db = openFile(join(tmp.dir, 'golden-append-only.aerie'));
    try {
      migrate(db, 'test', migrations.slice(0, 12));
      const at = new Date().toISOString();
      db.prepare("INSERT INTO golden_decisions (kind, golden_id, attribute, value, actor, created_at) VALUES ('override', 'G0000001', 'email', 'a@example.com', 'x', ?)").run(at);
      db.prepare("INSERT INTO golden_decisions (kind, golden_id, reverses, actor, created_at) VALUES ('undo', 'G0000001', 1, 'x', ?)").run(at);
      db.prepare("INSERT INTO golden_rule_sets (version, rules, actor, created_at) VALUES (1, '{}', 'x', ?)").run(at);
      expect(() => db.prepare("UPDATE golden_decisions SET value = 'b@example.com'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM golden_decisions').run()).toThrow(/append-only/);
      expect(() => db.prepare("UPDATE golden_rule_sets SET rules = '[]'").run()).toThrow(/append-only/);
      expect(() => db.prepare("INSERT INTO golden_decisions (kind, actor, created_at) VALUES ('delete', 'x', ?)").run(at)).toThrow(/CHECK/);
      expect(db.prepare('SELECT count(*) FROM golden_decisions').pluck().get()).toBe(2);
    } finally {
      db.close();
    }
  });

  it('0013 experiments: an assignment is fixed once made', () => {
    const db = openFile(join(tmp.dir, 'experiments-fixed.aerie'));
    try {
      migrate(db, 'test', migrations.slice(0, 13));
      const at = new Date().toISOString();
      db.prepare("INSERT INTO experiments (name, unit_kind, arms, salt, primary_metric, created_by, created_at) VALUES ('t', 'golden', '[]', 's', 'churn', 'x', ?)").run(at);
      db.prepare("INSERT INTO experiment_assignments (experiment_id, unit, arm, assigned_at) VALUES (1, 'G1', 'control', ?)").run(at);
      expect(() => db.prepare("UPDATE experiment_assignments SET arm = 'offer'").run()).toThrow(/fixed once made/);
      expect(() => db.prepare('DELETE FROM experiment_assignments').run()).toThrow(/fixed once made/);
      expect(db.prepare('SELECT arm FROM experiment_assignments').pluck().get()).toBe('control');
    } finally {
      db.close();
    }
  });

  it('0014 churn scores: one score per unit and model, a decile from 1 to 10', () => {
    const db = openFile(join(tmp.dir, 'churn-scores.aerie'));
    try {
      migrate(db, 'test', migrations.slice(0, 14));
      const at = new Date().toISOString();
      db.prepare("INSERT INTO models (kind, version, status, created_at, schema, params, metrics) VALUES ('churn.model', 1, 'candidate', ?, '{}', '{}', '{}')").run(at);
      const put = db.prepare("INSERT INTO churn_scores (model_id, unit, unit_kind, score, decile, job_id, computed_at) VALUES (1, ?, 'golden', 0.5, ?, 'j', ?)");
      put.run('G1', 1, at);
      expect(() => put.run('G1', 2, at)).toThrow(/UNIQUE|PRIMARY/);
      expect(() => put.run('G2', 11, at)).toThrow(/CHECK/);
      expect(db.prepare('SELECT count(*) FROM churn_scores').pluck().get()).toBe(1);
    } finally {
      db.close();
    }
  });

  it('0015 review labels: append-only, one verdict per row on an ordered pair', () => {
    const db = openFile(join(tmp.dir, 'review-labels.aerie'));
    try {
      migrate(db, 'test', migrations.slice(0, 15));
      const at = new Date().toISOString();
      db.prepare("INSERT INTO review_labels (a, b, verdict, actor, created_at) VALUES (1, 2, 'match', 'x', ?)").run(at);
      db.prepare("INSERT INTO review_labels (a, b, verdict, reverses, actor, created_at) VALUES (1, 2, 'undo', 1, 'x', ?)").run(at);
      expect(() => db.prepare("UPDATE review_labels SET verdict = 'nonMatch'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM review_labels').run()).toThrow(/append-only/);
      expect(() => db.prepare("INSERT INTO review_labels (a, b, verdict, actor, created_at) VALUES (1, 2, 'maybe', 'x', ?)").run(at)).toThrow(/CHECK/);
      expect(db.prepare('SELECT count(*) FROM review_labels').pluck().get()).toBe(2);
    } finally {
      db.close();
    }
  });

  it('0016 golden list summaries: one per build; a change of an entity size drops it, other updates do not', () => {
    const db = openFile(join(tmp.dir, 'golden-list-summaries.aerie'));
    try {
      migrate(db, 'test', migrations.slice(0, 16));
      const at = new Date().toISOString();
      db.prepare("INSERT INTO golden_records (build_id, id, size, locked) VALUES (1, 'G1', 2, 0), (2, 'G1', 2, 0)").run();
      const put = db.prepare("INSERT INTO golden_list_summaries (build_id, job_id, format, entities, ids, sizes, locked, confidence, source_start, sources, created_at) VALUES (?, 'j', 1, 1, 'G1', x'02000000', x'00', x'0000000000000000', x'0000000001000000', x'01000000', ?)");
      put.run(1, at);
      put.run(2, at);
      expect(() => put.run(1, at)).toThrow(/UNIQUE|PRIMARY/);
      const builds = () => db.prepare('SELECT build_id FROM golden_list_summaries ORDER BY build_id').pluck().all();
      db.prepare('UPDATE golden_records SET size = size').run(); // sizes unchanged: both stay
      db.prepare('UPDATE golden_records SET locked = 1').run();
      expect(builds()).toEqual([1, 2]);
      db.prepare('UPDATE golden_records SET size = 1 WHERE build_id = 2').run();
      expect(builds()).toEqual([1]);
    } finally {
      db.close();
    }
  });

  it('a migration that throws leaves the version and the schema as they were', () => {
    const db = openFile(join(tmp.dir, 'failing.aerie'));
    try {
      migrate(db, 'test', migrations);
      seed(db);
      const before = schema(db);
      const broken: Migration = {
        version: migrations.length + 1,
        name: 'half done',
        up(d) {
          d.exec('CREATE TABLE half_done (x INTEGER)');
          d.exec('ALTER TABLE jobs ADD COLUMN half_done TEXT');
          throw new Error('boom');
        },
      };
      expect(() => migrate(db, 'test', [...migrations, broken])).toThrow('boom');
      expect(schemaVersion(db)).toBe(migrations.length);
      expect(schema(db)).toEqual(before);
    } finally {
      db.close();
    }
  });
});
