// Staged, cancellable resolve runs and incremental runs on a real encrypted workspace (demo data,
// then a second import holding copies of existing people and new people): a full run cancelled in
// the middle of a stage leaves nothing; an incremental run attaches the copies to their people's
// entities without changing any existing entity id, makes new entities for new people, agrees with
// a full rerun, is audited, and is undone by its rollback; it refuses, saying what to do, when there
// is no run to build on or records of the run are gone.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineClient } from '../../../engine/api/index.js';
import { runJob } from '../../../engine/api/run-job.js';
import type { Engine } from '../../../engine/core/engine.js';
import type { JobKind } from '../../../engine/jobs/types.js';
import { resolveRunJob, type ResolveParams } from '../../../engine/resolve/job.js';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { finishJob } from '../../helpers/jobs.js';
import { CALLER, PASS, tempDir } from '../../helpers/tmp.js';

const t = tempDir();
const ws = join(t.dir, 'inc.aerie');
let c: EngineClient;
let engine: Engine;

// while `slow` is set the run pauses every 200 pairs (incremental: every 5) and waits a little at
// each pause, so the test can cancel it in the middle of a stage
let slow = false;
const stagedResolve: JobKind<ResolveParams> = {
  ...resolveRunJob,
  run: (ctx) =>
    resolveRunJob.run({
      ...ctx,
      params: { ...ctx.params, ...(slow ? { every: ctx.params.mode === 'incremental' ? 5 : 200 } : {}) },
      yield: async () => {
        // an incremental run has few pauses: wait longer there, so progress events (100 ms apart) come mid-run
        if (slow) await new Promise((r) => setTimeout(r, ctx.params.mode === 'incremental' ? 20 : 5));
        await ctx.yield();
      },
    }),
};

const db = () => engine.requireSession().db;
const latestData = () => db().prepare("SELECT r.id FROM resolve_runs r JOIN jobs j ON j.id = r.job_id WHERE j.state = 'succeeded' ORDER BY r.id DESC LIMIT 1").pluck().get() as number;
/** Record id -> entity id of the latest stored run. */
const members = () => new Map(db().prepare('SELECT record_id, entity_id FROM resolve_members WHERE run_id = ?').raw().all(latestData()) as [number, string][]);
const entitySizes = () => new Map(db().prepare('SELECT id, size FROM resolve_entities WHERE run_id = ?').raw().all(latestData()) as [string, number][]);
const counts = () => Object.fromEntries(['resolve_runs', 'resolve_pairs', 'resolve_members', 'resolve_entities', 'resolve_keys', 'resolve_tf', 'resolve_forms', 'resolve_increments'].map((x) => [x, db().prepare(`SELECT count(*) FROM ${x}`).pluck().get() as number]));

/** Pairwise agreement of two clusterings of the same records (b taken as the truth). */
function pairwise(a: Map<number, string>, b: Map<number, string>) {
  const pairs = (m: Map<string, number>) => [...m.values()].reduce((s, n) => s + (n * (n - 1)) / 2, 0);
  const ca = new Map<string, number>();
  const cb = new Map<string, number>();
  const both = new Map<string, number>();
  for (const [rec, ea] of a) {
    const eb = b.get(rec)!;
    ca.set(ea, (ca.get(ea) ?? 0) + 1);
    cb.set(eb, (cb.get(eb) ?? 0) + 1);
    both.set(`${ea}\u0000${eb}`, (both.get(`${ea}\u0000${eb}`) ?? 0) + 1);
  }
  const tp = pairs(both);
  const precision = tp / pairs(ca);
  const recall = tp / pairs(cb);
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall) };
}

