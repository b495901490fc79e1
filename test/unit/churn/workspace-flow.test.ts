// The churn workspace flow on a real encrypted demo workspace (2,000 customers, resolved and golden
// records built), through the API as a host calls it: train by golden entity (a job, audited,
// registered as a candidate), score every unit (a job, stored with the model version), read the
// models, metrics, card and scores, explain one customer (TreeSHAP adds up to the margin and the
// score matches the stored one), make a model live; and train by source record.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob, waitForJob, type EngineClient } from '../../../engine/api/index.js';
import type { Engine } from '../../../engine/core/engine.js';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { rejection } from '../../helpers/engine.js';
import { CALLER, PASS, tempDir } from '../../helpers/tmp.js';

const t = tempDir();
let c: EngineClient;
let engine: Engine;
const db = () => engine.requireSession().db;

beforeAll(async () => {
  const started = startInProcessEngine({ roots: [t.dir], openHooks: false }, CALLER);
  c = started.client;
  engine = started.engine;
  await c.call('workspace.create', { path: join(t.dir, 'churn.aerie'), passphrase: PASS });
  await runJob(c, 'demo.generate', { customers: 2000, seed: 11 });
  await runJob(c, 'resolve.run', {});
  await runJob(c, 'golden.build', {});
}, 180_000);

afterAll(async () => {
  await c.close();
  t.cleanup();
});

