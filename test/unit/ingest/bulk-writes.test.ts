// Bulk-write mode: imports append in rollback-journal mode (each page encrypted and written once),
// fall back to WAL when another connection holds the file, and always leave the workspace in WAL.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineClient, Job } from '../../../engine/api/index.js';
import { BulkWrites } from '../../../engine/db/bulk-writes.js';
import { applyKey } from '../../../engine/db/cipher.js';
import { openDatabase } from '../../../engine/db/open.js';
import { Database } from '../../../engine/db/sqlite.js';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { CALLER, PASS, tempDir } from '../../helpers/tmp.js';
import { finishJob } from '../../helpers/jobs.js';

const t = tempDir();
let c: EngineClient;
let ws: string;

function csv(name: string, rows: number): string {
  const lines = ['CUST_ID,FIRST_NM,LAST_NM,EMAIL_ADDR'];
  for (let i = 1; i <= rows; i++) lines.push(`${name}-${i},Ann${i},Smith,ann${i}@example.com`);
  const p = join(t.dir, `${name}.csv`);
  writeFileSync(p, `${lines.join('\n')}\n`);
  return p;
}

const finish = (jobId: string): Promise<Job> => finishJob(c, jobId);

beforeAll(async () => {
  c = startInProcessEngine({ roots: [t.dir] }, CALLER).client;
  ws = join(t.dir, 'bulk.aerie');
  await c.call('workspace.create', { path: ws, passphrase: PASS });
});
afterAll(async () => {
  await c.close();
  t.cleanup();
});

describe('bulk-write mode', () => {
  it('switches a connection to a rollback journal and back to WAL', () => {
    const path = join(t.dir, 'direct.aerie');
    const db = openDatabase(path, PASS, { create: true });
    try {
      const bulk = new BulkWrites(db);
      bulk.begin();
      expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
      db.prepare("INSERT INTO sources (name, created_at) VALUES ('s', 'now')").run();
      bulk.end();
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    } finally {
      db.close();
    }
  });

  it('ends without throwing when a reader blocks the switch back, and the next open restores WAL', () => {
    const path = join(t.dir, 'blocked.aerie');
    const db = openDatabase(path, PASS, { create: true });
    db.prepare("INSERT INTO sources (name, created_at) VALUES ('a', 'now'), ('b', 'now')").run();
    const bulk = new BulkWrites(db);
    bulk.begin();
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    // a raw reader that leaves the journal mode alone and holds a shared lock
    const reader = new Database(path, { fileMustExist: true });
    applyKey(reader, PASS);
    const it = reader.prepare('SELECT name FROM sources').iterate();
    it.next();
    db.pragma('busy_timeout = 0');
    expect(() => bulk.end()).not.toThrow();
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // still FULL: safe in rollback mode
    it.return?.();
    reader.close();
    db.close();
    const again = openDatabase(path, PASS, { create: false });
    try {
      expect(again.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(again.prepare('SELECT count(*) FROM sources').pluck().get()).toBe(2);
    } finally {
      again.close();
    }
  });

  it('stays in WAL when another connection is reading the file', () => {
    const path = join(t.dir, 'shared.aerie');
    const db = openDatabase(path, PASS, { create: true });
    const reader = openDatabase(path, PASS, { create: false });
    try {
      db.prepare("INSERT INTO sources (name, created_at) VALUES ('a', 'now'), ('b', 'now')").run();
      const it = reader.prepare('SELECT name FROM sources').iterate(); // an open read transaction
      it.next();
      const bulk = new BulkWrites(db);
      bulk.begin();
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      db.prepare("INSERT INTO sources (name, created_at) VALUES ('c', 'now')").run();
      bulk.end();
      it.return?.();
      expect(reader.prepare('SELECT count(*) FROM sources').pluck().get()).toBe(3);
    } finally {
      reader.close();
      db.close();
    }
  });

  it('an import leaves the workspace in WAL mode with every row stored', async () => {
    const { jobId } = await c.call('ingest.start', { path: csv('big', 12_345), source: 'crm' });
    const j = await finish(jobId);
    expect(j.state, j.error?.message).toBe('succeeded');
    expect(j.result).toMatchObject({ rowsImported: 12_345, rowsRejected: 0 });
    const page = await c.call('data.page', { table: 'records', offset: 12_340, limit: 10 });
    expect(page.total).toBe(12_345);
    const rowNo = page.columns.findIndex((col) => col.name === 'row_no');
    expect(page.rows.map((r) => r[rowNo])).toEqual([12_341, 12_342, 12_343, 12_344, 12_345]);
    // A second connection sees the committed rows and WAL mode.
    const db = openDatabase(ws, PASS, { create: false });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.prepare("SELECT count(*) FROM records WHERE source_key LIKE 'big-%'").pluck().get()).toBe(12_345);
    } finally {
      db.close();
    }
  });

  it('a cancelled import in bulk mode leaves nothing behind and the workspace in WAL', async () => {
    const before = (await c.call('data.tables', {})).find((x) => x.name === 'records')!.rowCount;
    const { jobId } = await c.call('ingest.start', { path: csv('cancelled', 300_000), source: 'other' });
    await new Promise<void>((resolve) => {
      const off = c.on('job', (j) => {
        if (j.id === jobId && j.state === 'running' && (j.done ?? 0) > 0) {
          off();
          resolve();
        }
      });
    });
    await c.call('jobs.cancel', { id: jobId });
    const j = await finish(jobId);
    expect(j.state).toBe('cancelled');
    const after = (await c.call('data.tables', {})).find((x) => x.name === 'records')!.rowCount;
    expect(after).toBe(before);
    const db = openDatabase(ws, PASS, { create: false });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.prepare("SELECT count(*) FROM records WHERE source_key LIKE 'cancelled-%'").pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });
});