const COLS = ['source_key', 'given_name', 'family_name', 'email', 'phone', 'address_line', 'city', 'postcode', 'date_of_birth'] as const;
const q = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Copies of existing records (one typo in the given name, as another system would hold them), and people no record knows. */
function secondFeed(copies: number, strangers: number): { path: string; copiedFrom: number[] } {
  const rows = db()
    .prepare(`SELECT id, ${COLS.slice(1).join(', ')} FROM records WHERE given_name IS NOT NULL AND family_name IS NOT NULL AND email IS NOT NULL AND date_of_birth IS NOT NULL ORDER BY id LIMIT ?`)
    .raw()
    .all(copies * 7) as (string | number | null)[][];
  const picked = rows.filter((_, k) => k % 7 === 3).slice(0, copies);
  const lines = [COLS.join(',')];
  picked.forEach((r, k) => {
    const given = String(r[1]);
    const typo = given.length > 3 ? given.slice(0, 2) + given[3] + given[2] + given.slice(4) : given;
    lines.push([`COPY${k}`, typo, ...r.slice(2).map((v) => (v === null ? '' : String(v)))].map(q).join(','));
  });
  for (let k = 0; k < strangers; k++) {
    const given = ['Quillon', 'Zephyrine', 'Bartolomeo', 'Ysolde', 'Caspian', 'Marigold', 'Thaddeus', 'Oriane', 'Leopold', 'Wilhelmina'][k % 10]!;
    const family = ['Vandersnoot', 'Quackenbush', 'Oyelaran', 'Strzelecki', 'Fairweather', 'Habsburg', 'Nakamura', 'Igwe', 'Delacroix', 'Montgomery'][k % 10]!;
    const town = ['Utopia', 'Erewhon', 'Lilliput', 'Brigadoon', 'Shangri', 'Camelot', 'Avalon', 'Narnia', 'Gondor', 'Atlantis'][k % 10]!;
    lines.push([`NEW${k}`, given, family, `${given}.${family}@example.org`.toLowerCase(), `+44 7700 9${String(10000 + k * 3137).padStart(5, '0')}`, `${k * 13 + 1} ${town} Lane`, town, `ZZ${k} ${k}ZZ`, `19${50 + k}-0${(k % 9) + 1}-1${k % 9}`].map(q).join(','));
  }
  const path = join(t.dir, `second-${copies}-${strangers}.csv`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return { path, copiedFrom: picked.map((r) => Number(r[0])) };
}

async function importFeed(path: string, source: string): Promise<void> {
  const mapping = Object.fromEntries(COLS.map((col) => [col, col]));
  const j = await finishJob(c, (await c.call('ingest.start', { path, source, mapping })).jobId);
  expect(j.state, j.error?.message).toBe('succeeded');
}

beforeAll(async () => {
  const started = startInProcessEngine({ roots: [t.dir], openHooks: false, jobKinds: [stagedResolve as JobKind<never>] }, CALLER);
  c = started.client;
  engine = started.engine;
  await c.call('workspace.create', { path: ws, passphrase: PASS });
  await runJob(c, 'demo.generate', { customers: 1000, seed: 5, events: false });
}, 120_000);

afterAll(async () => {
  await c.close();
  t.cleanup();
});

describe('incremental resolve runs', () => {
  it('refuses with no run to build on, saying to run a full resolve', async () => {
    await expect(runJob(c, 'resolve.run', { mode: 'incremental' })).rejects.toMatchObject({ code: 'NOT_FOUND', details: { hint: expect.stringContaining('full resolve') } });
  });

  let first: Map<number, string>;

  it('a full run cancelled in the middle of a stage leaves nothing; the previous run stands', async () => {
    await runJob(c, 'resolve.run', {});
    first = members();
    const sizesBefore = entitySizes();
    const countsBefore = counts();
    const summaryBefore = await c.call('resolve.summary', {});
    slow = true;
    const messages: string[] = [];
    const { jobId } = await c.call('resolve.run', { threshold: 0.8 });
    let cancelled = false;
    const off = c.on('job', (j) => {
      if (j.id !== jobId || j.message === null) return;
      messages.push(j.message);
      // inside the comparisons stage, part-way through its pairs
      if (!cancelled && /^comparisons \([1-9]/.test(j.message)) {
        cancelled = true;
        void c.call('jobs.cancel', { id: jobId });
      }
    });
    const j = await finishJob(c, jobId);
    off();
    slow = false;
    expect(j.state).toBe('cancelled');
    expect(cancelled).toBe(true);
    // progress moved through the earlier stages and stopped inside comparisons: nothing reached saving
    expect(messages.some((m) => /^Saving/.test(m))).toBe(false);
    expect(db().prepare('SELECT count(*) FROM resolve_runs WHERE job_id = ?').pluck().get(jobId)).toBe(0);
    expect(counts()).toEqual(countsBefore);
    expect(members()).toEqual(first);
    expect(entitySizes()).toEqual(sizesBefore);
    expect(await c.call('resolve.summary', {})).toEqual(summaryBefore);
  }, 120_000);

  let fed: { path: string; copiedFrom: number[] };
  let inc: Awaited<ReturnType<typeof runJob<'resolve.run'>>>;

  it('attaches copies of existing people to their entities and makes entities for new people; no existing id changes', async () => {
    const before = await c.call('resolve.summary', {});
    // 50 new records: enough for the run to check their values still fit the model's roles
    fed = secondFeed(40, 10);
    await importFeed(fed.path, 'second-system');
    inc = await runJob(c, 'resolve.run', { mode: 'incremental' });
    const x = inc.incremental!;
    expect(x.newRecords).toBe(50);
    expect(x.existingRecordsRead).toBeGreaterThan(0);
    // only the records sharing a blocking key with a new one are read (on this small workspace many
    // blocks reach the cap's size; bench/resolve-incremental.ts measures the share at scale)
    expect(x.existingRecordsRead).toBeLessThan(first.size);
    const now = members();
    expect(now.size).toBe(first.size + 50);
    const absorbed = new Map(x.merged.flatMap((mg) => mg.absorbed.map((a) => [a, mg.kept] as const)));
    // every existing record keeps its entity id, unless its entity was absorbed (then it is named)
    for (const [rec, e] of first) expect(now.get(rec)).toBe(absorbed.get(e) ?? e);
    // the copies join their originals' entities
    const newRows = db().prepare("SELECT r.id, r.source_key FROM records r JOIN sources s ON s.id = r.source_id WHERE s.name = 'second-system'").raw().all() as [number, string][];
    let joined = 0;
    for (const [id, key] of newRows) {
      if (!key.startsWith('COPY')) continue;
      const orig = fed.copiedFrom[Number(key.slice(4))]!;
      if (now.get(id) === now.get(orig)) joined++;
    }
    expect(joined).toBeGreaterThanOrEqual(38);
    // the strangers each make an entity of their own
    const strangers = newRows.filter(([, k]) => k.startsWith('NEW')).map(([id]) => now.get(id)!);
    expect(new Set(strangers).size).toBe(10);
    for (const e of strangers) expect([...now.values()].filter((v) => v === e)).toHaveLength(1);
    expect(x.newEntities).toBeGreaterThanOrEqual(10);
    expect(x.attached).toBeGreaterThanOrEqual(38);
    // totals are the workspace's after the run; sizes add up
    expect(inc.records).toBe(before.run!.records + 50);
    const sizes = entitySizes();
    expect(inc.entities).toBe(sizes.size);
    expect([...sizes.values()].reduce((s, n) => s + n, 0)).toBe(now.size);
    const sum = await c.call('resolve.summary', {});
    expect(sum.run?.runId).toBe(inc.runId);
    expect(sum.clusterSizes.reduce((n, [size, k]) => n + size * k, 0)).toBe(now.size);
    // a new record's pairs are stored and explained like a full run's
    const page = await c.call('resolve.pairs', { minProbability: 0.9, limit: 500 });
    const newIds = new Set(newRows.map(([id]) => id));
    const p = page.pairs.find((r) => newIds.has(r.a) || newIds.has(r.b));
    expect(p).toBeDefined();
    const e = await c.call('resolve.explain', { a: p!.a, b: p!.b });
    expect(e.weight).toBeCloseTo(p!.weight, 4);
    // search names a new record's entity from the run it extended
    const hits = (await c.call('search.query', { q: 'quackenbush', limit: 10, waitMs: 30_000 })).results;
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) expect(h.entityId).toBe(now.get(h.recordId));
    // audited as the full run is
    const audit = await c.call('audit.list', { limit: 20 });
    expect(JSON.stringify(audit)).toContain('resolve.run');
  }, 120_000);

  it('agrees with a full rerun on the same records', async () => {
    const incremental = members();
    const full = await runJob(c, 'resolve.run', {});
    expect(full.incremental).toBeUndefined();
    const rerun = members();
    const pw = pairwise(incremental, rerun);
    // measured: see the report (precision and recall of the incremental entities against the rerun's)
    expect(pw.f1).toBeGreaterThan(0.97);
  }, 120_000);

  it('compares existing records by the forms the full run stored, never standardising them again', async () => {
    // the full run above stored every record's standardised forms; blank the raw values of a few
    // records afterwards: a run that re-read and re-standardised them would compare their copies
    // with nothing, one that reads the stored forms attaches each copy to its original
    const picked = db()
      .prepare(`SELECT id, ${COLS.slice(1).join(', ')} FROM records WHERE given_name IS NOT NULL AND family_name IS NOT NULL AND email IS NOT NULL AND phone IS NOT NULL AND date_of_birth IS NOT NULL ORDER BY id DESC LIMIT 8`)
      .raw()
      .all() as (string | number | null)[][];
    const lines = [COLS.join(','), ...picked.map((r, k) => [`SAME${k}`, ...r.slice(1).map((v) => (v === null ? '' : String(v)))].map(q).join(','))];
    const path = join(t.dir, 'same.csv');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const blank = db().prepare(`UPDATE records SET full_name = NULL, ${COLS.slice(1).map((col) => `${col} = NULL`).join(', ')} WHERE id = ?`);
    for (const r of picked) blank.run(r[0]);
    await importFeed(path, 'same-system');
    const r = await runJob(c, 'resolve.run', { mode: 'incremental' });
    expect(r.incremental!.newRecords).toBe(8);
    expect(r.incremental!.existingRecordsRead).toBeGreaterThan(0);
    const now = members();
    const copies = db().prepare("SELECT r.id, r.source_key FROM records r JOIN sources s ON s.id = r.source_id WHERE s.name = 'same-system'").raw().all() as [number, string][];
    for (const [id, key] of copies) expect(now.get(id)).toBe(now.get(Number(picked[Number(key.slice(4))]![0])));
    expect(r.incremental!.existingRestandardised).toBe(0);
  }, 120_000);

  it('standardises again only the existing records whose forms its run did not store', async () => {
    // as with a run made before forms were stored: the records are read and standardised instead
    const run = latestData();
    db().prepare('DELETE FROM resolve_forms WHERE run_id = ? AND record_id % 2 = 0').run(run);
    const more = secondFeed(5, 1);
    await importFeed(more.path, 'fallback-system');
    const r = await runJob(c, 'resolve.run', { mode: 'incremental' });
    const x = r.incremental!;
    expect(x.newRecords).toBe(6);
    expect(x.existingRestandardised).toBeGreaterThan(0);
    expect(x.existingRestandardised).toBeLessThan(x.existingRecordsRead);
    expect(x.attached).toBeGreaterThanOrEqual(5);
    // the new records' forms are stored for the next incremental run
    const newIds = db().prepare("SELECT r.id FROM records r JOIN sources s ON s.id = r.source_id WHERE s.name = 'fallback-system'").pluck().all() as number[];
    for (const id of newIds) expect(db().prepare('SELECT count(*) FROM resolve_forms WHERE run_id = ? AND record_id = ?').pluck().get(run, id)).toBe(1);
  }, 120_000);

  it('rollback of an incremental run restores the rows it extended', async () => {
    const before = members();
    const sizesBefore = entitySizes();
    const countsBefore = counts();
    const more = secondFeed(12, 2);
    await importFeed(more.path, 'third-system');
    const r = await runJob(c, 'resolve.run', { mode: 'incremental' });
    expect(r.incremental!.newRecords).toBe(14);
    const jobId = db().prepare('SELECT job_id FROM resolve_increments ORDER BY id DESC LIMIT 1').pluck().get() as string;
    const summaryBefore = await c.call('resolve.summary', {});
    resolveRunJob.rollback!(db(), jobId, { threshold: 0.5, country: 'GB', mode: 'incremental' });
    db().prepare("UPDATE jobs SET state = 'failed' WHERE id = ?").run(jobId);
    expect(members()).toEqual(before);
    expect(entitySizes()).toEqual(sizesBefore);
    expect(counts()).toEqual(countsBefore);
    expect((await c.call('resolve.summary', {})).run?.records).toBe(summaryBefore.run!.records - 14);
  }, 120_000);

  it('an incremental run cancelled mid-way leaves nothing', async () => {
    const before = members();
    const countsBefore = counts();
    const summaryBefore = await c.call('resolve.summary', {});
    const more = secondFeed(13, 3);
    await importFeed(more.path, 'fourth-system');
    slow = true;
    const { jobId } = await c.call('resolve.run', { mode: 'incremental' });
    let cancelled = false;
    const off = c.on('job', (j) => {
      if (j.id !== jobId || cancelled || !/^(blocking|comparisons) \([1-9]/.test(j.message ?? '')) return;
      cancelled = true;
      void c.call('jobs.cancel', { id: jobId });
    });
    const j = await finishJob(c, jobId);
    off();
    slow = false;
    expect(j.state).toBe('cancelled');
    expect(cancelled).toBe(true);
    expect(members()).toEqual(before);
    expect(counts()).toEqual(countsBefore);
    expect(await c.call('resolve.summary', {})).toEqual(summaryBefore);
  }, 120_000);

  it('refuses when records of the latest run are gone, saying to run a full resolve', async () => {
    const gone = db().prepare('SELECT max(record_id) FROM resolve_members WHERE run_id = ?').pluck().get(latestData()) as number;
    db().prepare('UPDATE resolve_members SET record_id = ? WHERE run_id = ? AND record_id = ?').run(gone + 1_000_000, latestData(), gone);
    await expect(runJob(c, 'resolve.run', { mode: 'incremental' })).rejects.toMatchObject({ code: 'CONFLICT', details: { records: 1, hint: expect.stringContaining('full resolve') } });
  });
});
