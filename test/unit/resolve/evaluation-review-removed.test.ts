// resolve.evaluate against the review desk's labels after ingest.remove: a label naming a removed
// record no longer counts (not judged, not "unmatched"), as on the review desk itself. Real
// encrypted workspace, demo data resolved as a job, labels made through review.label.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineClient } from '../../../engine/api/index.js';
import { runJob } from '../../../engine/api/run-job.js';
import type { Engine } from '../../../engine/core/engine.js';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { CALLER, PASS, tempDir } from '../../helpers/tmp.js';

const t = tempDir();
let c: EngineClient;
let engine: Engine;
const db = () => engine.requireSession().db;

beforeAll(async () => {
  const started = startInProcessEngine({ roots: [t.dir], openHooks: false }, CALLER);
  c = started.client;
  engine = started.engine;
  await c.call('workspace.create', { path: join(t.dir, 'eval-removed.aerie'), passphrase: PASS });
  await runJob(c, 'demo.generate', { customers: 300, seed: 5, events: false });
  await runJob(c, 'resolve.run', {});
}, 120_000);

afterAll(async () => {
  await c.close();
  t.cleanup();
});

describe('resolve.evaluate with review labels', () => {
  it('leaves out labels naming a record removed since', async () => {
    const labelled: { a: number; b: number; match: boolean }[] = [];
    for (let k = 0; k < 16; k++) {
      const n = (await c.call('review.next', {})).item;
      if (!n) break;
      const match = n.sameEntity ?? n.score!.probability >= 0.5;
      await c.call('review.label', { itemId: n.id, verdict: match ? 'match' : 'nonMatch' });
      const [a, b] = n.id.split('-').map(Number) as [number, number];
      labelled.push({ a, b, match });
    }
    expect(labelled.length).toBeGreaterThan(4);
    const before = await c.call('resolve.evaluate', { labels: { kind: 'review' } });
    expect(before.labels.unmatched).toBe(0);
    expect(before.labels.truePairs).toBe(labelled.filter((l) => l.match).length);

    // remove the source of the first labelled pair's first record
    const source = db().prepare('SELECT s.name FROM records r JOIN sources s ON s.id = r.source_id WHERE r.id = ?').pluck().get(labelled[0]!.a) as string;
    const gone = new Set(db().prepare('SELECT r.id FROM records r JOIN sources s ON s.id = r.source_id WHERE s.name = ?').pluck().all(source) as number[]);
    await runJob(c, 'ingest.remove', { source });
    const kept = labelled.filter((l) => !gone.has(l.a) && !gone.has(l.b));
    expect(kept.length).toBeLessThan(labelled.length);

    const after = await c.call('resolve.evaluate', { labels: { kind: 'review' } });
    // the removed records' labels are neither judged nor reported as labels the run could not place
    expect(after.labels.unmatched).toBe(0);
    expect(after.labels.truePairs).toBe(kept.filter((l) => l.match).length);
    expect(after.labels.records).toBe(new Set(kept.flatMap((l) => [l.a, l.b])).size);
    // the same count as the review desk's
    expect((await c.call('review.stats', {})).labelled).toBe(kept.length);
  }, 120_000);
});
