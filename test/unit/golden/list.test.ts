// The steward's entity list and entity timeline over a real encrypted demo workspace (resolved and
// built as jobs): every filter agrees with the same question asked of the tables directly, the
// weakest-link confidence matches the resolve run's pairs, the list follows a rebuild, and the
// timeline is the members' events (by source key), newest first, paged.
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

interface Truth {
  size: Map<string, number>;
  sources: Map<string, Set<number>>;
  confidence: Map<string, number | null>;
}

/** What the list should say, asked of the tables directly. */
function truth(): Truth {
  const b = db().prepare("SELECT b.id, b.summary FROM golden_builds b JOIN jobs j ON j.id = b.job_id WHERE j.state = 'succeeded' ORDER BY b.id DESC LIMIT 1").get() as { id: number; summary: string };
  const runId = (JSON.parse(b.summary) as { resolveRunId: number }).resolveRunId;
  const threshold = db().prepare('SELECT threshold FROM resolve_runs WHERE id = ?').pluck().get(runId) as number;
  const member = new Map<number, string>();
  const size = new Map<string, number>();
  const sources = new Map<string, Set<number>>();
  for (const [rec, g, src] of db().prepare('SELECT m.record_id, m.golden_id, r.source_id FROM golden_members m JOIN records r ON r.id = m.record_id WHERE m.build_id = ?').raw().all(b.id) as [number, string, number][]) {
    member.set(rec, g);
    size.set(g, (size.get(g) ?? 0) + 1);
    sources.set(g, (sources.get(g) ?? new Set()).add(src));
  }
  const best = new Map<number, number>();
  for (const [a, bb, p] of db().prepare('SELECT a, b, probability FROM resolve_pairs WHERE run_id = ?').raw().all(runId) as [number, number, number][]) {
    if (p < threshold || member.get(a) === undefined || member.get(a) !== member.get(bb)) continue;
    best.set(a, Math.max(best.get(a) ?? 0, p));
    best.set(bb, Math.max(best.get(bb) ?? 0, p));
  }
  const confidence = new Map<string, number | null>([...size.keys()].map((g) => [g, null]));
  for (const [rec, p] of best) {
    const g = member.get(rec)!;
    const cur = confidence.get(g);
    confidence.set(g, cur === null || cur === undefined ? p : Math.min(cur, p));
  }
  return { size, sources, confidence };
}

async function all(params: Record<string, unknown>) {
  return c.call('golden.list', { limit: 1000, ...params });
}

beforeAll(async () => {
  const started = startInProcessEngine({ roots: [t.dir], openHooks: false }, CALLER);
  c = started.client;
  engine = started.engine;
  await c.call('workspace.create', { path: join(t.dir, 'list.aerie'), passphrase: PASS });
  await runJob(c, 'demo.generate', { customers: 300, seed: 5 });
  await runJob(c, 'resolve.run', {});
  await runJob(c, 'golden.build', {});
}, 120_000);

afterAll(async () => {
  await c.close();
  t.cleanup();
});

