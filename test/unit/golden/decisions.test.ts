// Golden records of a real encrypted workspace through the engine API (demo data resolved as a job):
// provenance down to the source row, stable ids with history, and steward decisions — override,
// split, merge, lock, undo — holding through rebuilds and resolve reruns; the decision log is
// append-only and audited; a cancelled build leaves the previous one in place.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineClient } from '../../../engine/api/index.js';
import { runJob } from '../../../engine/api/run-job.js';
import type { Engine } from '../../../engine/core/engine.js';
import { goldenBuildJob, type GoldenBuildParams } from '../../../engine/golden/build-job.js';
import type { JobKind } from '../../../engine/jobs/types.js';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { finishJob } from '../../helpers/jobs.js';
import { CALLER, PASS, tempDir } from '../../helpers/tmp.js';

const t = tempDir();
const ws = join(t.dir, 'golden.aerie');
let c: EngineClient;
let engine: Engine;

// a build that writes in small chunks and, while `slow` is set, waits at each yield (to cancel it mid-way)
let slow = false;
const slowBuild: JobKind<GoldenBuildParams> = {
  ...goldenBuildJob,
  run: (ctx) =>
    goldenBuildJob.run({
      ...ctx,
      params: { ...ctx.params, chunk: slow ? 20 : 2000 },
      yield: async () => {
        if (slow) await new Promise((r) => setTimeout(r, 20));
        await ctx.yield();
      },
    }),
};

const db = () => engine.requireSession().db;
const build = () => runJob(c, 'golden.build', {});

/** Record → golden id of the latest build. */
function golden(): Map<number, string> {
  const b = db().prepare("SELECT b.id FROM golden_builds b JOIN jobs j ON j.id = b.job_id WHERE j.state = 'succeeded' ORDER BY b.id DESC LIMIT 1").pluck().get() as number;
  return new Map(db().prepare('SELECT record_id, golden_id FROM golden_members WHERE build_id = ?').raw().all(b) as [number, string][]);
}

/** Record → entity id of the latest resolve run. */
function resolved(): Map<number, string> {
  const r = db().prepare("SELECT r.id FROM resolve_runs r JOIN jobs j ON j.id = r.job_id WHERE j.state = 'succeeded' ORDER BY r.id DESC LIMIT 1").pluck().get() as number;
  return new Map(db().prepare('SELECT record_id, entity_id FROM resolve_members WHERE run_id = ?').raw().all(r) as [number, string][]);
}

/** Golden records of at least `size` records, largest first, not yet used by another test. */
const used = new Set<string>();
async function pick(size = 2): Promise<{ id: string; records: number[] }> {
  const list = await c.call('golden.list', { minSize: size, limit: 1000 });
  for (const item of list.items) {
    if (used.has(item.id)) continue;
    used.add(item.id);
    const g = await c.call('golden.get', { id: item.id });
    return { id: g.id, records: g.records };
  }
  throw new Error(`no unused golden record of ${size}+ records`);
}

beforeAll(async () => {
  const started = startInProcessEngine({ roots: [t.dir], openHooks: false, jobKinds: [slowBuild as JobKind<never>] }, CALLER);
  c = started.client;
  engine = started.engine;
  await c.call('workspace.create', { path: ws, passphrase: PASS });
  await runJob(c, 'demo.generate', { customers: 400, seed: 21, events: false });
  await runJob(c, 'resolve.run', {});
}, 120_000);

afterAll(async () => {
  await c.close();
  t.cleanup();
});

