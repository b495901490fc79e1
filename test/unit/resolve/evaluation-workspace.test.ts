// resolve.model and resolve.evaluate on a real encrypted workspace: a generated file shaped like
// splink's fake_1000.csv imported, resolved, then evaluated against its `cluster` column and against
// its clerical pairs file, each figure checked against one computed here straight from the files
// and the stored run. (Generated, not read from ../shared: the suite needs nothing outside the repo.)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineClient } from '../../../engine/api/index.js';
import { runJob } from '../../../engine/api/run-job.js';
import type { Engine } from '../../../engine/core/engine.js';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { writeLabelledPeople } from '../../helpers/labelled-people.js';
import { CALLER, PASS, tempDir } from '../../helpers/tmp.js';

const t = tempDir();
const DATA = t.dir;
const ws = join(t.dir, 'labels.aerie');
let c: EngineClient;
let engine: Engine;
const db = () => engine.requireSession().db;
const c2 = (k: number) => (k * (k - 1)) / 2;

/** fake_1000.csv rows: unique_id → cluster. */
function fileClusters(): Map<string, string> {
  const lines = readFileSync(join(DATA, 'fake_1000.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
  return new Map(lines.map((l) => l.split(',')).map((f) => [f[0]!, f[f.length - 1]!]));
}

beforeAll(async () => {
  const started = startInProcessEngine({ roots: [t.dir], openHooks: false }, CALLER);
  c = started.client;
  engine = started.engine;
  writeLabelledPeople(t.dir);
  await c.call('workspace.create', { path: ws, passphrase: PASS });
  const path = join(t.dir, 'fake_1000.csv');
  const preview = await c.call('ingest.preview', { path });
  await runJob(c, 'ingest.import', { path, source: 'fake', mapping: Object.fromEntries(preview.suggestions.map((s) => [s.column, s.attribute])) });
  await runJob(c, 'resolve.run', { threshold: 0.5 });
}, 120_000);

afterAll(async () => {
  await c.close();
  t.cleanup();
});

describe('resolve model and evaluation (workspace)', () => {
  it('shows the live model: m, u and log2(m/u) per level, prior and threshold as weights', async () => {
    const m = await c.call('resolve.model', {});
    const summary = await c.call('resolve.summary', {});
    expect(m.modelId).toBe(summary.run!.modelId);
    expect(m.threshold).toBe(0.5);
    expect(m.thresholdWeight).toBe(0);
    expect(m.prior).toBeGreaterThan(0);
    expect(m.prior).toBeLessThan(0.01);
    expect(m.comparisons.length).toBeGreaterThan(2);
    for (const comp of m.comparisons) {
      expect(comp.levels.length).toBeGreaterThan(1);
      for (const l of comp.levels) expect(l.weight).toBeCloseTo(Math.log2(l.m / l.u), 9);
      // the exact level says "one person" more than the last ("else") level
      expect(comp.levels[0]!.weight).toBeGreaterThan(comp.levels[comp.levels.length - 1]!.weight);
    }
  });

  it('evaluates against a cluster column: true pairs from the file, misses counted, entities and B-cubed', async () => {
    const e = await c.call('resolve.evaluate', { labels: { kind: 'column', source: 'fake', column: 'cluster' } });
    const sizes = new Map<string, number>();
    for (const cl of fileClusters().values()) sizes.set(cl, (sizes.get(cl) ?? 0) + 1);
    const truePairs = [...sizes.values()].reduce((s, k) => s + c2(k), 0);
    expect(e.labels).toMatchObject({ kind: 'column', records: fileClusters().size, truePairs, unmatched: 0 });
    expect(e.labels.truePairsScored).toBeLessThanOrEqual(truePairs);
    // recall can never pass the share of true pairs scored, however low the threshold
    expect(e.curve[0]!.recall).toBeLessThanOrEqual(e.labels.truePairsScored / truePairs + 1e-12);
    expect(e.curve).toHaveLength(99);
    // matches at the run's threshold are the run's matches; entities at it at most the run's (it may split more)
    const summary = (await c.call('resolve.summary', {})).run!;
    expect(e.atThreshold.matches).toBe(summary.matches);
    expect(e.atThreshold.entities).toBeLessThanOrEqual(summary.entities);
    expect(e.curve.find((p) => p.threshold === 0.5)).toEqual(e.atThreshold);
    // matches at 0.9 agree with resolve.pairs
    expect(e.curve.find((p) => p.threshold === 0.9)!.matches).toBe((await c.call('resolve.pairs', { minProbability: 0.9, limit: 1 })).total);
    // monotone: raising the threshold never adds matches nor removes entities
    for (let k = 1; k < e.curve.length; k++) {
      expect(e.curve[k]!.matches).toBeLessThanOrEqual(e.curve[k - 1]!.matches);
      expect(e.curve[k]!.entities).toBeGreaterThanOrEqual(e.curve[k - 1]!.entities);
    }
    // the run's entities, scored here from the stored members and the file
    const clusterOf = fileClusters();
    const rows = db().prepare('SELECT r.source_key, m.entity_id FROM resolve_members m JOIN records r ON r.id = m.record_id WHERE m.run_id = ?').raw().all(summary.runId) as [string, string][];
    const byE = new Map<string, number>();
    const byBoth = new Map<string, number>();
    for (const [key, ent] of rows) {
      byE.set(ent, (byE.get(ent) ?? 0) + 1);
      const k = `${ent}|${clusterOf.get(key)}`;
      byBoth.set(k, (byBoth.get(k) ?? 0) + 1);
    }
    const tp = [...byBoth.values()].reduce((s, k) => s + c2(k), 0);
    const pp = [...byE.values()].reduce((s, k) => s + c2(k), 0);
    expect(e.entities).toMatchObject({ truePositives: tp, predictedPairs: pp });
    expect(e.entities.recall).toBeCloseTo(tp / truePairs, 12);
    expect(e.cluster!.trueEntities).toBe(sizes.size);
    expect(e.cluster!.predictedEntities).toBe(summary.entities);
    expect(e.best.f1).toBeGreaterThanOrEqual(e.atThreshold.f1);
    // calibration fitted on every scored pair (all are labelled), which the bands partition
    const stored = db().prepare('SELECT count(*) FROM resolve_pairs WHERE run_id = ?').pluck().get(summary.runId) as number;
    expect(e.calibration!.pairs).toBe(stored);
    expect(e.calibration!.bins.reduce((n, b) => n + b.pairs, 0)).toBe(stored);
    expect(e.calibration!.a).toBeGreaterThan(0); // more weight, more likely one person
    const [low, high] = [e.calibration!.bins[0]!, e.calibration!.bins[e.calibration!.bins.length - 1]!];
    expect(high.observed).toBeGreaterThan(low.observed);
  });

  it('evaluates against a pairs file the same way, keyed by source key', async () => {
    const col = await c.call('resolve.evaluate', { labels: { kind: 'column', source: 'fake', column: 'cluster' } });
    const labels = join(t.dir, 'fake_1000_labels.csv');
    const pairs = await c.call('resolve.evaluate', { labels: { kind: 'pairs', path: labels } });
    const lines = readFileSync(labels, 'utf8').trim().split(/\r?\n/).slice(1);
    const trueRows = new Set(lines.map((l) => l.split(',')).filter((f) => Number(f[4]) >= 0.5).map((f) => [f[0], f[2]].sort().join('|')));
    expect(pairs.labels).toMatchObject({ kind: 'pairs', truePairs: trueRows.size, unmatched: 0 });
    // the labels file lists every pair of each cluster: the same truth as the column
    expect(pairs.labels.truePairs).toBe(col.labels.truePairs);
    expect(pairs.curve).toEqual(col.curve);
    expect(pairs.entities).toEqual(col.entities);
    expect(pairs.cluster).toBeNull();
  });

  it('refuses labels it cannot read, saying where, without quoting values', async () => {
    await expect(c.call('resolve.evaluate', { labels: { kind: 'column', source: 'fake', column: 'clusterz' } })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Source "fake" has no column "clusterz".' });
    await expect(c.call('resolve.evaluate', { labels: { kind: 'column', source: 'nope', column: 'cluster' } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const bad = join(t.dir, 'bad-labels.csv');
    writeFileSync(bad, 'id_l,id_r,match\n0,1,1\n0,2,perhaps-secret\n');
    await expect(c.call('resolve.evaluate', { labels: { kind: 'pairs', path: bad } })).rejects.toMatchObject({ code: 'BAD_DATA', message: 'bad-labels.csv, row 3, column match: not a match value.' });
    const none = join(t.dir, 'no-keys.csv');
    writeFileSync(none, 'x,y\nzz1,zz2\n');
    const err = await c.call('resolve.evaluate', { labels: { kind: 'pairs', path: none } }).catch((x: Error) => x);
    expect(err).toMatchObject({ code: 'BAD_DATA' });
    expect((err as Error).message).not.toMatch(/zz1|zz2/);
    await expect(c.call('resolve.evaluate', { labels: { kind: 'pairs', path: '/etc/passwd' } })).rejects.toMatchObject({ code: 'PATH_NOT_ALLOWED' });
  });
});
