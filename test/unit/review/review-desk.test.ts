// The review desk on a real encrypted workspace (demo data resolved and built into golden records as
// jobs): the queue's order and reasons, skip to the back, labels leaving the queue, labels binding as
// golden decisions that hold through a resolve rerun and a rebuild, undo reversing the decision,
// blind mode, search feedback and the precision / recall estimate.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineClient } from '../../../engine/api/index.js';
import { runJob } from '../../../engine/api/run-job.js';
import type { Engine } from '../../../engine/core/engine.js';
import { forgetReviewFeedback } from '../../../engine/review/feedback.js';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { CALLER, PASS, tempDir } from '../../helpers/tmp.js';

const t = tempDir();
let c: EngineClient;
let engine: Engine;
const db = () => engine.requireSession().db;

/** Record → golden id of the latest build. */
function golden(): Map<number, string> {
  const b = db().prepare("SELECT b.id FROM golden_builds b JOIN jobs j ON j.id = b.job_id WHERE j.state = 'succeeded' ORDER BY b.id DESC LIMIT 1").pluck().get() as number;
  return new Map(db().prepare('SELECT record_id, golden_id FROM golden_members WHERE build_id = ?').raw().all(b) as [number, string][]);
}

beforeAll(async () => {
  const started = startInProcessEngine({ roots: [t.dir], openHooks: false }, CALLER);
  c = started.client;
  engine = started.engine;
  await c.call('workspace.create', { path: join(t.dir, 'review.aerie'), passphrase: PASS });
  await runJob(c, 'demo.generate', { customers: 400, seed: 21, events: false });
  await runJob(c, 'resolve.run', {});
}, 120_000);

afterAll(async () => {
  await c.close();
  t.cleanup();
});

