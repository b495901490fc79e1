// Churn risk decile as a stratum, on a real encrypted demo workspace (1,500 customers, source
// units): refused with the reason until churn scores exist; once a model has scored, the assign job
// puts every unit in its stored decile (or "unscored") and balances the arms within each decile.
// Also the assign job itself: progress; a cancel before storing stores nothing (earlier assignments
// kept); once storing has begun it runs to the end (assignments cannot be taken back). And the
// results cache: a result is served again only while nothing was written since.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob, waitForJob, type EngineClient } from '../../../engine/api/index.js';
import type { Engine } from '../../../engine/core/engine.js';
import { AerieError } from '../../../engine/api/errors.js';
import { assignExperiment } from '../../../engine/experiments/assign-job.js';
import { cachedResults } from '../../../engine/experiments/results-cache.js';
import { WorkspaceCaches } from '../../../engine/db/caches.js';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { rejection } from '../../helpers/engine.js';
import { CALLER, PASS, tempDir } from '../../helpers/tmp.js';

const t = tempDir('aerie-exp-churn-');
let c: EngineClient;
let engine: Engine;
const db = () => engine.requireSession().db;
const design = (name: string, stratify: string | null) => ({ name, unit: 'source' as const, arms: [{ name: 'control', share: 1 }, { name: 'treatment', share: 1 }], stratify, primaryMetric: 'churn_90d', startsOn: '2025-01-01', endsOn: '2025-03-31' });

/** `n` customers of a new source, with no events (so no churn score). */
async function importCustomers(source: string, n: number): Promise<void> {
  const path = join(t.dir, `${source}.csv`);
  writeFileSync(path, ['ID,FIRST,LAST,EMAIL,CITY', ...Array.from({ length: n }, (_, k) => `${source}${k},Ann${k},Lee,ann${k}@${source}.example.com,${k % 2 ? 'Leeds' : 'York'}`)].join('\n'));
  await runJob(c, 'ingest.import', { path, source });
}

beforeAll(async () => {
  const started = startInProcessEngine({ roots: [t.dir], openHooks: false }, CALLER);
  c = started.client;
  engine = started.engine;
  await c.call('workspace.create', { path: join(t.dir, 'strata.aerie'), passphrase: PASS });
  await runJob(c, 'demo.generate', { customers: 1500, seed: 3 });
}, 120_000);
afterAll(async () => {
  await c.close();
  t.cleanup();
});

