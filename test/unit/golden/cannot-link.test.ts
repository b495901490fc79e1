// A non-match across two entities binds (issue 12): a cannot-link keeps the two records apart
// through a later merge decision, golden build and resolve rerun, until it is undone.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineClient } from '../../../engine/api/index.js';
import { runJob } from '../../../engine/api/run-job.js';
import type { Engine } from '../../../engine/core/engine.js';
import { cannotLink } from '../../../engine/golden/steward.js';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { CALLER, PASS, tempDir } from '../../helpers/tmp.js';

const t = tempDir();
const ws = join(t.dir, 'cannot-link.aerie');
let c: EngineClient;
let engine: Engine;
const db = () => engine.requireSession().db;

function latest(sql: string): Map<number, string> {
  return new Map(db().prepare(sql).raw().all() as [number, string][]);
}
const golden = () => latest("SELECT record_id, golden_id FROM golden_members WHERE build_id = (SELECT max(b.id) FROM golden_builds b JOIN jobs j ON j.id = b.job_id WHERE j.state = 'succeeded')");
const resolved = () => latest("SELECT record_id, entity_id FROM resolve_members WHERE run_id = (SELECT max(r.id) FROM resolve_runs r JOIN jobs j ON j.id = r.job_id WHERE j.state = 'succeeded')");

beforeAll(async () => {
  const started = startInProcessEngine({ roots: [t.dir], openHooks: false }, CALLER);
  c = started.client;
  engine = started.engine;
  await c.call('workspace.create', { path: ws, passphrase: PASS });
  await runJob(c, 'demo.generate', { customers: 200, seed: 7, events: false });
  await runJob(c, 'resolve.run', {});
  await runJob(c, 'golden.build', {});
}, 120_000);

afterAll(async () => {
  await c.close();
  t.cleanup();
});

describe('cannot-link decisions', () => {
  it('keep two records of different entities apart through a merge, a build and a resolve rerun; undo lets them merge', async () => {
    const list = await c.call('golden.list', { minSize: 2, limit: 2 });
    const [ga, gb] = await Promise.all(list.items.slice(0, 2).map((i) => c.call('golden.get', { id: i.id })));
    const a = ga!.records[0]!;
    const b = gb!.records[0]!;
    const cl = cannotLink(db(), 'steward', ga!.id, gb!.id, a, b, 'not the same customer');
    // a later merge decision would put them in one golden record
    const m = await c.call('golden.merge', { id: ga!.id, other: gb!.id });
    await runJob(c, 'golden.build', {});
    expect(golden().get(a)).not.toBe(golden().get(b));
    expect(golden().get(gb!.records[1]!)).toBe(golden().get(a)); // the merge holds for the rest
    await runJob(c, 'resolve.run', {});
    expect(resolved().get(a)).not.toBe(resolved().get(b));
    // recorded once, audited in the decision log
    expect(cannotLink(db(), 'steward', gb!.id, ga!.id, b, a).decisionId).toBe(cl.decisionId);
    const log = await c.call('golden.decisions', { id: gb!.id });
    expect(log.decisions.some((d) => d.id === cl.decisionId && d.inForce)).toBe(true);

    await c.call('golden.undo', { decisionId: cl.decisionId });
    await runJob(c, 'resolve.run', {});
    expect(resolved().get(a)).toBe(resolved().get(b));
    await runJob(c, 'golden.build', {});
    expect(golden().get(a)).toBe(golden().get(b));
    void m;
  }, 120_000);
});
