/**
 * Incremental identity resolution benchmark. Prints one JSON object.
 *
 *   npm run bench -- resolve-incremental [--customers 10k|100k|1M] [--seed 7] [--share 0.01] [--rerun no]
 *
 * Writes the demo CRM extract for N customers (the demo generator's CRM feed rendered as its CSV
 * export, as bench/resolve-scale.ts does) in two files: every row but a 1% share (every 100th row,
 * so it holds duplicates of people already in the workspace as well as new people) and that share.
 * In an encrypted workspace (engine in process) it imports the first file through the real import
 * job, runs a full resolve job, imports the second file (a second source) and runs an incremental
 * resolve job, then a full rerun on the same records. Prints seconds per stage of each job, wall
 * seconds, peak RSS of the process (the engine runs in it) during each job, and pairwise
 * precision / recall / F1 of the incremental entities against the full rerun's and of both against
 * the hidden truth (`--rerun no` leaves the rerun out, where time is short). Issue goal: an incremental run adding 1% to the 1M workspace in ≤ 30 s.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { runJob } from '../engine/api/run-job.js';
import { layout, rowRef } from '../engine/demo/layout.js';
import { hash, rng } from '../engine/demo/random.js';
import { DEMO_SOURCES } from '../engine/demo/sources.js';
import { person } from '../engine/demo/truth.js';
import { startInProcessEngine } from '../engine/worker/in-process-transport.js';
import { arg, BENCH_PASS, CALLER, count } from './_fixtures.js';

const customers = count(arg('customers', '10k'));
const seed = Number(arg('seed', '7'));
const share = Number(arg('share', '0.01'));
const every = Math.max(2, Math.round(1 / share));
const rerunToo = arg('rerun', 'yes') !== 'no';
const r4 = (x: number) => Math.round(x * 10000) / 10000;
const secs = (t0: number) => Math.round(performance.now() - t0) / 1000;
const q = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

// peak RSS of this process (the engine runs in it), per phase
let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
const phasePeak = () => {
  const p = Math.max(peak, process.memoryUsage.rss());
  peak = 0;
  return Math.round(p / 2 ** 20);
};

/** The CRM feed's CSV in two files (the base and every `every`-th row), and the true person per source key. */
function crmFiles(dir: string): { base: string; added: string; addedRows: number; truth: Map<string, number>; mapping: Record<string, string | null> } {
  mkdirSync(dir, { recursive: true });
  const L = layout(seed, customers);
  const src = DEMO_SOURCES[0]!;
  const n = L.rows[0]!;
  const header = src.columns.map(([c]) => c).join(',');
  const base: string[] = [header];
  const added: string[] = [header];
  const truth = new Map<string, number>();
  for (let k = 0; k < n; k++) {
    const ref = rowRef(L, 0, k);
    const p = person(seed, ref.person);
    const cells = src.render(ref, p, rng(hash(seed, 400, k)));
    truth.set(cells[0]!, p.id);
    (k % every === every - 1 ? added : base).push(cells.map(q).join(','));
  }
  const f = (name: string) => join(dir, `crm-${seed}-${customers}-${name}.csv`);
  writeFileSync(f('base'), `${base.join('\n')}\n`);
  writeFileSync(f('added'), `${added.join('\n')}\n`);
  return { base: f('base'), added: f('added'), addedRows: added.length - 1, truth, mapping: Object.fromEntries(src.columns) };
}

/** Pairwise precision / recall / F1 of clustering `a` against `b` (record -> cluster), over the records of `a`. */
function pairwise<K, V, W>(a: Map<K, V>, b: Map<K, W>) {
  const pairs = (m: Map<unknown, number>) => [...m.values()].reduce((s, n) => s + (n * (n - 1)) / 2, 0);
  const ca = new Map<V, number>();
  const cb = new Map<W, number>();
  const both = new Map<string, number>();
  for (const [rec, ea] of a) {
    const eb = b.get(rec)!;
    ca.set(ea, (ca.get(ea) ?? 0) + 1);
    cb.set(eb, (cb.get(eb) ?? 0) + 1);
    const k = `${String(ea)}\u0000${String(eb)}`;
    both.set(k, (both.get(k) ?? 0) + 1);
  }
  const tp = pairs(both);
  const precision = tp / pairs(ca);
  const recall = tp / pairs(cb);
  return { precision: r4(precision), recall: r4(recall), f1: r4((2 * precision * recall) / (precision + recall)), predicted_pairs: pairs(ca), reference_pairs: pairs(cb) };
}

