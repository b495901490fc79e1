// Embeddings and hybrid search through the engine: a real encrypted workspace, a real import,
// real ONNX inference with the built-in model.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineClient, Job } from '../../../engine/api/index.js';
import type { Engine } from '../../../engine/core/engine.js';
import { embedReindexJob, type EmbedParams } from '../../../engine/embed/jobs.js';
import { forgetRecordVectors } from '../../../engine/embed/store.js';
import type { JobKind } from '../../../engine/jobs/types.js';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { CALLER, PASS, tempDir } from '../../helpers/tmp.js';
import { finishJob, resultOf } from '../../helpers/jobs.js';

const t = tempDir();
let c: EngineClient;
let engine: Engine;

// a slow re-index (tiny chunks) so the test can cancel it mid-way
const slowReindex: JobKind<EmbedParams> = {
  ...embedReindexJob,
  run: (ctx) =>
    embedReindexJob.run({
      ...ctx,
      params: { ...ctx.params, chunk: 8 },
      yield: async () => {
        await new Promise((r) => setTimeout(r, 10));
        await ctx.yield();
      },
    }),
};

const GIVEN = ['Oliver', 'Amelia', 'Harry', 'Isla', 'George', 'Ava', 'Noah', 'Mia', 'Jack', 'Grace', 'Leo', 'Freya', 'Oscar', 'Lily', 'Arthur', 'Ella'];
const FAMILY = ['Taylor', 'Brown', 'Wilson', 'Evans', 'Thomas', 'Roberts', 'Walker', 'Wright', 'Robinson', 'Thompson', 'White', 'Hughes', 'Edwards', 'Green', 'Hall', 'Wood'];
const CITIES = ['Leeds', 'York', 'Bristol', 'Norwich', 'Derby', 'Bath', 'Exeter', 'Hull'];

function csv(rows: string[][]): string {
  return ['ID,FIRST,LAST,EMAIL,PHONE,ADDRESS,CITY,POSTCODE', ...rows.map((r) => r.map((v) => (v.includes(',') ? `"${v}"` : v)).join(','))].join('\n') + '\n';
}

const TARGETS = [
  ['T1', 'John', 'Smith', 'john.smith@example.com', '07700 900123', '12 High Street', 'Leeds', 'LS1 4AB'],
  ['T2', 'Anna', 'Kowalski', 'anna.kowalski@example.org', '07700 900456', '3 Mill Lane', 'Manchester', 'M1 1AE'],
  ['T3', 'Siobhán', "O'Connor", 'siobhan.oconnor@mail.ie', '07700 900789', '8 Quay Road', 'Bristol', 'BS1 5TR'],
  ['T4', 'Catherine', 'Nguyen', 'cathy.nguyen@example.com', '+44 20 7946 0018', '1 Palace Walk', 'London', 'SW1A 1AA'],
  ['T5', 'Maximilian', 'Featherstonehaugh', 'max.f@example.net', '07700 900555', '77 Long Row', 'Nottingham', 'NG1 2HE'],
  // a second record of John Smith (same email): a pair the deterministic key proves
  ['D1', 'Jon', 'Smyth', 'john.smith@example.com', '07700 900124', '12 High St', 'Leeds', 'LS1 4AB'],
  ['D2', 'Ann', 'Kowalska', 'anna.kowalski@example.org', '', '3 Mill Ln', 'Manchester', 'M1 1AE'],
];

function fillers(n: number, seed: number): string[][] {
  let s = seed;
  const r = (k: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % k;
  };
  const out: string[][] = [];
  for (let i = 0; i < n; i++) {
    const g = GIVEN[r(GIVEN.length)]!;
    const f = FAMILY[r(FAMILY.length)]!;
    out.push([`F${seed}-${i}`, g, f, `${g}.${f}${r(100)}@example.com`.toLowerCase(), `07${100 + r(899)} ${100000 + r(899999)}`, `${1 + r(200)} Station Road`, CITIES[r(CITIES.length)]!, `AB${1 + r(20)} ${r(10)}CD`]);
  }
  return out;
}

