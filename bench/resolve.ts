/**
 * Identity-resolution accuracy benchmark. Prints one JSON object.
 *
 *   npm run bench -- resolve [--data ../shared/datasets/er] [--no-pg]
 *
 * Unsupervised, one run, the same defaults for every file, through the same code as `aerie dedupe`
 * and `aerie link` (files read by the CLI's reader, the pipeline's defaults):
 *   febrl3.csv           dedupe, --id rec_id; truth: rec-N-* records are one person
 *   febrl4a ↔ febrl4b    link,   --id rec_id; truth: rec-N-org ↔ rec-N-dup-0
 *   fake_1000.csv        dedupe, --id unique_id --ignore cluster; truth: the cluster column
 *   demo feeds           the demo generator's CRM / marketing / billing exports with its hidden
 *                        truth (--demo-customers, default 20000): CRM dedupe with the share of
 *                        household members wrongly merged; CRM ↔ marketing and CRM ↔ billing links
 * Pairwise precision / recall / F1 of the output (clusters for dedupe, pairs for link), cluster
 * metrics, the precision–recall curve of the scored pairs and the F1 at its best threshold (not
 * used by the run: it shows how far the unsupervised threshold is from the best one), blocking
 * recall (true pairs among the candidates), time per stage, and `evidence`: what the data allows at
 * best (true pairs with nothing in common, true pairs that look no more alike than non-pairs).
 * Beside it, the seed recipe measured in the same run (bench/_pg-trgm.ts): PostgreSQL pg_trgm
 * similarity(name) > 0.6 self-join on given name + surname, clustered by connected components for
 * dedupe; "unavailable" without PostgreSQL.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readTable } from '../engine/cli/commands/resolve.js';
import { clusterMetrics, pairwiseFromClusters, pairwiseFromPairs, prCurve, type PairwiseMetrics } from '../engine/resolve/evaluate.js';
import { dedupe, link, type RunResult } from '../engine/resolve/pipeline.js';
import type { Table } from '../engine/resolve/types.js';
import { jaroWinkler } from '../engine/standardize/similarity.js';
import { demoCsv } from './_demo-csv.js';
import { runPgTrgmJoin } from './_pg-trgm.js';
import { arg } from './_fixtures.js';

const DATA = resolve(arg('data', '../shared/datasets/er'));
const withPg = !process.argv.includes('--no-pg');

const REFERENCE = {
  goal: { febrl3: 0.995, febrl4: 0.999, fake_1000: 0.9 },
  splink_published: { febrl3: 0.993, febrl4: 0.9992, fake_1000: 0.806, fake_1000_best_threshold: 0.862 },
  pg_trgm_stated: { febrl3: 0.72, fake_1000: 0.5 },
};

const r4 = (x: number) => Math.round(x * 10000) / 10000;
const pm = (m: PairwiseMetrics) => ({ precision: r4(m.precision), recall: r4(m.recall), f1: r4(m.f1), true_pairs: m.truePairs, predicted_pairs: m.predictedPairs, true_positives: m.truePositives });

async function load(file: string): Promise<Table> {
  const r = await readTable(file, (line, reason) => process.stderr.write(`${file}: line ${line}: ${reason}\n`));
  return r.table;
}

const col = (t: Table, name: string) => t.columns.indexOf(name);
const febrlEntity = (id: string) => /^rec-(\d+)-/.exec(id)?.[1] ?? id;

/** Figures of the scored pairs against the truth: PR curve, blocking recall, evidence ceilings. */
function pairFigures(res: RunResult, same: (i: number, j: number) => boolean, truePairs: number, ceiling: ReturnType<typeof evidenceCeiling>) {
  const P = res.pairs.a.length;
  const isTrue = new Uint8Array(P);
  let reached = 0;
  for (let p = 0; p < P; p++) if (same(res.pairs.a[p]!, res.pairs.b[p]!)) (isTrue[p] = 1), reached++;
  const curve = prCurve(res.pairs.probability, isTrue, truePairs);
  // pairs whose records are indistinguishable from a non-pair: a true pair scored no higher than
  // some non-pair with the very same comparison levels
  const C = res.comparisons.length;
  const sig = (p: number) => {
    let s = '';
    for (let c = 0; c < C; c++) s += `${res.comparisons[c]!.level(res.pairs.a[p]!, res.pairs.b[p]!)},`;
    return s;
  };
  const falseSigs = new Set<string>();
  for (let p = 0; p < P; p++) if (!isTrue[p] && res.pairs.probability[p]! >= 0.01) falseSigs.add(sig(p));
  let confusable = 0;
  for (let p = 0; p < P; p++) if (isTrue[p] && falseSigs.has(sig(p))) confusable++;
  return {
    candidates: P,
    blocking_recall: r4(reached / Math.max(1, truePairs)),
    true_pairs_not_reached: truePairs - reached,
    pr_best: { threshold: curve.best.threshold, precision: r4(curve.best.precision), recall: r4(curve.best.recall), f1: r4(curve.best.f1) },
    pr_curve: curve.points.filter((x) => [0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99].includes(x.threshold)).map((x) => ({ t: x.threshold, p: r4(x.precision), r: r4(x.recall), f1: r4(x.f1) })),
    evidence: { ...ceiling, true_pairs_with_the_same_levels_as_a_scored_non_pair: confusable },
  };
}

