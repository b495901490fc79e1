// The golden build's output, byte for byte, through a steward's whole repertoire (issue 12's 1M
// memory work changed how the build holds its groups, previous ids and values, not what it
// writes): a real encrypted demo workspace, resolved and built, then rebuilt; merges, splits, an
// override, a lock, undone merges and splits, a cannot-link; a resolve rerun. After each build a
// digest of everything it stored (golden records, members, values with provenance, id events, the
// id counter) is compared with the digest the Map-based build of commit 7e4d5b7 gave on the same
// seeded data; values are also recomputed from the members with survive() directly.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoldenAttribute } from '../../../engine/api/golden.js';
import type { EngineClient } from '../../../engine/api/index.js';
import { runJob } from '../../../engine/api/run-job.js';
import type { Engine } from '../../../engine/core/engine.js';
import { GOLDEN_ATTRIBUTES } from '../../../engine/golden/attributes.js';
import { goldenBuildJob, type GoldenBuildParams } from '../../../engine/golden/build-job.js';
import { currentRules } from '../../../engine/golden/rules.js';
import { cannotLink } from '../../../engine/golden/steward.js';
import { survive, type Candidate } from '../../../engine/golden/survivorship.js';
import type { JobKind } from '../../../engine/jobs/types.js';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { CALLER, PASS, tempDir } from '../../helpers/tmp.js';

const t = tempDir();
const ws = join(t.dir, 'identical.aerie');
let c: EngineClient;
let engine: Engine;
const db = () => engine.requireSession().db;

// small chunks, so that values are read (and records written) across many chunk boundaries
const chunked: JobKind<GoldenBuildParams> = { ...goldenBuildJob, run: (ctx) => goldenBuildJob.run({ ...ctx, params: { ...ctx.params, chunk: 37 } }) };
const build = () => runJob(c, 'golden.build', {});

const latestBuildId = () => db().prepare("SELECT max(b.id) FROM golden_builds b JOIN jobs j ON j.id = b.job_id WHERE j.state = 'succeeded'").pluck().get() as number;

/** Everything the latest build stored, in a fixed order (no timestamps, job ids or durations). */
function stored(): string {
  const b = latestBuildId();
  const rows = (sql: string) => JSON.stringify(db().prepare(sql).raw().all(b));
  const summary = JSON.parse(db().prepare('SELECT summary FROM golden_builds WHERE id = ?').pluck().get(b) as string) as Record<string, unknown>;
  delete summary.seconds;
  return [
    rows('SELECT id, size, locked FROM golden_records WHERE build_id = ? ORDER BY id'),
    rows('SELECT record_id, golden_id FROM golden_members WHERE build_id = ? ORDER BY record_id'),
    rows('SELECT golden_id, attribute, value, rule, confidence, records FROM golden_values WHERE build_id = ? ORDER BY golden_id, attribute'),
    rows('SELECT id, golden_id, event, other_id, decision_id FROM golden_id_events WHERE build_id = ? ORDER BY id'),
    JSON.stringify(db().prepare("SELECT value FROM golden_settings WHERE key = 'next_id'").pluck().get()),
    JSON.stringify(summary),
  ].join('\n');
}
const digest = () => createHash('sha256').update(stored()).digest('hex').slice(0, 16);

/** Golden records of the latest build with at least `size` records, largest first (then by id). */
function bySize(size: number): { id: string; records: number[] }[] {
  const b = latestBuildId();
  return (db().prepare('SELECT id FROM golden_records WHERE build_id = ? AND size >= ? ORDER BY size DESC, id').pluck().all(b, size) as string[]).map((id) => ({
    id,
    records: db().prepare('SELECT record_id FROM golden_members WHERE build_id = ? AND golden_id = ? ORDER BY record_id').pluck().all(b, id) as number[],
  }));
}

