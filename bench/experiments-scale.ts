/**
 * Experiment assignment at scale (issue 14): `npm run bench -- experiments-scale [--units 100k,1M]
 * [--stratify city] [--holdout 0.1] [--results no]`. Per size, a workspace of that many customer records (the
 * legacy-CRM CSV of bench/_customer-csv.ts through the import job; built once, reused) and two
 * fresh experiments of the same design:
 * - before: the assignment as the old experiments.assign method did it, one synchronous call on the
 *   engine thread (read every unit, deal, store): the engine answers nothing else until it returns,
 *   so its wall time is the blocked time;
 * - after: the experiments.assign job, while a caller pings the engine (jobs.get) back to back; the
 *   longest ping is the longest time the engine was blocked, the p99 what a caller typically waits.
 * Then experiments.results on the assigned experiment (timed; this CSV has no events, so it measures
 * the assignment and unit side of results, not the metric reads).
 * Prints one JSON object: per size the wall, CPU and blocked times, and the load average.
 *
 * `--events 100k[,1M]` instead: results with outcomes from the event store, on the demo workspace of
 * that many customers (bench/_fixtures.ts demoWorkspace: customers with orders and activity events)
 * and an experiment over the demo's campaign window (churn_90d, conversion, revenue; assigned once,
 * reused). Times experiments.results computed on the engine thread (cache empty: the blocked time),
 * then the experiments.computeResults job with a caller pinging the engine (longest ping: the longest
 * blocked time), then experiments.results answered from what the job kept. `--job no`: only the
 * first part (runs on code without the job, for a before/after on the same machine).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { runJob } from '../engine/api/index.js';
import { assignUnits } from '../engine/experiments/store.js';
import { experimentUnits } from '../engine/experiments/units.js';
import { startInProcessEngine } from '../engine/worker/in-process-transport.js';
import { customerCsv } from './_customer-csv.js';
import { arg, benchDir, BENCH_PASS, CALLER, count, demoWorkspace, summary } from './_fixtures.js';

const sizes = arg('units', '100k,1M').split(',').map((s) => count(s.trim(), '--units'));
const stratify = arg('stratify', 'city');
const holdout = Number(arg('holdout', '0.1'));
const withResults = arg('results', 'yes') !== 'no';
const r3 = (x: number) => Math.round(x * 1000) / 1000;

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

async function atSize(n: number) {
  const dir = benchDir();
  const ws = join(dir, `experiments-scale-${n}.aerie`);
  const { client, engine } = startInProcessEngine({ roots: [dir] }, CALLER);
  let buildSeconds: number | null = null;
  if (existsSync(ws)) await client.call('workspace.open', { path: ws, passphrase: BENCH_PASS });
  else {
    const t0 = performance.now();
    const csv = await customerCsv(n);
    await client.call('workspace.create', { path: ws, passphrase: BENCH_PASS });
    await runJob(client, 'ingest.import', { path: csv.path, source: 'crm', kind: 'customers' });
    buildSeconds = r3((performance.now() - t0) / 1000);
  }
  const stamp = new Date().toISOString();
  const design = (name: string) => ({ name: `${name} ${stamp}`, unit: 'source' as const, arms: [{ name: 'control', share: 1 }, { name: 'treatment', share: 1 }], holdout, stratify: stratify === 'none' ? null : stratify, primaryMetric: 'conversion', startsOn: '2025-01-01', endsOn: '2025-03-31' });

  // before: one synchronous call, as the old method handler ran it
  const old = await client.call('experiments.create', design('scale before'));
  const db = engine.requireSession().db;
  let c0 = cpu();
  let t0 = performance.now();
  const units = experimentUnits(db, 'source', old.stratify);
  const assignedBefore = assignUnits(db, old.id, units.map((u) => (u.stratum === null ? { unit: u.unit } : { unit: u.unit, stratum: u.stratum })));
  const before = { units: assignedBefore, wallSeconds: r3((performance.now() - t0) / 1000), cpuSeconds: r3(cpu() - c0), blockedSeconds: r3((performance.now() - t0) / 1000) };

  // after: the job, with a caller pinging the engine meanwhile
  const e = await client.call('experiments.create', design('scale after'));
  c0 = cpu();
  t0 = performance.now();
  const { jobId } = await client.call('experiments.assign', { id: e.id });
  const pings: number[] = [];
  for (;;) {
    const p0 = performance.now();
    const j = await client.call('jobs.get', { id: jobId });
    pings.push(performance.now() - p0);
    if (j.state !== 'queued' && j.state !== 'running') {
      if (j.state !== 'succeeded') throw new Error(`assign job ${j.state}: ${j.error?.message ?? ''}`);
      break;
    }
  }
  const wall = (performance.now() - t0) / 1000;
  const job = await client.call('jobs.get', { id: jobId });
  const p = summary(pings.map((x) => x / 1000));
  const after = { units: (job.result as { assigned: number }).assigned, wallSeconds: r3(wall), cpuSeconds: r3(cpu() - c0), blockedSeconds: p.max, pingSeconds: { n: p.n, p50: p.p50, p99: p.p99, max: p.max } };

  t0 = performance.now();
  if (withResults) await client.call('experiments.results', { id: e.id });
  const resultsSeconds = withResults ? r3((performance.now() - t0) / 1000) : null;
  await client.close();
  return { units: n, buildSeconds, before, after, resultsSeconds, loadavg: loadavg().map((x) => Math.round(x * 100) / 100) };
}

/** Ping the engine back to back until the job ends: wall, CPU and the longest wait. */
async function followJob(client: ReturnType<typeof startInProcessEngine>['client'], jobId: string) {
  const c0 = cpu();
  const t0 = performance.now();
  const pings: number[] = [];
  for (;;) {
    const p0 = performance.now();
    const j = await client.call('jobs.get', { id: jobId });
    pings.push(performance.now() - p0);
    if (j.state !== 'queued' && j.state !== 'running') {
      if (j.state !== 'succeeded') throw new Error(`job ${j.state}: ${j.error?.message ?? ''}`);
      break;
    }
  }
  const p = summary(pings.map((x) => x / 1000));
  return { wallSeconds: r3((performance.now() - t0) / 1000), cpuSeconds: r3(cpu() - c0), blockedSeconds: p.max, pingSeconds: { n: p.n, p50: p.p50, p99: p.p99, max: p.max } };
}