describe('golden.list', () => {
  it('gives every entity a display name, its sources and its weakest link, as the tables have them', async () => {
    const want = truth();
    const l = await all({});
    expect(l.total).toBe(want.size.size);
    expect(l.items.length).toBe(Math.min(1000, want.size.size));
    const names = new Map(l.sources.map((s) => [s.id, s.name]));
    for (const it of l.items) {
      expect(it.size).toBe(want.size.get(it.id));
      expect(it.sources).toEqual([...want.sources.get(it.id)!].sort((a, b) => a - b).map((s) => names.get(s)));
      expect(it.confidence).toBe(want.confidence.get(it.id));
    }
    // a name, else an email: every demo customer has one or the other but for a rare blank row
    expect(l.items.filter((x) => x.name).length).toBeGreaterThan(l.items.length * 0.95);
    // largest first, then by id
    const keys = l.items.map((x) => [x.size, x.id] as const);
    expect(keys).toEqual([...keys].sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? -1 : 1)));
    expect(l.items.some((x) => x.size > 1 && x.confidence !== null && x.confidence < 1)).toBe(true);
    expect(l.items.filter((x) => x.size === 1).every((x) => x.confidence === null)).toBe(true);
  });

  it('filters by size, source, weak links and text, and pages the filtered list', async () => {
    const want = truth();
    const ids = (f: (g: string) => boolean) => [...want.size.keys()].filter(f).sort();
    const sorted = (l: { items: { id: string }[] }) => l.items.map((x) => x.id).sort();

    const sized = await all({ minSize: 2, maxSize: 3 });
    expect(sorted(sized)).toEqual(ids((g) => want.size.get(g)! >= 2 && want.size.get(g)! <= 3));

    const src = sized.sources.find((s) => s.entities < want.size.size)!;
    expect(src).toBeDefined();
    const bySource = await all({ sourceId: src.id });
    expect(sorted(bySource)).toEqual(ids((g) => want.sources.get(g)!.has(src.id)));
    expect(bySource.total).toBe(src.entities);

    const confs = [...want.confidence.values()].filter((x): x is number => x !== null).sort((a, b) => a - b);
    const cut = confs[Math.floor(confs.length / 3)]!;
    const weak = await all({ maxConfidence: cut });
    expect(sorted(weak)).toEqual(ids((g) => want.confidence.get(g) !== null && want.confidence.get(g)! <= cut));
    expect(weak.total).toBeGreaterThan(0);

    const weakest = await all({ sort: 'confidence', minSize: 2 });
    const cs = weakest.items.map((x) => x.confidence ?? 2);
    expect(cs).toEqual([...cs].sort((a, b) => a - b));

    const one = weakest.items.find((x) => x.name !== null && x.name.length >= 6)!;
    const found = await all({ search: one.name!.slice(0, 6).toUpperCase() });
    expect(found.items.map((x) => x.id)).toContain(one.id);
    expect(found.items.every((x) => x.name!.toLowerCase().includes(one.name!.slice(0, 6).toLowerCase()) || x.id.toLowerCase().includes(one.name!.slice(0, 6).toLowerCase()))).toBe(true);
    expect((await all({ search: one.id })).items.map((x) => x.id)).toEqual([one.id]);

    const full = await all({ minSize: 2 });
    const paged = [...(await c.call('golden.list', { minSize: 2, offset: 0, limit: 7 })).items, ...(await c.call('golden.list', { minSize: 2, offset: 7, limit: 7 })).items];
    expect(paged.map((x) => x.id)).toEqual(full.items.slice(0, 14).map((x) => x.id));
    expect((await c.call('golden.list', { minSize: 2, offset: full.total, limit: 7 })).items).toEqual([]);
  });

  it('follows a rebuild: a split-out record shows as its own entity and locked ones filter', async () => {
    const before = await all({ minSize: 3 });
    const g = await c.call('golden.get', { id: before.items[0]!.id });
    const made = await c.call('golden.split', { id: g.id, records: [g.records[0]!] });
    await c.call('golden.lock', { id: before.items[1]!.id });
    expect((await all({ lockedOnly: true })).total).toBe(0); // decisions take effect at the next build
    await runJob(c, 'golden.build', {});
    const after = await all({});
    expect(after.items.find((x) => x.id === made.goldenId)).toMatchObject({ size: 1, confidence: null });
    expect(after.items.find((x) => x.id === g.id)!.size).toBe(g.size - 1);
    expect((await all({ lockedOnly: true })).items.map((x) => x.id)).toEqual([before.items[1]!.id]);
  });

  it('keeps its summary per build in the workspace: a reopened workspace reads it back; a build or a removal replaces it', async () => {
    const stored = () => db().prepare('SELECT build_id AS buildId, ids, confidence FROM golden_list_summaries').all() as { buildId: number; ids: string; confidence: Buffer }[];
    const latest = () => (db().prepare("SELECT b.id FROM golden_builds b JOIN jobs j ON j.id = b.job_id WHERE j.state = 'succeeded' ORDER BY b.id DESC LIMIT 1").pluck().get() as number);
    const l1 = await all({ minSize: 2 });
    const [row] = stored();
    expect(stored().length).toBe(1);
    expect(row!.buildId).toBe(latest());
    // mark one entity's stored confidence: after a reopen the list shows the mark, so it read the
    // stored summary rather than working it out again from the records and pairs
    const ids = row!.ids.split('\n');
    const k = ids.indexOf(l1.items[0]!.id);
    const conf = new Float64Array(row!.confidence.buffer.slice(row!.confidence.byteOffset, row!.confidence.byteOffset + row!.confidence.byteLength));
    conf[k] = 0.123;
    db().prepare('UPDATE golden_list_summaries SET confidence = ?').run(Buffer.from(conf.buffer));
    const path = engine.requireSession().path;
    await c.call('workspace.close', {});
    await c.call('workspace.open', { path, passphrase: PASS });
    const l2 = await all({ minSize: 2 });
    expect(l2.items[0]).toEqual({ ...l1.items[0], confidence: 0.123 });
    expect(l2.items.slice(1)).toEqual(l1.items.slice(1));

    // a new build lists (and keeps) its own summary, the old one goes
    await runJob(c, 'golden.build', {});
    const want = truth();
    const l3 = await all({});
    for (const it of l3.items) expect(it.confidence).toBe(want.confidence.get(it.id));
    expect(stored().map((r) => r.buildId)).toEqual([latest()]);

    // removing a source shrinks the build's entities: the stored summary goes with it, the list follows
    const gone = l3.sources[0]!;
    await runJob(c, 'ingest.remove', { source: gone.name });
    expect(stored()).toEqual([]);
    const l4 = await all({});
    expect(l4.sources.map((x) => x.id)).not.toContain(gone.id);
    const now = truth();
    for (const it of l4.items) expect(it.size).toBe(now.size.get(it.id));
    expect(stored().map((r) => r.buildId)).toEqual([latest()]);
  });
});

