// The run set-up through the engine API on a real encrypted workspace (demo data, three feeds):
// roles overridden and blocking rules switched off or added change the plan's counts and the run,
// the set-up is saved with the run and used by later runs, an incremental run refuses another
// set-up; and a link run joins records of two sources one to one, readable by pairs and explain.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineClient } from '../../../engine/api/index.js';
import { runJob } from '../../../engine/api/run-job.js';
import type { Engine } from '../../../engine/core/engine.js';
import { truthPathFor } from '../../../engine/demo/truth-file.js';
import { oneToOne } from '../../../engine/resolve/link-run.js';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { finishJob } from '../../helpers/jobs.js';
import { CALLER, PASS, tempDir } from '../../helpers/tmp.js';

const t = tempDir();
const ws = join(t.dir, 'setup.aerie');
let c: EngineClient;
let engine: Engine;
const db = () => engine.requireSession().db;

beforeAll(async () => {
  const started = startInProcessEngine({ roots: [t.dir], openHooks: false }, CALLER);
  c = started.client;
  engine = started.engine;
  await c.call('workspace.create', { path: ws, passphrase: PASS });
  await runJob(c, 'demo.generate', { customers: 1000, seed: 5, events: false });
}, 120_000);

afterAll(async () => {
  await c.close();
  t.cleanup();
});

/** The error a call fails with (fails the test if it succeeds). */
async function failure(p: Promise<unknown>): Promise<{ code: string; message: string; details?: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error('expected the call to fail');
}

describe('run set-up', () => {
  it('plans under a set-up: an ignored column leaves its rules, a rule switched off lowers the candidate total, an added rule is measured', async () => {
    const base = await c.call('resolve.plan', {});
    expect(base.setupFrom).toBe('none');
    expect(base.rules.every((r) => r.on && !r.added)).toBe(true);
    expect(base.rules.some((r) => r.name.startsWith('email'))).toBe(true);
    expect(base.keys).toEqual(expect.arrayContaining(['postcode', 'family_name (sound)']));

    const noEmail = await c.call('resolve.plan', { setup: { roles: [{ column: 'email', role: 'ignore' }] } });
    expect(noEmail.setupFrom).toBe('input');
    const email = noEmail.roles.find((r) => r.source === null && r.column === 'email')!;
    expect(email).toMatchObject({ role: 'ignore', used: false, reason: 'set by the analyst' });
    expect(noEmail.rules.some((r) => r.name.startsWith('email'))).toBe(false);
    expect(noEmail.keys.some((k) => k.startsWith('email'))).toBe(false);

    // the rule that alone reaches the most pairs switched off: the total falls, its count is still shown
    const off = base.rules.reduce((m, r) => (r.comparisons > m.comparisons ? r : m));
    const without = await c.call('resolve.plan', { setup: { rulesOff: [off.name] } });
    expect(without.rules.find((r) => r.name === off.name)).toMatchObject({ on: false, comparisons: off.comparisons });
    expect(without.candidatePairs).toBeLessThan(base.candidatePairs);

    const added = await c.call('resolve.plan', { setup: { rulesOff: [off.name], rulesAdded: [['postcode', 'family_name (sound)']] } });
    const rule = added.rules.find((r) => r.name === 'postcode + family_name (sound)')!;
    expect(rule).toMatchObject({ on: true, added: true });
    expect(rule.comparisons).toBeGreaterThan(0);
    expect(added.candidatePairs).toBeGreaterThanOrEqual(without.candidatePairs);
  }, 60_000);

  it('refuses names that match nothing, saying what there is', async () => {
    const col = await failure(c.call('resolve.plan', { setup: { roles: [{ column: 'shoe_size', role: 'numeric' }] } }));
    expect(col.code).toBe('INVALID_INPUT');
    expect(col.message).toContain('"shoe_size"');
    const rule = await failure(c.call('resolve.plan', { setup: { rulesOff: ['no such rule'] } }));
    expect(rule.message).toContain('"no such rule"');
    const key = await failure(c.call('resolve.plan', { setup: { rulesAdded: [['postcode', 'shoe (size)']] } }));
    expect(key.message).toContain('"shoe (size)"');
    const all = (await c.call('resolve.plan', {})).rules.map((r) => r.name);
    const none = await failure(runJob(c, 'resolve.run', { setup: { rulesOff: all } }));
    expect(none.message).toContain('no blocking rule');
  }, 60_000);

  let setup: { roles: { column: string; role: 'ignore' }[]; rulesOff: string[]; rulesAdded: string[][] };

  it('runs with the set-up, saves it with the run, and later runs and plans without one use it', async () => {
    const base = await c.call('resolve.plan', {});
    const off = base.rules.find((r) => !r.name.startsWith('email'))!.name;
    setup = { roles: [{ column: 'company', role: 'ignore' }], rulesOff: [off], rulesAdded: [['postcode', 'family_name (sound)']] };
    const run = await runJob(c, 'resolve.run', { setup });
    const model = await c.call('models.get', { id: run.modelId });
    expect(model.params.setup).toEqual(setup);
    expect((model.params.roles as { column: string; role: string }[]).find((r) => r.column === 'company')?.role).toBe('ignore');
    const rules = (await c.call('resolve.summary', {})).matchesByRule.map((r) => r.rule);
    expect(rules).not.toContain(off);
    expect(rules).toContain('postcode + family_name (sound)');

    const saved = await c.call('resolve.plan', {});
    expect(saved.setupFrom).toBe('saved');
    expect(saved.setup).toEqual(setup);
    expect(saved.rules.find((r) => r.name === off)?.on).toBe(false);

    await runJob(c, 'resolve.run', {});
    const again = (await c.call('resolve.summary', {})).matchesByRule.map((r) => r.rule);
    expect(again).toEqual(rules);
  }, 120_000);

  it('an incremental run refuses a set-up other than its full run’s, and takes the same one', async () => {
    const e = await failure(c.call('resolve.run', { mode: 'incremental', setup: { ...setup, rulesOff: [] } }));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toContain('differs from the one the latest full run used');
    // the same set-up in another order is the same set-up
    const same = { ...setup, roles: [...setup.roles].reverse() };
    const r = await runJob(c, 'resolve.run', { mode: 'incremental', setup: same });
    expect(r.incremental?.newRecords).toBe(0);
  }, 60_000);

  it('turns on nearest-neighbour candidates from the set-up (off by default)', async () => {
    const plain = await runJob(c, 'resolve.run', { setup: { roles: [], rulesOff: [], rulesAdded: [] } });
    const names = async (id: number) => ((await c.call('models.get', { id })).params.rules as { name: string }[]).map((r) => r.name);
    expect((await names(plain.modelId)).some((n) => n.startsWith('nearest'))).toBe(false);
    const near = await runJob(c, 'resolve.run', { setup: { roles: [], rulesOff: [], rulesAdded: [], nearest: 5 } });
    expect(await names(near.modelId)).toContain('nearest neighbours (k=5)');
    expect(near.candidatePairs).toBeGreaterThanOrEqual(plain.candidatePairs);
    expect((await c.call('models.get', { id: near.modelId })).params.setup).toMatchObject({ nearest: 5 });
  }, 120_000);
});