/**
 * What the data allows at best: two records of one entity "share evidence" when some compared
 * column holds the same value in both or values one typo apart (Jaro-Winkler ≥ 0.88, case and
 * spaces aside). No method can link records with nothing in common except through others, so the
 * true pairs inside the connected groups of that relation bound the recall (for link, with no
 * duplicates inside a file, the pairs themselves).
 */
function evidenceCeiling(t: Table, excluded: number[], groups: Map<string, number[]>, crossOnly?: (i: number, j: number) => boolean) {
  const norm = (v: string | null) => (v === null ? null : v.toLowerCase().replace(/\s+/g, ''));
  const cols = t.columns.map((_, c) => c).filter((c) => !excluded.includes(c));
  const shares = (i: number, j: number) =>
    cols.some((c) => {
      const a = norm(t.rows[i]![c] ?? null);
      const b = norm(t.rows[j]![c] ?? null);
      return a !== null && b !== null && (a === b || (a.length >= 2 && b.length >= 2 && jaroWinkler(a, b) >= 0.88));
    });
  let truePairs = 0;
  let nothing = 0;
  let reachable = 0;
  for (const g of groups.values()) {
    const parent = g.map((_, k) => k);
    const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
    for (let x = 0; x < g.length; x++)
      for (let y = x + 1; y < g.length; y++) {
        if (crossOnly && !crossOnly(g[x]!, g[y]!)) continue;
        truePairs++;
        if (shares(g[x]!, g[y]!)) parent[find(x)] = find(y);
        else nothing++;
      }
    if (crossOnly) {
      for (let x = 0; x < g.length; x++) for (let y = x + 1; y < g.length; y++) if (crossOnly(g[x]!, g[y]!) && shares(g[x]!, g[y]!)) reachable++;
    } else {
      const size = new Map<number, number>();
      g.forEach((_, k) => size.set(find(k), (size.get(find(k)) ?? 0) + 1));
      for (const s of size.values()) reachable += (s * (s - 1)) / 2;
    }
  }
  return { true_pairs_sharing_nothing: nothing, recall_ceiling: r4(reachable / Math.max(1, truePairs)), f1_ceiling: r4((2 * (reachable / Math.max(1, truePairs))) / (1 + reachable / Math.max(1, truePairs))) };
}

function groupsOf(labels: string[]): Map<string, number[]> {
  const g = new Map<string, number[]>();
  labels.forEach((l, i) => {
    const x = g.get(l);
    if (x) x.push(i);
    else g.set(l, [i]);
  });
  return g;
}

