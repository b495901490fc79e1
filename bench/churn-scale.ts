/**
 * The churn trainer at scale (issue 13 "Scale"): `npm run bench -- churn-scale [--customers 1M]
 * [--threads 2] [--seed 42] [--rounds 1000] [--explain 1000]`. Generates a labelled table of
 * `customers` rows × 50 features (40 numeric, 5-20% missing on ten of them; two categorical columns
 * one-hot encoded into 10 indicators) whose churn probability is a known function of a few features
 * (thresholds, an interaction, missingness as signal, one category), then:
 * - trains the owned GBDT with its default parameters (early stopping on a 10% validation split),
 * - batch-scores every training customer (the tree walk over the column matrix),
 * - scores and explains (TreeSHAP) `explain` single customers one at a time,
 * and prints one JSON object: wall and CPU times, peak RSS, load average, the AUC on a fresh 100k
 * test table beside the AUC of the true probability (the best any model can do), and the model's
 * SHA-256 (the same for every thread count and every speed-up that keeps the model).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { GBDT_DEFAULTS, trainGbdt } from '../engine/ml/gbdt.js';
import type { Matrix } from '../engine/ml/matrix.js';
import { rowOf } from '../engine/ml/matrix.js';
import { rocAuc } from '../engine/ml/metrics.js';
import { rng } from '../engine/ml/random.js';
import { expectedMargin, treeShap } from '../engine/ml/shap.js';
import { ensembleToJson, marginOfRow, predictProba, sigmoid } from '../engine/ml/tree.js';
import { arg, count, summary } from './_fixtures.js';

const customers = count(arg('customers', '1M'));
const threads = Number(arg('threads', '2'));
const seed = Number(arg('seed', '42'));
const rounds = Number(arg('rounds', String(GBDT_DEFAULTS.rounds)));
const explainN = Number(arg('explain', '1000'));

const NUMERIC = 40;
const CATS = [
  { name: 'plan', values: ['basic', 'plus', 'pro', 'family', 'business'] },
  { name: 'region', values: ['north', 'south', 'east', 'west', 'overseas'] },
];

/** The generated table and each row's true churn probability. */
function generate(n: number, s: number): { m: Matrix; y: Uint8Array; truth: Float64Array } {
  const r = rng(s);
  const names: string[] = [];
  const columns: Float64Array[] = [];
  for (let f = 0; f < NUMERIC; f++) {
    names.push(`x${f}`);
    columns.push(new Float64Array(n));
  }
  for (const c of CATS) {
    for (const v of c.values) {
      names.push(`${c.name}=${v}`);
      columns.push(new Float64Array(n));
    }
  }
  const y = new Uint8Array(n);
  const truth = new Float64Array(n);
  // a normal draw from two uniforms (Box-Muller, one value kept)
  const normal = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < NUMERIC; f++) {
      // features 0-9 blank on 5-20% of rows; even features skewed (counts, money), odd ones normal
      const blank = f < 10 && r() < 0.05 + 0.015 * f;
      const v = f % 2 === 0 ? Math.round(Math.exp(normal()) * 10) / 10 : normal();
      columns[f]![i] = blank ? NaN : v;
    }
    let at = NUMERIC;
    const cat: number[] = [];
    for (const c of CATS) {
      const k = Math.floor(r() * r() * c.values.length); // skewed towards the first values
      const blank = r() < 0.03;
      for (let j = 0; j < c.values.length; j++) columns[at + j]![i] = blank ? NaN : j === k ? 1 : 0;
      cat.push(blank ? -1 : k);
      at += c.values.length;
    }
    const x = (f: number) => columns[f]![i]!;
    // the hidden truth: recency-like threshold, a saturating spend effect, an interaction,
    // missingness as signal, a plan effect and a region effect
    let z = -2.2;
    z += Number.isNaN(x(0)) ? 1.2 : x(0) > 2 ? 0.8 : -0.3;
    z += Number.isNaN(x(1)) ? 0 : 0.6 * Math.tanh(x(1));
    z += (Number.isNaN(x(3)) ? 0 : x(3)) * (x(5) > 0 ? 0.7 : -0.4);
    z += Number.isNaN(x(2)) ? 0.5 : -0.25 * Math.log1p(x(2));
    z += x(7) > 1 ? 0.6 : 0;
    z += 0.3 * x(11) - 0.3 * x(13);
    z += cat[0] === 4 ? -0.9 : cat[0] === 0 ? 0.4 : 0;
    z += cat[1] === 4 ? 0.5 : 0;
    const p = sigmoid(z);
    truth[i] = p;
    y[i] = r() < p ? 1 : 0;
  }
  return { m: { rows: n, columns, names }, y, truth };
}

