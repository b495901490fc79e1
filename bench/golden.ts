/**
 * Golden records benchmark. Prints one JSON object.
 *
 *   npm run bench -- golden [--customers 10k|100k|1M] [--seed 7] [--fresh]
 *
 * An encrypted demo workspace (no events; engine in process) is resolved (resolve.run) — or, when
 * bench/out/data already holds a resolved one of that size and seed and --fresh is not given, it is
 * reused (1M takes long to generate and resolve; demoSeconds/resolveSeconds are then null) — then
 * golden records are built twice (golden.build: the first build creates every id, the rebuild keeps
 * them). Prints wall and CPU seconds and peak RSS of the process (the engine runs in it) for each build
 * (in a reused workspace both keep every id; the first runs with cold caches, as a build in a fresh
 * worker does), and,
 * against the demo's hidden truth, the share of golden records whose email, phone, postcode and
 * address line equal the true person's (the person most of its records belong to), for the default
 * survivorship rules and for "first record wins" (the lowest record id with a value) in the same run;
 * with, per attribute, the ceiling (the share where some member record holds the true value: no rule
 * that picks a member's value does better), the golden records on which only one of the two is right
 * (and, where only "first record wins" is, the rule text that decided and whether the group mixes
 * people), and alternative rules recomputed with survive() on the same members.
 * Issue goal: 1M customers rebuilt in ≤ 2 minutes on 2 cores, RSS ≤ 2 GB.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { runJob } from '../engine/api/run-job.js';
import { truthPathFor } from '../engine/demo/truth-file.js';
import { person } from '../engine/demo/truth.js';
import { valueKey } from '../engine/golden/attributes.js';
import type { AttributeRule } from '../engine/api/golden.js';
import { latestResolveRun, readRecords } from '../engine/golden/build-job.js';
import { resolveRules } from '../engine/golden/rules.js';
import { survive } from '../engine/golden/survivorship.js';
import { startInProcessEngine } from '../engine/worker/in-process-transport.js';
import { arg, BENCH_PASS, benchDir, CALLER, count } from './_fixtures.js';

const customers = count(arg('customers', '10k'));
const seed = Number(arg('seed', '7'));
const r4 = (x: number) => Math.round(x * 10000) / 10000;
const secs = (t0: number) => Math.round(performance.now() - t0) / 1000;

// peak RSS per phase: the kernel's high-water mark (VmHWM, reset through clear_refs), which sees the
// peaks between the build's yields that a timer cannot; the timer is the fallback off Linux
let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
const kernelPeak = (): number => {
  try {
    return Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
};
const phasePeak = () => {
  const p = Math.max(peak, process.memoryUsage.rss(), kernelPeak());
  peak = 0;
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // not Linux: the timer's samples only
  }
  return Math.round(p / 2 ** 20);
};

const dir = benchDir();
const ws = join(dir, `golden-${customers}-${seed}.aerie`);
const { client, engine } = startInProcessEngine({ roots: [dir], openHooks: false }, CALLER);
const cpu0 = process.cpuUsage();
let t = performance.now();
let demoSeconds: number | null = null;
let resolveSeconds: number | null = null;
let entities: number | null = null;
const reusable = !process.argv.includes('--fresh') && existsSync(ws) && existsSync(truthPathFor(ws));
if (reusable) await client.call('workspace.open', { path: ws, passphrase: BENCH_PASS });
const db0 = () => engine.requireSession().db;
if (reusable && latestResolveRun(db0()) !== null) {
  entities = db0().prepare('SELECT count(*) FROM resolve_entities WHERE run_id = ?').pluck().get(latestResolveRun(db0())) as number;
} else {
  if (reusable) await client.call('workspace.close', {});
  for (const f of [ws, `${ws}-wal`, `${ws}-shm`, `${ws}-lock`]) rmSync(f, { force: true });
  rmSync(truthPathFor(ws), { recursive: true, force: true });
  await client.call('workspace.create', { path: ws, passphrase: BENCH_PASS });
  t = performance.now();
  await runJob(client, 'demo.generate', { customers, seed, events: false });
  demoSeconds = secs(t);
  t = performance.now();
  entities = (await runJob(client, 'resolve.run', {})).entities;
  resolveSeconds = secs(t);
}
phasePeak();
const cpuOf = (c: NodeJS.CpuUsage) => Math.round((c.user + c.system) / 1e4) / 100;
t = performance.now();
let c0 = process.cpuUsage();
const first = await runJob(client, 'golden.build', {});
const build = { seconds: secs(t), cpuSeconds: cpuOf(process.cpuUsage(c0)), peakRssMB: phasePeak(), goldenRecords: first.goldenRecords, idsCreated: first.idsCreated };
t = performance.now();
c0 = process.cpuUsage();
const second = await runJob(client, 'golden.build', {});
const rebuild = { seconds: secs(t), cpuSeconds: cpuOf(process.cpuUsage(c0)), peakRssMB: phasePeak(), idsKept: second.idsKept, idsCreated: second.idsCreated };

// accuracy against the hidden truth
const db = engine.requireSession().db;
const personOf = new Map<string, number>();
for (const line of readFileSync(join(truthPathFor(ws), 'records.csv'), 'utf8').trim().split('\n').slice(1)) {
  const [source, key, , p] = line.split(',');
  personOf.set(`${source}\u0000${key}`, Number(p));
}
const recPerson = new Map<number, number>();
for (const [id, source, key] of db.prepare('SELECT r.id, s.name, r.source_key FROM records r JOIN sources s ON s.id = r.source_id').raw().iterate() as Iterable<[number, string, string]>) {
  const p = personOf.get(`${source}\u0000${key}`);
  if (p !== undefined) recPerson.set(id, p);
}
const attrs = ['email', 'phone', 'postcode', 'address_line'] as const;
const recValues = new Map<number, (string | null)[]>();
for (const row of db.prepare(`SELECT id, ${attrs.join(', ')} FROM records`).raw().iterate() as Iterable<[number, ...(string | null)[]]>) recValues.set(row[0], row.slice(1) as (string | null)[]);
const buildId = second.buildId;
const members = new Map<string, number[]>();
for (const [r, g] of db.prepare('SELECT record_id, golden_id FROM golden_members WHERE build_id = ?').raw().iterate(buildId) as Iterable<[number, string]>) {
  const l = members.get(g);
  if (l) l.push(r);
  else members.set(g, [r]);
}
const golden = new Map<string, Map<string, string>>();
for (const [g, a, v] of db.prepare('SELECT golden_id, attribute, value FROM golden_values WHERE build_id = ?').raw().iterate(buildId) as Iterable<[string, string, string]>) {
  let m = golden.get(g);
  if (!m) golden.set(g, (m = new Map()));
  m.set(a, v);
}
const norm = (a: (typeof attrs)[number], v: string) => (a === 'address_line' ? v.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim() : valueKey(a, v, 'GB'));
function correct(a: (typeof attrs)[number], v: string | null | undefined, p: number): boolean {
  if (!v) return false;
  const P = person(seed, p);
  const k = norm(a, v);
  if (a === 'email') return k === `${P.emailLocal}@${P.emailDomain}`.toLowerCase();
  if (a === 'phone') return k === valueKey('phone', P.mobile, 'GB') || k === valueKey('phone', P.landline, 'GB');
  if (a === 'postcode') return k === valueKey('postcode', P.postcode, 'GB');
  const street = P.street.toLowerCase().split(' ')[0]!;
  return new RegExp(`\\b${P.houseNo}\\b`).test(k) && k.includes(street);
}
// ceiling: some member record holds the true value (no rule that picks a member's value can do
// better); the disagreements between the defaults and "first record wins", and why the defaults lost
// (the rule that decided, and whether the record group mixes people); and alternative rules
// recomputed here with survive() on the same records, to compare candidates for the defaults
const table = readRecords(db, []);
const recencyOf = new Map<number, number>();
table.ids.forEach((id, k) => recencyOf.set(id, table.recency[k]!));
const defaults = resolveRules(null).attributes;
const ALTERNATIVES: Record<string, AttributeRule> = {
  frequentThenRecent: { rule: 'mostFrequent', validOnly: true, tieBreakers: ['mostRecent'] },
  frequentThenFirst: { rule: 'mostFrequent', validOnly: true, tieBreakers: [] },
  frequentAnyThenFirst: { rule: 'mostFrequent', validOnly: false, tieBreakers: [] },
  frequentThenComplete: { rule: 'mostFrequent', validOnly: true, tieBreakers: ['mostComplete', 'mostRecent'] },
  recentThenFrequent: { rule: 'mostRecent', validOnly: false, tieBreakers: ['mostFrequent'] },
  recentValidThenFrequent: { rule: 'mostRecent', validOnly: true, tieBreakers: ['mostFrequent'] },
};
const zero = () => ({ survivorship: 0, firstRecordWins: 0, ceiling: 0, withTruth: 0, onlySurvivorship: 0, onlyFirst: 0, bothWrongCeilingRight: 0, onlyFirstBy: {} as Record<string, number>, onlyFirstMixed: 0, alternatives: Object.fromEntries(Object.keys(ALTERNATIVES).map((k) => [k, 0])) as Record<string, number>, recomputedDefault: 0 });
const score = Object.fromEntries(attrs.map((a) => [a, zero()]));
for (const [g, recs] of members) {
  const votes = new Map<number, number>();
  for (const r of recs) {
    const p = recPerson.get(r);
    if (p !== undefined) votes.set(p, (votes.get(p) ?? 0) + 1);
  }
  let p = -1;
  let n = 0;
  for (const [x, c] of votes) if (c > n) [p, n] = [x, c];
  if (p < 0) continue;
  const sorted = [...recs].sort((x, y) => x - y);
  attrs.forEach((a, k) => {
    const s = score[a]!;
    s.withTruth++;
    const survOk = correct(a, golden.get(g)?.get(a), p);
    const firstValue = sorted.map((r) => recValues.get(r)?.[k]).find((v) => v && v.trim() !== '');
    const firstOk = correct(a, firstValue, p);
    const ceilOk = sorted.some((r) => correct(a, recValues.get(r)?.[k], p));
    if (survOk) s.survivorship++;
    if (firstOk) s.firstRecordWins++;
    if (ceilOk) s.ceiling++;
    if (survOk && !firstOk) s.onlySurvivorship++;
    if (ceilOk && !survOk && !firstOk) s.bothWrongCeilingRight++;
    const cands = sorted.flatMap((r) => {
      const v = recValues.get(r)?.[k];
      return v && v.trim() !== '' ? [{ recordId: r, value: v, sourceRank: Number.MAX_SAFE_INTEGER, recency: recencyOf.get(r) ?? 0 }] : [];
    });
    const current = survive(a, cands, defaults[a], 'GB', { verdicts: false }).survivor;
    if (correct(a, current?.value, p)) s.recomputedDefault++;
    if (firstOk && !survOk) {
      s.onlyFirst++;
      const by = current?.rule ?? 'none';
      s.onlyFirstBy[by] = (s.onlyFirstBy[by] ?? 0) + 1;
      if (votes.size > 1 || recs.some((r) => !recPerson.has(r))) s.onlyFirstMixed++;
    }
    for (const [name, rule] of Object.entries(ALTERNATIVES)) if (correct(a, survive(a, cands, rule, 'GB', { verdicts: false }).survivor?.value, p)) s.alternatives[name]!++;
  });
}
const share = (x: number, s: { withTruth: number }) => r4(x / s.withTruth);
const accuracy = Object.fromEntries(
  Object.entries(score).map(([a, s]) => [
    a,
    {
      ceiling: share(s.ceiling, s),
      survivorship: share(s.survivorship, s),
      firstRecordWins: share(s.firstRecordWins, s),
      goldenRecords: s.withTruth,
      // counts of golden records
      disagreements: { onlySurvivorshipRight: s.onlySurvivorship, onlyFirstRight: s.onlyFirst, bothWrongCeilingRight: s.bothWrongCeilingRight, onlyFirstRightDecidedBy: s.onlyFirstBy, onlyFirstRightMixedGroup: s.onlyFirstMixed },
      recomputedDefault: share(s.recomputedDefault, s),
      alternatives: Object.fromEntries(Object.entries(s.alternatives).map(([k, v]) => [k, share(v, s)])),
    },
  ]),
);
const cpu = process.cpuUsage(cpu0);
clearInterval(sampler);
await client.close();
process.stdout.write(
  `${JSON.stringify({
    bench: 'golden',
    customers,
    seed,
    records: first.records,
    entities,
    reused: reusable && demoSeconds === null,
    demoSeconds,
    resolveSeconds,
    build,
    rebuild,
    accuracy,
    cpuSeconds: Math.round((cpu.user + cpu.system) / 1e4) / 100,
    cores: cpus().length,
    loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
  })}\n`,
);