describe('churn in the workspace', () => {
  let modelId = 0;

  it('trains a calibrated model by golden entity, registered as a candidate, audited', async () => {
    const r = await runJob(c, 'churn.train', { horizonDays: 90, definition: 'noActivity' });
    expect(r.unit).toBe('golden');
    expect(r.definition).toBe('noActivity');
    expect(r.positives).toBeGreaterThan(20);
    // the demo's churners fade before they leave: far better than chance (0.76 on this seed)
    expect(r.auc).toBeGreaterThan(0.68);
    expect(r.brier).toBeLessThan(0.23);
    modelId = r.modelId;
    const models = await c.call('churn.models', {});
    expect(models.map((m) => m.id)).toEqual([modelId]);
    expect(models[0]).toMatchObject({ status: 'candidate', unit: 'golden', horizonDays: 90, cutoff: r.cutoff, units: r.units, scored: 0, scoredAt: null, createdBy: CALLER.user });
    const audit = db().prepare("SELECT count(*) FROM audit_log WHERE method = 'churn.train'").pluck().get() as number;
    expect(audit).toBe(1);
  });

  it('shows held-out metrics with curves, reliability, lift and importance', async () => {
    const m = await c.call('churn.model', { id: modelId });
    expect(m.metrics.roc[0]).toMatchObject({ fpr: 0, tpr: 0 });
    expect(m.metrics.roc.at(-1)).toMatchObject({ fpr: 1, tpr: 1 });
    expect(m.metrics.roc.length).toBeLessThanOrEqual(120);
    expect(m.metrics.pr.at(-1)!.recall).toBe(1);
    expect(m.metrics.lift.map((l) => l.decile)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(m.metrics.lift[0]!.lift!).toBeGreaterThan(1.5);
    expect(m.metrics.lift[0]!.action).toMatch(/call/);
    expect(m.metrics.importance.length).toBe(m.features.length);
    expect(m.metrics.baseline.auc).toBeGreaterThan(0.5);
    const [lo, hi] = m.metrics.aucInterval!;
    expect(lo).toBeLessThan(m.metrics.auc);
    expect(hi).toBeGreaterThan(m.metrics.auc);
    expect(hi - lo).toBeLessThan(0.3);
    expect(m.features.map((f) => f.name)).toContain('ticket_sentiment_365d');
    const card = await c.call('churn.card', { id: modelId });
    expect(card.html).toContain('ROC AUC');
    expect(card.html).toContain('ROC AUC 95% interval');
    expect(card.html).not.toMatch(/<script/i);
  });

  it('writes the model card to a file: not over another file unless asked, only inside the allowed folders, audited', async () => {
    const html = (await c.call('churn.card', { id: modelId })).html;
    const path = join(t.dir, 'card.html');
    const w = await c.call('churn.exportCard', { id: modelId, path });
    expect(w).toEqual({ path, bytes: Buffer.byteLength(html) });
    expect(readFileSync(path, 'utf8')).toBe(html);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    writeFileSync(path, 'mine');
    const again = await rejection(c.call('churn.exportCard', { id: modelId, path }));
    expect(again.code).toBe('CONFLICT');
    expect(again.details?.replaceable).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('mine');
    expect((await c.call('churn.exportCard', { id: modelId, path, overwrite: true })).bytes).toBe(Buffer.byteLength(html));
    expect(readFileSync(path, 'utf8')).toBe(html);
    expect((await rejection(c.call('churn.exportCard', { id: modelId, path: '/aerie-card-outside.html' }))).code).toBe('PATH_NOT_ALLOWED');
    expect((await rejection(c.call('churn.exportCard', { id: 424242, path: join(t.dir, 'none.html') }))).code).toBe('NOT_FOUND');
    const audit = db().prepare("SELECT subject FROM audit_log WHERE method = 'churn.exportCard'").pluck().all();
    expect(audit).toContain('file:card.html');
  });

  it('scores every unit with events, with deciles, and pages the riskiest first', async () => {
    const s = await runJob(c, 'churn.score', {});
    expect(s.modelId).toBe(modelId);
    const withEvents = db()
      .prepare('SELECT count(DISTINCT m.golden_id) FROM golden_members m JOIN records r ON r.id = m.record_id WHERE m.build_id = (SELECT max(build_id) FROM golden_members) AND EXISTS (SELECT 1 FROM events e WHERE e.source_id = r.source_id AND e.source_key = r.source_key)')
      .pluck()
      .get() as number;
    expect(s.scored).toBe(withEvents);
    const page = await c.call('churn.scores', { limit: 50 });
    expect(page.total).toBe(s.scored);
    expect(page.items[0]!.decile).toBe(1);
    const scores = page.items.map((i) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const top = await c.call('churn.scores', { maxDecile: 1, limit: 1000 });
    expect(top.total).toBe(Math.ceil(s.scored / 10));
    const [summary] = await c.call('churn.models', {});
    expect(summary!.scored).toBe(s.scored);
  });

  it('a cancelled re-score leaves the stored scores as they were', async () => {
    const before = db().prepare('SELECT unit, score, decile, job_id FROM churn_scores WHERE model_id = ? ORDER BY unit').all(modelId);
    // 50 units between yields, so the cancel lands mid-run
    const jobId = engine.requireSession().jobs.start('churn.score', { modelId, chunk: 50 }).id;
    await c.call('jobs.cancel', { id: jobId });
    expect((await waitForJob(c, jobId)).state).toBe('cancelled');
    expect(db().prepare('SELECT unit, score, decile, job_id FROM churn_scores WHERE model_id = ? ORDER BY unit').all(modelId)).toEqual(before);
  });

  it('explains a score: base value + contributions = margin, the score is the stored one', async () => {
    const page = await c.call('churn.scores', { limit: 1 });
    const row = page.items[0]!;
    expect(row.unitKind).toBe('golden');
    const e = await c.call('churn.explain', { goldenId: row.unit });
    expect(e.unit).toBe(row.unit);
    expect(e.decile).toBe(1);
    expect(e.score).toBeCloseTo(row.score, 12);
    expect(e.baseValue + e.contributions.reduce((s, x) => s + x.contribution, 0)).toBeCloseTo(e.margin, 6);
    const mags = e.contributions.map((x) => Math.abs(x.contribution));
    expect(mags).toEqual([...mags].sort((a, b) => b - a));
    // a member record leads to its golden entity
    const member = db().prepare('SELECT record_id FROM golden_members WHERE golden_id = ? ORDER BY record_id DESC LIMIT 1').pluck().get(row.unit) as number;
    expect((await c.call('churn.explain', { recordId: member })).score).toBe(e.score);
    expect((await rejection(c.call('churn.explain', { unit: row.unit, recordId: 1 }))).code).toBe('INVALID_INPUT');
    expect((await rejection(c.call('churn.explain', { goldenId: 'G-none' }))).code).toBe('NOT_FOUND');
  });

  it('moves a model to live and retired, audited; unknown ids are refused', async () => {
    expect((await c.call('churn.setStatus', { id: modelId, status: 'live' })).status).toBe('live');
    expect((await c.call('churn.setStatus', { id: modelId, status: 'retired' })).status).toBe('retired');
    expect(db().prepare("SELECT count(*) FROM audit_log WHERE method = 'churn.setStatus'").pluck().get()).toBe(2);
    expect((await rejection(c.call('churn.model', { id: 424242 }))).code).toBe('NOT_FOUND');
  });

  it('gives what a training starts from: the default cutoff a training then uses, the unit auto picks', async () => {
    const setup = await c.call('churn.setup', { horizonDays: 90 });
    const [first] = (await c.call('churn.models', {})).slice(-1);
    // the first model was trained without a cutoff, by horizon 90
    expect(setup.defaultCutoff).toBe(first!.cutoff);
    const latest = (db().prepare('SELECT max(at) FROM events').pluck().get() as string).slice(0, 10);
    expect(setup).toMatchObject({ latestEvent: latest, horizonDays: 90, goldenBuilt: true, autoUnit: 'golden', defaultGroups: ['rfm', 'tenure', 'productMix', 'support', 'email', 'payments'] });
    expect(setup.events).toBe(db().prepare('SELECT count(*) FROM events').pluck().get());
    expect(setup.definitions).toEqual(await c.call('churn.labelDefinitions', {}));
    const longer = await c.call('churn.setup', { horizonDays: 120 });
    expect(Date.parse(setup.defaultCutoff!) - Date.parse(longer.defaultCutoff!)).toBe(30 * 86_400_000);
  });

  it('lists the label definitions this workspace can use and the features', async () => {
    const defs = await c.call('churn.labelDefinitions', {});
    expect(defs.map((d) => [d.id, d.available])).toEqual([
      ['noOrder', true],
      ['contractEnded', false],
      ['accountClosed', false],
      ['noActivity', true],
    ]);
    expect((await rejection(runJob(c, 'churn.train', { definition: 'accountClosed' }))).code).toBe('CONFLICT');
    const f = await c.call('churn.features', {});
    expect(new Set(f.map((x) => x.group))).toEqual(new Set(['rfm', 'tenure', 'productMix', 'support', 'email', 'payments', 'snapshot']));
  });

  it('trains by source record when asked, and explains a record', async () => {
    const r = await runJob(c, 'churn.train', { unit: 'source', definition: 'noActivity', cutoff: '2025-01-01', horizonDays: 120, seed: 3 });
    expect(r).toMatchObject({ unit: 'source', cutoff: '2025-01-01', horizonDays: 120, version: 2 });
    expect(r.auc).toBeGreaterThan(0.6);
    const rec = db().prepare("SELECT r.id FROM records r JOIN events e ON e.source_id = r.source_id AND e.source_key = r.source_key WHERE e.type = 'order' LIMIT 1").pluck().get() as number;
    const e = await c.call('churn.explain', { modelId: r.modelId, recordId: rec });
    expect(e).toMatchObject({ unit: String(rec), unitKind: 'source', decile: null });
    expect((await rejection(c.call('churn.explain', { modelId: r.modelId, goldenId: 'G1' }))).code).toBe('INVALID_INPUT');
  });
});
