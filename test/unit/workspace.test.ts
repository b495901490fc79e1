// The encrypted workspace file: create, open, wrong passphrase, no plaintext, migrations, re-key.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../engine/db/open.js';
import { LATEST_SCHEMA_VERSION } from '../../engine/db/migrate.js';
import { Database } from '../../engine/db/sqlite.js';
import { applyKey } from '../../engine/db/cipher.js';
import { PASS } from '../helpers/tmp.js';
import { freshEnginePerTest, rejection } from '../helpers/engine.js';

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

const fresh = freshEnginePerTest('crm.aerie');

describe('workspace', () => {
  it('creates an encrypted file with WAL, sqlite-vec and the latest schema', async () => {
    const info = await fresh.client.call('workspace.create', { path: fresh.ws, passphrase: PASS });
    expect(info.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(info.journalMode).toBe('wal');
    expect(info.sqliteVec).toMatch(/^v0\.1\./);
    expect(info.cipher).toContain('sqlcipher');
    const header = readFileSync(fresh.ws).subarray(0, 16).toString('latin1');
    expect(header).not.toBe('SQLite format 3\u0000');
  });

  it('holds no plaintext PII in the file or its WAL', async () => {
    await fresh.client.call('workspace.create', { path: fresh.ws, passphrase: PASS });
    const { jobId } = await fresh.client.call('demo.generate', { customers: 500, seed: 7 });
    for (;;) {
      const j = await fresh.client.call('jobs.get', { id: jobId });
      if (j.state === 'succeeded') break;
      expect(['queued', 'running']).toContain(j.state);
      await new Promise((r) => setTimeout(r, 20));
    }
    const page = await fresh.client.call('data.page', { table: 'records', offset: 0, limit: 50 });
    const cols = page.columns.map((c) => c.name);
    const emails = page.rows.map((r) => String(r[cols.indexOf('email')]));
    const surnames = page.rows.map((r) => String(r[cols.indexOf('family_name')]));
    expect(emails.some((e) => e.includes('@'))).toBe(true);
    // Read the raw bytes both before and after a checkpoint.
    const bytes = () => Buffer.concat([readFileSync(fresh.ws), existsSync(`${fresh.ws}-wal`) ? readFileSync(`${fresh.ws}-wal`) : Buffer.alloc(0)]);
    for (const raw of [bytes()]) {
      for (const needle of [...emails.filter((e) => e.length > 5 && e !== 'null'), 'CREATE TABLE', 'records', ...surnames.filter((s) => s.length > 5 && s !== 'null')]) {
        expect(raw.includes(Buffer.from(needle, 'utf8')), `found "${needle}" in plaintext`).toBe(false);
      }
    }
    await fresh.client.call('workspace.close', {});
    const after = readFileSync(fresh.ws);
    for (const e of emails) expect(after.includes(Buffer.from(e))).toBe(false);
  });

  it('refuses a wrong passphrase with a clear error and leaves the file untouched', async () => {
    await fresh.client.call('workspace.create', { path: fresh.ws, passphrase: PASS });
    await fresh.client.call('workspace.close', {});
    const before = sha(fresh.ws);
    const err = await rejection(fresh.client.call('workspace.open', { path: fresh.ws, passphrase: 'not the passphrase' }));
    expect(err.code).toBe('WRONG_PASSPHRASE');
    expect(err.message).toMatch(/passphrase is wrong/);
    expect(sha(fresh.ws)).toBe(before);
    expect(existsSync(`${fresh.ws}-wal`)).toBe(false);
    const status = await fresh.client.call('app.status', {});
    expect(status.state).toBe('none');
  });

  it('locks, refuses work while locked, and unlocks', async () => {
    await fresh.client.call('workspace.create', { path: fresh.ws, passphrase: PASS });
    await fresh.client.call('workspace.lock', {});
    expect((await fresh.client.call('app.status', {})).state).toBe('locked');
    expect((await rejection(fresh.client.call('workspace.info', {}))).code).toBe('WORKSPACE_LOCKED');
    expect((await rejection(fresh.client.call('workspace.unlock', { passphrase: 'wrong one!' }))).code).toBe('WRONG_PASSPHRASE');
    expect((await fresh.client.call('app.status', {})).state).toBe('locked');
    const info = await fresh.client.call('workspace.unlock', { passphrase: PASS });
    expect(info.path).toBe(fresh.ws);
  });

  it('re-keys the file when the passphrase changes', async () => {
    await fresh.client.call('workspace.create', { path: fresh.ws, passphrase: PASS });
    expect((await rejection(fresh.client.call('workspace.changePassphrase', { current: 'wrong wrong', next: 'a new passphrase' }))).code).toBe('WRONG_PASSPHRASE');
    await fresh.client.call('workspace.changePassphrase', { current: PASS, next: 'a new passphrase' });
    await fresh.client.call('workspace.close', {});
    expect((await rejection(fresh.client.call('workspace.open', { path: fresh.ws, passphrase: PASS }))).code).toBe('WRONG_PASSPHRASE');
    await fresh.client.call('workspace.open', { path: fresh.ws, passphrase: 'a new passphrase' });
    expect((await fresh.client.call('workspace.info', {})).counts.audit_log).toBeGreaterThanOrEqual(2);
  });

  it('refuses a workspace from a newer version without changing it', async () => {
    await fresh.client.call('workspace.create', { path: fresh.ws, passphrase: PASS });
    await fresh.client.call('workspace.close', {});
    const db = new Database(fresh.ws);
    applyKey(db, PASS);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    db.close();
    const before = sha(fresh.ws);
    const err = await rejection(fresh.client.call('workspace.open', { path: fresh.ws, passphrase: PASS }));
    expect(err.code).toBe('WORKSPACE_TOO_NEW');
    expect(err.message).toMatch(/newer version of Aerie/);
    expect(sha(fresh.ws)).toBe(before);
  });

  it('refuses to overwrite, to open a missing file, a plain SQLite file, or a path outside the roots', async () => {
    await fresh.client.call('workspace.create', { path: fresh.ws, passphrase: PASS });
    await fresh.client.call('workspace.close', {});
    expect((await rejection(fresh.client.call('workspace.create', { path: fresh.ws, passphrase: PASS }))).code).toBe('WORKSPACE_EXISTS');
    expect((await rejection(fresh.client.call('workspace.open', { path: join(fresh.dir, 'missing.aerie'), passphrase: PASS }))).code).toBe('WORKSPACE_NOT_FOUND');
    const plain = join(fresh.dir, 'plain.aerie');
    new Database(plain).exec('CREATE TABLE x(y)');
    expect((await rejection(fresh.client.call('workspace.open', { path: plain, passphrase: PASS }))).code).toBe('NOT_A_WORKSPACE');
    const junk = join(fresh.dir, 'junk.aerie');
    writeFileSync(junk, Buffer.alloc(8192, 7));
    expect((await rejection(fresh.client.call('workspace.open', { path: junk, passphrase: PASS }))).code).toBe('WRONG_PASSPHRASE');
    expect((await rejection(fresh.client.call('workspace.create', { path: '/etc/evil.aerie', passphrase: PASS }))).code).toBe('PATH_NOT_ALLOWED');
    expect((await rejection(fresh.client.call('workspace.create', { path: join(fresh.dir, '..', 'escape.aerie'), passphrase: PASS }))).code).toBe('PATH_NOT_ALLOWED');
  });

  it('runs migrations in one transaction on open', () => {
    const db = openDatabase(fresh.ws, PASS, { create: true });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['meta', 'audit_log', 'jobs', 'sources', 'imports', 'records', 'rejects', 'events']));
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });
});
