/**
 * Golden entity list and timeline benchmark (the Golden records screen's reads). Prints one JSON object.
 *
 *   npm run bench -- golden-list [--customers 100k] [--seed 3] [--pages 60]
 *
 * An encrypted demo workspace with events (engine in process) is generated, resolved and built
 * (golden.build) on first use, then reused from bench/out/data. Then: the first golden.list after a
 * build (it summarises the build: sources, names, weakest links), and latencies of later pages with
 * the screen's filters (size, source, weak links, text, weakest-first sort, deep offsets) and of
 * golden.timeline for random entities. Issue goal: an entity list that stays responsive at 100k+.
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { runJob } from '../engine/api/run-job.js';
import { startInProcessEngine } from '../engine/worker/in-process-transport.js';
import { arg, BENCH_PASS, benchDir, CALLER, count, summary } from './_fixtures.js';

const customers = count(arg('customers', '100k'));
const seed = Number(arg('seed', '3'));
const nPages = Number(arg('pages', '60'));
const secs = (t0: number) => Math.round(performance.now() - t0) / 1000;

const dir = benchDir();
const ws = join(dir, `golden-list-${customers}-${seed}.aerie`);
const { client } = startInProcessEngine({ roots: [dir], openHooks: false }, CALLER);
const cpu0 = process.cpuUsage();
const setup: Record<string, number> = {};
if (existsSync(ws)) await client.call('workspace.open', { path: ws, passphrase: BENCH_PASS });
else {
  await client.call('workspace.create', { path: ws, passphrase: BENCH_PASS });
  const t0 = performance.now();
  await runJob(client, 'demo.generate', { customers, seed });
  setup.demoSeconds = secs(t0);
}
// a workspace left half-way by an interrupted run is finished here
if ((await client.call('resolve.summary', {})).run === null) {
  const t0 = performance.now();
  await runJob(client, 'resolve.run', {});
  setup.resolveSeconds = secs(t0);
}
if ((await client.call('golden.summary', {})).build === null) {
  const t0 = performance.now();
  await runJob(client, 'golden.build', {});
  setup.buildSeconds = secs(t0);
}

let t = performance.now();
const cpuFirst = process.cpuUsage();
const first = await client.call('golden.list', { limit: 100 });
const firstListMs = Math.round((performance.now() - t) * 10) / 10;
const firstCpu = process.cpuUsage(cpuFirst);
// wall time on a loaded machine is mostly waiting for a core: CPU time says what the call costs
const firstListCpuMs = Math.round((firstCpu.user + firstCpu.system) / 1000);

const rnd = (() => {
  let s = seed * 2654435761;
  return () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
})();
const src = first.sources.map((s) => s.id);
const filters = [
  () => ({}),
  () => ({ minSize: 2 }),
  () => ({ minSize: 3, maxSize: 5 }),
  () => ({ sourceId: src[Math.floor(rnd() * src.length)]! }),
  () => ({ maxConfidence: 0.9 }),
  () => ({ sort: 'confidence' as const, minSize: 2 }),
  () => ({ search: 'smith' }),
];
const listMs: number[] = [];
let maxTotal = 0;
for (let k = 0; k < nPages; k++) {
  const f = filters[k % filters.length]!();
  const offset = k % 3 === 0 ? 0 : Math.floor(rnd() * Math.max(1, first.total - 100));
  t = performance.now();
  const r = await client.call('golden.list', { ...f, offset, limit: 100 });
  listMs.push(performance.now() - t);
  maxTotal = Math.max(maxTotal, r.total);
}
const ids = (await client.call('golden.list', { minSize: 2, limit: 1000 })).items.map((x) => x.id);
const timelineMs: number[] = [];
for (let k = 0; k < Math.min(nPages, ids.length); k++) {
  t = performance.now();
  await client.call('golden.timeline', { id: ids[Math.floor(rnd() * ids.length)]!, limit: 25 });
  timelineMs.push(performance.now() - t);
}
const cpu = process.cpuUsage(cpu0);
console.log(
  JSON.stringify({
    bench: 'golden-list',
    customers,
    seed,
    entities: first.total,
    sources: first.sources.length,
    ...setup,
    firstListMs,
    firstListCpuMs,
    listMs: summary(listMs),
    timelineMs: summary(timelineMs),
    cpuSeconds: Math.round((cpu.user + cpu.system) / 1e4) / 100,
    rssMB: Math.round(process.memoryUsage.rss() / 2 ** 20),
    cores: cpus().length,
    loadavg: loadavg().map((x) => Math.round(x * 100) / 100),
  }),
);
await client.close();
