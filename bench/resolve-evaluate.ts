// The evaluation core at scale (no workspace): 1M records in true entities of 1–5, ~1.1M scored pairs
// (the true pairs the blocking reached plus near misses), then the threshold curve (99 thresholds,
// with entities), the entity figures and the Platt calibration, as resolve.evaluate runs them after
// reading the stored pairs. Prints seconds per step and peak RSS. `npm run bench -- resolve-evaluate [records]`
// With `--workspace FILE.aerie --source S --column C` (a resolved workspace, opened from a copy, bench
// passphrase), it times resolve.model and resolve.evaluate themselves, reads of the stored run included.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { startInProcessEngine } from '../engine/worker/in-process-transport.js';
import { BENCH_PASS, CALLER } from './_fixtures.js';
import { fitPlatt, reliability } from '../engine/resolve/calibration.js';
import { chooserThresholds, entityPairwise, thresholdCurve, type Truth } from '../engine/resolve/evaluation.js';

const argv = process.argv.slice(2);
const opt = (name: string) => {
  const k = argv.indexOf(`--${name}`);
  return k >= 0 ? argv[k + 1] : undefined;
};
if (opt('workspace')) {
  await workspaceRun(opt('workspace')!, opt('source') ?? '', opt('column') ?? '');
  process.exit(0);
}
const n = Number(argv[0] ?? 1_000_000);
let seed = 12345;
const rnd = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);

const label: (string | null)[] = new Array(n);
const entity = new Int32Array(n);
let e = 0;
for (let i = 0; i < n; ) {
  const size = 1 + Math.floor(rnd() * 5);
  for (let k = 0; k < size && i < n; k++, i++) {
    label[i] = `T${e}`;
    entity[i] = rnd() < 0.97 ? e : n + i; // a few records split off their entity
  }
  e++;
}
const a: number[] = [];
const b: number[] = [];
const w: number[] = [];
for (let i = 1; i < n; i++) {
  if (label[i] === label[i - 1] && rnd() < 0.95) (a.push(i - 1), b.push(i), w.push(4 + rnd() * 20)); // reached true pair
  if (rnd() < 0.5) {
    const j = Math.floor(rnd() * n);
    if (j !== i) (a.push(Math.min(i, j)), b.push(Math.max(i, j)), w.push(-10 + rnd() * 14)); // a non-match candidate
  }
}
const scored = { a: Int32Array.from(a), b: Int32Array.from(b), probability: Float64Array.from(w, (x) => 1 / (1 + 2 ** -x)) };
const weight = Float64Array.from(w);
const truth: Truth = { kind: 'column', label };
const seconds: Record<string, number> = {};
/** CPU seconds (user + system) per step: wall time on a loaded machine says little. */
const cpuSeconds: Record<string, number> = {};
const time = <T>(name: string, f: () => T): T => {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = f();
  const c = process.cpuUsage(c0);
  seconds[name] = Math.round(performance.now() - t0) / 1000;
  cpuSeconds[name] = Math.round((c.user + c.system) / 1000) / 1000;
  return r;
};
const curve = time('curve', () => thresholdCurve(n, scored, truth, chooserThresholds()));
const ent = time('entities', () => entityPairwise(entity, truth));
const y = Uint8Array.from({ length: scored.a.length }, (_, p) => (label[scored.a[p]!] === label[scored.b[p]!] ? 1 : 0));
const platt = time('calibration', () => {
  const c = fitPlatt(weight, y)!;
  reliability(weight, scored.probability, y, c);
  return c;
});
console.log(
  JSON.stringify({
    records: n,
    scoredPairs: scored.a.length,
    seconds,
    cpuSeconds,
    loadAverage: os.loadavg()[0],
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    check: { f1At05: curve[49]!.f1, entitiesAt05: curve[49]!.entities, entityF1: ent.f1, platt },
  }),
);

async function workspaceRun(file: string, source: string, column: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'aerie-bench-eval-'));
  const ws = join(dir, basename(file));
  copyFileSync(file, ws);
  const { client } = startInProcessEngine({ roots: [dir], openHooks: false }, CALLER);
  try {
    await client.call('workspace.open', { path: ws, passphrase: BENCH_PASS });
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const model = await client.call('resolve.model', {});
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    const e = await client.call('resolve.evaluate', { labels: { kind: 'column', source, column } });
    const t2 = performance.now();
    const c2 = process.cpuUsage(c1);
    const cm = process.cpuUsage(c0);
    const summary = (await client.call('resolve.summary', {})).run!;
    console.log(
      JSON.stringify({
        workspace: basename(file),
        records: summary.records,
        scoredPairsStored: e.calibration?.pairs ?? null,
        labels: e.labels,
        seconds: { model: Math.round(t1 - t0) / 1000, evaluate: Math.round(t2 - t1) / 1000 },
        cpuSeconds: { model: Math.round((cm.user + cm.system - c2.user - c2.system) / 1000) / 1000, evaluate: Math.round((c2.user + c2.system) / 1000) / 1000 },
        loadAverage: os.loadavg()[0],
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        comparisons: model.comparisons.length,
      }),
    );
  } finally {
    await client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