async function eventsAtSize(n: number, withJob: boolean) {
  const path = await demoWorkspace(n);
  const { client, engine } = startInProcessEngine({ roots: [benchDir()] }, CALLER);
  await client.call('workspace.open', { path, passphrase: BENCH_PASS });
  const name = 'results bench (campaign window)';
  let e = (await client.call('experiments.list', {})).items.find((x) => x.name === name);
  if (!e) e = await client.call('experiments.create', { name, unit: 'source', arms: [{ name: 'control', share: 1 }, { name: 'treatment', share: 1 }], primaryMetric: 'churn_90d', guardrailMetrics: ['conversion', 'revenue'], startsOn: '2025-01-01', endsOn: '2025-03-31' });
  if (Object.keys(e.assigned).length === 0) await runJob(client, 'experiments.assign', { id: e.id });
  const events = engine.requireSession().db.prepare('SELECT count(*) FROM events').pluck().get() as number;
  let c0 = cpu();
  let t0 = performance.now();
  await client.call('experiments.results', { id: e.id, sequential: 'pocock' }); // not cached: computed on the engine thread
  const sync = { wallSeconds: r3((performance.now() - t0) / 1000), cpuSeconds: r3(cpu() - c0), blockedSeconds: r3((performance.now() - t0) / 1000) };
  let job = null, cachedSeconds = null;
  if (withJob) {
    const { jobId } = await client.call('experiments.computeResults', { id: e.id });
    job = await followJob(client, jobId);
    t0 = performance.now();
    await client.call('experiments.results', { id: e.id });
    cachedSeconds = r3((performance.now() - t0) / 1000);
  }
  await client.close();
  return { customers: n, events, resultsOnEngineThread: sync, computeResultsJob: job, resultsAfterJobSeconds: cachedSeconds, loadavg: loadavg().map((x) => Math.round(x * 100) / 100) };
}

const eventSizes = arg('events', '');
if (eventSizes) {
  const withJob = arg('job', 'yes') !== 'no';
  const out = [];
  for (const s of eventSizes.split(',')) out.push(await eventsAtSize(count(s.trim(), '--events'), withJob));
  process.stdout.write(`${JSON.stringify({ bench: 'experiments-scale', mode: 'results from events', cpus: cpus().length, sizes: out }, null, 2)}\n`);
  process.exit(0);
}

const out = [];
for (const n of sizes) out.push(await atSize(n));
process.stdout.write(`${JSON.stringify({ bench: 'experiments-scale', design: { stratify, holdout, arms: '1:1' }, cpus: cpus().length, sizes: out }, null, 2)}\n`);
