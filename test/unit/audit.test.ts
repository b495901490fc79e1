// The hash-chained audit log and `aerie audit verify`.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, verifyAudit } from '../../engine/audit/log.js';
import { argsDigest, canonicalJson } from '../../engine/audit/digest.js';
import { openDatabase } from '../../engine/db/open.js';
import type { DB } from '../../engine/db/sqlite.js';
import { aerie } from '../helpers/cli.js';
import { PASS, tempDir } from '../helpers/tmp.js';

let t: ReturnType<typeof tempDir>;
let db: DB;
let ws: string;

beforeEach(() => {
  t = tempDir();
  ws = join(t.dir, 'audit.aerie');
  db = openDatabase(ws, PASS, { create: true });
  for (let i = 0; i < 5; i++) appendAudit(db, 'ann@test', `demo.step${i}`, { n: i, name: 'Alice Example' });
});
afterEach(() => {
  if (db.open) db.close();
  t.cleanup();
});

describe('audit log', () => {
  it('verifies an intact chain', () => {
    expect(verifyAudit(db)).toMatchObject({ ok: true, checked: 5, head: { seq: 5 }, problems: [] });
  });

  it('stores a keyed digest, never the raw arguments or secrets', () => {
    const rows = db.prepare('SELECT * FROM audit_log').all() as Record<string, unknown>[];
    expect(JSON.stringify(rows)).not.toContain('Alice');
    expect(rows[0]!.args_digest).toMatch(/^[0-9a-f]{64}$/);
    expect(canonicalJson({ b: 1, a: { passphrase: 'x', d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2,"passphrase":"[secret]"},"b":1}');
    const key = Buffer.alloc(32, 1);
    expect(argsDigest(key, { passphrase: 'one' })).toBe(argsDigest(key, { passphrase: 'two' }));
    expect(argsDigest(key, { name: 'one' })).not.toBe(argsDigest(key, { name: 'two' }));
  });

  it('names a changed entry', () => {
    db.prepare("UPDATE audit_log SET method = 'workspace.erase' WHERE seq = 3").run();
    const r = verifyAudit(db);
    expect(r.ok).toBe(false);
    expect(r.problems).toContainEqual(expect.objectContaining({ seq: 3, kind: 'changed' }));
  });

  it('names a deleted entry in the middle and at the end', () => {
    db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    expect(verifyAudit(db).problems).toContainEqual(expect.objectContaining({ seq: 2, kind: 'deleted' }));
    db.prepare('DELETE FROM audit_log WHERE seq = 5').run();
    expect(verifyAudit(db).problems).toContainEqual(expect.objectContaining({ seq: 5, kind: 'truncated' }));
  });

  it('aerie audit verify exits 1 and says which entry changed', () => {
    db.prepare("UPDATE audit_log SET actor = 'mallory@test' WHERE seq = 4").run();
    db.close();
    const ok = aerie(['audit', 'verify', ws], { AERIE_PASSPHRASE: PASS });
    expect(ok.code).toBe(1);
    const report = JSON.parse(ok.stdout) as { ok: boolean; problems: { seq: number }[] };
    expect(report.ok).toBe(false);
    expect(report.problems[0]!.seq).toBe(4);
    expect(ok.stderr).toMatch(/Entry 4 .* was changed/);
  });

  it('records every mutating call made through the engine', () => {
    db.close();
    const demo = aerie(['demo', ws, '--customers', '100'], { AERIE_PASSPHRASE: PASS });
    expect(demo.code, demo.stderr).toBe(0);
    const list = aerie(['audit', 'list', ws], { AERIE_PASSPHRASE: PASS });
    const entries = JSON.parse(list.stdout) as { method: string; actor: string }[];
    expect(entries[0]!.method).toBe('demo.generate');
    expect(entries[0]!.actor).toMatch(/@cli$/);
    const verify = aerie(['audit', 'verify', ws], { AERIE_PASSPHRASE: PASS });
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, checked: 6 });
  });
});
