// Steward decisions bind incremental resolve runs as they bind full ones (real encrypted workspace,
// demo data, a second import holding copies of existing records): a copy that links both sides of a
// split never re-merges them, a locked record takes no new record, a merge stays merged, decisions
// made since the run bind too; golden ids stay put through it; resolve.summary counts entities as
// the decisions make them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineClient } from '../../../engine/api/index.js';
import { runJob } from '../../../engine/api/run-job.js';
import type { Engine } from '../../../engine/core/engine.js';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { finishJob } from '../../helpers/jobs.js';
import { CALLER, PASS, tempDir } from '../../helpers/tmp.js';

const t = tempDir();
const ws = join(t.dir, 'golden-inc.aerie');
let c: EngineClient;
let engine: Engine;
const db = () => engine.requireSession().db;
const build = () => runJob(c, 'golden.build', {});
const incremental = () => runJob(c, 'resolve.run', { mode: 'incremental' });

function golden(): Map<number, string> {
  const b = db().prepare("SELECT b.id FROM golden_builds b JOIN jobs j ON j.id = b.job_id WHERE j.state = 'succeeded' ORDER BY b.id DESC LIMIT 1").pluck().get() as number;
  return new Map(db().prepare('SELECT record_id, golden_id FROM golden_members WHERE build_id = ?').raw().all(b) as [number, string][]);
}
const latestRun = () => db().prepare("SELECT r.id FROM resolve_runs r JOIN jobs j ON j.id = r.job_id WHERE j.state = 'succeeded' ORDER BY r.id DESC LIMIT 1").pluck().get() as number;
function resolved(): Map<number, string> {
  return new Map(db().prepare('SELECT record_id, entity_id FROM resolve_members WHERE run_id = ?').raw().all(latestRun()) as [number, string][]);
}