describe('golden records', () => {
  it('are refused before any build, then built one per resolved entity with every record in one', async () => {
    expect((await c.call('golden.summary', {})).build).toBeNull();
    await expect(c.call('golden.get', { id: 'G0000001' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('No golden build') });
    const r = await build();
    const entities = new Set(resolved().values()).size;
    expect(r.goldenRecords).toBe(entities);
    expect(r.records).toBe(resolved().size);
    expect(r.idsCreated).toBe(entities);
    expect(golden().size).toBe(r.records);
    expect((await c.call('golden.summary', {})).build?.buildId).toBe(r.buildId);
  });

  it('trace every value to its source rows, with the rule, a confidence and why each candidate lost', async () => {
    const { id, records } = await pick(3);
    const g = await c.call('golden.get', { id });
    const p = await c.call('golden.provenance', { id });
    expect(g.values.length).toBeGreaterThan(3);
    for (const v of g.values) {
      const a = p.attributes.find((x) => x.attribute === v.attribute)!;
      expect(a.value).toBe(v.value);
      expect(v.confidence).toBeGreaterThan(0);
      expect(v.confidence).toBeLessThanOrEqual(1);
      expect(v.records.every((r) => records.includes(r))).toBe(true);
      // the winners are exactly the records the value came from
      expect(a.candidates.filter((x) => x.won).map((x) => x.recordId).sort((x, y) => x - y)).toEqual(v.records);
      for (const cand of a.candidates) {
        expect(cand.why.length).toBeGreaterThan(5);
        const o = await c.call('data.original', { table: 'records', id: cand.recordId });
        expect({ importId: cand.importId, rowNo: cand.rowNo, file: cand.file, source: cand.source }).toEqual({ importId: o.importId, rowNo: o.rowNo, file: o.file, source: o.source });
      }
    }
    expect(p.attributes.some((a) => a.candidates.some((x) => !x.won && /^lost on|not a valid/.test(x.why)))).toBe(true);
  });

  it('keep their ids through a rebuild', async () => {
    const before = golden();
    const r = await build();
    expect(r).toMatchObject({ idsCreated: 0, idsRetired: 0, idsKept: r.goldenRecords });
    expect(golden()).toEqual(before);
  });

  it('an override stays through rebuilds until a steward undoes it', async () => {
    const { id } = await pick(2);
    const survived = (await c.call('golden.get', { id })).values.find((v) => v.attribute === 'email');
    const d = await c.call('golden.override', { id, attribute: 'email', value: 'steward@example.com', note: 'confirmed by phone' });
    for (let k = 0; k < 2; k++) {
      await build();
      expect((await c.call('golden.get', { id })).values.find((v) => v.attribute === 'email')).toEqual({ attribute: 'email', value: 'steward@example.com', rule: 'override', confidence: 1, records: [] });
    }
    await c.call('golden.undo', { decisionId: d.decisionId });
    await build();
    expect((await c.call('golden.get', { id })).values.find((v) => v.attribute === 'email')).toEqual(survived);
    const log = await c.call('golden.decisions', { id });
    expect(log.decisions.map((x) => [x.kind, x.inForce])).toEqual([['undo', true], ['override', false]]);
    expect(log.decisions[1]).toMatchObject({ actor: CALLER.user, note: 'confirmed by phone', reverses: null });
  });

  it('a split survives a rebuild and a resolve rerun (the pair never re-merges), with id history', async () => {
    const { id, records } = await pick(2);
    const out = records[records.length - 1]!;
    const rest = records.filter((r) => r !== out);
    const d = await c.call('golden.split', { id, records: [out] });
    const newId = d.goldenId!;
    expect(newId).not.toBe(id);
    // before the next build the new id has no values yet: a clear NOT_FOUND naming the decision, not a TypeError
    for (const m of ['golden.get', 'golden.provenance', 'golden.timeline'] as const) {
      await expect(c.call(m, { id: newId }), m).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: `Golden record ${newId} is split out of ${id} (decision ${d.decisionId}) and has no values until the next golden build.`,
        details: { hint: expect.stringContaining('golden.build') },
      });
    }
    const check = () => {
      const m = golden();
      expect(m.get(out)).toBe(newId);
      for (const r of rest) expect(m.get(r)).toBe(id);
    };
    await build();
    check();
    expect((await c.call('golden.get', { id: newId })).history).toEqual([expect.objectContaining({ event: 'split_from', otherId: id })]);
    await runJob(c, 'resolve.run', {});
    const e = resolved();
    for (const r of rest) expect(e.get(r), 'resolve rerun re-merged a split record').not.toBe(e.get(out));
    await build();
    check();
    // undone after the rerun bound it: the record rejoins its golden record at the next build
    await c.call('golden.undo', { decisionId: d.decisionId });
    await build();
    expect(golden().get(out)).toBe(id);
  });

  it('a merge holds through a resolve rerun; the merged id points at the one kept', async () => {
    const a = await pick(1);
    const b = await pick(1);
    await c.call('golden.merge', { id: a.id, other: b.id });
    const r = await build();
    expect(r.idsRetired).toBe(1);
    const m = golden();
    for (const rec of [...a.records, ...b.records]) expect(m.get(rec)).toBe(a.id);
    await expect(c.call('golden.get', { id: b.id })).rejects.toThrow(`Golden record ${b.id} was merged into ${a.id}.`);
    expect(db().prepare("SELECT event, other_id FROM golden_id_events WHERE golden_id = ? ORDER BY id DESC LIMIT 1").raw().get(b.id)).toEqual(['merged_into', a.id]);
    await runJob(c, 'resolve.run', {});
    const e = resolved();
    expect(new Set([...a.records, ...b.records].map((x) => e.get(x))).size, 'resolve rerun undid a merge').toBe(1);
    await build();
    for (const rec of [...a.records, ...b.records]) expect(golden().get(rec)).toBe(a.id);
    // undone, the merged-in records get their id back at the next build, before any resolve rerun
    const d = (await c.call('golden.decisions', { id: b.id })).decisions.find((x) => x.kind === 'merge')!;
    await c.call('golden.undo', { decisionId: d.id });
    await build();
    const after = golden();
    for (const rec of a.records) expect(after.get(rec)).toBe(a.id);
    for (const rec of b.records) expect(after.get(rec)).toBe(b.id);
  });

  it('undoing a merge before any resolve rerun gives both records their ids back', async () => {
    const a = await pick(1);
    const b = await pick(1);
    const m = await c.call('golden.merge', { id: a.id, other: b.id });
    await build();
    await c.call('golden.undo', { decisionId: m.decisionId });
    const r = await build();
    expect(r.idsCreated).toBe(1);
    const after = golden();
    for (const rec of a.records) expect(after.get(rec)).toBe(a.id);
    for (const rec of b.records) expect(after.get(rec)).toBe(b.id);
  });

  it('decisions made before a rebuild see each other: a merge after a split leaves the split record out', async () => {
    const a = await pick(2);
    const b = await pick(1);
    const out = a.records[0]!;
    const s = await c.call('golden.split', { id: a.id, records: [out] });
    await c.call('golden.override', { id: s.goldenId!, attribute: 'city', value: 'Split City' });
    await c.call('golden.merge', { id: a.id, other: b.id });
    await expect(c.call('golden.override', { id: b.id, attribute: 'city', value: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining(`being merged into ${a.id}`) });
    await build();
    const m = golden();
    expect(m.get(out)).toBe(s.goldenId);
    for (const r of [...a.records.slice(1), ...b.records]) expect(m.get(r)).toBe(a.id);
    expect((await c.call('golden.get', { id: s.goldenId! })).values.find((v) => v.attribute === 'city')?.value).toBe('Split City');
  });

  it('a lock keeps records and values and refuses changes until undone', async () => {
    const { id, records } = await pick(2);
    const values = (await c.call('golden.get', { id })).values;
    const d = await c.call('golden.lock', { id });
    await expect(c.call('golden.override', { id, attribute: 'city', value: 'Elsewhere' })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(`is locked (decision ${d.decisionId})`) });
    await expect(c.call('golden.split', { id, records: [records[0]!] })).rejects.toMatchObject({ code: 'CONFLICT' });
    // rules change: the locked record keeps its values all the same
    await c.call('golden.saveRules', { rules: { attributes: Object.fromEntries(values.map((v) => [v.attribute, { rule: 'mostComplete', validOnly: false, tieBreakers: [] }])) } });
    await build();
    const g = await c.call('golden.get', { id });
    expect(g.locked).toBe(true);
    expect(g.records).toEqual(records);
    expect(g.values.map((v) => [v.attribute, v.value, v.rule])).toEqual(values.map((v) => [v.attribute, v.value, 'lock']));
    await c.call('golden.undo', { decisionId: d.decisionId });
    await expect(c.call('golden.undo', { decisionId: d.decisionId })).rejects.toMatchObject({ code: 'CONFLICT' });
    await build();
    expect((await c.call('golden.get', { id })).locked).toBe(false);
    await c.call('golden.saveRules', { rules: {} });
  });

  it('refuses a split of records that are not members, and of every member', async () => {
    const { id, records } = await pick(2);
    await expect(c.call('golden.split', { id, records: [999_999] })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining(`Record 999999 is not in golden record ${id}`) });
    await expect(c.call('golden.split', { id, records })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('leave it empty') });
  });

  it('the decision log is append-only and every decision is audited', async () => {
    expect(() => db().prepare('UPDATE golden_decisions SET value = ?').run('x')).toThrow(/append-only/);
    expect(() => db().prepare('DELETE FROM golden_decisions').run()).toThrow(/append-only/);
    const audited = (await c.call('audit.list', { limit: 1000 })).map((e) => e.method);
    for (const m of ['golden.override', 'golden.split', 'golden.merge', 'golden.lock', 'golden.undo', 'golden.saveRules', 'golden.build']) expect(audited).toContain(m);
  });

  it('a cancelled build leaves nothing of itself and the previous build in force', async () => {
    const before = golden();
    const latest = (await c.call('golden.summary', {})).build!.buildId;
    slow = true;
    try {
      const { jobId } = await c.call('golden.build', {});
      // wait until it has written golden records of its own, then cancel
      const written = () => db().prepare('SELECT count(*) FROM golden_records WHERE build_id > ?').pluck().get(latest) as number;
      for (let k = 0; k < 3000 && written() === 0; k++) await new Promise((r) => setTimeout(r, 10));
      expect(written()).toBeGreaterThan(0);
      await c.call('jobs.cancel', { id: jobId });
      expect((await finishJob(c, jobId)).state).toBe('cancelled');
    } finally {
      slow = false;
    }
    expect((await c.call('golden.summary', {})).build!.buildId).toBe(latest);
    expect(db().prepare('SELECT count(*) FROM golden_records WHERE build_id > ?').pluck().get(latest)).toBe(0);
    expect(db().prepare('SELECT count(*) FROM golden_id_events WHERE build_id > ?').pluck().get(latest)).toBe(0);
    expect(golden()).toEqual(before);
  });
});