/** Golden values of the latest build recomputed from its members with survive() (records neither locked nor overridden). */
function recomputedDiffers(): string[] {
  const b = latestBuildId();
  const { rules } = currentRules(db());
  const sources = new Map((db().prepare('SELECT id, name FROM sources').raw().all() as [number, string][]).map(([id, name]) => [id, rules.sourcePriority.indexOf(name)]));
  const importRank = new Map((db().prepare('SELECT id FROM imports ORDER BY created_at, id').pluck().all() as number[]).map((id, k) => [id, k]));
  const recs = new Map((db().prepare(`SELECT id, source_id, import_id, ${GOLDEN_ATTRIBUTES.join(', ')} FROM records`).raw().all() as [number, number, number, ...(string | null)[]][]).map((r) => [r[0], r]));
  const members = new Map<string, number[]>();
  for (const [r, g] of db().prepare('SELECT record_id, golden_id FROM golden_members WHERE build_id = ? ORDER BY record_id').raw().all(b) as [number, string][]) members.set(g, [...(members.get(g) ?? []), r]);
  const special = new Set(db().prepare("SELECT golden_id FROM golden_values WHERE build_id = ? AND rule IN ('lock', 'override')").pluck().all(b) as string[]);
  const storedValues = new Map((db().prepare('SELECT golden_id, attribute, value, rule, confidence, records FROM golden_values WHERE build_id = ?').raw().all(b) as string[][]).map((v) => [`${v[0]}/${v[1]}`, JSON.stringify(v.slice(2))]));
  const wrong: string[] = [];
  for (const [g, rs] of members) {
    if (special.has(g)) continue;
    GOLDEN_ATTRIBUTES.forEach((a: GoldenAttribute, k) => {
      const cands: Candidate[] = rs.flatMap((r) => {
        const row = recs.get(r)!;
        const v = row[k + 3] as string | null;
        const rank = sources.get(row[1]) ?? -1;
        return v && v.trim() !== '' ? [{ recordId: r, value: v, sourceRank: rank < 0 ? Number.MAX_SAFE_INTEGER : rank, recency: (importRank.get(row[2]) ?? 0) * 2 ** 32 + r }] : [];
      });
      const { survivor: s } = survive(a, cands, rules.attributes[a], rules.country);
      const want = s ? JSON.stringify([s.value, s.rule, s.confidence, JSON.stringify(s.records)]) : undefined;
      if (storedValues.get(`${g}/${a}`) !== want) wrong.push(`${g}/${a}`);
    });
  }
  return wrong;
}

beforeAll(async () => {
  const started = startInProcessEngine({ roots: [t.dir], openHooks: false, jobKinds: [chunked as JobKind<never>] }, CALLER);
  c = started.client;
  engine = started.engine;
  await c.call('workspace.create', { path: ws, passphrase: PASS });
  await runJob(c, 'demo.generate', { customers: 500, seed: 31, events: false });
  await runJob(c, 'resolve.run', {});
}, 120_000);

afterAll(async () => {
  await c.close();
  t.cleanup();
});

describe('golden build output', () => {
  it('is what the Map-based build wrote, through rebuilds, every kind of steward decision, undos and a resolve rerun', async () => {
    const digests: string[] = [];
    await build();
    digests.push(digest());
    const first = stored().split('\n').slice(0, 3).join('\n');
    expect(recomputedDiffers()).toEqual([]);
    await build(); // a rebuild keeps every id and writes the same records, members and values
    digests.push(digest());
    expect(stored().split('\n').slice(0, 3).join('\n')).toBe(first);

    const big = bySize(2);
    expect(big.length).toBeGreaterThan(12);
    const [a, b, s, o, l, ma, mb, us, ca, cb] = big;
    await c.call('golden.merge', { id: a!.id, other: b!.id });
    await c.call('golden.split', { id: s!.id, records: [s!.records.at(-1)!] });
    await c.call('golden.override', { id: o!.id, attribute: 'email', value: 'steward@example.com' });
    await c.call('golden.lock', { id: l!.id });
    const undoneMerge = await c.call('golden.merge', { id: ma!.id, other: mb!.id });
    const undoneSplit = await c.call('golden.split', { id: us!.id, records: [us!.records[0]!] });
    cannotLink(db(), 'tester', ca!.id, cb!.id, ca!.records[0]!, cb!.records[0]!, 'not the same customer');
    await build();
    digests.push(digest());
    // a resolve run binds them; undone after it, the next build takes them apart again without
    // waiting for another run (the merged-in records get their id back, the split one rejoins)
    await runJob(c, 'resolve.run', {});
    await c.call('golden.undo', { decisionId: undoneMerge.decisionId });
    await c.call('golden.undo', { decisionId: undoneSplit.decisionId });
    await build();
    digests.push(digest());
    await runJob(c, 'resolve.run', {});
    await build();
    digests.push(digest());
    expect(recomputedDiffers()).toEqual([]);
    // from the Map-based build (7e4d5b7) on this seeded data; if the demo generator or resolve
    // changes what it produces, recompute these with that build, not with the one under test
    expect(digests).toEqual(EXPECTED);
  }, 120_000);
});

// recomputed with the 7e4d5b7 build and the default rules of issue 12's accuracy work (email and
// phone: ties to the first seen; postcode stays with the newest record), which change the stored values and rules
const EXPECTED = ["fc6f5a3b7896f84a", "bb2ce8d37737e342", "86603ebb7635ef56", "30c7a2ff25bf77ce", "f60201e6af952d87"];
