// Issue 9 item 8: a damaged workspace file is reported as damaged — by open, info, search and
// check — never as a wrong passphrase, an INTERNAL error, or an empty workspace.
import { closeSync, copyFileSync, openSync, readSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CheckReport, type EngineClient } from '../../engine/api/index.js';
import { PAGE_SIZE } from '../../engine/db/cipher.js';
import { openDatabase } from '../../engine/db/open.js';
import { startInProcessEngine } from '../../engine/worker/in-process-transport.js';
import { aerie } from '../helpers/cli.js';
import { finishJob } from '../helpers/jobs.js';
import { CALLER, PASS, tempDir } from '../helpers/tmp.js';
import { rejection } from '../helpers/engine.js';

const t = tempDir('aerie-damage-');
const good = join(t.dir, 'good.aerie');
const clients: EngineClient[] = [];
let recordsLeaf = 0;

function engine(): EngineClient {
  const { client } = startInProcessEngine({ roots: [t.dir], openHooks: false }, CALLER);
  clients.push(client);
  return client;
}

/** A copy of the good workspace, damaged by `harm`. */
function damaged(name: string, harm: (path: string) => void): string {
  const p = join(t.dir, name);
  copyFileSync(good, p);
  harm(p);
  return p;
}

function flipByte(path: string, offset: number): void {
  const fd = openSync(path, 'r+');
  try {
    const b = Buffer.alloc(1);
    readSync(fd, b, 0, 1, offset);
    b[0] = b[0]! ^ 0x5a;
    writeSync(fd, b, 0, 1, offset);
  } finally {
    closeSync(fd);
  }
}

beforeAll(async () => {
  const lines = ['CUST_ID,FIRST_NM,LAST_NM,EMAIL_ADDR,CITY'];
  for (let i = 0; i < 20_000; i++) lines.push(`C${i},Zoe${i % 89},Marsh${i % 997},zoe${i}@example.com,Town${i % 40}`);
  const csv = join(t.dir, 'customers.csv');
  writeFileSync(csv, `${lines.join('\n')}\n`);
  const c = engine();
  await c.call('workspace.create', { path: good, passphrase: PASS });
  const { jobId } = await c.call('ingest.start', { path: csv, source: 'crm' });
  expect((await finishJob(c, jobId)).state).toBe('succeeded');
  await c.call('workspace.close', {});
  // A leaf page of the records table in the middle of the file: every search reads it.
  const db = openDatabase(good, PASS, { create: false });
  const leaves = db.prepare("SELECT pageno FROM dbstat WHERE name = 'records' AND pagetype = 'leaf' ORDER BY pageno").pluck().all() as number[];
  db.close();
  recordsLeaf = leaves[Math.floor(leaves.length / 2)]!;
});
afterAll(async () => {
  for (const c of clients.splice(0)) await c.close();
  t.cleanup();
});

describe('a damaged workspace', () => {
  it('a sound workspace checks ok', async () => {
    const report: CheckReport = await engine().call('workspace.check', { path: good, passphrase: PASS });
    expect(report).toMatchObject({ ok: true, damage: [], audit: { ok: true } });
    expect(report.pages).toBe(statSync(good).size / PAGE_SIZE);
    expect(report.message).toMatch(/^The workspace file is sound/);
  });

  it('truncated by 4 KB: refused at open as damaged, and check says what is wrong', async () => {
    const cut = damaged('cut.aerie', (p) => truncateSync(p, statSync(p).size - 4096));
    const c = engine();
    const err = await rejection(c.call('workspace.open', { path: cut, passphrase: PASS }));
    expect(err.code).toBe('WORKSPACE_DAMAGED');
    expect(err.message).toMatch(/^This workspace file is damaged \(its size, [\d,]+ bytes, is not a whole number of 16 KiB pages: the file was cut short or added to\)\. Restore it from a backup; do not write to it\.$/);
    expect(err.details?.file).toBe(cut);
    const report = await c.call('workspace.check', { path: cut, passphrase: PASS });
    expect(report.ok).toBe(false);
    expect(report.damage[0]).toMatch(/not a whole number of 16 KiB pages/);
  });

  it('missing its last page: damaged, not INTERNAL', async () => {
    const cut = damaged('short.aerie', (p) => truncateSync(p, statSync(p).size - PAGE_SIZE));
    const err = await rejection(engine().call('workspace.open', { path: cut, passphrase: PASS }));
    expect(err.code).toBe('WORKSPACE_DAMAGED');
  });

  it('a flipped byte in a middle page: search fails as damaged (never 0 results), check lists the page', async () => {
    const flipped = damaged('flipped.aerie', (p) => flipByte(p, (recordsLeaf - 1) * PAGE_SIZE + 4000));
    const c = engine();
    await c.call('workspace.open', { path: flipped, passphrase: PASS });
    const err = await rejection(c.call('search.query', { q: 'Zoe Marsh', limit: 5, lexicalOnly: true, waitMs: 60_000 }));
    expect(err.code).toBe('WORKSPACE_DAMAGED');
    expect(err.message).toMatch(/^This workspace file is damaged \(.*\)\. Restore it from a backup; do not write to it\.$/);
    // Asked again (a warm-up already failed), it still does not answer as if the workspace were empty.
    expect((await rejection(c.call('search.query', { q: 'Zoe', limit: 5, lexicalOnly: true }))).code).toBe('WORKSPACE_DAMAGED');
    const report = await c.call('workspace.check', {});
    expect(report.ok).toBe(false);
    expect(report.damage.join('\n')).toContain(`page ${recordsLeaf}`);
    expect(report.message).toMatch(/^This workspace file is damaged/);
  });

  it('a flipped byte in the first page: damaged, while a wrong passphrase is still a wrong passphrase', async () => {
    const header = damaged('header.aerie', (p) => flipByte(p, 100));
    const c = engine();
    const err = await rejection(c.call('workspace.open', { path: header, passphrase: PASS }));
    expect(err.code).toBe('WORKSPACE_DAMAGED');
    expect(err.message).toMatch(/first page fails its checksum/);
    expect((await rejection(c.call('workspace.open', { path: good, passphrase: 'not the passphrase' }))).code).toBe('WRONG_PASSPHRASE');
    expect((await rejection(c.call('workspace.open', { path: header, passphrase: 'not the passphrase' }))).code).toBe('WRONG_PASSPHRASE');
  });
});

describe('aerie check / info / search on a damaged file', () => {
  const env = { AERIE_PASSPHRASE: PASS };

  it('exit 0 on a sound file, exit 1 naming the damage on a truncated one', () => {
    const ok = aerie(['check', good], env);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true });
    const cut = damaged('cut-cli.aerie', (p) => truncateSync(p, statSync(p).size - 4096));
    const check = aerie(['check', cut], env);
    expect(check.code).toBe(1);
    expect(JSON.parse(check.stdout)).toMatchObject({ ok: false });
    expect(check.stderr).toMatch(/This workspace file is damaged .*Restore it from a backup/);
    for (const args of [['info', cut], ['search', cut, 'Zoe']]) {
      const r = aerie(args, env);
      expect(r.code, args[0]).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/This workspace file is damaged[\s\S]*\(WORKSPACE_DAMAGED\)/);
    }
  });
});