/** Peak resident memory of this process (all threads) so far, in MB. */
function peakRssMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : Math.round(process.memoryUsage().rss / 2 ** 20);
}

/** CPU ms of this process's main thread alone (Linux: /proc/self/task/<pid>/stat utime + stime). */
function mainThreadCpuMs(): number {
  try {
    const f = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // clock ticks (USER_HZ = 100)
  } catch {
    return NaN;
  }
}

const ms = (t0: number) => Math.round(performance.now() - t0);
const cpuMs = (c0: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(c0);
  return Math.round((u.user + u.system) / 1000);
};

const load0 = loadavg();
let t0 = performance.now();
const train = generate(customers, seed);
const test = generate(100_000, seed + 1);
const generateMs = ms(t0);
const rssAfterData = peakRssMb();

t0 = performance.now();
let c0 = process.cpuUsage();
const main0 = mainThreadCpuMs();
const fit = trainGbdt(train.m, train.y, { seed, rounds, threads });
const trainWall = ms(t0);
const trainCpu = cpuMs(c0);
const trainMainCpu = Math.round(mainThreadCpuMs() - main0);
const rssAfterTrain = peakRssMb();
const loadTrain = loadavg();

t0 = performance.now();
c0 = process.cpuUsage();
const scores = predictProba(fit.model, train.m);
const scoreWall = ms(t0);
const scoreCpu = cpuMs(c0);

const testAuc = rocAuc(test.y, predictProba(fit.model, test.m));
const truthAuc = rocAuc(test.y, test.truth);
const trainAuc = rocAuc(train.y, scores);

// one customer at a time, as the explanation view asks: row out of the matrix, score, TreeSHAP
const pick = rng(seed + 2);
const one: number[] = [];
// CPU time of each call too: on a busy machine a few-ms call is often descheduled mid-way
const oneCpu: number[] = [];
let worstSum = 0;
const base = expectedMargin(fit.model);
for (let k = 0; k < explainN; k++) {
  const i = Math.floor(pick() * customers);
  const c = process.cpuUsage();
  const s = performance.now();
  const x = rowOf(train.m, i);
  const z = marginOfRow(fit.model, x);
  const phi = treeShap(fit.model, x);
  one.push(performance.now() - s);
  const cu = process.cpuUsage(c);
  oneCpu.push((cu.user + cu.system) / 1000);
  let sum = base;
  for (const v of phi) sum += v;
  worstSum = Math.max(worstSum, Math.abs(sum - z));
}

const load1 = loadavg();
console.log(
  JSON.stringify({
    bench: 'churn-scale',
    customers,
    features: train.m.columns.length,
    positives: train.y.reduce((a, v) => a + v, 0),
    threads,
    cpus: cpus().length,
    params: { ...GBDT_DEFAULTS, seed, rounds, threads },
    generate_ms: generateMs,
    model_sha256: createHash('sha256').update(JSON.stringify(ensembleToJson(fit.model))).digest('hex'),
    train: { wall_ms: trainWall, cpu_ms: trainCpu, main_thread_cpu_ms: trainMainCpu, other_threads_cpu_ms: trainCpu - trainMainCpu, trees: fit.trees, rounds_run: fit.roundsRun, stopped_early: fit.stoppedEarly, ms_per_round: Math.round((trainWall / fit.roundsRun) * 10) / 10 },
    peak_rss_mb: { after_data: rssAfterData, after_train: rssAfterTrain },
    batch_score: { rows: customers, wall_ms: scoreWall, cpu_ms: scoreCpu },
    explain_one_ms: { ...summary(one), shap_sum_max_error: worstSum },
    explain_one_cpu_ms: summary(oneCpu),
    auc: { test: Math.round(testAuc * 10000) / 10000, truth: Math.round(truthAuc * 10000) / 10000, train: Math.round(trainAuc * 10000) / 10000 },
    loadavg: { start: load0.map((v) => Math.round(v * 100) / 100), after_train: loadTrain.map((v) => Math.round(v * 100) / 100), end: load1.map((v) => Math.round(v * 100) / 100) },
  }),
);