async function dedupeCase(name: string, file: string, id: string, ignore: string[], truthOf: (t: Table, i: number) => string) {
  const t = await load(file);
  const t0 = performance.now();
  const res = dedupe(t, { id, ignore });
  const ms = performance.now() - t0;
  const truth = t.rows.map((_, i) => truthOf(t, i));
  const pw = pairwiseFromClusters(res.clusters.entity, truth);
  const groups = groupsOf(truth);
  const ignoredIdx = [col(t, id), ...ignore.map((c) => col(t, c))];
  return {
    name,
    records: t.rows.length,
    roles: Object.fromEntries(res.roles.map((r) => [r.column, r.role])),
    rules: res.rules.map((r) => `${r.name}: ${r.comparisons}`),
    pairwise: pm(pw),
    clusters: (() => {
      const c = clusterMetrics(res.clusters.entity, truth);
      return { bcubed_f1: r4(c.bcubed.f1), exact_entities: r4(c.exactEntities), predicted: c.predictedEntities, true: c.trueEntities, split_by_guards: res.clusters.split, household_guards: res.clusters.householdGuards };
    })(),
    scored_pairs: pairFigures(res, (i, j) => truth[i] === truth[j], pw.truePairs, evidenceCeiling(t, ignoredIdx, groups)),
    lambda: res.model.lambda,
    model: res.model.comparisons.map((c) => ({ name: c.name, sessions: c.sessions, weights: c.levels.map((l, k) => `${l}: ${r4(Math.log2(c.m[k]! / c.u[k]!))}`) })),
    training: res.model.training,
    seconds: { ...res.seconds, total: Math.round(ms) / 1000 },
    res,
    truth,
  };
}

async function febrl4Case() {
  const a = await load(join(DATA, 'febrl4a.csv'));
  const b = await load(join(DATA, 'febrl4b.csv'));
  const t0 = performance.now();
  const res = link(a, b, { id: 'rec_id' });
  const ms = performance.now() - t0;
  const ia = col(a, 'rec_id');
  const ib = col(b, 'rec_id');
  const ea = a.rows.map((r) => febrlEntity(r[ia]!));
  const eb = b.rows.map((r) => febrlEntity(r[ib]!));
  const truth = new Set<string>();
  const bBy = groupsOf(eb);
  ea.forEach((e, i) => (bBy.get(e) ?? []).forEach((j) => truth.add(`${i}|${j}`)));
  const pw = pairwiseFromPairs(res.links.map((l) => `${l.a}|${l.b}`), truth);
  const split = a.rows.length;
  const all: Table = { columns: a.columns, rows: [...a.rows, ...b.rows] };
  const labels = [...ea, ...eb];
  const ceiling = evidenceCeiling(all, [ia], groupsOf(labels), (i, j) => i < split !== j < split);
  return {
    name: 'febrl4',
    records: [a.rows.length, b.rows.length],
    rules: res.rules.map((r) => `${r.name}: ${r.comparisons}`),
    pairwise: pm(pw),
    scored_pairs: pairFigures(res, (i, j) => labels[i] === labels[j], truth.size, ceiling),
    lambda: res.model.lambda,
    model: res.model.comparisons.map((c) => ({ name: c.name, sessions: c.sessions, weights: c.levels.map((l, k) => `${l}: ${r4(Math.log2(c.m[k]! / c.u[k]!))}`) })),
    seconds: { ...res.seconds, total: Math.round(ms) / 1000 },
    a,
    b,
  };
}

