/**
 * Profiling throughput: `npm run bench -- profile [--customers 1000000]`.
 * Builds (once) a demo workspace of N customers, then times profileColumns over the whole
 * workspace (canonical columns) and over its one source (raw source columns from records.raw),
 * and the catalogue. Prints one JSON object; top-level figures = workspace run.
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { openDatabase } from '../engine/db/open.js';
import { catalogue } from '../engine/profile/catalogue.js';
import { profileColumns } from '../engine/profile/profile.js';
import type { ProfileScope } from '../engine/profile/types.js';
import { BENCH_PASS, demoWorkspace } from './_fixtures.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const mb = (b: number) => Math.round(b / 1048576);

/** Wall time, CPU time of this process (user + system; on a busy machine the better guide), peak RSS. */
async function timed<T>(fn: () => Promise<T> | T): Promise<{ value: T; seconds: number; cpuSeconds: number; peakRssMB: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 50);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  try {
    const value = await fn();
    const seconds = (performance.now() - t0) / 1000;
    peak = Math.max(peak, process.memoryUsage.rss());
    const cpu = process.cpuUsage(c0);
    return { value, seconds: Math.round(seconds * 100) / 100, cpuSeconds: Math.round((cpu.user + cpu.system) / 1e4) / 100, peakRssMB: mb(peak) };
  } finally {
    clearInterval(timer);
  }
}

async function main(): Promise<void> {
  const customers = Number(arg('customers', '1000000'));
  const path = await demoWorkspace(customers);
  const db = openDatabase(path, BENCH_PASS, { create: false });
  const sourceId = db.prepare('SELECT source_id FROM records ORDER BY id LIMIT 1').pluck().get() as number;
  const load0 = loadavg()[0]!;

  const run = async (scope: ProfileScope) => {
    const r = await timed(() => profileColumns(db, scope, { defaultCountry: 'GB' }));
    return { rows: r.value.rows, seconds: r.seconds, cpuSeconds: r.cpuSeconds, rowsPerSecond: Math.round(r.value.rows / r.seconds), peakRssMB: r.peakRssMB, report: r.value };
  };
  const ws = await run({ kind: 'workspace' });
  const src = await run({ kind: 'source', sourceId });
  const cat = await timed(() => catalogue(db));

  const result: Record<string, unknown> = {
    bench: 'profile',
    rows: ws.rows,
    seconds: ws.seconds,
    rowsPerSecond: ws.rowsPerSecond,
    peakRssMB: ws.peakRssMB,
    cpuSeconds: ws.cpuSeconds,
    workspace: { rows: ws.rows, seconds: ws.seconds, cpuSeconds: ws.cpuSeconds, rowsPerSecond: ws.rowsPerSecond, peakRssMB: ws.peakRssMB, columns: ws.report.columns.length },
    source: { rows: src.rows, seconds: src.seconds, cpuSeconds: src.cpuSeconds, rowsPerSecond: src.rowsPerSecond, peakRssMB: src.peakRssMB, columns: src.report.columns.length },
    catalogue: { seconds: cat.seconds },
    check: {
      emailDistinct: ws.report.columns.find((c) => c.name === 'email')?.distinct,
      duplicates: ws.report.summary.duplicates,
      malformedPhones: ws.report.summary.phones.malformed,
    },
    node: process.version,
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    loadAverage1m: { before: Math.round(load0 * 100) / 100, after: Math.round(loadavg()[0]! * 100) / 100 },
  };

  db.close();
  console.log(JSON.stringify(result));
}

await main();
