// What the audit log can and cannot prove. The chain is unkeyed, so someone holding the passphrase
// can delete an entry and re-chain the rest, truncate the log and rewrite its head, or wipe it: the
// chain check alone then passes. A head recorded outside the workspace (`--expect`, `aerie audit
// anchor`) catches each of these, and verify cross-checks the log with the jobs and imports it names.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, verifyAudit } from '../../engine/audit/log.js';
import * as sqliteVec from 'sqlite-vec';
import { applyKey } from '../../engine/db/cipher.js';
import { migrate } from '../../engine/db/migrate.js';
import { m0009 } from '../../engine/db/migrations/0009_audit_links.js';
import { migrations } from '../../engine/db/migrations/index.js';
import { openDatabase } from '../../engine/db/open.js';
import { Database, type DB } from '../../engine/db/sqlite.js';
import { startInProcessEngine } from '../../engine/worker/in-process-transport.js';
import { aerie } from '../helpers/cli.js';
import { finishJob, resultOf } from '../helpers/jobs.js';
import { CALLER, PASS, tempDir } from '../helpers/tmp.js';

const t = tempDir();
const base = join(t.dir, 'base.aerie');
let n = 0;
let ws: string;
let importId: number;
let importJob: string;

/** Once: a workspace with a few audited calls and one real import (a job), made through the engine. */
beforeAll(async () => {
  const csv = join(t.dir, 'people.csv');
  writeFileSync(csv, 'id,name,email\n1,Ann Example,ann@example.com\n2,Bob Example,bob@example.com\n');
  const { client } = startInProcessEngine({ roots: [t.dir], resumeJobs: false, openHooks: false }, CALLER);
  try {
    await client.call('workspace.create', { path: base, passphrase: PASS });
    const { jobId } = await client.call('ingest.start', { path: csv, source: 'crm' });
    const job = await finishJob(client, jobId);
    expect(job.state, JSON.stringify(job.error)).toBe('succeeded');
    importJob = jobId;
    importId = resultOf(job, 'ingest.import').importId;
  } finally {
    await client.close();
  }
  ws = base;
  withDb((db) => {
    for (let i = 0; i < 3; i++) appendAudit(db, 'ann@test', `test.step${i}`, { n: i });
  });
});
afterAll(() => t.cleanup());

/** Each test tampers with its own copy. */
beforeEach(() => {
  ws = join(t.dir, `ws${++n}.aerie`);
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(base + suffix)) copyFileSync(base + suffix, ws + suffix);
});

