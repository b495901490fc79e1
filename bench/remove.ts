// remove: delete a source of N imported rows (default 100k) and measure how long the removal takes
// and how long it keeps the engine from answering anything else. The engine runs in this thread
// (in-process transport), so the event loop's longest stall while the job runs is the engine's
// longest blocked stretch; a jobs.get sent every 20 ms shows the same from a caller's side.
// Usage: npm run bench -- remove [--rows 100k]
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { runJob } from '../engine/api/run-job.js';
import { startInProcessEngine } from '../engine/worker/in-process-transport.js';
import { customerCsv } from './_customer-csv.js';
import { BENCH_PASS, CALLER, arg, benchDir, count } from './_fixtures.js';

const rows = count(arg('rows', '100k'), '--rows');
const { path } = await customerCsv(rows);
const dir = mkdtempSync(join(benchDir(), 'remove-'));
const { client } = startInProcessEngine({ roots: [dir, benchDir()] }, CALLER);
await client.call('workspace.create', { path: join(dir, 'remove.aerie'), passphrase: BENCH_PASS });
const imported = await runJob(client, 'ingest.import', { path, source: 'crm', kind: 'customers' });

const loop = monitorEventLoopDelay({ resolution: 5 });
const latencies: number[] = [];
let pinging = true;
let inFlight = 0; // when the call now waiting for an answer was sent
const ping = (async () => {
  while (pinging) {
    const t = (inFlight = performance.now());
    await client.call('jobs.list', { limit: 1 });
    latencies.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 20));
  }
})();
// the longest gap between 5 ms timer ticks: how long the thread (the engine) did nothing else
let lastTick = performance.now();
let maxGap = 0;
const ticker = setInterval(() => {
  const now = performance.now();
  maxGap = Math.max(maxGap, now - lastTick);
  lastTick = now;
}, 5);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
loop.enable();
const result = await runJob(client, 'ingest.remove', { source: 'crm' });
const seconds = (performance.now() - t0) / 1000;
loop.disable();
clearInterval(ticker);
maxGap = Math.max(maxGap, performance.now() - lastTick); // a stall that lasted until the job ended
const cpu = process.cpuUsage(cpu0);
pinging = false;
const unanswered = performance.now() - inFlight; // the call sent during the stall has waited this long
await ping;
await client.close();
rmSync(dir, { recursive: true, force: true });

const ms = (x: number) => Math.round(x * 10) / 10;
console.log(
  JSON.stringify(
    {
      bench: 'remove',
      rows: imported.rowsImported,
      removed: result.records,
      cpus: cpus().length,
      loadAverage1m: Math.round(loadavg()[0]! * 10) / 10,
      seconds: Math.round(seconds * 100) / 100,
      cpuSeconds: Math.round((cpu.user + cpu.system) / 1e4) / 100,
      engineBlockedMaxMs: ms(Math.max(maxGap, loop.max / 1e6)),
      callLatencyMs: { max: ms(Math.max(unanswered, ...latencies)), calls: latencies.length },
    },
    null,
    2,
  ),
);