describe('link two sources', () => {
  it('one-to-one: the most probable pairs first, a record taken stays out', () => {
    // rows 0,1 in A; 2,3 in B; 0–2 beats 0–3, so 1–3 is free; 1–2 loses to 0–2
    const r = oneToOne(4, Int32Array.from([0, 0, 1, 1]), Int32Array.from([2, 3, 2, 3]), Float64Array.from([0.99, 0.9, 0.95, 0.6]), 0.5);
    expect(r.links).toBe(2);
    expect(r.entity[0]).toBe(r.entity[2]);
    expect(r.entity[1]).toBe(r.entity[3]);
    expect(r.entities).toBe(2);
  });

  it('links demo-crm to demo-billing: only records of the two, never two of one source in an entity, pairs explained, refuses incremental after', async () => {
    const bad = await failure(runJob(c, 'resolve.run', { mode: 'link', sources: ['demo-crm', 'nope'] }));
    expect(bad.message).toContain('"nope"');
    const run = await runJob(c, 'resolve.run', { mode: 'link', sources: ['demo-crm', 'demo-billing'] });
    const src = new Map(db().prepare('SELECT r.id, s.name FROM records r JOIN sources s ON s.id = r.source_id').raw().all() as [number, string][]);
    const count = (name: string) => [...src.values()].filter((s) => s === name).length;
    expect(run.link).toEqual({ sources: ['demo-crm', 'demo-billing'], recordsA: count('demo-crm'), recordsB: count('demo-billing'), links: expect.any(Number) });
    expect(run.records).toBe(count('demo-crm') + count('demo-billing'));
    const members = db().prepare('SELECT record_id, entity_id FROM resolve_members WHERE run_id = ?').raw().all(run.runId) as [number, string][];
    expect(members.length).toBe(run.records);
    const bySource = new Map<string, string[]>();
    for (const [rec, ent] of members) bySource.set(ent, [...(bySource.get(ent) ?? []), src.get(rec)!]);
    for (const s of bySource.values()) expect(new Set(s).size).toBe(s.length);
    const linked = [...bySource.values()].filter((s) => s.length === 2).length;
    expect(linked).toBe(run.link!.links);
    expect(run.entities).toBe(run.records - linked);

    // against the demo's hidden truth: the links are nearly all right
    const person = new Map<string, string>();
    for (const l of readFileSync(join(truthPathFor(ws), 'records.csv'), 'utf8').trim().split('\n').slice(1)) {
      const [source, key, , p] = l.split(',');
      person.set(`${source}\u0000${key}`, p!);
    }
    const keyOf = new Map((db().prepare('SELECT r.id, s.name, r.source_key FROM records r JOIN sources s ON s.id = r.source_id').raw().all() as [number, string, string][]).map(([id, s, k]) => [id, `${s}\u0000${k}`]));
    const byEntity = new Map<string, number[]>();
    for (const [rec, ent] of members) byEntity.set(ent, [...(byEntity.get(ent) ?? []), rec]);
    let right = 0;
    for (const recs of byEntity.values()) if (recs.length === 2 && person.get(keyOf.get(recs[0]!)!) === person.get(keyOf.get(recs[1]!)!)) right++;
    expect(linked).toBeGreaterThan(50);
    expect(right / linked).toBeGreaterThan(0.95);

    // every scored pair crosses the two sources; pairs and explain read the link run
    const page = await c.call('resolve.pairs', { minProbability: 0.5, limit: 50 });
    expect(page.pairs.length).toBeGreaterThan(0);
    for (const p of page.pairs) expect(src.get(p.a)).not.toBe(src.get(p.b));
    const e = await c.call('resolve.explain', { a: page.pairs[0]!.a, b: page.pairs[0]!.b });
    expect(e.probability).toBeCloseTo(page.pairs[0]!.probability, 5);

    const inc = await failure(c.call('resolve.run', { mode: 'incremental' }));
    expect(inc.code).toBe('CONFLICT');
    expect(inc.message).toContain('linked two sources');
    const j = await c.call('resolve.run', { mode: 'link', sources: ['demo-crm', 'demo-crm'] });
    const failed = await finishJob(c, j.jobId);
    expect(failed.state).toBe('failed');
    expect(failed.error?.message).toContain('two different sources');
  }, 120_000);
});