const COLS = ['source_key', 'given_name', 'family_name', 'email', 'phone', 'address_line', 'city', 'postcode', 'date_of_birth'] as const;
const q = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
let feeds = 0;
/** Imports exact copies of the given records as a new source; returns the new records' ids. */
async function importCopies(recs: number[]): Promise<number[]> {
  const source = `copies-${++feeds}`;
  const lines = [COLS.join(',')];
  for (const r of recs) {
    const row = db().prepare(`SELECT ${COLS.slice(1).join(', ')} FROM records WHERE id = ?`).raw().get(r) as (string | null)[];
    lines.push([`C${r}`, ...row.map((v) => (v === null ? '' : v))].map(q).join(','));
  }
  const path = join(t.dir, `${source}.csv`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  const j = await finishJob(c, (await c.call('ingest.start', { path, source, mapping: Object.fromEntries(COLS.map((x) => [x, x])) })).jobId);
  expect(j.state, j.error?.message).toBe('succeeded');
  return db().prepare('SELECT r.id FROM records r JOIN sources s ON s.id = r.source_id WHERE s.name = ? ORDER BY r.id').pluck().all(source) as number[];
}

/**
 * Golden records of exactly two records that the latest run matched at ≥ 0.99 (a copy of one then
 * matches the other as well), not used by another test.
 */
const used = new Set<string>();
function strongPair(): { id: string; a: number; b: number } {
  const g = golden();
  const rows = db().prepare('SELECT a, b FROM resolve_pairs WHERE run_id = ? AND probability >= 0.99 ORDER BY a, b').raw().all(latestRun()) as [number, number][];
  const size = new Map<string, number>();
  for (const id of g.values()) size.set(id, (size.get(id) ?? 0) + 1);
  for (const [a, b] of rows) {
    const id = g.get(a)!;
    if (id === g.get(b) && size.get(id) === 2 && !used.has(id)) {
      used.add(id);
      return { id, a, b };
    }
  }
  throw new Error('no unused two-record golden record matched at 0.99');
}

beforeAll(async () => {
  const started = startInProcessEngine({ roots: [t.dir], openHooks: false }, CALLER);
  c = started.client;
  engine = started.engine;
  await c.call('workspace.create', { path: ws, passphrase: PASS });
  await runJob(c, 'demo.generate', { customers: 400, seed: 21, events: false });
  await runJob(c, 'resolve.run', {});
  await build();
}, 120_000);

afterAll(async () => {
  await c.close();
  t.cleanup();
});

describe('steward decisions on incremental resolve runs', () => {
  it('a split pair stays apart when a new record links both sides; golden ids stay put', async () => {
    const { id, a, b } = strongPair();
    const s = await c.call('golden.split', { id, records: [b] });
    await build();
    // the full rerun binds the split; the summary counts it
    const full = await runJob(c, 'resolve.run', {});
    expect(resolved().get(a)).not.toBe(resolved().get(b));
    expect(full.entities).toBe(db().prepare('SELECT count(*) FROM resolve_entities WHERE run_id = ?').pluck().get(latestRun()));
    await build();
    const before = golden();
    const [copy] = await importCopies([a]);
    const inc = await incremental();
    expect(inc.incremental!.newRecords).toBe(1);
    const e = resolved();
    expect(e.get(a), 'an incremental run re-merged a split pair').not.toBe(e.get(b));
    expect([e.get(a), e.get(b)]).toContain(e.get(copy!));
    const r = await build();
    const after = golden();
    expect(after.get(a)).toBe(id);
    expect(after.get(b)).toBe(s.goldenId);
    // every golden id is kept; the copy joins one of the two
    for (const [rec, g] of before) expect(after.get(rec)).toBe(g);
    expect([id, s.goldenId]).toContain(after.get(copy!));
    expect(r.idsRetired).toBe(0);
    expect(r.idsCreated).toBe(0);
  }, 120_000);

  it('a split made since the run binds the incremental run, and resolve.summary counts it at once', async () => {
    const { id, a, b } = strongPair();
    const sum0 = await c.call('resolve.summary', {});
    const s = await c.call('golden.split', { id, records: [b] });
    const sum1 = await c.call('resolve.summary', {});
    expect(sum1.run!.entities, 'resolve.summary ignores the split').toBe(sum0.run!.entities + 1);
    const records = sum1.clusterSizes.reduce((n, [size, k]) => n + size * k, 0);
    expect(records).toBe(sum1.run!.records);
    expect(sum1.clusterSizes.reduce((n, [, k]) => n + k, 0)).toBe(sum1.run!.entities);
    const [copy] = await importCopies([a]);
    const inc = await incremental();
    const e = resolved();
    expect(e.get(a)).not.toBe(e.get(b));
    expect([e.get(a), e.get(b)]).toContain(e.get(copy!));
    // the run's own count now holds the split, and the summary agrees with it
    expect(inc.entities).toBe(sum1.run!.entities);
    expect((await c.call('resolve.summary', {})).run!.entities).toBe(inc.entities);
    await build();
    const g = golden();
    expect(g.get(a)).toBe(id);
    expect(g.get(b)).toBe(s.goldenId);
  }, 120_000);

  it('a locked record takes no new record; a merged one stays merged and takes its copies', async () => {
    const l = strongPair();
    const m1 = strongPair();
    const m2 = strongPair();
    const lock = await c.call('golden.lock', { id: l.id });
    await c.call('golden.merge', { id: m1.id, other: m2.id });
    await build();
    await runJob(c, 'resolve.run', {});
    await build();
    const [lockCopy, mergeCopy] = await importCopies([l.a, m2.a]);
    await incremental();
    const e = resolved();
    expect(e.get(lockCopy!), 'a new record joined a locked group').not.toBe(e.get(l.a));
    expect(new Set([m1.a, m1.b, m2.a, m2.b].map((r) => e.get(r))).size).toBe(1);
    expect(e.get(mergeCopy!)).toBe(e.get(m1.a));
    await build();
    const g = await c.call('golden.get', { id: l.id });
    expect(g.records).toEqual([l.a, l.b]);
    expect(golden().get(mergeCopy!)).toBe(m1.id);
    await c.call('golden.undo', { decisionId: lock.decisionId });
  }, 120_000);

  it('a cannot-link (review "not a match" across two golden records) is never bridged: a new record joins the side it matches best', async () => {
    const { id, a, b } = strongPair();
    // apart in the run's entities through a split, bound by the desk's non-match, then the split undone:
    // the two entities are free, only the cannot-link keeps them apart
    const s = await c.call('golden.split', { id, records: [b] });
    await runJob(c, 'resolve.run', {});
    await build();
    const label = await c.call('review.label', { itemId: `${Math.min(a, b)}-${Math.max(a, b)}`, verdict: 'nonMatch' });
    expect(label.decision?.kind).toBe('split');
    await c.call('golden.undo', { decisionId: s.decisionId });
    expect(resolved().get(a)).not.toBe(resolved().get(b));
    const [copyA] = await importCopies([a]);
    const inc = await incremental();
    let e = resolved();
    expect(e.get(a), 'a new record bridged a cannot-link').not.toBe(e.get(b));
    expect(inc.incremental!.merged.some((m) => [m.kept, ...m.absorbed].includes(e.get(b)!))).toBe(false);
    expect(e.get(copyA!)).toBe(e.get(a));
    const [copyB] = await importCopies([b]);
    await incremental();
    e = resolved();
    expect(e.get(a)).not.toBe(e.get(b));
    expect(e.get(copyB!)).toBe(e.get(b));
    // the full rerun agrees
    await runJob(c, 'resolve.run', {});
    e = resolved();
    expect(e.get(a)).not.toBe(e.get(b));
  }, 120_000);
});
