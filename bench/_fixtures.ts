// Shared benchmark fixtures: demo workspaces of a given size, built once and reused.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startInProcessEngine } from '../engine/worker/in-process-transport.js';

export const BENCH_PASS = 'aerie benchmark passphrase';
export const CALLER = { user: 'bench', host: 'test' as const };

export function benchDir(): string {
  const dir = resolve(process.env.AERIE_BENCH_DIR ?? 'bench/out/data');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A workspace holding `customers` generated customers (created on first use). */
export async function demoWorkspace(customers: number, seed = 1): Promise<string> {
  const dir = benchDir();
  const path = join(dir, `demo-${customers}-${seed}.aerie`);
  if (existsSync(path)) return path;
  const { client } = startInProcessEngine({ roots: [dir] }, CALLER);
  const t0 = performance.now();
  await client.call('workspace.create', { path, passphrase: BENCH_PASS });
  const { jobId } = await client.call('demo.generate', { customers, seed });
  for (;;) {
    const j = await client.call('jobs.get', { id: jobId });
    if (j.state === 'succeeded') break;
    if (j.state !== 'running' && j.state !== 'queued') throw new Error(`demo generation ${j.state}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  await client.close();
  process.stderr.write(`built ${path} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  return path;
}

export function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function summary(samples: number[]): { n: number; p50: number; p95: number; p99: number; min: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { n: s.length, p50: r(percentile(s, 50)), p95: r(percentile(s, 95)), p99: r(percentile(s, 99)), min: r(s[0]!), max: r(s.at(-1)!) };
}

/** The value after `--name` on the command line, or `dflt`. */
export function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? dflt) : dflt;
}

/** A count written as 10000, 10k or 1M (for --customers / --records). */
export function count(s: string, flag = '--customers'): number {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(s);
  if (!m) throw new Error(`${flag}: expected a number such as 10000, 10k or 1M, got ${JSON.stringify(s)}`);
  return Math.round(Number(m[1]) * (m[2] === '' ? 1 : /k/i.test(m[2]!) ? 1e3 : 1e6));
}
