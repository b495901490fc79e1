// review: the review desk's next-item latency (issue 12: p95 ≤ 50 ms with 1M records and 100k
// entities), engine side (in-process call) and end to end through the loopback host (worker engine,
// WebSocket client), on a resolved demo CRM workspace. Each sample is one review.next after a skip
// (so every call shows another pair and re-reads the label log); the first call, which builds the
// queue from the run, is reported apart, and so are the skips (review.label).
// Usage: npm run bench -- review [--records 100k|1M] [--calls N] [--workspace FILE.aerie]
// The workspace (bench/out/review/review-<records>.aerie) is built once and reused: the demo CRM
// feed of as many customers as give that many rows (seed 7), imported and resolved (a full run; about
// 10 minutes at 1M on a quiet 2-core machine). Labels the bench writes are skips (append-only).
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { EngineClient } from '../engine/api/index.js';
import { runJob } from '../engine/api/run-job.js';
import { layout, rowRef } from '../engine/demo/layout.js';
import { hash, rng } from '../engine/demo/random.js';
import { DEMO_SOURCES } from '../engine/demo/sources.js';
import { person } from '../engine/demo/truth.js';
import { startLoopbackHost } from '../engine/host/server.js';
import { connectLoopback } from '../engine/host/ws-transport.js';
import { startInProcessEngine } from '../engine/worker/in-process-transport.js';
import { startEngineWorker } from '../engine/worker/worker-transport.js';
import { arg, BENCH_PASS, CALLER, count, summary } from './_fixtures.js';

const records = count(arg('records', '100k'), '--records');
const calls = Number(arg('calls', '300'));
const given = arg('workspace', '');
const SEED = 7;

