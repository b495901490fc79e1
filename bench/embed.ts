/**
 * Embedding throughput benchmark. Prints one JSON object.
 *
 *   node_modules/.bin/esbuild bench/embed.ts --bundle --platform=node --format=esm --packages=external \
 *     --outfile=.tmp/embed-bench.mjs && node .tmp/embed-bench.mjs [--n 50000] [--models models]
 *     [--threads 1 --parallel 2 --slots 4096 --batch 64]   (BuiltinLoadOptions overrides)
 *
 * (Bundle inside the repo, e.g. .tmp/, so node resolves the external packages from node_modules.)
 * Built-in model: ~50k synthetic CRM records (name + street address + email, ~60-100 chars), embedded
 * the way the engine does it (one embedFlat call per 2,048 records). Drop-in transformers.js models:
 * every transformers folder under the models dir is timed on a smaller sample; absent ones are reported.
 */
import { availableParallelism, cpus } from 'node:os';
import { resolve } from 'node:path';
import { BuiltinEmbedder } from '../engine/embed/builtin-model.js';
import { listModels, loadEmbedder } from '../engine/embed/registry.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const FIRST = ['John', 'Mary', 'Peter', 'Susan', 'Ahmed', 'Li', 'María', 'Olga', 'James', 'Fatima', 'Chloé', 'Tomasz', 'Aisha', 'Kenji', 'Sean', 'Priya'];
const LAST = ['Smith', 'Brown', 'Nguyen', 'Schmidt', 'García', "O'Brien", 'Kowalski', 'Jones', 'Müller', 'Patel', 'Williams', 'Dubois', 'Rossi', 'Tanaka', 'Murphy', 'Khan'];
const STREETS = ['High Street', 'Main Rd', 'Station Avenue', 'Church Lane', 'Victoria St', 'Park Road', 'Mill Close', 'Queensway'];
const TOWNS = ['Springfield', 'Riverside', 'Kingston upon Thames', 'Fairview', 'Oakridge', 'Newcastle', 'Bristol', 'Leeds'];

/** Deterministic synthetic CRM records. */
export function syntheticRecords(n: number): string[] {
  let s = 42;
  const r = (k: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % k;
  };
  const out: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const f = FIRST[r(FIRST.length)]!;
    const l = LAST[r(LAST.length)]!;
    const street = `${1 + r(250)} ${STREETS[r(STREETS.length)]!}`;
    const town = TOWNS[r(TOWNS.length)]!;
    const pc = `${String.fromCharCode(65 + r(26))}${String.fromCharCode(65 + r(26))}${1 + r(20)} ${r(10)}${String.fromCharCode(65 + r(26))}${String.fromCharCode(65 + r(26))}`;
    const email = `${f.toLowerCase()}.${l.toLowerCase().replace(/[^a-z]/g, '')}${r(1000)}@example.com`;
    out[i] = `${f} ${l}, ${street}, ${town} ${pc}, ${email}`;
  }
  return out;
}

async function timeIt(fn: () => Promise<unknown>, reps: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const n = Number(arg('n', '50000'));
  const modelsDir = resolve(arg('models', 'models'));
  const texts = syntheticRecords(n);
  const avgChars = texts.reduce((a, t) => a + t.length, 0) / n;
  const result: Record<string, unknown> = {
    bench: 'embed',
    node: process.version,
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    records: n,
    avgChars: Math.round(avgChars * 10) / 10,
  };

  const { models } = await listModels(modelsDir);
  const builtinEntry = models.find((m) => m.kind === 'builtin');
  if (!builtinEntry) throw new Error(`no built-in model under ${modelsDir}`);
  const t0 = performance.now();
  const loadOpts = {
    ...(process.argv.includes('--threads') ? { threads: Number(arg('threads', '1')) } : {}),
    ...(process.argv.includes('--parallel') ? { parallel: Number(arg('parallel', '2')) } : {}),
    ...(process.argv.includes('--slots') ? { maxSlots: Number(arg('slots', '4096')) } : {}),
    ...(process.argv.includes('--batch') ? { maxBatch: Number(arg('batch', '64')) } : {}),
  };
  result.loadOptions = loadOpts;
  const emb = await BuiltinEmbedder.load(builtinEntry.path, loadOpts);
  const loadMs = performance.now() - t0;
  const featNnz = emb.featurizer.featurize(texts.slice(0, 2000));
  const featTimes = await timeIt(async () => emb.featurizer.featurize(texts), 3);
  await emb.embedFlat(texts.slice(0, 2000)); // warm-up
  const cpu0 = process.cpuUsage();
  const embTimes = await timeIt(() => emb.embedFlat(texts), 3);
  const cpu = process.cpuUsage(cpu0);
  const cpuSec = (cpu.user + cpu.system) / 1e6;
  result.builtin = {
    modelId: emb.modelId,
    dims: emb.dims,
    modelBytes: emb.manifest.bytes,
    loadMs: Math.round(loadMs),
    featuresPerRecord: Math.round((featNnz.offsets[2000]! / 2000) * 10) / 10,
    featurizeRecordsPerSec: Math.round(n / (median(featTimes) / 1000)),
    recordsPerSec: Math.round(n / (median(embTimes) / 1000)),
    bestRecordsPerSec: Math.round(n / (Math.min(...embTimes) / 1000)),
    runsMs: embTimes.map((t) => Math.round(t)),
    // CPU time is less sensitive to other load on the machine than wall time
    recordsPerCpuSecond: Math.round((3 * n) / cpuSec),
    cpuUtilisation: Math.round((cpuSec / (embTimes.reduce((a, b) => a + b, 0) / 1000)) * 100) / 100,
  };
  await emb.dispose();

  const dropIns = models.filter((m) => m.kind === 'transformers');
  if (dropIns.length === 0) {
    result.transformers = { status: 'absent', note: `no transformers.js model folder under ${modelsDir}` };
  } else {
    const out: Record<string, unknown>[] = [];
    const sample = texts.slice(0, Math.min(n, 2000));
    for (const m of dropIns) {
      const e = await loadEmbedder(m);
      await e.embedFlat(sample.slice(0, 64));
      const times = await timeIt(() => e.embedFlat(sample), 1);
      out.push({ id: m.id, modelId: e.modelId, dims: e.dims, records: sample.length, recordsPerSec: Math.round(sample.length / (times[0]! / 1000)) });
      await e.dispose();
    }
    result.transformers = { status: 'present', models: out };
  }
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`bench/embed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exitCode = 1;
});
