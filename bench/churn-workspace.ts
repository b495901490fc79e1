/**
 * The churn workspace flow, scored against the demo's hidden truth. Prints one JSON object.
 *
 *   npm run bench -- churn-workspace [--customers 100k] [--seed 1] [--horizon 90]
 *                                    [--definitions noActivity,noOrder] [--unit golden|source] [--explain 300]
 *
 * An encrypted demo workspace with events (bench/out/data, built once and reused); with --unit golden
 * (the default) it is resolved and golden records are built first where that has not been done.
 * Then per label definition: churn.train (default cutoff = latest event − horizon) and churn.score
 * as jobs, timed. The trained model is then checked against the truth (.truth/ beside the
 * workspace) on the same held-out quarter the training kept aside: a unit churned when the person
 * most of its records belong to has a churn date in [cutoff, cutoff + horizon). Reported: ROC AUC,
 * Brier score (the model is calibrated to its own label, so Brier against the truth also shows how
 * far that label is from true churn) and top-decile lift, beside the held-out figures on the label;
 * with the AUC its Hanley–McNeil 95% interval (a few thousand customers leave only a handful of true
 * churners in one held-out horizon, so the AUC alone says little there), and how the label agrees
 * with the truth on the same rows.
 * Last, `churn.explain` latency (p50 / p95 ms) for random scored units, through the in-process API.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { runJob } from '../engine/api/run-job.js';
import type { ChurnDefinition } from '../engine/api/churn.js';
import { buildFeatures } from '../engine/churn/features.js';
import { churnLabels } from '../engine/churn/labels.js';
import { probability } from '../engine/churn/score.js';
import { aucInterval } from '../engine/churn/train.js';
import { resolveUnits } from '../engine/churn/units.js';
import { loadChurnModel, requireChurnEntry } from '../engine/churn/workspace-model.js';
import { truthPathFor } from '../engine/demo/truth-file.js';
import { stratifiedHoldout } from '../engine/ml/gbdt.js';
import { brier, liftTable, rocAuc } from '../engine/ml/metrics.js';
import { predictMargin } from '../engine/ml/tree.js';
import { takeRows } from '../engine/ml/matrix.js';
import { startInProcessEngine } from '../engine/worker/in-process-transport.js';
import { arg, BENCH_PASS, benchDir, CALLER, count, demoWorkspace, summary } from './_fixtures.js';

const customers = count(arg('customers', '100k'));
const seed = Number(arg('seed', '1'));
const horizon = Number(arg('horizon', '90'));
const definitions = arg('definitions', 'noActivity,noOrder').split(',') as ChurnDefinition[];
const unit = arg('unit', 'golden') as 'golden' | 'source';
const r4 = (x: number) => Math.round(x * 10000) / 10000;
const secs = (t0: number) => Math.round(performance.now() - t0) / 1000;
const cpu0 = process.cpuUsage();
const load0 = loadavg();

const t0 = performance.now();
const path = await demoWorkspace(customers, seed);
const demoSeconds = secs(t0);
const { client, engine } = startInProcessEngine({ roots: [benchDir()], openHooks: false }, CALLER);
await client.call('workspace.open', { path, passphrase: BENCH_PASS });
const db = engine.requireSession().db;

let resolveSeconds: number | null = null;
if (unit === 'golden' && resolveUnits(db, 'auto').kind !== 'golden') {
  const t1 = performance.now();
  await runJob(client, 'resolve.run', {});
  await runJob(client, 'golden.build', {});
  resolveSeconds = secs(t1);
}

// the truth: (source name, source key) -> person; person -> churn day
const truthDir = truthPathFor(path);
const churnDay = new Map<number, string>();
for (const line of readFileSync(`${truthDir}/persons.csv`, 'utf8').split('\n').slice(1)) {
  const f = line.split(',');
  if (f.length > 4 && f[3] === '1' && f[4]) churnDay.set(Number(f[0]), f[4]);
}
const personOfKey = new Map<string, number>();
for (const line of readFileSync(`${truthDir}/records.csv`, 'utf8').split('\n').slice(1)) {
  const f = line.split(',');
  if (f.length > 3) personOfKey.set(`${f[0]}\u0000${f[1]}`, Number(f[3]));
}
const sourceName = new Map(db.prepare('SELECT id, name FROM sources').raw().all() as [number, string][]);

const units = resolveUnits(db, unit);
/** The person most of a unit's records belong to. */
const votes = units.keys.map(() => new Map<number, number>());
for (const [sid, skey] of db.prepare('SELECT source_id, source_key FROM records WHERE source_key IS NOT NULL').raw().iterate() as Iterable<[number, string]>) {
  const u = units.byEventKey.get(`${sid}\u0000${skey}`);
  const p = personOfKey.get(`${sourceName.get(sid)}\u0000${skey}`);
  if (u === undefined || p === undefined) continue;
  votes[u]!.set(p, (votes[u]!.get(p) ?? 0) + 1);
}
const personOf = votes.map((v) => [...v].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? -1);

