// Results from the event store without blocking the engine, on a real encrypted demo workspace with
// its retention campaign (1,500 customers): every metric's outcomes come from one shared scan of the
// events and equal the old one-scan-per-metric numbers exactly; the computeResults job reports
// progress, fills the cache experiments.results answers from (still there after the job records
// that it finished), keeps nothing when cancelled, and keeps nothing when the data changed under it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob, waitForJob, type EngineClient } from '../../../engine/api/index.js';
import type { Engine } from '../../../engine/core/engine.js';
import { parseMetric } from '../../../engine/experiments/metrics.js';
import { outcomeScan } from '../../../engine/experiments/outcomes.js';
import { experimentResults } from '../../../engine/experiments/results.js';
import { peekResults, resultsVersion } from '../../../engine/experiments/results-cache.js';
import { computeResults, resultsRequest } from '../../../engine/experiments/results-job.js';
import { getExperiment } from '../../../engine/experiments/store.js';
import { experimentUnits } from '../../../engine/experiments/units.js';
import { WorkspaceCaches } from '../../../engine/db/caches.js';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { rejection } from '../../helpers/engine.js';
import { CALLER, PASS, tempDir } from '../../helpers/tmp.js';
import { perMetricOutcomes } from './per-metric-outcomes.js';

const t = tempDir('aerie-exp-results-job-');
let c: EngineClient;
let engine: Engine;
let id: number;
const db = () => engine.requireSession().db;
const caches = () => engine.requireSession().caches;

beforeAll(async () => {
  const started = startInProcessEngine({ roots: [t.dir], openHooks: false }, CALLER);
  c = started.client;
  engine = started.engine;
  await c.call('workspace.create', { path: join(t.dir, 'results.aerie'), passphrase: PASS });
  await runJob(c, 'demo.generate', { customers: 1500, seed: 9, campaign: true });
  id = (await c.call('experiments.list', {})).items[0]!.id;
  await runJob(c, 'experiments.assign', { id });
}, 120_000);
afterAll(async () => {
  await c.close();
  t.cleanup();
});

describe('outcomes from one scan', () => {
  it.each([
    ['with churn (every event type, read in id ranges)', ['churn_90d', 'conversion', 'revenue', 'churn_30d', 'churn_400d'], 997],
    ['orders only (slices of days through the type index)', ['conversion', 'revenue'], undefined],
  ] as const)('every metric, %s, equals the per-metric scans exactly', (_what, ids, step) => {
    const e = getExperiment(db(), id)!;
    const units = experimentUnits(db(), 'source', null);
    const defs = ids.map(parseMetric);
    const scan = outcomeScan(db(), units, defs, e.startsOn!, e.endsOn!, step);
    let steps = 0, r;
    while (!(r = scan.next()).done) steps++;
    expect(steps).toBeGreaterThan(5);
    const shared = r.value;
    defs.forEach((m, k) => {
      const old = perMetricOutcomes(db(), units, m, e.startsOn!, e.endsOn!);
      expect(old.rows.length, m.id).toBeGreaterThan(100);
      // not a trivially empty match: outcomes, pre-period values and first days all present
      expect([old.rows.some((r) => r.outcome > 0), old.rows.some((r) => r.pre > 0), old.rows.some((r) => r.firstDay !== null)], m.id).toEqual([true, true, true]);
      expect(shared[k], m.id).toEqual(old);
    });
  });
});

describe('experiments.computeResults job', () => {
  it('reports progress and fills the cache experiments.results answers from', async () => {
    const seen: [number, number | null, string][] = [];
    const own = new WorkspaceCaches();
    const r = await computeResults(db(), own, id, 'obrien-fleming', { page: 50, progress: (d, tot, m) => seen.push([d, tot, m]), yield: () => new Promise((res) => setImmediate(res)) });
    expect(r).toEqual({ id, sequential: 'obrien-fleming', metrics: 3, cached: false });
    const units = seen.filter(([, , m]) => m === 'Reading units'), events = seen.filter(([, , m]) => m === 'Reading events');
    expect(units.length).toBeGreaterThan(5);
    expect(events.length).toBeGreaterThan(10);
    expect(events.at(-1)![0]).toBe(events.at(-1)![1]);
    expect(events.map(([d]) => d)).toEqual([...events.map(([d]) => d)].sort((a, b) => a - b));
    // the job through the engine: its result is kept past the job's own "succeeded" write
    expect(await runJob(c, 'experiments.computeResults', { id })).toEqual({ id, sequential: 'obrien-fleming', metrics: 3, cached: false });
    const kept = peekResults<{ bayesMethod: string }>(caches(), resultsRequest(id, 'obrien-fleming'), resultsVersion(db()));
    expect(kept).toBeDefined();
    const fresh = experimentResults(db(), getExperiment(db(), id)!);
    expect(await c.call('experiments.results', { id })).toEqual(fresh); // the numbers a fresh computation gives
    // and served from what the job kept, not computed again: a mark on the kept object shows through
    const method = kept!.bayesMethod;
    kept!.bayesMethod = 'marked';
    expect((await c.call('experiments.results', { id })).bayesMethod).toBe('marked');
    kept!.bayesMethod = method;
    expect(await runJob(c, 'experiments.computeResults', { id })).toMatchObject({ cached: true });
  }, 60_000);

  it('cancelled, it keeps nothing', async () => {
    const jobId = engine.requireSession().jobs.start('experiments.computeResults', { id, sequential: 'pocock', page: 10 }).id;
    await c.call('jobs.cancel', { id: jobId });
    expect((await waitForJob(c, jobId)).state).toBe('cancelled');
    expect(peekResults(caches(), resultsRequest(id, 'pocock'), resultsVersion(db()))).toBeUndefined();
  }, 60_000);

  it('customers imported while it runs: the half-old results are not kept, and it says to run again', async () => {
    const own = new WorkspaceCaches();
    let wrote = false;
    const path = join(t.dir, 'late.csv');
    writeFileSync(path, 'ID,FIRST,LAST,EMAIL\nlate1,Ann,Lee,ann@late.example.com\n');
    const err = await rejection(computeResults(db(), own, id, 'msprt', {
      yield: async () => {
        if (!wrote) { wrote = true; await runJob(c, 'ingest.import', { path, source: 'late' }); }
      },
    }));
    expect(err).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('changed while') });
    expect(peekResults(own, resultsRequest(id, 'msprt'), resultsVersion(db()))).toBeUndefined();
  }, 60_000);

  it('is refused before it starts: unknown experiment, no assignments', async () => {
    expect(await rejection(c.call('experiments.computeResults', { id: 999 }))).toMatchObject({ code: 'NOT_FOUND' });
    const e = await c.call('experiments.create', { name: 'unassigned', unit: 'source', arms: [{ name: 'control', share: 1 }, { name: 'treatment', share: 1 }], primaryMetric: 'conversion', startsOn: '2025-01-01', endsOn: '2025-03-31' });
    expect(await rejection(c.call('experiments.computeResults', { id: e.id }))).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('assign its units first') });
  });
});
