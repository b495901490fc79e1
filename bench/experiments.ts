/**
 * Experiments statistics benchmark. Prints one JSON object.
 *
 *   npm run bench -- experiments [--runs 1000] [--seed 1]
 *
 * 1. Peers: on generated inputs, each p-value and interval beside SciPy / statsmodels (run through
 *    /usr/bin/python3; "unavailable" when a package is missing), with the largest absolute difference.
 * 2. Calibration: `runs` simulated A/A tests (fixed horizon, and daily peeking for 30 days with the
 *    group-sequential default (Lan–DeMets, O'Brien–Fleming- and Pocock-type spending over the planned
 *    30 days), the mSPRT and, for contrast, a naive z-test); `runs` A/B tests with a known 2-point lift:
 *    the share of 95% CIs covering it and the power of each sequential method. Issue goals: FPR
 *    0.04–0.06 fixed horizon and with daily peeking under the default; coverage 0.94–0.96.
 * 3. CUPED on generated data with a pre-period covariate: CI width without and with it.
 * 4. The demo's retention campaign (`--campaign-customers`, default 20000 accounts): assigned and
 *    analysed from the event store through the API; per metric the estimate and 95% CI, the CUPED
 *    CI width against the plain one, and the true effect from the hidden truth (inside the CI?).
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { compareMeans, compareProportions, cuped, holm, sampleRatioMismatch, summarise } from '../engine/experiments/frequentist.js';
import { tQuantile } from '../engine/experiments/distributions.js';
import { monitorProportions, type Look } from '../engine/experiments/sequential.js';
import { monitorGroupSequential } from '../engine/experiments/group-sequential.js';
import { binomial, rng } from '../engine/experiments/rng.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runJob } from '../engine/api/index.js';
import { startInProcessEngine } from '../engine/worker/in-process-transport.js';
import { arg, benchDir, BENCH_PASS, CALLER } from './_fixtures.js';

const runs = Number(arg('runs', '1000'));
const seed = Number(arg('seed', '1'));
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const next = rng(seed);
const gauss = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());

// ---- 1. peers
const props = Array.from({ length: 5 }, () => {
  const n1 = 500 + Math.floor(next() * 5000), n2 = 500 + Math.floor(next() * 5000);
  return { n1, s1: binomial(next, n1, 0.08), n2, s2: binomial(next, n2, 0.095) };
});
const samples = Array.from({ length: 5 }, () => ({
  a: Array.from({ length: 20 + Math.floor(next() * 200) }, () => 50 + 12 * gauss()),
  b: Array.from({ length: 20 + Math.floor(next() * 200) }, () => 53 + 20 * gauss()),
}));
const srm = [[5100, 4900], [5230, 4770], [3050, 3000, 3950]];
const pvals = [0.01, 0.04, 0.03, 0.005, 0.2, 0.0004];

const ours = {
  ztest: props.map((p) => { const r = compareProportions({ n: p.n1, successes: p.s1 }, { n: p.n2, successes: p.s2 }); return [r.statistic, r.pValue, r.absoluteCi.lower, r.absoluteCi.upper, r.relativeCi!.lower + 1, r.relativeCi!.upper + 1]; }),
  welch: samples.map((s) => { const r = compareMeans(summarise(s.a), summarise(s.b)); return [r.statistic, r.pValue, r.df!, r.absoluteCi.lower, r.absoluteCi.upper, tQuantile(0.975, r.df!)]; }),
  srm: srm.map((c) => { const r = sampleRatioMismatch(c, c.length === 2 ? [1, 1] : [0.3, 0.3, 0.4]); return [r.chiSquare, r.pValue]; }),
  holm: [holm(pvals)],
};

const PY = String.raw`
import json, sys
inp = json.load(sys.stdin)
out = {}
try:
    from scipy import stats
    w = []
    for s in inp['samples']:
        r = stats.ttest_ind(s['b'], s['a'], equal_var=False)
        import numpy as np
        a, b = np.array(s['a']), np.array(s['b'])
        va, vb = a.var(ddof=1)/len(a), b.var(ddof=1)/len(b)
        df = (va+vb)**2/(va**2/(len(a)-1)+vb**2/(len(b)-1)); q = stats.t.ppf(0.975, df); d = b.mean()-a.mean(); se = (va+vb)**0.5
        w.append([float(r.statistic), float(r.pvalue), float(df), float(d-q*se), float(d+q*se), float(q)])
    out['welch'] = w
    out['srm'] = [[float(x) for x in stats.chisquare(c, [sum(c)*f for f in ([.5,.5] if len(c)==2 else [.3,.3,.4])])] for c in inp['srm']]
except ImportError:
    out['welch'] = out['srm'] = 'unavailable (python3-scipy)'
try:
    from statsmodels.stats.proportion import proportions_ztest, confint_proportions_2indep
    from statsmodels.stats.multitest import multipletests
    z = []
    for p in inp['props']:
        st, pv = proportions_ztest([p['s2'], p['s1']], [p['n2'], p['n1']])
        lo, hi = confint_proportions_2indep(p['s2'], p['n2'], p['s1'], p['n1'], method='wald', compare='diff')
        rl, rh = confint_proportions_2indep(p['s2'], p['n2'], p['s1'], p['n1'], method='log', compare='ratio')
        z.append([float(st), float(pv), float(lo), float(hi), float(rl), float(rh)])
    out['ztest'] = z
    out['holm'] = [[float(x) for x in multipletests(inp['pvals'], method='holm')[1]]]
except ImportError:
    out['ztest'] = out['holm'] = 'unavailable (python3-statsmodels)'
print(json.dumps(out))
`;
let peers: Record<string, unknown>;
const py = spawnSync('/usr/bin/python3', ['-c', PY], { input: JSON.stringify({ props, samples, srm, pvals }), encoding: 'utf8' });
try {
  peers = py.status === 0 ? JSON.parse(py.stdout) : { error: `python3 failed: ${py.stderr.split('\n').slice(-2).join(' ')}` };
} catch {
  peers = { error: 'python3 unavailable' };
}
const compare = Object.fromEntries(Object.entries(ours).map(([k, mine]) => {
  const theirs = peers[k];
  if (!Array.isArray(theirs)) return [k, { ours: mine, peer: theirs ?? peers.error ?? 'unavailable', maxAbsDiff: null }];
  let max = 0;
  mine.forEach((row, i) => row.forEach((v, j) => { max = Math.max(max, Math.abs(v - (theirs as number[][])[i]![j]!)); }));
  return [k, { ours: mine, peer: theirs, maxAbsDiff: max, within1e6: max <= 1e-6 }];
}));

// ---- 2. calibration
const alpha = 0.05, days = 30, perDay = 200, base = 0.1;
let fixedFp = 0, seqFp = 0, naiveFp = 0, covered = 0, seqPower = 0, gsFp = 0, gsPower = 0, pocockFp = 0, pocockPower = 0;
const plannedN = 2 * days * perDay; // the plan: 30 days of traffic, known before the first look
for (let r = 0; r < runs; r++) {
  const looks: Look[] = [];
  let sA = 0, sB = 0;
  for (let d = 1; d <= days; d++) {
    sA += binomial(next, perDay, base);
    sB += binomial(next, perDay, base);
    looks.push({ control: { n: d * perDay, successes: sA }, treatment: { n: d * perDay, successes: sB } });
  }
  if (compareProportions(looks.at(-1)!.control, looks.at(-1)!.treatment).pValue < alpha) fixedFp++;
  if (looks.some((l) => compareProportions(l.control, l.treatment).pValue < alpha)) naiveFp++;
  if (monitorProportions(looks, alpha, 0.02).steps.at(-1)!.rejected) seqFp++;
  if (monitorGroupSequential(looks, alpha, { plannedN }).steps.at(-1)!.rejected) gsFp++;
  if (monitorGroupSequential(looks, alpha, { plannedN, spending: 'pocock' }).steps.at(-1)!.rejected) pocockFp++;
  const n = days * perDay, lift = 0.02;
  const c = compareProportions({ n, successes: binomial(next, n, base) }, { n, successes: binomial(next, n, base + lift) });
  if (c.absoluteCi.lower <= lift && lift <= c.absoluteCi.upper) covered++;
  const ab: Look[] = [];
  sA = 0; sB = 0;
  for (let d = 1; d <= days; d++) {
    sA += binomial(next, perDay, base);
    sB += binomial(next, perDay, base + lift);
    ab.push({ control: { n: d * perDay, successes: sA }, treatment: { n: d * perDay, successes: sB } });
  }
  if (monitorProportions(ab, alpha, 0.02).steps.at(-1)!.rejected) seqPower++;
  if (monitorGroupSequential(ab, alpha, { plannedN }).steps.at(-1)!.rejected) gsPower++;
  if (monitorGroupSequential(ab, alpha, { plannedN, spending: 'pocock' }).steps.at(-1)!.rejected) pocockPower++;
}

// ---- 3. CUPED
const arm = (lift: number) => {
  const x = Array.from({ length: 5000 }, () => 40 + 15 * Math.abs(gauss()));
  return { x, y: x.map((v) => 0.6 * v + 8 * gauss() + lift) };
};
const cA = arm(0), cB = arm(0.5);
const plain = compareMeans(summarise(cA.y), summarise(cB.y));
const adj = cuped(cA, cB);

// ---- 4. the demo campaign, through the API
const campaignCustomers = Number(arg('campaign-customers', '20000'));
async function demoCampaign() {
  const dir = benchDir();
  const ws = join(dir, `campaign-${campaignCustomers}-${seed}.aerie`);
  const { client } = startInProcessEngine({ roots: [dir] }, CALLER);
  const tGen = performance.now();
  if (existsSync(ws)) await client.call('workspace.open', { path: ws, passphrase: BENCH_PASS });
  else {
    await client.call('workspace.create', { path: ws, passphrase: BENCH_PASS });
    await runJob(client, 'demo.generate', { customers: campaignCustomers, seed, campaign: true });
  }
  const generateSeconds = (performance.now() - tGen) / 1000;
  const truth = JSON.parse(readFileSync(join(dir, `campaign-${campaignCustomers}-${seed}.truth`, 'manifest.json'), 'utf8')).campaign;
  const exp = (await client.call('experiments.list', {})).items.find((e) => e.name === truth.experiment)!;
  const tA = performance.now();
  await runJob(client, 'experiments.assign', { id: exp.id });
  const assignSeconds = (performance.now() - tA) / 1000;
  const tR = performance.now();
  const r = await client.call('experiments.results', { id: exp.id });
  const resultsSeconds = (performance.now() - tR) / 1000;
  await client.close();
  return {
    accounts: campaignCustomers, generateSeconds, assignSeconds, resultsSeconds, srmP: r.srm.pValue,
    metrics: r.metrics.map((m) => {
      const c = m.analysis.comparisons[0]!;
      const te = truth.trueEffect[m.metric].trueEffect as number;
      const plainW = c.comparison.absoluteCi.upper - c.comparison.absoluteCi.lower;
      const cupedW = c.cuped!.comparison.absoluteCi.upper - c.cuped!.comparison.absoluteCi.lower;
      return {
        metric: m.metric, n: m.analysis.arms.reduce((x, a) => x + a.n, 0), trueEffect: te,
        estimate: c.comparison.absolute, ci: c.comparison.absoluteCi, covered: c.comparison.absoluteCi.lower <= te && te <= c.comparison.absoluteCi.upper,
        cupedEstimate: c.cuped!.comparison.absolute, cupedCi: c.cuped!.comparison.absoluteCi, cupedCovered: c.cuped!.comparison.absoluteCi.lower <= te && te <= c.cuped!.comparison.absoluteCi.upper,
        ciWidthPlain: plainW, ciWidthCuped: cupedW, ciWidthReduction: 1 - cupedW / plainW, cupedCovariate: m.covariate,
        pValue: c.comparison.pValue, probTreatmentBetter: c.bayes?.probTreatmentBeats ?? null,
        sequentialRejected: c.sequential?.steps.at(-1)!.rejected ?? null,
      };
    }),
  };
}
const campaign = await demoCampaign();

const cpu = process.cpuUsage(cpu0);
console.log(JSON.stringify({
  bench: 'experiments', runs, seed,
  peers: compare,
  calibration: {
    alpha, days, perDayPerArm: perDay, baseRate: base,
    aaFalsePositiveFixedHorizon: fixedFp / runs,
    aaFalsePositiveDailyPeekingGroupSequential: gsFp / runs,
    aaFalsePositiveDailyPeekingGroupSequentialPocock: pocockFp / runs,
    aaFalsePositiveDailyPeekingMsprt: seqFp / runs,
    aaFalsePositiveDailyPeekingNaiveZ: naiveFp / runs,
    abCoverage95: covered / runs,
    abPowerGroupSequentialLift2pts: gsPower / runs,
    abPowerGroupSequentialPocockLift2pts: pocockPower / runs,
    abPowerMsprtLift2pts: seqPower / runs,
    sequentialMethod: 'group sequential: Lan–DeMets O’Brien–Fleming-type spending (default; Pocock-type beside it) over 30 planned daily looks; mSPRT: normal mixture τ = 0.02',
  },
  cuped: { ciWidthPlain: plain.absoluteCi.upper - plain.absoluteCi.lower, ciWidthCuped: adj.comparison.absoluteCi.upper - adj.comparison.absoluteCi.lower, varianceReduction: adj.varianceReduction, source: 'generated normal data, covariate explains ~60%' },
  demoCampaign: campaign,
  wallSeconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, loadavg: loadavg(), cores: cpus().length,
}, null, 1));
