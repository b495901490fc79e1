// Index warm-up never blocks the engine: the first search builds the in-memory lexical and vector
// indexes in slices that yield to the event loop, so other calls are answered meanwhile.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineClient, Job } from '../../../engine/api/index.js';
import type { Engine } from '../../../engine/core/engine.js';
import { searchService } from '../../../engine/search/service.js';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { CALLER, PASS, tempDir } from '../../helpers/tmp.js';
import { finishJob } from '../../helpers/jobs.js';

const t = tempDir();
let c: EngineClient;
let engine: Engine;
const ws = join(t.dir, 'warm.aerie');
const N = 40_000;

const finish = (jobId: string): Promise<Job> => finishJob(c, jobId);

beforeAll(async () => {
  ({ client: c, engine } = startInProcessEngine({ roots: [t.dir] }, CALLER));
  await c.call('workspace.create', { path: ws, passphrase: PASS });
  const G = ['Oliver', 'Amelia', 'Harry', 'Isla', 'George', 'Ava', 'Noah', 'Mia', 'Jack', 'Grace'];
  const F = ['Taylor', 'Brown', 'Wilson', 'Evans', 'Thomas', 'Roberts', 'Walker', 'Wright', 'Hughes', 'Green'];
  let s = 1;
  const r = (k: number) => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0), s % k);
  const lines = ['ID,FIRST,LAST,EMAIL,CITY,POSTCODE'];
  for (let i = 0; i < N; i++) {
    const g = G[r(G.length)]!;
    const f = `${F[r(F.length)]!}${i % 997 === 0 ? '' : String.fromCharCode(97 + r(26), 97 + r(26))}`;
    lines.push(`K${i},${g},${f},${g}.${f}${i}@example.com,Town${r(500)},AB${r(90)} ${r(10)}CD`.toLowerCase());
  }
  lines.push('TARGET,Maximilian,Featherstonehaugh,max.f@example.net,Nottingham,NG1 2HE');
  const p = join(t.dir, 'many.csv');
  writeFileSync(p, lines.join('\n') + '\n');
  const mapping = { ID: 'source_key', FIRST: 'given_name', LAST: 'family_name', EMAIL: 'email', CITY: 'city', POSTCODE: 'postcode' };
  expect((await finish((await c.call('ingest.start', { path: p, source: 'crm', mapping })).jobId)).state).toBe('succeeded');
  expect((await finish((await c.call('embed.index', {})).jobId)).state).toBe('succeeded');
  // reopen: a fresh handle has cold (unbuilt) search indexes
  await c.call('workspace.close', {});
  await c.call('workspace.open', { path: ws, passphrase: PASS });
}, 120_000);
afterAll(async () => {
  await c.close();
  t.cleanup();
});

describe('search index warm-up', () => {
  it('answers other calls quickly while the indexes of a large workspace warm', async () => {
    expect((await c.call('search.status', {})).lexical.loaded).toBe(false);
    let done = false;
    const t0 = performance.now();
    const first = c.call('search.query', { q: 'maximillian featherstonhaugh', limit: 5 }).finally(() => (done = true));
    const lat: number[] = [];
    let sawWarming = false;
    while (!done) {
      const s0 = performance.now();
      await c.call('app.status', {});
      lat.push(performance.now() - s0);
      const st = await c.call('search.status', {});
      if (st.warming) sawWarming = true;
      await new Promise((r) => setTimeout(r, 2));
    }
    const res = await first;
    const warmMs = performance.now() - t0;
    // the warm-up took a while, and the engine kept answering throughout
    expect(sawWarming).toBe(true);
    expect(lat.length).toBeGreaterThan(3);
    // (the warm-up runs in slices of a few ms; a warm-up that held the engine would make one call wait
    // about as long as the whole warm-up. The bounds leave room for a loaded 2-core CI machine.)
    const worst = Math.max(...lat);
    const why = `app.status during a ${Math.round(warmMs)} ms warm-up: ${lat.map(Math.round).join(',')}`;
    expect(worst, why).toBeLessThan(400);
    expect(worst, why).toBeLessThan(warmMs / 3);
    // answered from what was ready, or said it was still warming
    if (res.warming) expect(res.warming.lexical).toBeLessThanOrEqual(1);
    else expect(res.results[0]?.sourceKey).toBe('TARGET');
    // once warm: the full hybrid answer, no warming field
    for (let i = 0; i < 500 && (await c.call('search.status', {})).warming; i++) await new Promise((r) => setTimeout(r, 20));
    const st = await c.call('search.status', {});
    expect(st).toMatchObject({ lexical: { loaded: true, records: N + 1 }, vectors: { loaded: true, count: N + 1 }, warming: null });
    const warm = await c.call('search.query', { q: 'maximillian featherstonhaugh', limit: 5 });
    expect(warm.warming ?? null).toBeNull();
    expect(warm.results[0]?.sourceKey).toBe('TARGET');
    expect(warm.vectors).not.toBeNull();
  }, 120_000);

  it('a search that may not wait answers at once with `warming`, then fully once warm', async () => {
    await c.call('workspace.close', {});
    await c.call('workspace.open', { path: ws, passphrase: PASS });
    const svc = searchService(engine.requireSession().db, engine.requireSession());
    const cold = await svc.search('maximillian featherstonhaugh', { limit: 5, wait: false });
    expect(cold.results).toEqual([]);
    expect(cold.warming!.lexical).toBeLessThan(1);
    await svc.warm();
    const warm = await svc.search('maximillian featherstonhaugh', { limit: 5, wait: false });
    expect(warm.warming).toBeNull();
    expect(warm.results[0]?.sourceKey).toBe('TARGET');
  }, 60_000);

  it('starts warming on its own shortly after a long-lived host opens the workspace', async () => {
    await c.call('workspace.close', {});
    await c.call('workspace.open', { path: ws, passphrase: PASS });
    const svc = searchService(engine.requireSession().db, engine.requireSession()); // status() itself never starts a warm-up
    expect(svc.status().lexical.loaded).toBe(false);
    for (let i = 0; i < 600 && !(svc.status().lexical.loaded && svc.status().vectors.loaded); i++) await new Promise((r) => setTimeout(r, 100));
    expect(svc.status()).toMatchObject({ lexical: { loaded: true, records: N + 1 }, vectors: { loaded: true, count: N + 1 } });
  }, 90_000);

  it('one-shot hosts (openHooks: false) leave the indexes cold', async () => {
    const other = startInProcessEngine({ roots: [t.dir], openHooks: false }, CALLER);
    try {
      await other.client.call('workspace.open', { path: ws, passphrase: PASS });
      await new Promise((r) => setTimeout(r, 2_500));
      expect(searchService(other.engine.requireSession().db, other.engine.requireSession()).status().lexical.loaded).toBe(false);
    } finally {
      await other.client.close();
    }
  }, 30_000);
});
