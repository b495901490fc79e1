// Embedding models imported into a workspace: a real encrypted workspace, a generated
// transformers.js model, real inference. The model must keep working with its source folder and
// the model cache gone, because the workspace carries it.
import { closeSync, existsSync, ftruncateSync, mkdirSync, openSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AerieError, type EngineClient, type Job } from '../../../engine/api/index.js';
import type { EmbedImportedModel } from '../../../engine/api/embed.js';
import type { Engine } from '../../../engine/core/engine.js';
import { modelCacheDir, pruneModelCache } from '../../../engine/embed/model-cache.js';
import { MAX_MODEL_BYTES } from '../../../engine/embed/model-files.js';
import { workspaceModelRow } from '../../../engine/embed/workspace-models.js';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { CALLER, PASS, tempDir } from '../../helpers/tmp.js';
import { finishJob, resultOf } from '../../helpers/jobs.js';
import { writeTinyBert } from './tiny-bert.js';

const t = tempDir();
let c: EngineClient;
let engine: Engine;
const ws = join(t.dir, 'models.aerie');
const source = join(t.dir, 'downloads', 'tiny-bert');
let sha = '';
let modelId = '';

const finish = (jobId: string): Promise<Job> => finishJob(c, jobId);
async function refusal(p: Promise<unknown>): Promise<AerieError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(AerieError);
  return e as AerieError;
}
function stored(): { models: number; files: number; parts: number } {
  const db = engine.requireSession().db;
  const n = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return { models: n('workspace_models'), files: n('workspace_model_files'), parts: n('workspace_model_parts') };
}
const workspaceModels = async () => (await c.call('embed.models', {})).models.filter((m) => m.source === 'workspace');
/** embed.importModel starts a job once the folder is checked; its result is what the import stored. */
async function importModel(path: string): Promise<EmbedImportedModel> {
  const j = await finish((await c.call('embed.importModel', { path })).jobId);
  expect(j.state, j.error?.message).toBe('succeeded');
  expect(j.kind).toBe('embed.importModel');
  return resultOf(j, 'embed.importModel');
}
/** Block the thread past the job runner's 100 ms event throttle, so its next progress is an event. */
function passThrottle(): void {
  const until = Date.now() + 120;
  while (Date.now() < until);
}

beforeAll(async () => {
  const started = startInProcessEngine({ roots: [t.dir] }, CALLER);
  c = started.client;
  engine = started.engine;
  await c.call('workspace.create', { path: ws, passphrase: PASS });
  const csv = join(t.dir, 'people.csv');
  writeFileSync(csv, 'ID,FIRST,LAST,CITY\nA1,John,Smith,Leeds\nA2,Mary,Brown,York\nA3,Ann,Kowalski,Bath\nA4,Acme,Ltd,Derby\n');
  const j = await finish((await c.call('ingest.start', { path: csv, source: 'crm', mapping: { ID: 'source_key', FIRST: 'given_name', LAST: 'family_name', CITY: 'city' } })).jobId);
  expect(j.state, j.error?.message).toBe('succeeded');
  await writeTinyBert(source, 8);
}, 60_000);
afterAll(async () => {
  await c.close();
  if (sha) rmSync(join(modelCacheDir(), sha), { recursive: true, force: true });
  t.cleanup();
});

