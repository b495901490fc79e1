// import: end-to-end import of a generated customer CSV through the engine worker (goal ≥ 100k rows/s
// on 2 cores, peak RSS < 1 GB), beside the raw parse speed of the CSV reader alone on the same file.
// Usage: npm run bench -- import [--rows N]
import { runJob } from '../engine/api/run-job.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { detect, readRows } from '../engine/ingest/formats/index.js';
import { startEngineWorker } from '../engine/worker/worker-transport.js';
import { customerCsv } from './_customer-csv.js';
import { BENCH_PASS, CALLER, benchDir } from './_fixtures.js';

const i = process.argv.indexOf('--rows');
const rows = i > 0 ? Number(process.argv[i + 1]) : 1_000_000;
const { path, bytes } = await customerCsv(rows);

// Peak RSS of this process, which hosts the engine worker thread too.
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50);

// 1. The parser alone.
const p0 = performance.now();
const d = await detect(path);
let parsed = 0;
for await (const item of readRows(path, d)) if (item.kind === 'row') parsed++;
const parseSeconds = (performance.now() - p0) / 1000;
const parseRss = peakRss;
peakRss = 0;

// 2. End to end: ingest.start in the engine worker, until the job finishes.
const dir = mkdtempSync(join(benchDir(), 'import-'));
const { client, transport } = await startEngineWorker({ roots: [dir, benchDir()], caller: CALLER });
await client.call('workspace.create', { path: join(dir, 'import.aerie'), passphrase: BENCH_PASS });
const t0 = performance.now();
// typed by the job's contract: a renamed result field is a compile error here, not a null figure
const result = await runJob(client, 'ingest.import', { path, source: 'crm', kind: 'customers' });
const seconds = (performance.now() - t0) / 1000;
clearInterval(sampler);
const info = await client.call('workspace.info', {});
await transport.close();
rmSync(dir, { recursive: true, force: true });

console.log(
  JSON.stringify(
    {
      bench: 'import',
      file: { rows, megabytes: Math.round(bytes / 1e5) / 10 },
      cpus: cpus().length,
      endToEnd: {
        seconds: Math.round(seconds * 100) / 100,
        rowsPerSecond: Math.round(result.rowsImported / seconds),
        megabytesPerSecond: Math.round(bytes / 1e6 / seconds),
        rowsImported: result.rowsImported,
        rowsRejected: result.rowsRejected,
        peakRssMB: Math.round(peakRss / 1e6),
        workspaceMB: Math.round(info.sizeBytes / 1e6),
      },
      parserAlone: { seconds: Math.round(parseSeconds * 100) / 100, rowsPerSecond: Math.round(parsed / parseSeconds), peakRssMB: Math.round(parseRss / 1e6) },
      goal: { rowsPerSecond: 100_000, peakRssMB: 1000 },
      pass: result.rowsImported / seconds >= 100_000 && peakRss < 1e9,
    },
    null,
    2,
  ),
);