const q = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The first `rows` rows of the demo CRM feed (the customer count is raised until it has that many). */
function crmCsv(dir: string, rows: number): { path: string; mapping: Record<string, string | null> } {
  const src = DEMO_SOURCES[0]!;
  let customers = Math.ceil(rows / 0.55);
  let L = layout(SEED, customers);
  while (L.rows[0]! < rows) L = layout(SEED, (customers = Math.ceil(customers * 1.05)));
  const lines = [src.columns.map(([c]) => c).join(',')];
  for (let k = 0; k < rows; k++) {
    const ref = rowRef(L, 0, k);
    lines.push(src.render(ref, person(SEED, ref.person), rng(hash(SEED, 400, k))).map(q).join(','));
  }
  const path = join(dir, `crm-${SEED}-${rows}.csv`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return { path, mapping: Object.fromEntries(src.columns) };
}

async function workspace(): Promise<string> {
  if (given) return resolve(given);
  const dir = resolve(process.env.AERIE_BENCH_DIR ? join(process.env.AERIE_BENCH_DIR, 'review') : 'bench/out/review');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `review-${records}.aerie`);
  // the marker says the build finished (a killed build leaves none, and is built again)
  const ready = `${path}.ready`;
  if (existsSync(ready)) return path;
  for (const f of [path, `${path}-wal`, `${path}-shm`, `${path}-lock`]) rmSync(f, { force: true, recursive: true });
  const log = (m: string) => process.stderr.write(`review ${records}: ${m} (load ${loadavg()[0]!.toFixed(1)})\n`);
  const t0 = performance.now();
  const csv = crmCsv(dir, records);
  log(`wrote ${csv.path} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const { client } = startInProcessEngine({ roots: [dir], openHooks: false }, CALLER);
  await client.call('workspace.create', { path, passphrase: BENCH_PASS });
  const imp = await runJob(client, 'ingest.import', { path: csv.path, source: 'crm', kind: 'customers', mapping: csv.mapping });
  log(`imported ${imp.rowsImported} records at ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const run = await runJob(client, 'resolve.run', {});
  log(`resolved into ${run.entities} entities at ${((performance.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(run.secondsPerStage)}`);
  await client.call('workspace.close', {});
  await client.close();
  writeFileSync(ready, `${new Date().toISOString()}\n`);
  return path;
}

interface Phase {
  firstCallMs: number;
  nextMs: ReturnType<typeof summary>;
  skipMs: ReturnType<typeof summary>;
  kinds: Record<string, number>;
}

async function measure(client: EngineClient): Promise<Phase> {
  const t0 = performance.now();
  let r = await client.call('review.next', {});
  const firstCallMs = Math.round(performance.now() - t0);
  const next: number[] = [];
  const skip: number[] = [];
  const kinds: Record<string, number> = {};
  for (let n = 0; n < calls && r.item; n++) {
    for (const k of r.item.reasons) kinds[k] = (kinds[k] ?? 0) + 1;
    const s0 = performance.now();
    await client.call('review.label', { itemId: r.item.id, verdict: 'skip' });
    skip.push(performance.now() - s0);
    const n0 = performance.now();
    r = await client.call('review.next', {});
    next.push(performance.now() - n0);
  }
  return { firstCallMs, nextMs: summary(next), skipMs: summary(skip), kinds };
}

const path = await workspace();
const cpu0 = process.cpuUsage();
const wall0 = performance.now();

// engine side: the in-process engine
const inproc = startInProcessEngine({ roots: [dirname(path)], openHooks: false }, CALLER);
await inproc.client.call('workspace.open', { path, passphrase: BENCH_PASS });
const db = inproc.engine.requireSession().db;
const run = db.prepare("SELECT r.id FROM resolve_runs r JOIN jobs j ON j.id = r.job_id WHERE j.state = 'succeeded' ORDER BY r.id DESC LIMIT 1").pluck().get() as number;
const shape = {
  records: db.prepare('SELECT count(*) FROM records').pluck().get() as number,
  entities: db.prepare('SELECT count(*) FROM resolve_entities WHERE run_id = ?').pluck().get(run) as number,
  multiRecordEntities: db.prepare('SELECT count(*) FROM resolve_entities WHERE run_id = ? AND size >= 2').pluck().get(run) as number,
  scoredPairs: db.prepare('SELECT count(*) FROM resolve_pairs WHERE run_id = ?').pluck().get(run) as number,
  labelsBefore: db.prepare('SELECT count(*) FROM review_labels').pluck().get() as number,
};
const engineSide = await measure(inproc.client);
const s0 = performance.now();
const stats = await inproc.client.call('review.stats', {});
const statsMs = Math.round(performance.now() - s0);
await inproc.client.close();

// end to end: worker engine behind the loopback host, a WebSocket client
const { client: worker, transport } = await startEngineWorker({ roots: [dirname(path)], caller: CALLER, openHooks: false });
await worker.call('workspace.open', { path, passphrase: BENCH_PASS });
const host = await startLoopbackHost({ client: worker, rendererDir: dirname(path) });
const ws = await connectLoopback(host.url);
const endToEnd = await measure(ws);
await ws.close();
await host.close();
await worker.call('workspace.close', {}).catch(() => undefined);
await transport.close();

const cpu = process.cpuUsage(cpu0);
console.log(
  JSON.stringify(
    {
      bench: 'review',
      workspace: path,
      ...shape,
      calls,
      engineSide,
      endToEnd,
      statsMs,
      queued: stats.queued,
      estimate: stats.estimate && { precision: stats.estimate.precision, recall: stats.estimate.recall },
      wallS: Math.round(performance.now() - wall0) / 1000,
      benchProcessCpuS: Math.round((cpu.user + cpu.system) / 1e4) / 100,
      loadavg: loadavg().map((x) => Math.round(x * 100) / 100),
      cpus: cpus().length,
      goal: { nextP95Ms: 50 },
      pass: engineSide.nextMs.p95 <= 50 && endToEnd.nextMs.p95 <= 50,
    },
    null,
    2,
  ),
);