describe('golden.timeline', () => {
  it("is every event of the entity's records by source key, newest first, paged and by type", async () => {
    // the entity with the most events
    const row = db()
      .prepare(
        `SELECT m.golden_id AS id, count(*) AS n FROM golden_members m JOIN records r ON r.id = m.record_id
           JOIN events e ON e.source_id = r.source_id AND e.source_key = r.source_key
          WHERE m.build_id = (SELECT max(build_id) FROM golden_members) GROUP BY m.golden_id ORDER BY n DESC LIMIT 1`,
      )
      .get() as { id: string; n: number };
    expect(row.n).toBeGreaterThan(5);
    const tl = await c.call('golden.timeline', { id: row.id, limit: 500 });
    expect(tl.total).toBe(row.n);
    expect(tl.items.length).toBe(Math.min(500, row.n));
    const ats = tl.items.map((e) => e.at);
    expect(ats).toEqual([...ats].sort().reverse());
    expect(tl.types.reduce((a, x) => a + x.count, 0)).toBe(row.n);

    const page2 = await c.call('golden.timeline', { id: row.id, offset: 3, limit: 3 });
    expect(page2.items.map((e) => e.id)).toEqual(tl.items.slice(3, 6).map((e) => e.id));
    const type = tl.types[0]!;
    const only = await c.call('golden.timeline', { id: row.id, type: type.type, limit: 500 });
    expect(only.total).toBe(type.count);
    expect(only.items.every((e) => e.type === type.type)).toBe(true);
  });

  it('refuses an unknown id and says what to do', async () => {
    await expect(c.call('golden.timeline', { id: 'G9999999' })).rejects.toMatchObject({ code: 'NOT_FOUND', details: { hint: expect.stringContaining('golden.list') } });
  });
});
