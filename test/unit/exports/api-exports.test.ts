// Exports through the engine API (what the UI and the WebSocket host call): never onto the open
// workspace or its companions, never over a file unasked; and other files the engine writes for the
// user (the demo truth folder, a new workspace) are refused with a plain reason instead of harm.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineClient } from '../../../engine/api/index.js';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { finishJob, resultOf } from '../../helpers/jobs.js';
import { CALLER, PASS, tempDir } from '../../helpers/tmp.js';

const t = tempDir('aerie-api-exports-');
const ws = join(t.dir, 'ws.aerie');
let c: EngineClient;
let importId: number;
const digest = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as { code: string; message: string; details?: Record<string, unknown> },
  );

beforeAll(async () => {
  c = startInProcessEngine({ roots: [t.dir] }, CALLER).client;
  await c.call('workspace.create', { path: ws, passphrase: PASS });
  const csv = join(t.dir, 'crm.csv');
  writeFileSync(csv, 'ID,NAME,EMAIL\n1,Ann,ann@example.com\n2,Bob\n3,Cy,cy@example.com\n');
  const job = await finishJob(c, (await c.call('ingest.start', { path: csv, source: 'crm' })).jobId);
  expect(job.state).toBe('succeeded');
  importId = resultOf(job, 'ingest.import').importId;
});
afterAll(async () => {
  await c.close();
  t.cleanup();
});

describe('exports over the API', () => {
  it('ingest.exportRejects onto the workspace (or its WAL) is refused, even with overwrite, and the workspace still works', async () => {
    for (const path of [ws, `${ws}-wal`, join(t.dir, '.', 'ws.aerie')]) {
      for (const overwrite of [false, true]) {
        const e = await failure(c.call('ingest.exportRejects', { importId, path, ...(overwrite ? { overwrite } : {}) }));
        expect(e, path).toMatchObject({ code: 'PATH_NOT_ALLOWED' });
        expect(e!.message).toMatch(/open workspace/);
      }
    }
    expect((await c.call('ingest.summary', { importId })).rowsRejected).toBe(1);
    await c.call('workspace.close', {});
    await c.call('workspace.open', { path: ws, passphrase: PASS });
    expect((await c.call('ingest.rejects', { importId })).total).toBe(1);
  });

  it('ingest.exportRejects asks before replacing a file, and writes owner-only', async () => {
    const out = join(t.dir, 'rejects.csv');
    writeFileSync(out, 'mine');
    const e = await failure(c.call('ingest.exportRejects', { importId, path: out }));
    expect(e).toMatchObject({ code: 'CONFLICT', details: { file: out, replaceable: true } });
    expect(readFileSync(out, 'utf8')).toBe('mine');
    expect(await c.call('ingest.exportRejects', { importId, path: out, overwrite: true })).toEqual({ path: out, rows: 1 });
    expect(readFileSync(out, 'utf8')).toMatch(/^\ufeffimport_id,row_no,column,reason,raw\r\n/);
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it('profile.exportHtml onto the workspace is refused; over a file only with overwrite', async () => {
    const scope = { kind: 'workspace' as const };
    expect((await finishJob(c, (await c.call('profile.run', { scope })).jobId)).state).toBe('succeeded');
    const before = digest(ws);
    for (const overwrite of [undefined, true]) {
      const e = await failure(c.call('profile.exportHtml', { scope, path: ws, ...(overwrite ? { overwrite } : {}) }));
      expect(e).toMatchObject({ code: 'PATH_NOT_ALLOWED' });
    }
    expect(digest(ws)).toBe(before);
    const out = join(t.dir, 'report.html');
    writeFileSync(out, 'mine');
    expect(await failure(c.call('profile.exportHtml', { scope, path: out }))).toMatchObject({ code: 'CONFLICT' });
    const w = await c.call('profile.exportHtml', { scope, path: out, overwrite: true });
    expect(w.bytes).toBe(statSync(out).size);
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it('demo.generate refuses before starting when <name>.truth is not a truth folder, and deletes nothing', async () => {
    const truth = join(t.dir, 'ws.truth');
    mkdirSync(truth);
    writeFileSync(join(truth, 'notes.txt'), 'the analyst keeps notes here');
    const jobsBefore = (await c.call('jobs.list', { limit: 50 })).length;
    const e = await failure(c.call('demo.generate', { customers: 10 }));
    expect(e).toMatchObject({ code: 'CONFLICT', details: { file: truth } });
    expect(e!.message).toMatch(/not a demo truth folder/);
    expect(readdirSync(truth)).toEqual(['notes.txt']);
    expect((await c.call('jobs.list', { limit: 50 })).length).toBe(jobsBefore);
  });

  it('workspace.create in a folder that does not exist says so (not INTERNAL)', async () => {
    const path = join(t.dir, 'missing', 'new.aerie');
    const e = await failure(c.call('workspace.create', { path, passphrase: PASS }));
    expect(e).toMatchObject({ code: 'NOT_FOUND', message: `The folder ${join(t.dir, 'missing')} does not exist.` });
    expect(existsSync(join(t.dir, 'missing'))).toBe(false);
  });
});