const finish = (jobId: string): Promise<Job> => finishJob(c, jobId);

async function importCsv(name: string, rows: string[][]): Promise<void> {
  const p = join(t.dir, name);
  writeFileSync(p, csv(rows));
  const j = await finish((await c.call('ingest.start', { path: p, source: 'crm', mapping: { ID: 'source_key', FIRST: 'given_name', LAST: 'family_name', EMAIL: 'email', PHONE: 'phone', ADDRESS: 'address_line', CITY: 'city', POSTCODE: 'postcode' } })).jobId);
  expect(j.state, j.error?.message).toBe('succeeded');
}

async function top(q: string, limit = 5) {
  return (await c.call('search.query', { q, limit })).results;
}

beforeAll(async () => {
  const started = startInProcessEngine({ roots: [t.dir], jobKinds: [slowReindex as JobKind<never>] }, CALLER);
  c = started.client;
  engine = started.engine;
  await c.call('workspace.create', { path: join(t.dir, 'search.aerie'), passphrase: PASS });
  const pat = Array.from({ length: 6 }, (_, i) => [`P${i}`, 'Pat', 'Quigley', '', `0161 496 00${10 + i}`, '5 Elm Close', 'Derby', 'DE1 1AA']);
  await importCsv('crm.csv', [...fillers(300, 7), ...TARGETS, ...pat]);
});
afterAll(async () => {
  await c.close();
  t.cleanup();
});