describe('importing a model into a workspace', () => {
  it('copies the folder into the workspace and lists it with source "workspace"', async () => {
    const r = await importModel(source);
    expect(r).toMatchObject({ id: 'tiny-bert', kind: 'transformers', dims: 8, files: 4, alreadyImported: false });
    expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
    sha = r.sha256;
    expect(stored()).toMatchObject({ models: 1, files: 4 });
    const { models } = await c.call('embed.models', {});
    expect(models.find((m) => m.id === 'tiny-bert')).toEqual({ id: 'tiny-bert', kind: 'transformers', dims: 8, sha256: sha, licence: null, active: false, source: 'workspace' });
    expect(models.find((m) => m.id === 'aerie-charngram@1.0.0')).toMatchObject({ source: 'shipped', kind: 'builtin' });
    // the same content again stores nothing more
    expect(await importModel(source)).toMatchObject({ id: 'tiny-bert', sha256: sha, alreadyImported: true });
    expect(stored()).toMatchObject({ models: 1, files: 4 });
    expect((await c.call('audit.list', { limit: 5 })).map((a) => a.method)).toContain('embed.importModel');
  });

  it('embed.index with the imported model id, then search embeds queries with it', async () => {
    const j = await finish((await c.call('embed.index', { model: 'tiny-bert' })).jobId);
    expect(j.state, j.error?.message).toBe('succeeded');
    expect(j.result).toMatchObject({ model: 'tiny-bert', mode: 'full', embedded: 4 });
    const s = await c.call('embed.status', {});
    expect(s.active).toMatchObject({ model: 'tiny-bert', kind: 'transformers', dims: 8, vectors: 4 });
    modelId = s.active!.modelId;
    expect(modelId).toMatch(/^tiny-bert@local#[0-9a-f]{12}$/);
    const r = await c.call('search.query', { q: 'john smith', limit: 3, waitMs: 60_000 });
    expect(r.vectors).toBe(modelId); // the query was embedded by the imported model
    expect(r.results[0]).toMatchObject({ sourceKey: 'A1' });
    expect((await workspaceModels())[0]).toMatchObject({ id: 'tiny-bert', active: true });
  }, 60_000);

  it('keeps working with the source folder and the cache gone, after the workspace is reopened', async () => {
    rmSync(join(t.dir, 'downloads'), { recursive: true, force: true });
    rmSync(join(modelCacheDir(), sha), { recursive: true, force: true });
    await c.call('workspace.close', {});
    await c.call('workspace.open', { path: ws, passphrase: PASS });
    const r = await c.call('search.query', { q: 'mary brown', limit: 3, waitMs: 60_000 });
    expect(r.vectors).toBe(modelId);
    expect(r.results[0]).toMatchObject({ sourceKey: 'A2' });
    // rebuilt from the workspace into the owner-only cache
    const model = join(modelCacheDir(), sha, 'tiny-bert', 'onnx', 'model.onnx');
    expect(existsSync(model)).toBe(true);
    const j = await finish((await c.call('embed.index', {})).jobId);
    expect(j.state, j.error?.message).toBe('succeeded');
    expect(j.result).toMatchObject({ model: 'tiny-bert', mode: 'incremental', embedded: 0, unchanged: 4 });
  }, 60_000);

  it('a tampered cache copy is not used: it is rebuilt from the workspace', async () => {
    const model = join(modelCacheDir(), sha, 'tiny-bert', 'onnx', 'model.onnx');
    const good = readFileSync(model);
    writeFileSync(model, Buffer.from('not the model'));
    const j = await finish((await c.call('embed.index', {})).jobId);
    expect(j.state, j.error?.message).toBe('succeeded');
    expect(readFileSync(model).equals(good)).toBe(true);
  }, 60_000);

  it('refuses a folder that is not a model at once, saying which and what is missing, and starts no job', async () => {
    const before = stored();
    const jobsBefore = (await c.call('jobs.list', { limit: 500 })).length;
    const empty = join(t.dir, 'not-a-model');
    mkdirSync(empty, { recursive: true });
    writeFileSync(join(empty, 'README.txt'), 'hello');
    let e = await refusal(c.call('embed.importModel', { path: empty }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toContain(empty);
    expect(e.message).toMatch(/neither config\.json .* nor manifest\.json/);

    const broken = join(t.dir, 'broken-bert');
    await writeTinyBert(broken, 8);
    rmSync(join(broken, 'tokenizer.json'));
    e = await refusal(c.call('embed.importModel', { path: broken }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toContain(broken);
    expect(e.message).toMatch(/tokenizer\.json is missing/);
    expect(e.details?.file).toBe(join(broken, 'tokenizer.json'));

    const lying = join(t.dir, 'lying-bert');
    await writeTinyBert(lying, 8);
    writeFileSync(join(lying, 'manifest.json'), JSON.stringify({ name: 'lying', version: '1', sha256: '0'.repeat(64) }));
    e = await refusal(c.call('embed.importModel', { path: lying }));
    expect(e.code).toBe('BAD_DATA');
    expect(e.message).toMatch(/onnx\/model\.onnx has sha256 [0-9a-f]{64}, manifest\.json says 0{64}/);

    const huge = join(t.dir, 'huge-bert');
    await writeTinyBert(huge, 8);
    const fd = openSync(join(huge, 'onnx', 'model_fp16.onnx'), 'w');
    ftruncateSync(fd, MAX_MODEL_BYTES + 1); // sparse: costs no disk
    closeSync(fd);
    e = await refusal(c.call('embed.importModel', { path: huge }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toMatch(/larger than 2 GB/);

    expect((await refusal(c.call('embed.importModel', { path: '/etc' }))).code).toBe('PATH_NOT_ALLOWED');
    expect((await refusal(c.call('embed.importModel', { path: join(t.dir, 'nowhere') }))).code).toBe('NOT_FOUND');
    expect(stored()).toEqual(before);
    expect((await c.call('jobs.list', { limit: 500 })).length).toBe(jobsBefore);
  }, 60_000);

  it('refuses to remove the live model, removes an unused one', async () => {
    const e = await refusal(c.call('embed.removeModel', { id: 'tiny-bert' }));
    expect(e.code).toBe('CONFLICT');
    expect(e.details?.hint).toMatch(/Re-index with another model first/);

    const other = join(t.dir, 'more', 'tiny-four');
    await writeTinyBert(other, 4);
    const r = await importModel(other);
    expect(r).toMatchObject({ id: 'tiny-four', dims: 4, alreadyImported: false });
    expect((await workspaceModels()).map((m) => m.id)).toEqual(['tiny-bert', 'tiny-four']);
    expect(await c.call('embed.removeModel', { id: 'tiny-four' })).toEqual({ id: 'tiny-four', files: 4, bytes: r.bytes });
    expect((await workspaceModels()).map((m) => m.id)).toEqual(['tiny-bert']);
    expect(stored()).toMatchObject({ models: 1, files: 4 });
    expect((await refusal(c.call('embed.removeModel', { id: 'aerie-charngram@1.0.0' }))).code).toBe('NOT_FOUND');

    // once the live generation uses another model, the imported one can go
    const j = await finish((await c.call('embed.reindex', { model: 'aerie-charngram@1.0.0' })).jobId);
    expect(j.state, j.error?.message).toBe('succeeded');
    expect(existsSync(join(modelCacheDir(), sha))).toBe(true); // it ran, from the cache
    expect(await c.call('embed.removeModel', { id: 'tiny-bert' })).toMatchObject({ id: 'tiny-bert', files: 4 });
    expect(stored()).toEqual({ models: 0, files: 0, parts: 0 });
    expect(existsSync(join(modelCacheDir(), sha))).toBe(false); // and its cached copy went with it
  }, 60_000);

  it('prunes cached models unused for 30 days and staging folders a crash left, and nothing else', async () => {
    const base = join(t.dir, 'cache'); // not the shared cache: other test files materialise models meanwhile
    const day = 24 * 3600 * 1000;
    const now = Date.now();
    const make = (name: string, ageDays: number) => {
      mkdirSync(join(base, name, 'm'), { recursive: true });
      writeFileSync(join(base, name, 'm', 'model.onnx'), 'x');
      const when = new Date(now - ageDays * day);
      utimesSync(join(base, name), when, when);
      return join(base, name);
    };
    const old = make('a'.repeat(64), 31);
    const recent = make('b'.repeat(64), 29);
    const crashed = make(`${'c'.repeat(64)}.tmp-x1`, 2);
    const foreign = make('not-a-model-cache-entry', 400);
    try {
      expect(await pruneModelCache(30, now, base)).toBe(2);
      expect([old, recent, crashed, foreign].map((p) => existsSync(p))).toEqual([false, true, false, true]);
    } finally {
      for (const p of [old, recent, crashed, foreign]) rmSync(p, { recursive: true, force: true });
    }
  });

  describe('a large model, copied part by part', () => {
    const big = join(t.dir, 'big', 'big-bert');
    const BIG = 48 * 1024 * 1024; // six 8 MB parts
    beforeAll(async () => {
      await writeTinyBert(big, 4);
      const fd = openSync(join(big, 'onnx', 'model_fp16.onnx'), 'w');
      ftruncateSync(fd, BIG); // sparse: costs no disk to write
      closeSync(fd);
    });

    it('cancelling mid-copy leaves no model row, files or parts', async () => {
      const before = stored();
      const { jobId } = await c.call('embed.importModel', { path: big });
      let during: ReturnType<typeof stored> | null = null;
      let visible: boolean | null = null;
      const off = c.on('job', (j) => {
        if (j.id !== jobId || j.state !== 'running' || j.total === null || during) return;
        if (j.done === 0) return passThrottle(); // so the event after the first part comes through
        // a part is in: the (hidden) model row and its first parts are written; cancel now
        during = stored();
        visible = workspaceModelRow(engine.requireSession().db, 'big-bert') !== undefined;
        void c.call('jobs.cancel', { id: jobId });
      });
      const j = await finish(jobId);
      off();
      expect(j.state).toBe('cancelled');
      expect(during).not.toBeNull();
      expect(during!.models).toBe(before.models + 1);
      expect(during!.parts).toBeGreaterThan(before.parts);
      expect(visible).toBe(false); // never listed or loadable while incomplete
      expect(stored()).toEqual(before);
      expect((await workspaceModels()).map((m) => m.id)).not.toContain('big-bert');
      expect((await refusal(c.call('embed.removeModel', { id: 'big-bert' }))).code).toBe('NOT_FOUND');
    }, 60_000);

    it('reports progress in bytes, then the model is listed; its parts are at most 8 MB', async () => {
      const before = stored();
      const { jobId } = await c.call('embed.importModel', { path: big });
      const events: Job[] = [];
      const off = c.on('job', (j) => {
        if (j.id !== jobId) return;
        events.push(j);
        if (events.filter((e) => e.total !== null).length === 1) passThrottle();
      });
      const j = await finish(jobId);
      off();
      expect(j.state, j.error?.message).toBe('succeeded');
      const r = resultOf(j, 'embed.importModel');
      expect(r).toMatchObject({ id: 'big-bert', kind: 'transformers', dims: 4, files: 5, alreadyImported: false });
      expect(r.bytes).toBeGreaterThan(BIG);
      expect(j).toMatchObject({ unit: 'bytes', done: r.bytes, total: r.bytes });
      const sized = events.filter((e) => e.total !== null);
      expect(sized.every((e) => e.unit === 'bytes' && e.total === r.bytes)).toBe(true);
      expect(sized.some((e) => e.state === 'running' && e.done > 0 && e.done < r.bytes)).toBe(true);
      const done = sized.map((e) => e.done);
      expect(done).toEqual([...done].sort((a, b) => a - b));
      expect((await workspaceModels()).map((m) => m.id)).toContain('big-bert');
      const db = engine.requireSession().db;
      expect(db.prepare('SELECT max(length(bytes)) FROM workspace_model_parts').pluck().get()).toBe(8 * 1024 * 1024);
      expect(stored()).toEqual({ models: before.models + 1, files: before.files + 5, parts: before.parts + 6 + 4 });
      expect(await c.call('embed.removeModel', { id: 'big-bert' })).toEqual({ id: 'big-bert', files: 5, bytes: r.bytes });
      expect(stored()).toEqual(before);
    }, 60_000);
  });
});
