// Stored experiments through the API on a real encrypted workspace: the demo's retention campaign
// (known true effect in the hidden truth) is stored as a draft, assigned by the salted hash to
// exactly the arms the campaign acted on, and its results read from the event store recover the
// true effect inside their CIs. Also: assignment stability, the export's crosswalk keys, results
// from an outcome file, status moves and the audit trail.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob, type EngineClient } from '../../../engine/api/index.js';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { rejection } from '../../helpers/engine.js';
import { CALLER, PASS, tempDir } from '../../helpers/tmp.js';

const t = tempDir('aerie-exp-stored-');
let client: EngineClient;
const SEED = 5;

beforeAll(async () => {
  client = startInProcessEngine({ roots: [t.dir] }, CALLER).client;
  await client.call('workspace.create', { path: join(t.dir, 'camp.aerie'), passphrase: PASS });
  await runJob(client, 'demo.generate', { customers: 4000, seed: SEED, campaign: true });
}, 120_000);
afterAll(async () => {
  await client.close();
  t.cleanup();
});

const truth = () => JSON.parse(readFileSync(join(t.dir, 'camp.truth', 'manifest.json'), 'utf8')) as {
  campaign: { experiment: string; trueEffect: Record<string, { population: number; trueEffect: number }> };
};

describe('stored experiments', () => {
  it('the demo campaign is a stored draft; assignment reproduces the campaign arms and is stable', async () => {
    const { items } = await client.call('experiments.list', {});
    const camp = items.find((e) => e.name === truth().campaign.experiment)!;
    expect(camp).toMatchObject({ status: 'draft', unit: 'source', primaryMetric: 'churn_90d', guardrailMetrics: ['conversion', 'revenue'], assigned: {} });
    const a = await runJob(client, 'experiments.assign', { id: camp.id });
    expect(a.assigned).toBe(4000);
    expect(a.byArm.control! + a.byArm.treatment!).toBe(4000);
    // again: nothing new, nothing moved
    expect(await runJob(client, 'experiments.assign', { id: camp.id })).toEqual({ ...a, assigned: 0 });
    // the stored arms are the arms the campaign acted on (campaign.csv of the truth)
    const out = join(t.dir, 'assign.csv');
    const exp = await client.call('experiments.exportAssignments', { id: camp.id, path: out });
    expect(exp.rows).toBe(4000);
    expect(readFileSync(out, 'utf8').split('\r\n')[0]).toBe('experiment,unit,source,source_key,golden_id,stratum,arm');
    const lines = parse(readFileSync(out, 'utf8')) as string[][];
    const stored = new Map(lines.slice(1).map((c) => [`${c[2]}:${c[3]}`, c[6]]));
    const campaign = readFileSync(join(t.dir, 'camp.truth', 'campaign.csv'), 'utf8').trim().split('\n').slice(1);
    expect(campaign).toHaveLength(4000);
    const mismatched = campaign.map((l) => l.split(',')).filter((c) => stored.get(`${c[0]}:${c[1]}`) !== c[2]);
    expect(mismatched).toEqual([]);
    // crosswalk keys: source and key filled, no golden build yet
    const [name, unit, source, key, golden, stratum, arm] = lines[1]!;
    expect([name, unit, source, golden, stratum]).toEqual(['Retention campaign (demo, seed 5)', `${source}:${key}`, expect.stringMatching(/^demo-/), '', '']);
    expect(arm).toMatch(/^(control|treatment)$/);
  });

  it('results from the event store: SRM first, and every metric recovers the true effect inside its 95% CI', async () => {
    const { items } = await client.call('experiments.list', {});
    const camp = items.find((e) => e.name === truth().campaign.experiment)!;
    const r = await client.call('experiments.results', { id: camp.id });
    expect(r.source).toBe('events');
    expect(r.srm.mismatch).toBe(false);
    expect(r.metrics.map((m) => [m.metric, m.role, m.type, m.better])).toEqual([
      ['churn_90d', 'primary', 'rate', 'lower'], ['conversion', 'guardrail', 'rate', 'higher'], ['revenue', 'guardrail', 'mean', 'higher'],
    ]);
    const effects = truth().campaign.trueEffect;
    for (const m of r.metrics) {
      const c = m.analysis.comparisons[0]!;
      const te = effects[m.metric]!;
      // the analysed population is the truth's population (churn: accounts active before the start)
      expect(m.analysis.arms.reduce((s, a) => s + a.n, 0), m.metric).toBe(te.population);
      expect(c.comparison.absoluteCi.lower, m.metric).toBeLessThanOrEqual(te.trueEffect);
      expect(c.comparison.absoluteCi.upper, m.metric).toBeGreaterThanOrEqual(te.trueEffect);
      expect(c.cuped!.comparison.absoluteCi.lower, `${m.metric} CUPED`).toBeLessThanOrEqual(te.trueEffect);
      expect(c.cuped!.comparison.absoluteCi.upper, `${m.metric} CUPED`).toBeGreaterThanOrEqual(te.trueEffect);
      expect(c.bayes).not.toBeNull();
    }
    // the campaign works: conversion up, churn down (true effects), and the Bayesian view is oriented
    expect(effects.conversion!.trueEffect).toBeGreaterThan(0);
    expect(effects.churn_90d!.trueEffect).toBeLessThan(0);
    const churn = r.metrics[0]!.analysis.comparisons[0]!;
    expect(churn.bayes!.probTreatmentBeats).toBeGreaterThan(0.5);
    // group sequential by default: α spent by calendar time over the planned window, all of it by the last look
    expect(churn.sequential!.design).toBe('group-sequential');
    expect(churn.sequential!.method).toMatch(/Group sequential \(Lan–DeMets alpha spending, O’Brien–Fleming type/);
    expect(r.sequentialMethod).toMatch(/^Group sequential/);
    expect(churn.sequential!.steps.length).toBe(13); // weekly looks over 90 days
    const lastLook = churn.sequential!.steps.at(-1)!;
    expect(lastLook.spent).toBeCloseTo(0.05, 10);
    expect(lastLook.boundary).toBeGreaterThan(1.96); // paid for the 12 earlier looks
    expect(lastLook.boundary).toBeLessThan(2.2);
    expect(lastLook.rejected).toBe(Math.abs(lastLook.z!) >= lastLook.boundary!);
    // the mSPRT stays available
    const m = await client.call('experiments.results', { id: camp.id, sequential: 'msprt' });
    expect(m.metrics[0]!.analysis.comparisons[0]!.sequential!.method).toMatch(/mSPRT/);
    expect(m.sequentialMethod).toMatch(/mSPRT/);
    expect(r.holm).toHaveLength(3);
  }, 60_000);

  it('the report is one self-contained HTML file: SRM first, charts as inline SVG, ROI formulas, no script, no external URL', async () => {
    const { items } = await client.call('experiments.list', {});
    const camp = items.find((e) => e.name === truth().campaign.experiment)!;
    const path = join(t.dir, 'report.html');
    await client.call('experiments.report', { id: camp.id, path, roi: { implementationCost: 850_000, runCostPerYear: 280_000, revenuePerYear: 520_000, savingsPerYear: 160_000 } });
    const html = readFileSync(path, 'utf8');
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/<script|https?:\/\/|\bsrc=|<link/i);
    expect(html.indexOf('Sample ratio')).toBeLessThan(html.indexOf('Primary: Churn within 90 days'));
    expect(html.match(/<svg /g)!.length).toBeGreaterThanOrEqual(5); // effect charts of 3 metrics + 2 sequential boundaries
    expect(html).toContain('Group sequential (Lan–DeMets alpha spending, O’Brien–Fleming type');
    expect(html).toContain('observed z against the group-sequential boundary');
    expect(html).toContain('<strong>1.25 years</strong>');
    expect(html).toContain('<strong>2.125 years</strong>');
    expect(html).toContain('implementation / (revenue + savings)');
  });

  it('results from an outcome file join the stored assignment; unknown units are counted, not guessed', async () => {
    const camp = (await client.call('experiments.create', { name: 'file outcomes', unit: 'source', arms: [{ name: 'control', share: 1 }, { name: 'offer', share: 1 }], primaryMetric: 'conversion', startsOn: '2025-01-01', endsOn: '2025-03-31' }));
    await runJob(client, 'experiments.assign', { id: camp.id });
    const out = join(t.dir, 'file-assign.csv');
    await client.call('experiments.exportAssignments', { id: camp.id, path: out });
    const rows = readFileSync(out, 'utf8').trim().split('\r\n').slice(1).map((l) => l.split(','));
    const csv = ['unit,spend,before', ...rows.map((c, i) => `${c[1]},${c[6] === 'offer' ? 10 + (i % 7) : 9 + (i % 7)},${i % 7}`), 'nobody:1,5,1'].join('\n');
    writeFileSync(join(t.dir, 'spend.csv'), csv);
    const r = await client.call('experiments.results', { id: camp.id, outcomes: { path: join(t.dir, 'spend.csv'), unit: 'unit', outcome: 'spend', pre: 'before', metric: 'mean' } });
    expect(r.source).toBe('file');
    expect(r.unmatched).toBe(1);
    const c = r.metrics[0]!.analysis.comparisons[0]!;
    expect(c.cuped!.comparison.absolute).toBeCloseTo(1, 1);
    // the pre column explains the spread: CUPED's interval is narrower
    expect(c.cuped!.comparison.absoluteCi.upper - c.cuped!.comparison.absoluteCi.lower).toBeLessThan(c.comparison.absoluteCi.upper - c.comparison.absoluteCi.lower);
    expect(c.bayes!.probTreatmentBeats).toBeGreaterThan(0.99);
  });

  it('status moves one way; bad designs are refused with what to do; mutating calls are audited', async () => {
    const e = await client.call('experiments.create', { name: 'moves', unit: 'source', arms: [{ name: 'a', share: 1 }, { name: 'b', share: 1 }], primaryMetric: 'churn_30d', startsOn: '2025-01-01', endsOn: '2025-01-31' });
    expect((await client.call('experiments.setStatus', { id: e.id, status: 'running' })).status).toBe('running');
    expect((await client.call('experiments.setStatus', { id: e.id, status: 'analysed' })).status).toBe('analysed');
    const back = await rejection(client.call('experiments.setStatus', { id: e.id, status: 'running' }));
    expect(back.code).toBe('CONFLICT');
    expect((await rejection(client.call('experiments.assign', { id: e.id }))).code).toBe('CONFLICT');
    expect((await rejection(client.call('experiments.create', { name: 'moves', unit: 'source', arms: [{ name: 'a', share: 1 }, { name: 'b', share: 1 }], primaryMetric: 'conversion', startsOn: '2025-01-01', endsOn: '2025-01-31' }))).code).toBe('CONFLICT');
    const bad = await rejection(client.call('experiments.create', { name: 'x', unit: 'source', arms: [{ name: 'a', share: 1 }, { name: 'b', share: 1 }], primaryMetric: 'conversion', stratify: 'shoe_size', startsOn: '2025-01-01', endsOn: '2025-01-31' }));
    expect(bad.message).toMatch(/shoe_size.*customer attribute.*city/);
    expect((await rejection(client.call('experiments.get', { id: 999 }))).code).toBe('NOT_FOUND');
    const golden = await rejection(client.call('experiments.create', { name: 'g', unit: 'golden', arms: [{ name: 'a', share: 1 }, { name: 'b', share: 1 }], primaryMetric: 'conversion', startsOn: '2025-01-01', endsOn: '2025-01-31' }).then((g) => client.call('experiments.assign', { id: g.id })));
    expect(golden.message).toMatch(/golden build/);
    const audit = await client.call('audit.list', { limit: 200 });
    const methods = new Set(audit.map((i) => i.method));
    for (const m of ['experiments.create', 'experiments.assign', 'experiments.setStatus', 'experiments.exportAssignments', 'experiments.report']) expect(methods).toContain(m);
  });
});