describe('embedding store and jobs', () => {
  let firstGen: number;

  it('embeds every record with the built-in model and records which model made the vectors', async () => {
    const j = await finish((await c.call('embed.index', {})).jobId);
    expect(j.state, j.error?.message).toBe('succeeded');
    expect(j.result).toMatchObject({ mode: 'full', embedded: 313, unchanged: 0 });
    const s = await c.call('embed.status', {});
    expect(s.records).toBe(313);
    expect(s.pending).toBe(0);
    expect(s.active).toMatchObject({ model: 'aerie-charngram@1.0.0', kind: 'builtin', dims: 256, vectors: 313, state: 'active' });
    expect(s.active!.modelId).toMatch(/^aerie-charngram@1\.0\.0#[0-9a-f]{12}$/);
    expect(s.active!.sha256).toMatch(/^[0-9a-f]{64}$/);
    firstGen = s.active!.generation;
    const models = await c.call('embed.models', {});
    expect(models.models.find((m) => m.id === 'aerie-charngram@1.0.0')).toMatchObject({ active: true, dims: 256 });
  });

  it('the incremental index embeds only new records', async () => {
    await importCsv('more.csv', [['N1', 'Zebedee', 'Quartermaine', 'zq@example.com', '07700 900999', '9 New Road', 'Leeds', 'LS2 9ZZ'], ...fillers(4, 99)]);
    const j = await finish((await c.call('embed.index', {})).jobId);
    expect(j.state, j.error?.message).toBe('succeeded');
    expect(j.result).toMatchObject({ mode: 'incremental', embedded: 5, unchanged: 313, generation: firstGen });
    expect((await c.call('embed.status', {})).pending).toBe(0);
    // the new record is searchable at once (lexical delta + reloaded vectors)
    expect((await top('zebedee quartermain'))[0]).toMatchObject({ sourceKey: 'N1' });
  });

  it('cancelling a re-index leaves the live generation untouched', async () => {
    const before = await c.call('embed.status', {});
    // progress arrives as events (the stored row lags them by up to half a second)
    let jobId = '';
    const running = new Promise<void>((resolve, reject) => {
      const off = c.on('job', (j) => {
        if (j.id !== jobId) return;
        if (j.state === 'running' && j.done > 0) {
          off();
          resolve();
        } else if (j.state === 'succeeded') reject(new Error('the re-index finished before it could be cancelled'));
      });
    });
    ({ jobId } = await c.call('embed.reindex', {}));
    await running;
    await c.call('jobs.cancel', { id: jobId });
    expect((await finish(jobId)).state).toBe('cancelled');
    const after = await c.call('embed.status', {});
    expect(after.active!.generation).toBe(before.active!.generation);
    expect(after.active!.vectors).toBe(before.active!.vectors);
    expect(after.building).toEqual([]);
    const db = engine.requireSession().db;
    expect(db.prepare('SELECT count(*) FROM record_vectors WHERE gen != ?').pluck().get(before.active!.generation)).toBe(0);
  });
});

describe('hybrid search', () => {
  it('finds records through typos, transpositions and partial input', async () => {
    expect((await top('jonh smiht'))[0]!.sourceKey).toMatch(/^(T1|D1)$/);
    expect((await top('catherine ngyuen'))[0]!.sourceKey).toBe('T4');
    expect((await top('Kathryn Nguyen'))[0]!.sourceKey).toBe('T4');
    expect((await top('featherstone'))[0]!.sourceKey).toBe('T5');
    expect((await top('kowalsk'))[0]!.sourceKey).toMatch(/^(T2|D2)$/);
    expect((await top('siobhan oconor'))[0]!.sourceKey).toBe('T3');
    expect((await top('maximilan featherstonhaugh nottingham'))[0]!.sourceKey).toBe('T5');
  });

  it('finds a word split by a stray space, and a record only one channel ranks first', async () => {
    // "feather stonehaugh": no record has either half as a word; the joined pair is the surname
    expect((await top('maximilian feather stonehaugh'))[0]!.sourceKey).toBe('T5');
    expect((await top('catherine ngu yen london'))[0]!.sourceKey).toBe('T4');
    // a rare surname plus an unrelated city: the lexical channel's leader must reach the reranker
    expect((await top('kowalski exeter')).slice(0, 3).map((r) => r.sourceKey)).toContain('T2');
  });

  it('answers fielded queries: email, phone, postcode, name', async () => {
    const e = await top('email:cathy.nguyen@example.com');
    expect(e[0]!.sourceKey).toBe('T4');
    expect(e[0]!.matched.find((m) => m.field === 'email')).toMatchObject({ similarity: 1, how: 'exact' });
    expect((await top('email:cathy.nguyn@exmple'))[0]!.sourceKey).toBe('T4'); // a broken email
    const p = await top('phone:+44 7700 900456');
    expect(p[0]!.sourceKey).toBe('T2');
    expect(p[0]!.matched.find((m) => m.field === 'phone')).toMatchObject({ similarity: 1 });
    expect((await top('07700 900789'))[0]!.sourceKey).toBe('T3'); // recognised in free text
    expect((await top('postcode:sw1a1aa'))[0]!.sourceKey).toBe('T4');
    expect((await top('name:anna kowalski city:manchester'))[0]!.sourceKey).toBe('T2');
  });

  it('says why a result matched, with per-field similarity and highlighted spans', async () => {
    const r = await c.call('search.query', { q: 'catherine ngyuen london', limit: 3 });
    const first = r.results[0]!;
    expect(first).toMatchObject({ sourceKey: 'T4', entityId: null, rank: 1 });
    expect(first.score).toBeGreaterThan(0);
    const name = first.matched.find((m) => m.field === 'name')!;
    expect(name.value).toBe('Catherine Nguyen');
    expect(name.similarity).toBeGreaterThan(0.8);
    expect(name.spans).toEqual([[0, 9], [10, 16]]);
    expect(first.matched.find((m) => m.field === 'city')).toMatchObject({ value: 'London', similarity: 1, how: 'exact', spans: [[0, 6]] });
    expect(first.retrieval.lexicalRank).toBe(1);
    expect(first.retrieval.vectorSimilarity).toBeGreaterThan(0.3);
    expect(r.vectors).toMatch(/^aerie-charngram/);
    expect(r.ranker).toBe('fixed');
  });

  it('returns nothing for a query that matches nothing, even with vectors loaded', async () => {
    for (const q of ['zzqqxxjj', 'name:qqxzzv', 'xq zzv']) {
      const r = await c.call('search.query', { q, limit: 10 });
      expect(r.vectors, q).toMatch(/^aerie-charngram/);
      expect(r.results, q).toEqual([]);
    }
  });
});

describe('feedback, reranker training, erasure', () => {
  it('stores feedback append-only', async () => {
    const r = await top('john smith', 10);
    const { id } = await c.call('search.feedback', { q: 'john smith', recordId: r[0]!.recordId, kind: 'click', shown: r.map((x) => x.recordId) });
    expect(id).toBeGreaterThan(0);
    const db = engine.requireSession().db;
    expect(db.prepare('SELECT query, record_id, kind FROM search_feedback WHERE id = ?').get(id)).toEqual({ query: 'john smith', record_id: r[0]!.recordId, kind: 'click' });
    expect((await c.call('audit.list', { limit: 5 })).some((a) => a.method === 'search.feedback')).toBe(true);
  });

  it('trains on feedback and key-proven pairs, and the trained reranker changes the ranking', async () => {
    const q = 'pat quigley';
    const before = await top(q, 10);
    const quigleys = before.filter((x) => x.name === 'Pat Quigley');
    expect(quigleys.length).toBe(6);
    const target = quigleys[quigleys.length - 1]!; // the tied record the fixed ranking puts last
    expect(target.rank).toBeGreaterThan(1);
    for (let i = 0; i < 8; i++) await c.call('search.feedback', { q, recordId: target.recordId, kind: 'confirm', shown: before.map((x) => x.recordId) });
    // on feedback alone
    const j1 = await finish((await c.call('search.train', { keys: [] })).jobId);
    expect(j1.state, j1.error?.message).toBe('succeeded');
    expect(j1.result).toMatchObject({ feedbackQueries: 2, keyQueries: 0 });
    const status = await c.call('search.status', {});
    expect(status.ranker).toMatch(/^trained:\d+$/);
    const after = await c.call('search.query', { q, limit: 10 });
    expect(after.ranker).toBe(status.ranker);
    const rankAfter = after.results.find((x) => x.recordId === target.recordId)!.rank;
    expect(rankAfter).toBeLessThan(target.rank);
    expect(after.results.map((x) => x.recordId)).not.toEqual(before.map((x) => x.recordId));
    // on feedback and on the pairs that shared emails and phones prove
    const j2 = await finish((await c.call('search.train', { keys: ['email', 'phone'] })).jobId);
    expect(j2.state, j2.error?.message).toBe('succeeded');
    expect(resultOf(j2, 'search.train').keyQueries).toBeGreaterThan(0);
    expect((await c.call('search.status', {})).ranker).not.toBe(status.ranker);
    // both are versions in the model registry; the newer is live, the older retired
    const rankers = await c.call('models.list', { kind: 'search.reranker' });
    expect(rankers.map((m) => [m.version, m.status, m.jobId])).toEqual([
      [2, 'live', j2.id],
      [1, 'retired', j1.id],
    ]);
    expect(rankers[0]!.metrics).toMatchObject({ keyQueries: resultOf(j2, 'search.train').keyQueries });
    expect((await c.call('search.status', {})).ranker).toBe('trained:2');
    // the key-proven duplicate still ranks at the top for its own name
    expect((await top('jon smyth'))[0]!.sourceKey).toBe('D1');
  });

  it('erasure removes a record\'s vectors from the store and from search', async () => {
    const db = engine.requireSession().db;
    const id = db.prepare("SELECT id FROM records WHERE source_key = 'T5'").pluck().get() as number;
    expect(db.prepare('SELECT count(*) FROM record_vectors WHERE record_id = ?').pluck().get(id)).toBe(1);
    expect(forgetRecordVectors(db, [id], engine.requireSession().changes)).toBe(1);
    expect(db.prepare('SELECT count(*) FROM record_vectors WHERE record_id = ?').pluck().get(id)).toBe(0);
    const r = await top('maximilian featherstonehaugh', 10);
    expect(r.find((x) => x.recordId === id)).toBeUndefined();
    // a later incremental run embeds it again only if the record still exists (governance deletes it)
    db.prepare('DELETE FROM records WHERE id = ?').run(id);
    const j = await finish((await c.call('embed.index', {})).jobId);
    expect(j.result).toMatchObject({ embedded: 0 });
  });
});