const runs = [];
for (const definition of definitions) {
  const tr = await runJob(client, 'churn.train', { definition, horizonDays: horizon, unit, seed: 42 });
  const sc = await runJob(client, 'churn.score', { modelId: tr.modelId });
  // the held-out quarter of the training, rebuilt: same units, features, labels and split
  const lm = loadChurnModel(db, requireChurnEntry(db, tr.modelId));
  const ft = buildFeatures(db, units, { cutoff: tr.cutoff, groups: lm.schema.groups, channels: lm.schema.channels });
  const col = (n: string) => ft.m.columns[ft.m.names.indexOf(n)]!;
  const rfm = ft.m.names.includes('orders_365d') ? col('orders_365d') : buildFeatures(db, units, { cutoff: tr.cutoff, groups: ['rfm'] }).m.columns[3]!;
  const l = churnLabels(db, units, definition, tr.cutoff, horizon, rfm, ft.events);
  const rows: number[] = [];
  for (let u = 0; u < l.y.length; u++) if (l.y[u]! >= 0) rows.push(u);
  const yLabel = Uint8Array.from(rows, (u) => l.y[u]!);
  const held = stratifiedHoldout(yLabel, 0.25, 42).holdout;
  const until = new Date(Date.parse(`${tr.cutoff}T00:00:00Z`) + horizon * 86_400_000).toISOString().slice(0, 10);
  const evalRows: number[] = [];
  const yTrue: number[] = [];
  let labelled = 0;
  let truthLabelled = 0;
  for (const k of held) {
    const u = rows[k]!;
    const day = churnDay.get(personOf[u]!);
    if (day !== undefined && day < tr.cutoff) continue; // already gone at the cutoff
    evalRows.push(u);
    const t = day !== undefined && day < until ? 1 : 0;
    yTrue.push(t);
    labelled += l.y[u]!;
    truthLabelled += t * l.y[u]!;
  }
  const p = Array.from(predictMargin(lm.model, takeRows(ft.m, evalRows)), (m) => probability(lm, m));
  const lift = liftTable(yTrue, p);
  const truthAuc = rocAuc(yTrue, p);
  const churned = yTrue.reduce((a, v) => a + v, 0);
  runs.push({
    definition,
    cutoff: tr.cutoff,
    unit: tr.unit,
    trainUnits: tr.units,
    labelPositives: tr.positives,
    features: tr.features,
    trees: tr.trees,
    heldOutOnLabel: { auc: r4(tr.auc), auc95: lm.metrics.aucInterval?.map(r4) ?? null, prAuc: r4(tr.prAuc), brier: r4(tr.brier), baselineAuc: r4(tr.baselineAuc) },
    truth: {
      evaluated: yTrue.length,
      churned,
      auc: r4(truthAuc),
      auc95: aucInterval(truthAuc, churned, yTrue.length - churned)?.map(r4) ?? null,
      // the label on the same rows: how often it says churned, and how many true churners it catches
      labelChurnedShare: r4(labelled / Math.max(1, yTrue.length)),
      truthChurnersLabelledChurned: truthLabelled,
      brier: r4(brier(yTrue, p)),
      topDecileLift: r4(lift[0]!.lift),
      topDecileCapture: r4(lift[0]!.cumulativeCapture),
    },
    seconds: { features: r4(tr.featureSeconds), train: r4(tr.trainSeconds), trainJob: r4(tr.seconds), scoreJob: r4(sc.seconds) },
    scored: sc.scored,
  });
}
// one customer's score with its explanation through the API (the model of the last run), warm
const explainN = Number(arg('explain', '300'));
const lastModel = (runs.length ? db.prepare('SELECT max(model_id) FROM churn_scores').pluck().get() : null) as number | null;
const sample = lastModel === null ? [] : (db.prepare('SELECT unit FROM churn_scores WHERE model_id = ? ORDER BY random() LIMIT ?').pluck().all(lastModel, explainN) as string[]);
const explainMs: number[] = [];
for (const [k, u] of sample.entries()) {
  const t1 = performance.now();
  await client.call('churn.explain', { modelId: lastModel!, unit: u });
  if (k > 0) explainMs.push(performance.now() - t1); // the first call loads the model
}
await client.close();
const cpu = process.cpuUsage(cpu0);
process.stdout.write(
  `${JSON.stringify(
    {
      bench: 'churn-workspace',
      customers,
      seed,
      horizonDays: horizon,
      units: units.keys.length,
      unitKind: units.kind,
      demoSeconds,
      resolveAndGoldenSeconds: resolveSeconds,
      runs,
      explainMs: explainMs.length ? summary(explainMs) : null,
      wallSeconds: secs(t0),
      cpuSeconds: Math.round((cpu.user + cpu.system) / 1000) / 1000,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      cores: cpus().length,
      loadAverage: { start: load0.map((x) => r4(x)), end: loadavg().map((x) => r4(x)) },
    },
    null,
    2,
  )}\n`,
);