function withDb<T>(fn: (db: DB) => T): T {
  const db = openDatabase(ws, PASS, { create: false });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

interface Row {
  seq: number;
  at: string;
  actor: string;
  method: string;
  args_digest: string;
  subject: string | null;
}

/** What an attacker with the passphrase can do: renumber and re-hash every entry, and the head. */
function rechain(db: DB): void {
  // (Also on a schema without subjects, so that this test shows the old verify passing a re-chained log.)
  const subjects = (db.prepare('PRAGMA table_info(audit_log)').all() as { name: string }[]).some((c) => c.name === 'subject');
  const rows = db.prepare(`SELECT seq, at, actor, method, args_digest, ${subjects ? 'subject' : 'NULL AS subject'} FROM audit_log ORDER BY seq`).all() as Row[];
  db.prepare('DELETE FROM audit_log').run();
  let prev = '0'.repeat(64);
  rows.forEach((r, i) => {
    const seq = i + 1;
    const fields: unknown[] = [prev, seq, r.at, r.actor, r.method, r.args_digest];
    if (r.subject !== null) fields.push(r.subject);
    const hash = createHash('sha256').update(fields.join('\u001f')).digest('hex');
    db.prepare('INSERT INTO audit_log (seq, at, actor, method, args_digest, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      seq, r.at, r.actor, r.method, r.args_digest, prev, hash,
    );
    if (r.subject !== null) db.prepare('UPDATE audit_log SET subject = ? WHERE seq = ?').run(r.subject, seq);
    prev = hash;
  });
  db.prepare("UPDATE meta SET value = ? WHERE key = 'audit_head'").run(JSON.stringify({ seq: rows.length, hash: prev }));
}

const headOf = (db: DB) => verifyAudit(db).head;
const env = { AERIE_PASSPHRASE: PASS };

describe('audit head and --expect', () => {
  it('verify prints the head; --expect it (a hash, SEQ:HASH) passes', () => {
    const r = aerie(['audit', 'verify', ws], env);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { ok: boolean; checked: number; head: { seq: number; hash: string } };
    expect(report.ok).toBe(true);
    expect(report.head.seq).toBe(report.checked);
    expect(report.head.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(r.stderr).toContain(`head ${report.head.seq} ${report.head.hash}`);
    expect(aerie(['audit', 'verify', ws, '--expect', report.head.hash], env).code).toBe(0);
    expect(aerie(['audit', 'verify', ws, '--expect', `${report.head.seq}:${report.head.hash}`], env).code).toBe(0);
  });

  it('a deleted entry with the log re-chained passes the chain check, but not --expect', () => {
    const before = withDb(headOf);
    withDb((db) => {
      db.prepare('DELETE FROM audit_log WHERE seq = 1').run(); // workspace.create
      rechain(db);
      expect(verifyAudit(db)).toMatchObject({ ok: true, problems: [] }); // the weakness the anchor exists for
      const r = verifyAudit(db, { expect: before });
      expect(r.ok).toBe(false);
      expect(r.problems).toEqual([expect.objectContaining({ kind: 'rewritten', seq: before.seq, message: expect.stringContaining(`ends at entry ${before.seq - 1}`) })]);
      expect(verifyAudit(db, { expect: { hash: before.hash } }).problems).toEqual([expect.objectContaining({ kind: 'rewritten' })]);
    });
    const cli = aerie(['audit', 'verify', ws, '--expect', before.hash], env);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/No entry of the audit log has the recorded hash [0-9a-f]{12}…: the log was rewritten/);
  });

  it('an entry changed and the rest re-chained: the recorded head is gone', () => {
    const first = withDb((db) => {
      const h = headOf(db);
      db.prepare("UPDATE audit_log SET actor = 'mallory@cli' WHERE seq = 1").run();
      rechain(db);
      return h;
    });
    withDb((db) => {
      expect(verifyAudit(db).ok).toBe(true);
      expect(verifyAudit(db, { expect: first }).problems).toEqual([expect.objectContaining({ kind: 'rewritten', seq: first.seq })]);
    });
  });

  it('a truncated log with its head rewritten fails --expect SEQ:HASH', () => {
    const before = withDb(headOf);
    withDb((db) => {
      db.prepare('DELETE FROM audit_log WHERE seq > ?').run(before.seq - 2);
      rechain(db);
      expect(verifyAudit(db).ok).toBe(true);
      expect(verifyAudit(db, { expect: before }).problems).toEqual([expect.objectContaining({ kind: 'rewritten', seq: before.seq })]);
    });
  });

  it('a wiped log is caught by --expect, and by the imports it no longer records', () => {
    const before = withDb(headOf);
    withDb((db) => {
      db.prepare('DELETE FROM audit_log').run();
      db.prepare("DELETE FROM meta WHERE key = 'audit_head'").run();
      const plain = verifyAudit(db);
      expect(plain.problems).toEqual([expect.objectContaining({ kind: 'unaudited', message: expect.stringContaining(`Import ${importId} `) })]);
      expect(verifyAudit(db, { expect: before }).problems).toContainEqual(expect.objectContaining({ kind: 'rewritten', message: expect.stringContaining('it was wiped') }));
    });
  });

  it('--expect that is neither a hash nor an anchor file is refused before anything opens', () => {
    const r = aerie(['audit', 'verify', ws, '--expect', join(t.dir, 'missing.json')], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--expect: .*missing\.json is not a file, and the value is not a 64-digit hex hash or SEQ:HASH/);
    writeFileSync(join(t.dir, 'bogus.json'), '{"seq": 1}');
    expect(aerie(['audit', 'verify', ws, '--expect', join(t.dir, 'bogus.json')], env).stderr).toMatch(/bogus\.json is not an audit anchor/);
  });
});

describe('aerie audit anchor', () => {
  it('writes the head to an owner-only file that --expect accepts, and that catches a later rewrite', () => {
    const out = join(t.dir, 'anchor.json');
    const r = aerie(['audit', 'anchor', ws, '--out', out], env);
    expect(r.code, r.stderr).toBe(0);
    const anchor = JSON.parse(readFileSync(out, 'utf8')) as { aerie: string; seq: number; hash: string };
    expect(anchor).toMatchObject({ aerie: 'audit-anchor', ...withDb(headOf) });
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(aerie(['audit', 'verify', ws, '--expect', out], env).code).toBe(0);

    expect(aerie(['audit', 'anchor', ws, '--out', out], env).code).toBe(1); // exists: needs --force
    expect(aerie(['audit', 'anchor', ws, '--out', ws, '--force'], env).code).toBe(1); // never over the workspace
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(anchor);

    withDb((db) => {
      db.prepare('DELETE FROM audit_log WHERE seq = 1').run();
      rechain(db);
    });
    const after = aerie(['audit', 'verify', ws, '--expect', out], env);
    expect(after.code).toBe(1);
    expect(after.stderr).toMatch(/audit: .*(rewritten|removed)/);
  });
});

describe('cross-check with jobs and imports', () => {
  it('an intact workspace has every import recorded by the entry that started its job', () => {
    withDb((db) => {
      expect(verifyAudit(db)).toMatchObject({ ok: true, problems: [] });
      const entry = db.prepare('SELECT method, subject FROM audit_log WHERE subject IS NOT NULL').all();
      expect(entry).toEqual([{ method: 'ingest.start', subject: `job:${importJob}` }]);
    });
  });

  it('names an import deleted outside Aerie', () => {
    withDb((db) => {
      db.pragma('foreign_keys = OFF');
      db.prepare('DELETE FROM imports WHERE id = ?').run(importId);
      const r = verifyAudit(db);
      expect(r.ok).toBe(false);
      expect(r.problems).toEqual([expect.objectContaining({ kind: 'orphaned', message: expect.stringMatching(new RegExp(`ingest\\.start .* made import ${importId} \\(job ${importJob}\\), which is no longer in the workspace`)) })]);
    });
  });

  it('names an import added outside Aerie, and a job record deleted', () => {
    withDb((db) => {
      // A copy of the real import under a new id and a job no entry names (whatever columns imports has).
      db.exec(`CREATE TEMP TABLE forged AS SELECT * FROM imports WHERE id = ${importId}`);
      db.prepare('UPDATE forged SET id = id + 1, job_id = ?, created_at = ?').run('forged-job', new Date().toISOString());
      db.exec('INSERT INTO imports SELECT * FROM forged');
      db.prepare('DELETE FROM jobs WHERE id = ?').run(importJob);
      const kinds = verifyAudit(db).problems.map((p) => `${p.kind}: ${p.message}`);
      expect(kinds).toEqual([
        expect.stringMatching(new RegExp(`^orphaned: Entry \\d+ \\(ingest\\.start at .*\\) started job ${importJob}, which is no longer in the workspace`)),
        expect.stringMatching(new RegExp(`^unaudited: Import ${importId + 1} \\(created .*\\) has no audit entry`)),
      ]);
    });
  });

  it('imports made before entries named their jobs (marked by the migration) are not held to it', () => {
    withDb((db) => {
      db.prepare('DELETE FROM audit_log WHERE subject IS NOT NULL').run();
      rechain(db);
      expect(verifyAudit(db).problems).toEqual([expect.objectContaining({ kind: 'unaudited' })]);
      db.prepare('UPDATE imports SET pre_audit_links = 1').run();
      expect(verifyAudit(db).ok).toBe(true);
    });
  });

  it('a workspace from before audit links, with imports and no job entries, verifies clean after the upgrade', () => {
    const db = new Database(join(t.dir, 'legacy.aerie'));
    try {
      applyKey(db, PASS);
      db.loadExtension(sqliteVec.getLoadablePath());
      migrate(db, 'legacy', migrations.slice(0, migrations.indexOf(m0009)));
      appendLegacyEntry(db);
      db.prepare("INSERT INTO sources (id, name, created_at) VALUES (1, 'old', '2024-01-01T00:00:00.000Z')").run();
      db.prepare(
        "INSERT INTO imports (id, source_id, file_name, file_hash, file_bytes, format, kind, state, job_id, created_at) VALUES (1, 1, 'old.csv', 'h', 1, 'csv', 'customers', 'done', 'old-job', '2024-01-01T00:00:00.000Z')",
      ).run();
      migrate(db, 'legacy');
      expect(verifyAudit(db)).toMatchObject({ ok: true, checked: 1, problems: [] });
      // An import made after the upgrade is held to it.
      db.prepare(
        "INSERT INTO imports (id, source_id, file_name, file_hash, file_bytes, format, kind, state, job_id, created_at) VALUES (2, 1, 'new.csv', 'h2', 1, 'csv', 'customers', 'done', 'new-job', '2024-02-01T00:00:00.000Z')",
      ).run();
      expect(verifyAudit(db).problems).toEqual([expect.objectContaining({ kind: 'unaudited', message: expect.stringContaining('Import 2 ') })]);
    } finally {
      db.close();
    }
  });
});

/** An entry as versions before audit links wrote it (no subject column, the same hash fields). */
function appendLegacyEntry(db: DB): void {
  const at = '2024-01-01T00:00:00.000Z';
  const prev = '0'.repeat(64);
  const hash = createHash('sha256').update([prev, 1, at, 'old@cli', 'ingest.start', 'd'.repeat(64)].join('\u001f')).digest('hex');
  db.prepare('INSERT INTO audit_log (seq, at, actor, method, args_digest, prev_hash, hash) VALUES (1, ?, ?, ?, ?, ?, ?)').run(at, 'old@cli', 'ingest.start', 'd'.repeat(64), prev, hash);
  db.prepare("INSERT INTO meta (key, value) VALUES ('audit_head', ?)").run(JSON.stringify({ seq: 1, hash }));
}
