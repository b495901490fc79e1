// startup: engine worker start + open of a workspace holding 1M customer rows (goal p50 < 500 ms).
// Usage: npm run bench -- startup [--customers N] [--runs R]
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { cpus } from 'node:os';
import { startEngineWorker } from '../engine/worker/worker-transport.js';
import { BENCH_PASS, CALLER, demoWorkspace, summary } from './_fixtures.js';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const customers = arg('customers', 1_000_000);
const runs = arg('runs', 15);

const path = await demoWorkspace(customers);
const total: number[] = [];
const workerStart: number[] = [];
const open: number[] = [];
let rows = 0;
for (let i = 0; i < runs + 2; i++) {
  const t0 = performance.now();
  const { client, transport } = await startEngineWorker({ roots: [dirname(path)], caller: CALLER });
  const t1 = performance.now();
  await client.call('workspace.open', { path, passphrase: BENCH_PASS });
  const t2 = performance.now();
  if (i === 0) rows = (await client.call('workspace.info', {})).counts.records ?? 0;
  await client.call('workspace.close', {});
  await transport.close();
  if (i < 2) continue; // warm the OS file cache first, as a returning user's machine would be
  workerStart.push(t1 - t0);
  open.push(t2 - t1);
  total.push(t2 - t0);
}
const s = summary(total);
console.log(
  JSON.stringify(
    {
      bench: 'startup',
      what: 'engine worker start + workspace.open (key derivation, migrations check, job recovery)',
      rows,
      workspaceBytes: statSync(path).size,
      cpus: cpus().length,
      ms: s,
      workerStartMs: summary(workerStart),
      openMs: summary(open),
      goal: { p50Ms: 500 },
      pass: s.p50 < 500,
    },
    null,
    2,
  ),
);
