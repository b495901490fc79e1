/**
 * Identity-resolution scale benchmark. Prints one JSON object.
 *
 *   npm run bench -- resolve-scale [--customers 10k|100k|1M] [--seed 7]
 *
 * Generates the demo CRM extract (the demo generator's CRM feed written as its CSV export, as in
 * bench/_demo-csv.ts, with its hidden truth), reads it back with the CLI's reader and dedupes it
 * with the pipeline's defaults (the same code as `aerie dedupe`). Prints seconds per stage
 * (generate and read are outside the pipeline), candidate pairs per blocking rule (as measured
 * before the run, and as first proposer of the union), peak RSS and pairwise F1 against the truth.
 * Issue goal at 1M: ≤ 600 s on 2 cores, peak RSS ≤ 4 GB, near-linear growth from 100k.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readTable } from '../engine/cli/commands/resolve.js';
import { layout, rowRef } from '../engine/demo/layout.js';
import { hash, rng } from '../engine/demo/random.js';
import { DEMO_SOURCES } from '../engine/demo/sources.js';
import { person } from '../engine/demo/truth.js';
import { pairwiseFromClusters } from '../engine/resolve/evaluate.js';
import { dedupe } from '../engine/resolve/pipeline.js';
import { arg, count } from './_fixtures.js';

const customers = count(arg('customers', '10k'));
const seed = Number(arg('seed', '7'));
const r4 = (x: number) => Math.round(x * 10000) / 10000;
const secs = (t0: number) => Math.round(performance.now() - t0) / 1000;
const mb = (kb: number) => Math.round(kb / 1024);

const q = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The CRM feed's CSV (as bench/_demo-csv.ts writes it) and its true person per row. */
function crmCsv(dir: string): { file: string; key: string; truth: Int32Array } {
  mkdirSync(dir, { recursive: true });
  const L = layout(seed, customers);
  const src = DEMO_SOURCES[0]!;
  const n = L.rows[0]!;
  const truth = new Int32Array(n);
  const parts: string[] = [src.columns.map(([c]) => c).join(',')];
  for (let k = 0; k < n; k++) {
    const ref = rowRef(L, 0, k);
    const p = person(seed, ref.person);
    parts.push(src.render(ref, p, rng(hash(seed, 400, k))).map(q).join(','));
    truth[k] = p.id;
  }
  const file = join(dir, `demo-${seed}-${customers}-${src.name}.csv`);
  writeFileSync(file, `${parts.join('\n')}\n`);
  return { file, key: src.columns[0]![0], truth };
}

async function main() {
  const seconds: Record<string, number> = {};
  let t = performance.now();
  const { file, key, truth } = crmCsv(join(resolve('bench/out'), 'resolve-scale'));
  seconds.generate = secs(t);
  t = performance.now();
  const { table } = await readTable(file, (line, reason) => process.stderr.write(`${file}: line ${line}: ${reason}\n`));
  seconds.read = secs(t);
  process.stderr.write(`generated ${table.rows.length} records in ${seconds.generate} s, read in ${seconds.read} s\n`);
  const rssBefore = mb(process.resourceUsage().maxRSS);
  t = performance.now();
  const stageRss: Record<string, number> = {};
  const res = dedupe(table, {
    id: key,
    onProgress: (stage) => {
      stageRss[stage] = mb(process.resourceUsage().maxRSS);
      // progress on stderr, so a run cut short still shows how far it got
      process.stderr.write(`${stage} done at ${secs(t)} s, peak RSS ${stageRss[stage]} MB\n`);
    },
  });
  const total = secs(t);
  const firstRule = new Array<number>(res.rules.length).fill(0);
  for (let p = 0; p < res.pairs.rule.length; p++) firstRule[res.pairs.rule[p]!]!++;
  const pw = pairwiseFromClusters(res.clusters.entity, truth);
  const out = {
    bench: 'resolve-scale',
    customers,
    records: table.rows.length,
    cpus: (await import('node:os')).cpus().length,
    seconds: { ...seconds, ...res.seconds, resolve_total: total },
    candidate_pairs: res.pairs.a.length,
    rules: res.rules.map((r, i) => ({ name: r.name, comparisons: r.comparisons, first_proposed: firstRule[i], capped_blocks: r.capped.blocks, capped_records: r.capped.records })),
    matches: res.pairs.probability.reduce((s, p) => s + (p >= res.threshold ? 1 : 0), 0),
    entities: new Set(res.clusters.entity).size,
    peak_rss_mb: mb(process.resourceUsage().maxRSS),
    rss_mb_before_resolve: rssBefore,
    peak_rss_mb_after_stage: stageRss,
    pairwise: { precision: r4(pw.precision), recall: r4(pw.recall), f1: r4(pw.f1), true_pairs: pw.truePairs, predicted_pairs: pw.predictedPairs, true_positives: pw.truePositives },
    goal_1m: { seconds: 600, peak_rss_mb: 4096 },
  };
  console.log(JSON.stringify(out, null, 2));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