describe('churn risk decile as a stratum', () => {
  it('is offered but unavailable, with the reason, until churn scores exist; create refuses it', async () => {
    const { items } = await c.call('experiments.strata', {});
    expect(items.find((x) => x.id === 'city')).toMatchObject({ kind: 'attribute', available: true });
    expect(items.find((x) => x.kind === 'churn')).toMatchObject({ id: 'churn_decile', label: 'Churn risk decile', available: false, reason: expect.stringMatching(/No churn scores yet.*score/) });
    const e = await rejection(c.call('experiments.create', design('too early', 'churn_decile')));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(/churn risk decile.*No churn scores/);
  });

  it('after scoring: every unit sits in its stored decile or "unscored", arms balanced within each decile', async () => {
    const tr = await runJob(c, 'churn.train', { horizonDays: 90, definition: 'noActivity', unit: 'source' });
    await runJob(c, 'churn.score', { modelId: tr.modelId });
    expect((await c.call('experiments.strata', {})).items.find((x) => x.kind === 'churn')).toMatchObject({ available: true, reason: null });
    await importCustomers('late', 40); // imported after scoring: no score
    const e = await c.call('experiments.create', design('by decile', 'churn_decile'));
    expect(e.stratify).toBe('churn_decile');
    const a = await runJob(c, 'experiments.assign', { id: e.id });
    expect(a.assigned).toBe(1540);
    // the stratum of each unit is the stored decile of its record (source scores key on the record id)
    const rows = db()
      .prepare(`SELECT a.stratum, a.arm, (SELECT cs.decile FROM records r JOIN sources s ON s.id = r.source_id JOIN churn_scores cs ON cs.model_id = ? AND cs.unit = CAST(r.id AS TEXT)
                 WHERE s.name || ':' || r.source_key = a.unit ORDER BY r.id LIMIT 1) AS decile FROM experiment_assignments a WHERE a.experiment_id = ?`)
      .all(tr.modelId, e.id) as { stratum: string; arm: string; decile: number | null }[];
    expect(rows).toHaveLength(1540);
    expect(rows.filter((r) => r.stratum !== (r.decile === null ? 'unscored' : String(r.decile)))).toEqual([]);
    const byStratum = new Map<string, { control: number; treatment: number }>();
    for (const r of rows) {
      const s = byStratum.get(r.stratum) ?? byStratum.set(r.stratum, { control: 0, treatment: 0 }).get(r.stratum)!;
      s[r.arm as 'control' | 'treatment']++;
    }
    expect([...byStratum.keys()].filter((k) => /^\d+$/.test(k)).sort((x, y) => +x - +y)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(byStratum.get('unscored')!.control + byStratum.get('unscored')!.treatment).toBeGreaterThanOrEqual(40);
    for (const [stratum, n] of byStratum) expect(Math.abs(n.control - n.treatment), `decile ${stratum}: ${n.control} vs ${n.treatment}`).toBeLessThanOrEqual(1);
  }, 120_000);

  it('the assign job reports progress; cancelled it stores nothing and earlier assignments stay', async () => {
    const e = await c.call('experiments.create', design('cancel me', 'city'));
    const firstId = (await c.call('experiments.assign', { id: e.id })).jobId;
    const first = await waitForJob(c, firstId);
    expect(first.state).toBe('succeeded');
    expect(first).toMatchObject({ unit: 'units', done: 1540, total: 1540 });
    const before = db().prepare('SELECT unit, stratum, arm, assigned_at FROM experiment_assignments WHERE experiment_id = ? ORDER BY unit').all(e.id);
    expect(before).toHaveLength(1540);
    // 40 new customers to assign, then a run with 10 units between yields, cancelled as it starts
    await importCustomers('later', 40);
    const jobId = engine.requireSession().jobs.start('experiments.assign', { id: e.id, page: 10 }).id;
    await c.call('jobs.cancel', { id: jobId });
    expect((await waitForJob(c, jobId)).state).toBe('cancelled');
    expect(db().prepare('SELECT unit, stratum, arm, assigned_at FROM experiment_assignments WHERE experiment_id = ? ORDER BY unit').all(e.id)).toEqual(before);
    // run again: only the 40 new units are assigned, the earlier ones keep their arm
    const again = await runJob(c, 'experiments.assign', { id: e.id });
    expect([again.assigned, again.total]).toEqual([40, 1580]);
    const after = new Map((db().prepare('SELECT unit, arm FROM experiment_assignments WHERE experiment_id = ?').all(e.id) as { unit: string; arm: string }[]).map((r) => [r.unit, r.arm]));
    expect((before as { unit: string; arm: string }[]).filter((r) => after.get(r.unit) !== r.arm)).toEqual([]);
  }, 60_000);

  it('a cancel once storing has begun is too late: the run stores every unit', async () => {
    const e = await c.call('experiments.create', design('store through', null));
    const seen: string[] = [];
    let cancelled = false;
    const cancelCheck = async () => {
      if (cancelled) throw new AerieError('CANCELLED', 'Cancelled.');
    };
    const r = await assignExperiment(db(), e.id, {
      page: 100,
      progress: (_d, _t, m) => {
        seen.push(m);
        if (m === 'Storing') cancelled = true; // cancel arrives after the first stored chunk
      },
      yield: cancelCheck,
      pause: () => new Promise((res) => setImmediate(res)),
    });
    expect(seen.filter((m) => m === 'Storing').length).toBeGreaterThan(5);
    expect(r.assigned).toBe(1580);
    expect(db().prepare('SELECT count(*) FROM experiment_assignments WHERE experiment_id = ?').pluck().get(e.id)).toBe(1580);
  });

  it('golden units under source-record scores take their riskiest member record\'s decile', async () => {
    await runJob(c, 'resolve.run', {});
    await runJob(c, 'golden.build', {});
    const modelId = db().prepare('SELECT model_id FROM churn_scores LIMIT 1').pluck().get() as number;
    const e = await c.call('experiments.create', { ...design('golden deciles', 'churn_decile'), unit: 'golden' });
    const a = await runJob(c, 'experiments.assign', { id: e.id });
    const build = db().prepare('SELECT max(id) FROM golden_builds').pluck().get() as number;
    const rows = db()
      .prepare(`SELECT a.stratum, a.arm, (SELECT min(cs.decile) FROM golden_members m JOIN records r ON r.id = m.record_id AND r.source_key IS NOT NULL AND r.source_key <> ''
                 JOIN churn_scores cs ON cs.model_id = ? AND cs.unit = CAST(m.record_id AS TEXT) WHERE m.build_id = ? AND m.golden_id = a.unit) AS decile
                FROM experiment_assignments a WHERE a.experiment_id = ?`)
      .all(modelId, build, e.id) as { stratum: string; arm: string; decile: number | null }[];
    expect(rows).toHaveLength(a.total);
    expect(rows.filter((r) => r.stratum !== (r.decile === null ? 'unscored' : String(r.decile)))).toEqual([]);
    const diff = new Map<string, number>();
    for (const r of rows) diff.set(r.stratum, (diff.get(r.stratum) ?? 0) + (r.arm === 'control' ? 1 : -1));
    expect([...diff.values()].every((d) => Math.abs(d) <= 1)).toBe(true);
  }, 120_000);

  it('a stopped experiment is refused before any job starts', async () => {
    const e = await c.call('experiments.create', design('stopped', null));
    await c.call('experiments.setStatus', { id: e.id, status: 'stopped' });
    expect((await rejection(c.call('experiments.assign', { id: e.id }))).code).toBe('CONFLICT');
  });
});

describe('results cache', () => {
  it('serves a result again only while nothing results read was written since', async () => {
    const caches = new WorkspaceCaches();
    let computed = 0;
    const compute = () => ({ n: ++computed });
    expect(cachedResults(caches, db(), { id: 1 }, compute)).toEqual({ n: 1 });
    expect(cachedResults(caches, db(), { id: 1 }, compute)).toEqual({ n: 1 });
    expect(cachedResults(caches, db(), { id: 1, sequential: 'msprt' }, compute)).toEqual({ n: 2 });
    // writes results do not read (a new experiment, job rows) keep it
    const { id } = await c.call('experiments.create', design('a write', null));
    expect(cachedResults(caches, db(), { id: 1 }, compute)).toEqual({ n: 1 });
    // new assignments make the next read compute again, and so do new customers
    await runJob(c, 'experiments.assign', { id });
    expect(cachedResults(caches, db(), { id: 1 }, compute)).toEqual({ n: 3 });
    expect(cachedResults(caches, db(), { id: 1 }, compute)).toEqual({ n: 3 });
    await importCustomers('cachenew', 3);
    expect(cachedResults(caches, db(), { id: 1 }, compute)).toEqual({ n: 4 });
  });
});
