// Every method of the contract, called once on a real workspace: its output must parse against its
// output schema, and parsing must keep it whole (no field the schema does not declare). The last
// test fails when a method was never checked, so a new method needs a call here.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobSpecs, methods, runJob, type EngineClient, type JobKindName, type JobRequest, type MethodInput, type MethodName, type MethodOutput } from '../../engine/api/index.js';
import { startInProcessEngine } from '../../engine/worker/in-process-transport.js';
import { writeTinyBert } from '../unit/embed/tiny-bert.js';
import { CALLER, PASS, tempDir } from '../helpers/tmp.js';

const t = tempDir('aerie-outputs-');
const ws = join(t.dir, 'outputs.aerie');
let client: EngineClient;
const checked = new Set<string>();

/** Call a method and check its output against the contract. */
async function call<M extends MethodName>(m: M, params: MethodInput<M>): Promise<MethodOutput<M>> {
  const out = await client.call(m, params);
  const r = methods[m].output.safeParse(out);
  expect(r.success, `${m} output: ${r.success ? '' : r.error.message}`).toBe(true);
  // nothing the schema does not declare (zod drops unknown keys: the parsed copy would differ)
  expect(JSON.parse(JSON.stringify(r.data)), `${m} output has fields its schema does not declare`).toEqual(JSON.parse(JSON.stringify(out)));
  checked.add(m);
  return out;
}

/** A job started through jobs.start: its result checked against its kind's contract. */
async function job<K extends JobKindName>(kind: K, params: JobRequest<K>) {
  const result = await runJob(client, kind, params);
  expect(jobSpecs[kind].result.safeParse(result).success, `${kind} result`).toBe(true);
  checked.add('jobs.start');
  return result;
}

beforeAll(async () => {
  client = startInProcessEngine({ roots: [t.dir], openHooks: false }, CALLER).client;
  await writeTinyBert(join(t.dir, 'tiny-model'));
  writeFileSync(join(t.dir, 'people.csv'), 'ID,FIRST,LAST,EMAIL,PHONE,CITY\nP1,Ann,Lee,ann@example.com,07700 900001,Leeds\nP2,Bob,Ray,bob@example,07700 900002,York\nP3,"Cy\n');
}, 60_000);
afterAll(async () => {
  await client.close();
  t.cleanup();
});