async function main() {
  const dir = join(resolve('bench/out'), 'resolve-incremental');
  const seconds: Record<string, number> = {};
  let t = performance.now();
  const files = crmFiles(dir);
  seconds.generate = secs(t);
  const wsPath = join(dir, `inc-${seed}-${customers}.aerie`);
  rmSync(wsPath, { force: true });
  rmSync(`${wsPath}-wal`, { force: true });
  rmSync(`${wsPath}-shm`, { force: true });
  // in process (jobs run on this thread as in the worker): the bench reads the stored entities directly
  const { client, engine } = startInProcessEngine({ roots: [dir] }, CALLER);
  const log = (s: string) => process.stderr.write(`resolve-incremental ${customers}: ${s} (load ${loadavg()[0]!.toFixed(1)})\n`);
  try {
    await client.call('workspace.create', { path: wsPath, passphrase: BENCH_PASS });
    t = performance.now();
    const imp = await runJob(client, 'ingest.import', { path: files.base, source: 'crm', kind: 'customers', mapping: files.mapping });
    seconds.import_base = secs(t);
    log(`imported ${imp.rowsImported} records in ${seconds.import_base} s`);
    phasePeak();
    const cpuS = (u: NodeJS.CpuUsage) => Math.round((u.user + u.system) / 1e4) / 100;
    const cpu0 = process.cpuUsage();
    t = performance.now();
    const full = await runJob(client, 'resolve.run', {});
    const fullWall = secs(t);
    const fullCpu = process.cpuUsage(cpu0);
    const fullPeak = phasePeak();
    log(`full run in ${fullWall} s`);
    t = performance.now();
    const imp2 = await runJob(client, 'ingest.import', { path: files.added, source: 'crm-added', kind: 'customers', mapping: files.mapping });
    seconds.import_added = secs(t);
    phasePeak();
    const cpu1 = process.cpuUsage();
    t = performance.now();
    const inc = await runJob(client, 'resolve.run', { mode: 'incremental' });
    const incWall = secs(t);
    const incCpu = process.cpuUsage(cpu1);
    const incPeak = phasePeak();
    log(`incremental run in ${incWall} s`);
    // record -> entity (and record -> source key) of the latest run, read from the open workspace
    const snapshot = () => {
      const db = engine.requireSession().db;
      const run = db.prepare("SELECT r.id FROM resolve_runs r JOIN jobs j ON j.id = r.job_id WHERE j.state = 'succeeded' ORDER BY r.id DESC LIMIT 1").pluck().get() as number;
      const entity = new Map(db.prepare('SELECT record_id, entity_id FROM resolve_members WHERE run_id = ?').raw().all(run) as [number, string][]);
      const key = new Map(db.prepare('SELECT id, source_key FROM records').raw().all() as [number, string][]);
      return { entity, key };
    };
    const incMembers = snapshot();
    // the incremental figures at once on stderr: a rerun cut short for time still leaves them
    log(`incremental: ${JSON.stringify({ wall_seconds: incWall, cpu_seconds: cpuS(incCpu), seconds_per_stage: inc.secondsPerStage, ...inc.incremental, merged: inc.incremental?.merged.length, peak_rss_mb: incPeak, full: { wall_seconds: fullWall, cpu_seconds: cpuS(fullCpu), seconds_per_stage: full.secondsPerStage, peak_rss_mb: fullPeak } })}`);
    let rerunOut: Record<string, unknown> | null = null;
    let rerunMembers: ReturnType<typeof snapshot> | null = null;
    if (rerunToo) {
      const cpu2 = process.cpuUsage();
      t = performance.now();
      const rerun = await runJob(client, 'resolve.run', {});
      const rerunWall = secs(t);
      const rerunCpu = process.cpuUsage(cpu2);
      log(`full rerun in ${rerunWall} s`);
      rerunOut = { wall_seconds: rerunWall, cpu_seconds: cpuS(rerunCpu), seconds_per_stage: rerun.secondsPerStage, entities: rerun.entities, entities_kept: rerun.entitiesKept, peak_rss_mb: phasePeak() };
      rerunMembers = snapshot();
    }
    const truthOf = (m: Map<number, string>, keys: Map<number, string>) => new Map([...m.keys()].map((rec) => [rec, files.truth.get(keys.get(rec)!)!]));
    const truth = truthOf(incMembers.entity, incMembers.key);
    const out = {
      bench: 'resolve-incremental',
      customers,
      records: { base: imp.rowsImported, added: imp2.rowsImported, share },
      cpus: cpus().length,
      load_average_1m_at_end: Math.round(loadavg()[0]! * 10) / 10,
      seconds,
      full: { wall_seconds: fullWall, cpu_seconds: cpuS(fullCpu), seconds_per_stage: full.secondsPerStage, entities: full.entities, candidate_pairs: full.candidatePairs, peak_rss_mb: fullPeak },
      incremental: { wall_seconds: incWall, cpu_seconds: cpuS(incCpu), seconds_per_stage: inc.secondsPerStage, ...inc.incremental, merged: inc.incremental?.merged.length, entities: inc.entities, peak_rss_mb: incPeak },
      full_rerun: rerunOut,
      pairwise: {
        incremental_vs_full_rerun: rerunMembers ? pairwise(incMembers.entity, rerunMembers.entity) : null,
        incremental_vs_truth: pairwise(incMembers.entity, truth),
        full_rerun_vs_truth: rerunMembers ? pairwise(rerunMembers.entity, truth) : null,
      },
      goal_1m_incremental_seconds: 30,
    };
    console.log(JSON.stringify(out, null, 2));
  } finally {
    clearInterval(sampler);
    await client.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