describe('review desk', () => {
  it('with no label yet, names the estimate as the model\'s own, never one "from 0 labels"', async () => {
    const s = await c.call('review.stats', {});
    expect(s.labelled).toBe(0);
    expect(s.estimate!.pairs).toBe(0);
    expect(s.estimate!.basis).toMatch(/^no labelled pairs of this run yet: the model's own estimate/);
    expect(s.estimate!.basis).not.toMatch(/\b0 labelled/);
  });

  it('queues the most informative pairs first, each kind in turn, with the reason and both records side by side', async () => {
    const first = await c.call('review.next', {});
    expect(first.item).not.toBeNull();
    const item = first.item!;
    expect(item.reasons[0]).toBe('nearThreshold');
    expect(item.why).toMatch(/least sure/);
    expect(item.score!.threshold).toBe(0.5);
    expect(item.explanation!.steps.length).toBeGreaterThan(0);
    expect(item.explanation!.probability).toBeCloseTo(item.score!.probability, 9);
    expect(item.fields.map((f) => f.name)).toContain('email');
    for (const f of item.fields) expect(['same', 'different', 'missing', 'empty']).toContain(f.state);
    expect(first.progress.queued).toBeGreaterThan(10);

    // the pairs nearest the threshold by match weight come first among the near-threshold items
    const tw = 0; // log2(0.5 / 0.5)
    const seen: { reasons: string[]; distance: number }[] = [];
    const ids: string[] = [];
    for (let k = 0; k < 12; k++) {
      const n = (await c.call('review.next', {})).item!;
      seen.push({ reasons: n.reasons, distance: Math.abs(n.score!.weight - tw) });
      ids.push(n.id);
      await c.call('review.label', { itemId: n.id, verdict: 'skip' });
    }
    const near = seen.filter((s) => s.reasons[0] === 'nearThreshold').map((s) => s.distance);
    expect(near).toEqual([...near].sort((x, y) => x - y));
    // the other kinds come in turn, not after every near-threshold pair
    expect(new Set(seen.slice(0, 8).flatMap((s) => s.reasons)).size).toBeGreaterThan(1);
    // skipped items went to the back: the next is none of them
    const after = (await c.call('review.next', {})).item!;
    expect(ids).not.toContain(after.id);
    expect(after.skipped).toBe(false);
    // undo brings the last skipped item back to the front
    const u = await c.call('review.undo', {});
    expect(u.verdict).toBe('skip');
    expect((await c.call('review.next', {})).item!.id).toBe(ids.at(-1));
  });

  it('hides the score, the waterfall and the entity in blind mode', async () => {
    const n = (await c.call('review.next', { blind: true })).item!;
    expect(n.score).toBeNull();
    expect(n.explanation).toBeNull();
    expect(n.sameEntity).toBeNull();
    expect(n.why).not.toMatch(/\d\.\d/);
    expect(n.fields.length).toBeGreaterThan(5);
  });

  it('refuses a label that would change an entity before any golden build, and keeps one that would not', async () => {
    const run = db().prepare('SELECT max(id) FROM resolve_runs').pluck().get() as number;
    const [a, b] = db().prepare("SELECT a, b FROM resolve_pairs p WHERE run_id = ? AND (SELECT entity_id FROM resolve_members WHERE run_id = p.run_id AND record_id = a) = (SELECT entity_id FROM resolve_members WHERE run_id = p.run_id AND record_id = b) LIMIT 1").raw().get(run) as [number, number];
    await expect(c.call('review.label', { itemId: `${a}-${b}`, verdict: 'nonMatch' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/golden build/) });
    const ok = await c.call('review.label', { itemId: `${a}-${b}`, verdict: 'match' });
    expect(ok.decision).toBeNull();
    await c.call('review.undo', {});
    await expect(c.call('review.label', { itemId: '5-5', verdict: 'match' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(c.call('review.label', { itemId: '1-99999999', verdict: 'match' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a non-match inside one golden record splits it, and the split holds through a resolve rerun and a rebuild; undo reverses it', async () => {
    await runJob(c, 'golden.build', {});
    const g = golden();
    // a linked pair of one golden record of 3+ records
    const run = db().prepare('SELECT max(id) FROM resolve_runs').pluck().get() as number;
    const pairs = db().prepare('SELECT a, b FROM resolve_pairs WHERE run_id = ? AND probability >= 0.5 ORDER BY probability DESC').raw().all(run) as [number, number][];
    const size = new Map<string, number>();
    for (const gid of g.values()) size.set(gid, (size.get(gid) ?? 0) + 1);
    const [a, b] = pairs.find(([x, y]) => g.get(x) === g.get(y) && size.get(g.get(x)!)! >= 3)!;
    const feedbackBefore = db().prepare('SELECT count(*) FROM search_feedback').pluck().get() as number;

    const r = await c.call('review.label', { itemId: `${a}-${b}`, verdict: 'nonMatch' });
    expect(r.decision).toMatchObject({ kind: 'split' });
    const d = (await c.call('golden.decisions', {})).decisions.find((x) => x.id === r.decision!.decisionId)!;
    expect(d.kind).toBe('split');
    expect(d.inForce).toBe(true);
    expect(d.records).toContain(b);
    expect(d.records).not.toContain(a);
    // labelled pairs leave the queue
    expect((await c.call('review.next', {})).item!.id).not.toBe(`${a}-${b}`);
    // and the label is search feedback (a rejected result for a query made from record a)
    expect(db().prepare('SELECT kind, record_id FROM search_feedback ORDER BY id DESC LIMIT 1').get()).toEqual({ kind: 'reject', record_id: b });
    expect(db().prepare('SELECT count(*) FROM search_feedback').pluck().get()).toBe(feedbackBefore + 1);
    // audited
    const audit = await c.call('audit.list', { limit: 5 });
    expect(audit.map((e) => e.method)).toContain('review.label');

    await runJob(c, 'resolve.run', {});
    await runJob(c, 'golden.build', {});
    const after = golden();
    expect(after.get(a)).not.toBe(after.get(b));

    const u = await c.call('review.undo', {});
    expect(u.labelId).toBe(r.labelId);
    expect(u.decision).toMatchObject({ kind: 'undo' });
    expect((await c.call('golden.decisions', {})).decisions.find((x) => x.id === r.decision!.decisionId)!.inForce).toBe(false);
    expect(db().prepare('SELECT count(*) FROM search_feedback').pluck().get()).toBe(feedbackBefore);
    await runJob(c, 'golden.build', {});
    const back = golden();
    expect(back.get(a)).toBe(back.get(b));
  }, 120_000);

  it('a match across two golden records merges them; undo takes the merge back', async () => {
    const g = golden();
    const run = db().prepare('SELECT max(id) FROM resolve_runs').pluck().get() as number;
    const [a, b] = (db().prepare('SELECT a, b FROM resolve_pairs WHERE run_id = ? AND probability < 0.5 ORDER BY probability DESC').raw().all(run) as [number, number][]).find(([x, y]) => g.get(x) !== g.get(y))!;
    const r = await c.call('review.label', { itemId: `${b}-${a}`, verdict: 'match' });
    expect(r.itemId).toBe(`${Math.min(a, b)}-${Math.max(a, b)}`);
    expect(r.decision).toMatchObject({ kind: 'merge' });
    await runJob(c, 'golden.build', {});
    const merged = golden();
    expect(merged.get(a)).toBe(merged.get(b));
    const fb = db().prepare('SELECT id, kind, record_id FROM search_feedback ORDER BY id DESC LIMIT 1').get() as { id: number; kind: string; record_id: number };
    expect(fb).toMatchObject({ kind: 'confirm', record_id: Math.max(a, b) });
    // erasing the record whose details made the query removes the feedback row too
    expect(forgetReviewFeedback(db(), [Math.min(a, b)])).toBe(1);
    expect(db().prepare('SELECT count(*) FROM search_feedback WHERE id = ?').pluck().get(fb.id)).toBe(0);
    await c.call('review.undo', {});
    await runJob(c, 'golden.build', {});
    const apart = golden();
    expect(apart.get(a)).not.toBe(apart.get(b));
  }, 60_000);

  it('counts labels and estimates precision and recall at the threshold, moving with the labels', async () => {
    const before = await c.call('review.stats', {});
    expect(before.estimate).not.toBeNull();
    expect(before.estimate!.threshold).toBe(0.5);
    // label every pair above the threshold that the queue shows next a non-match: precision must fall
    let labelled = 0;
    for (let k = 0; k < 30 && labelled < 6; k++) {
      const n = (await c.call('review.next', {})).item!;
      if (n.score!.probability >= 0.5 && !n.sameEntity) {
        await c.call('review.label', { itemId: n.id, verdict: 'skip' });
        continue;
      }
      if (n.score!.probability >= 0.5) {
        await c.call('review.label', { itemId: n.id, verdict: 'nonMatch' });
        labelled++;
      } else await c.call('review.label', { itemId: n.id, verdict: 'skip' });
    }
    const after = await c.call('review.stats', {});
    expect(after.labelled).toBe(before.labelled + labelled);
    expect(after.nonMatches).toBe(before.nonMatches + labelled);
    expect(after.decisions).toBeGreaterThanOrEqual(before.decisions + 1);
    expect(after.estimate!.pairs).toBe(before.estimate!.pairs + labelled);
    expect(after.estimate!.precision).toBeLessThan(before.estimate!.precision);
    expect(after.queued).toBeLessThan(before.queued);

    // the same labels are the matcher's evaluation: only labelled pairs are judged
    const ev = await c.call('resolve.evaluate', { labels: { kind: 'review' } });
    expect(ev.labels.kind).toBe('review');
    expect(ev.labels.truePairs).toBe(after.matches);
    expect(ev.atThreshold.matches).toBeGreaterThan(0);
    // every labelled pair above the threshold here was a non-match: none of them counts as true
    expect(ev.atThreshold.truePositives).toBe(0);
    expect(ev.curve.length).toBe(99);
  }, 60_000);

  it('removing a source takes the search feedback made from its records\' details, and their labels stop counting', async () => {
    // a fresh match or non-match label whose query record (the smaller id) is then removed with its source
    let label: { id: number; a: number; b: number; feedback_id: number } | undefined;
    for (let k = 0; k < 40 && !label; k++) {
      const n = (await c.call('review.next', {})).item!;
      const r = await c.call('review.label', { itemId: n.id, verdict: n.sameEntity ? 'match' : 'nonMatch' });
      label = db().prepare('SELECT id, a, b, feedback_id FROM review_labels WHERE id = ? AND feedback_id IS NOT NULL').get(r.labelId) as typeof label;
    }
    expect(label).toBeDefined();
    const { a, feedback_id: fb } = label!;
    const sourceOf = (r: number) => db().prepare('SELECT s.name FROM records r JOIN sources s ON s.id = r.source_id WHERE r.id = ?').pluck().get(r) as string;
    const source = sourceOf(a);
    expect(db().prepare('SELECT count(*) FROM search_feedback WHERE id = ?').pluck().get(fb)).toBe(1);
    const before = await c.call('review.stats', {});
    const gone = db().prepare('SELECT id FROM records WHERE source_id = (SELECT id FROM sources WHERE name = ?)').pluck().all(source) as number[];
    const goneSet = new Set(gone);

    const removed = await runJob(c, 'ingest.remove', { source });
    expect(removed.records).toBe(gone.length);
    // the row whose query held record a's name and town is gone; the label row stays (ids only)
    expect(db().prepare('SELECT count(*) FROM search_feedback WHERE id = ?').pluck().get(fb)).toBe(0);
    expect(db().prepare('SELECT count(*) FROM review_labels WHERE id = ?').pluck().get(label!.id)).toBe(1);
    // no feedback row made from a label on a removed record is left
    const left = db().prepare('SELECT l.a FROM review_labels l JOIN search_feedback f ON f.id = l.feedback_id').pluck().all() as number[];
    expect(left.filter((r) => goneSet.has(r))).toEqual([]);
    // labels naming a removed record no longer count, and undo never reaches for one
    const after = await c.call('review.stats', {});
    const judged = db().prepare("SELECT a, b FROM review_labels WHERE verdict IN ('match', 'nonMatch')").raw().all() as [number, number][];
    expect(judged.some(([x, y]) => goneSet.has(x) || goneSet.has(y))).toBe(true);
    expect(after.labelled).toBeLessThan(before.labelled);
    const u = await c.call('review.undo', {});
    const [ua, ub] = u.itemId.split('-').map(Number) as [number, number];
    expect(goneSet.has(ua) || goneSet.has(ub)).toBe(false);
  }, 120_000);
});