describe('every method matches its output schema', () => {
  it('app, folders and workspace lifecycle', async () => {
    await call('app.status', {});
    await call('app.allowPath', { path: t.dir });
    await call('fs.list', { dir: t.dir });
    await call('workspace.create', { path: ws, passphrase: PASS });
    await call('workspace.info', {});
    await call('workspace.lock', {});
    await call('workspace.unlock', { passphrase: PASS });
    await call('workspace.changePassphrase', { current: PASS, next: `${PASS}!` });
    await call('workspace.close', {});
    await call('workspace.open', { path: ws, passphrase: `${PASS}!` });
    await call('workspace.check', {});
    await call('workspace.setPrivacy', { idleLockMinutes: 10 });
    await call('workspace.privacy', {});
  });

  it('demo data, import, rejects and sources', async () => {
    await job('demo.generate', { customers: 300, seed: 3, events: true });
    const { jobId } = await call('demo.generate', { customers: 10, seed: 4, events: false });
    await call('jobs.cancel', { id: jobId });
    await call('jobs.get', { id: jobId });
    await call('jobs.list', { limit: 5 });
    const preview = await call('ingest.preview', { path: join(t.dir, 'people.csv') });
    const imported = await job('ingest.import', { path: join(t.dir, 'people.csv'), source: 'people', mapping: Object.fromEntries(preview.suggestions.map((s) => [s.column, s.attribute])) });
    const started = await call('ingest.start', { path: join(t.dir, 'people.csv'), source: 'people', allowDuplicate: true });
    await runJobDone(started.jobId);
    await call('ingest.summary', { importId: imported.importId });
    await call('ingest.rejects', { importId: imported.importId });
    await call('ingest.exportRejects', { importId: imported.importId, path: join(t.dir, 'rejects.csv') });
    await call('sources.list', {});
    const scratch = await job('ingest.import', { path: join(t.dir, 'people.csv'), source: 'scratch', allowDuplicate: true });
    await job('ingest.remove', { source: 'scratch', importId: scratch.importId });
    await call('ingest.remove', { source: 'scratch' }).then((r) => runJobDone(r.jobId));
  });

  it('profile and catalogue', async () => {
    await job('profile.run', { scope: { kind: 'workspace' } });
    await call('profile.run', { scope: { kind: 'workspace' } }).then((r) => runJobDone(r.jobId));
    await call('profile.get', { scope: { kind: 'workspace' } });
    await call('profile.exportHtml', { scope: { kind: 'workspace' }, path: join(t.dir, 'profile.html') });
    await call('profile.setSettings', { defaultCountry: 'GB', dateFormat: { column: 'dob', format: 'DMY' }, columnType: { column: 'zip', type: 'text' } });
    await call('profile.settings', {});
    await call('catalogue.get', {});
  });

  it('data browser', async () => {
    await call('data.tables', {});
    const page = await call('data.page', { table: 'records', offset: 0, limit: 3 });
    await call('data.original', { table: 'records', id: Number(page.rows[0]![0]) });
    await call('data.export', { table: 'records', filters: [{ column: 'source_id', op: 'contains', value: 'demo' }], path: join(t.dir, 'records.csv') });
    await call('data.facet', { table: 'records', column: 'city', filters: [{ column: 'city', op: 'match', value: 'not blank' }] });
    await call('data.crosstab', { table: 'records', rows: 'source_id', cols: 'city' });
  });

  it('embeddings, search and the model registry', async () => {
    const builtin = (await call('embed.models', {})).models.find((m) => m.kind === 'builtin')!;
    await call('embed.status', {});
    await job('embed.index', {});
    await call('embed.index', {}).then((r) => runJobDone(r.jobId));
    const model = await job('embed.importModel', { path: join(t.dir, 'tiny-model') });
    await call('embed.importModel', { path: join(t.dir, 'tiny-model') }).then((r) => runJobDone(r.jobId));
    await job('embed.reindex', { model: model.id });
    await call('embed.reindex', { model: builtin.id }).then((r) => runJobDone(r.jobId));
    await call('embed.removeModel', { id: model.id });
    const r = await call('search.query', { q: 'ann lee', limit: 5 });
    await call('search.query', { q: '', limit: 5 });
    await call('search.feedback', { q: 'ann lee', recordId: r.results[0]!.recordId, kind: 'confirm', shown: r.results.map((x) => x.recordId) });
    await job('search.train', { keys: ['email', 'phone'] });
    await call('search.train', { keys: ['email'] }).then((x) => runJobDone(x.jobId));
    await call('search.status', {});
    const models = await call('models.list', {});
    expect(models.map((m) => m.kind)).toEqual(expect.arrayContaining(['search.reranker', 'embed.generation']));
    await call('models.get', { id: models[0]!.id });
  }, 120_000);

  it('identity resolution', async () => {
    await call('resolve.summary', {});
    await call('resolve.plan', {});
    await job('resolve.run', { threshold: 0.5 });
    await call('resolve.run', {}).then((x) => runJobDone(x.jobId));
    await job('resolve.run', { mode: 'incremental' });
    await call('resolve.summary', {});
    const pairs = await call('resolve.pairs', { minProbability: 0.5, limit: 5 });
    await call('resolve.explain', { a: pairs.pairs[0]!.a, b: pairs.pairs[0]!.b });
    await call('resolve.model', {});
    await call('resolve.evaluate', { labels: { kind: 'column', source: 'people', column: 'CITY' } });
    writeFileSync(join(t.dir, 'labels.csv'), 'id_l,id_r,match\nP1,P2,0\n');
    await call('resolve.evaluate', { labels: { kind: 'pairs', path: join(t.dir, 'labels.csv') } });
    // the run set-up and a link run (a full run after it, for the golden records below)
    await call('resolve.plan', { setup: { roles: [{ column: 'company', role: 'ignore' }] } });
    await job('resolve.run', { mode: 'link', sources: ['demo-crm', 'people'] });
    await call('resolve.summary', {});
    await job('resolve.run', {});
  }, 120_000);

  it('golden records', async () => {
    await call('golden.summary', {});
    await call('golden.rules', {});
    await call('golden.saveRules', { rules: { sourcePriority: ['people'], attributes: { email: { rule: 'sourcePriority', validOnly: true, tieBreakers: ['mostRecent'] } } } });
    await job('golden.build', {});
    await call('golden.build', {}).then((x) => runJobDone(x.jobId));
    await call('golden.summary', {});
    const list = await call('golden.list', { minSize: 2, limit: 5 });
    const [a, b] = list.items;
    const g = await call('golden.get', { id: a!.id });
    await call('golden.provenance', { id: a!.id });
    await call('golden.list', { sort: 'confidence', maxConfidence: 1, search: 'a', limit: 3 });
    await call('golden.timeline', { id: a!.id, limit: 5 });
    const o = await call('golden.override', { id: a!.id, attribute: 'city', value: 'Leeds', note: 'checked' });
    await call('golden.undo', { decisionId: o.decisionId });
    await call('golden.split', { id: a!.id, records: [g.records[0]!] });
    await call('golden.merge', { id: a!.id, other: b!.id });
    await call('golden.lock', { id: a!.id });
    await job('golden.build', {});
    await call('golden.decisions', {});
    await call('golden.export', { path: join(t.dir, 'golden.xlsx'), format: 'xlsx' });
    await call('golden.export', { path: join(t.dir, 'golden-pseudo.csv'), pseudonymise: true });
    await call('golden.exportCrosswalk', { path: join(t.dir, 'crosswalk.csv') });
  }, 120_000);

  it('review desk', async () => {
    const first = await call('review.next', {});
    await call('review.next', { blind: true });
    await call('review.label', { itemId: first.item!.id, verdict: 'skip' });
    await call('review.undo', {});
    // a verdict the entities already agree with (no decision: the golden test above locked records)
    const n = (await call('review.next', {})).item!;
    await call('review.label', { itemId: n.id, verdict: n.sameEntity ? 'match' : 'nonMatch' });
    await call('review.stats', {});
  });

  it('experiments', async () => {
    writeFileSync(join(t.dir, 'outcomes.csv'), 'unit,arm,y,pre,day\nu1,A,0,1,2026-01-01\nu2,A,1,3,2026-01-02\nu3,A,0,2,2026-01-02\nu4,B,1,2,2026-01-01\nu5,B,1,4,2026-01-02\nu6,B,0,1,2026-01-02\n');
    await call('experiments.power', { baseline: 0.1, mde: 0.02 });
    await call('experiments.analyse', { path: join(t.dir, 'outcomes.csv'), arm: 'arm', outcome: 'y', pre: 'pre', date: 'day' });
    await call('experiments.roi', { implementationCost: 850_000, runCostPerYear: 280_000, revenuePerYear: 520_000, savingsPerYear: 160_000, revenueEffect: { estimate: 0.019, lower: 0.008, upper: 0.03 } });
    const e = await call('experiments.create', { name: 'contract', unit: 'source', arms: [{ name: 'control', share: 1 }, { name: 'offer', share: 1 }], holdout: 0.1, stratify: 'city', primaryMetric: 'churn_90d', guardrailMetrics: ['conversion', 'revenue'], startsOn: '2025-01-01', endsOn: '2025-03-31' });
    await call('experiments.list', {});
    await call('experiments.strata', {});
    await job('experiments.assign', { id: e.id });
    await call('experiments.assign', { id: e.id }).then((x) => runJobDone(x.jobId));
    await call('experiments.setStatus', { id: e.id, status: 'running' });
    await call('experiments.get', { id: e.id });
    await call('experiments.exportAssignments', { id: e.id, path: join(t.dir, 'assignments.csv') });
    await job('experiments.computeResults', { id: e.id });
    await call('experiments.computeResults', { id: e.id, sequential: 'pocock' }).then((x) => runJobDone(x.jobId));
    await call('experiments.results', { id: e.id });
    await call('experiments.report', { id: e.id, path: join(t.dir, 'experiment.html'), roi: { implementationCost: 850_000, runCostPerYear: 280_000, revenuePerYear: 520_000, savingsPerYear: 160_000 } });
  });

  it('churn', async () => {
    await call('churn.labelDefinitions', {});
    await call('churn.setup', { horizonDays: 180 });
    await call('churn.features', {});
    await call('churn.scores', {});
    const tr = await job('churn.train', { definition: 'noActivity', horizonDays: 180 });
    await call('churn.train', { definition: 'noActivity', horizonDays: 180, features: ['rfm', 'support', 'snapshot'] }).then((x) => runJobDone(x.jobId));
    await job('churn.score', { modelId: tr.modelId });
    await call('churn.score', {}).then((x) => runJobDone(x.jobId));
    await call('churn.models', {});
    await call('churn.model', { id: tr.modelId });
    await call('churn.card', { id: tr.modelId });
    await call('churn.exportCard', { id: tr.modelId, path: join(t.dir, 'churn-card.html') });
    await call('churn.setStatus', { id: tr.modelId, status: 'live' });
    const s = await call('churn.scores', { maxDecile: 2, limit: 5 });
    await call('churn.explain', { unit: s.items[0]!.unit });
  }, 120_000);

  it('audit', async () => {
    await call('audit.list', { limit: 5 });
    await call('audit.verify', {});
  });

  it('covers every method of the contract', () => {
    expect(Object.keys(methods).filter((m) => !checked.has(m))).toEqual([]);
  });
});

async function runJobDone(jobId: string): Promise<void> {
  for (;;) {
    const j = await client.call('jobs.get', { id: jobId });
    if (j.state !== 'queued' && j.state !== 'running') return;
    await new Promise((r) => setTimeout(r, 20));
  }
}