/** The seed recipe on the same files, scored the same way (pairs as joined, and clustered). */
async function pgTrgm(febrl3: Awaited<ReturnType<typeof dedupeCase>>, febrl4: Awaited<ReturnType<typeof febrl4Case>>, fake: Awaited<ReturnType<typeof dedupeCase>>) {
  const nameOf = (t: Table, g: string, s: string) => (r: (string | null)[]) => [r[col(t, g)], r[col(t, s)]].filter(Boolean).join(' ');
  const t3 = await load(join(DATA, 'febrl3.csv'));
  const tf = await load(join(DATA, 'fake_1000.csv'));
  const split = febrl4.a.rows.length;
  const run = await runPgTrgmJoin({
    febrl3: { names: t3.rows.map(nameOf(t3, 'given_name', 'surname')) },
    febrl4: { names: [...febrl4.a.rows, ...febrl4.b.rows].map(nameOf(febrl4.a, 'given_name', 'surname')), split },
    fake_1000: { names: tf.rows.map(nameOf(tf, 'first_name', 'surname')) },
  });
  if (run.status !== 'ok') return run;
  const components = (n: number, pairs: [number, number][]) => {
    const parent = Array.from({ length: n }, (_, i) => i);
    const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
    for (const [i, j] of pairs) parent[find(i)] = find(j);
    return Array.from({ length: n }, (_, i) => find(i));
  };
  const dd = (name: 'febrl3' | 'fake_1000', c: typeof febrl3) => {
    const pairs = run.cases[name]!.pairs;
    const truthPairs = new Set<string>();
    const g = groupsOf(c.truth);
    for (const l of g.values()) for (let x = 0; x < l.length; x++) for (let y = x + 1; y < l.length; y++) truthPairs.add(`${l[x]}|${l[y]}`);
    return {
      pairs_as_joined: pm(pairwiseFromPairs(pairs.map(([i, j]) => `${Math.min(i, j)}|${Math.max(i, j)}`), truthPairs)),
      clustered: pm(pairwiseFromClusters(components(c.truth.length, pairs), c.truth)),
      ms: run.cases[name]!.ms,
    };
  };
  const ib = col(febrl4.b, 'rec_id');
  const ia = col(febrl4.a, 'rec_id');
  const t4 = new Set<string>();
  const bBy = groupsOf(febrl4.b.rows.map((r) => febrlEntity(r[ib]!)));
  febrl4.a.rows.forEach((r, i) => (bBy.get(febrlEntity(r[ia]!)) ?? []).forEach((j) => t4.add(`${i}|${j}`)));
  const l4 = pm(pairwiseFromPairs(run.cases.febrl4!.pairs.map(([i, j]) => `${i}|${j - split}`), t4));
  const febrl3Fig = dd('febrl3', febrl3);
  const fakeFig = dd('fake_1000', fake);
  return {
    status: 'ok',
    postgres: run.postgres,
    recipe: 'similarity(given_name || \' \' || surname) > 0.6, self-join (GIN trigram index); dedupe clustered by connected components',
    f1: { febrl3: febrl3Fig.pairs_as_joined.f1, febrl4: l4.f1, fake_1000: fakeFig.pairs_as_joined.f1 },
    febrl3: febrl3Fig,
    febrl4: { pairs_as_joined: l4, ms: run.cases.febrl4!.ms },
    fake_1000: fakeFig,
  };
}

/**
 * The demo feeds (bench/_demo-csv.ts: the demo generator's CRM, marketing and billing exports,
 * with its hidden truth): dedupe the CRM extract (duplicate accounts, households), and link the
 * CRM extract to the marketing list and to the billing accounts (other columns, whole names).
 * `household_pairs_merged`: pairs of different members of one household put in one entity.
 */
