// rpc: API round trip over the WebSocket transport (goal p50 < 1 ms, p99 < 5 ms), with the
// worker and in-process transports beside it for reference.
// Usage: npm run bench -- rpc [--calls N]
import { tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineClient } from '../engine/api/index.js';
import { startLoopbackHost } from '../engine/host/server.js';
import { connectLoopback } from '../engine/host/ws-transport.js';
import { startInProcessEngine } from '../engine/worker/in-process-transport.js';
import { startEngineWorker } from '../engine/worker/worker-transport.js';
import { BENCH_PASS, CALLER, summary } from './_fixtures.js';

const i = process.argv.indexOf('--calls');
const calls = i > 0 ? Number(process.argv[i + 1]) : 5000;
const dir = mkdtempSync(join(tmpdir(), 'aerie-rpc-'));

async function measure(client: EngineClient): Promise<ReturnType<typeof summary>> {
  const samples: number[] = [];
  for (let n = 0; n < calls + 500; n++) {
    const t0 = performance.now();
    await client.call('jobs.list', { limit: 5 });
    if (n >= 500) samples.push(performance.now() - t0);
  }
  return summary(samples);
}

const { client: worker, transport } = await startEngineWorker({ roots: [dir], caller: CALLER });
await worker.call('workspace.create', { path: join(dir, 'rpc.aerie'), passphrase: BENCH_PASS });
const host = await startLoopbackHost({ client: worker, rendererDir: dir });
const ws = await connectLoopback(host.url);
const websocket = await measure(ws);
const workerOnly = await measure(worker);
await ws.close();
await host.close();
await transport.close();

const { client: inproc } = startInProcessEngine({ roots: [dir] }, CALLER);
await inproc.call('workspace.open', { path: join(dir, 'rpc.aerie'), passphrase: BENCH_PASS });
const inProcess = await measure(inproc);
await inproc.close();
rmSync(dir, { recursive: true, force: true });

console.log(
  JSON.stringify(
    {
      bench: 'rpc',
      method: 'jobs.list {limit: 5} on an open workspace',
      calls,
      websocketMs: websocket,
      workerMs: workerOnly,
      inProcessMs: inProcess,
      goal: { websocketP50Ms: 1, websocketP99Ms: 5 },
      pass: websocket.p50 < 1 && websocket.p99 < 5,
    },
    null,
    2,
  ),
);