async function demoCases(customers: number) {
  const d = demoCsv(join(resolve('bench/out'), 'resolve-demo'), 7, customers);
  const tables = await Promise.all(d.files.map(load));
  const crm = tables[0]!;
  const t0 = performance.now();
  const res = dedupe(crm, { id: d.keys[0] });
  const ms = performance.now() - t0;
  const truth = d.truth[0]!.map((x) => x.person);
  let hh = 0;
  let hhMerged = 0;
  for (const g of groupsOf(d.truth[0]!.map((x) => String(x.household))).values())
    for (let x = 0; x < g.length; x++)
      for (let y = x + 1; y < g.length; y++) {
        if (truth[g[x]!] === truth[g[y]!]) continue;
        hh++;
        if (res.clusters.entity[g[x]!] === res.clusters.entity[g[y]!]) hhMerged++;
      }
  const linkCase = (s: number) => {
    const other = tables[s]!;
    const t1 = performance.now();
    const r = link(crm, other, { id: undefined });
    const lms = performance.now() - t1;
    const tp = new Set<string>();
    const bBy = groupsOf(d.truth[s]!.map((x) => String(x.person)));
    d.truth[0]!.forEach((x, i) => (bBy.get(String(x.person)) ?? []).forEach((j) => tp.add(`${i}|${j}`)));
    return { records: [crm.rows.length, other.rows.length], alignment: r.alignment.filter((x) => x.b !== null).map((x) => `${x.a} = ${x.b}`), pairwise: pm(pairwiseFromPairs(r.links.map((l) => `${l.a}|${l.b}`), tp)), seconds: { ...r.seconds, total: Math.round(lms) / 1000 } };
  };
  return {
    customers,
    crm_dedupe: {
      records: crm.rows.length,
      roles: Object.fromEntries(res.roles.map((r) => [r.column, r.role])),
      pairwise: pm(pairwiseFromClusters(res.clusters.entity, truth)),
      household_pairs: hh,
      household_pairs_merged: hhMerged,
      household_merged_share: r4(hhMerged / Math.max(1, hh)),
      lambda_household: res.model.lambdaHousehold,
      seconds: { ...res.seconds, total: Math.round(ms) / 1000 },
    },
    crm_marketing_link: linkCase(1),
    crm_billing_link: linkCase(2),
  };
}

async function main() {
  for (const f of ['febrl3.csv', 'febrl4a.csv', 'febrl4b.csv', 'fake_1000.csv']) {
    if (!existsSync(join(DATA, f))) throw new Error(`missing ${join(DATA, f)} (see ../shared/datasets/README.md)`);
  }
  const febrl3 = await dedupeCase('febrl3', join(DATA, 'febrl3.csv'), 'rec_id', [], (t, i) => febrlEntity(t.rows[i]![col(t, 'rec_id')]!));
  const febrl4 = await febrl4Case();
  const fake = await dedupeCase('fake_1000', join(DATA, 'fake_1000.csv'), 'unique_id', ['cluster'], (t, i) => t.rows[i]![col(t, 'cluster')]!);
  // the clerical labels: how the output fares on the labelled pairs (hard negatives included)
  const labels = readFileSync(join(DATA, 'fake_1000_labels.csv'), 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
  const uid = (await load(join(DATA, 'fake_1000.csv'))).rows.map((r) => r[0]!);
  const rowOf = new Map(uid.map((u, i) => [u, i]));
  let agree = 0;
  for (const [l, , r, , score] of labels) {
    const same = fake.res.clusters.entity[rowOf.get(l!)!] === fake.res.clusters.entity[rowOf.get(r!)!];
    if (same === (Number(score) >= 0.5)) agree++;
  }
  const demo = await demoCases(Number(arg('demo-customers', '20000')));
  const pg = withPg ? await pgTrgm(febrl3, febrl4, fake) : { status: 'unavailable', reason: '--no-pg' };
  const strip = <T extends { res?: unknown; truth?: unknown; a?: unknown; b?: unknown }>(x: T) => {
    const { res: _r, truth: _t, a: _a, b: _b, ...rest } = x;
    return rest;
  };
  const out = {
    bench: 'resolve',
    data: DATA,
    summary: {
      f1: { febrl3: febrl3.pairwise.f1, febrl4: febrl4.pairwise.f1, fake_1000: fake.pairwise.f1 },
      f1_at_best_threshold: { febrl3: febrl3.scored_pairs.pr_best.f1, febrl4: febrl4.scored_pairs.pr_best.f1, fake_1000: fake.scored_pairs.pr_best.f1 },
      pg_trgm: pg.status === 'ok' ? (pg as { f1: unknown }).f1 : pg,
      ...REFERENCE,
    },
    febrl3: strip(febrl3),
    febrl4: strip(febrl4),
    fake_1000: { ...strip(fake), clerical_labels_agreement: r4(agree / labels.length), clerical_labels: labels.length },
    demo,
    pg_trgm: pg,
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}

await main();
