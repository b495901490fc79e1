// Results of a stored experiment: the sample-ratio check on the assignment first, then each metric
// (primary, then guardrails) analysed arm by arm against control from the event store or an
// imported outcome file, CUPED with the pre-period value, the sequential view replayed over weekly
// looks (group sequential by default, mSPRT on request), and Holm across every metric × arm comparison shown.
import type { DB } from '../db/sqlite.js';
import { analyse, type Analysis } from './analyse.js';
import { HOLDOUT } from './assignment.js';
import { holm, sampleRatioMismatch } from './frequentist.js';
import { parseMetric, type MetricDef } from './metrics.js';
import { outcomeScan, SCAN_IDS, type UnitOutcome } from './outcomes.js';
import { readOutcomes } from './outcome-file.js';
import { groupSequentialMethod, monitorGroupSequential, type SequentialChoice } from './group-sequential.js';
import { monitorProportions, SEQUENTIAL_METHOD, type Look } from './sequential.js';
import { armCounts, assignments, type ExperimentRecord } from './store.js';
import { unitPages } from './units.js';

export interface OutcomeFile { path: string; unit: string; outcome: string; pre?: string; metric: 'rate' | 'mean'; better: 'higher' | 'lower' }

export interface MetricResult {
  metric: string;
  label: string;
  role: 'primary' | 'guardrail';
  type: 'rate' | 'mean';
  better: 'higher' | 'lower';
  population: string;
  covariate: string | null;
  window: { from: string; to: string } | null;
  analysis: Analysis;
}

export interface ExperimentResults {
  experiment: number;
  source: 'events' | 'file';
  /** Arm shares planned vs assigned; read before any effect. */
  srm: ReturnType<typeof sampleRatioMismatch> & { arms: { arm: string; planned: number; assigned: number }[] };
  holdout: number;
  /** Rows of an outcome file whose unit has no assignment (left out). */
  unmatched: number;
  metrics: MetricResult[];
  holm: { metric: string; arm: string; pValue: number; holmP: number }[];
  sequentialMethod: string;
  bayesMethod: string;
}

const LOOK_EVERY = 7;

/** Cumulative looks every week: rates read as "by day k" (converted by k; churn: still inactive at k), with the day of each. */
export function weeklyLooks(m: MetricDef, days: number, control: UnitOutcome[], treatment: UnitOutcome[]): (Look & { day: number })[] {
  const looks: (Look & { day: number })[] = [];
  const at = (rows: UnitOutcome[], k: number) => {
    let s = 0;
    for (const r of rows) {
      const seen = r.firstDay !== null && r.firstDay < k;
      s += m.kind === 'churn' ? (seen ? 0 : 1) : seen ? 1 : 0;
    }
    return { n: rows.length, successes: s };
  };
  for (let k = LOOK_EVERY; ; k += LOOK_EVERY) {
    const day = Math.min(k, days);
    looks.push({ control: at(control, day), treatment: at(treatment, day), day });
    if (day === days) break;
  }
  return looks;
}

/**
 * Group sequential over the planned window. The same units are looked at each week, so the looks are
 * not new samples: "seen by day k" indicators of one unit are nested, which makes the z-statistics a
 * Brownian motion in the odds q_k/(1 − q_k) of the pooled seen-by-k rate — that is the information
 * the recursion uses for the correlation between looks. α is spent by calendar time (day / window
 * days), known in advance, so the last planned look spends exactly what is left.
 */
export function weeklySequential(m: MetricDef, looks: (Look & { day: number })[], days: number, choice: SequentialChoice) {
  if (choice === 'msprt') return monitorProportions(looks);
  const information = looks.map((l) => {
    const n = l.control.n + l.treatment.n, s = l.control.successes + l.treatment.successes;
    const seen = (m.kind === 'churn' ? n - s : s) / Math.max(1, n);
    return seen >= 1 ? Number.MAX_VALUE : seen / (1 - seen);
  });
  return monitorGroupSequential(looks, 0.05, { spending: choice, information, spendTimes: looks.map((l) => Math.min(1, l.day / days)) });
}

/** Where a results computation is: records read, then how far the events are read. */
export interface ResultsStep { done: number; total: number | null; msg: string }

export function experimentResults(db: DB, e: ExperimentRecord, file?: OutcomeFile, sequential: SequentialChoice = 'obrien-fleming'): ExperimentResults {
  const steps = resultsSteps(db, e, file, sequential, Number.MAX_SAFE_INTEGER);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * The results computed in steps (the computeResults job yields between them): units read in pages
 * of `page` records, then every metric's outcomes from one scan of the events (10 × `page` event
 * ids, at most SCAN_IDS, or 30 days of orders per step).
 */
export function* resultsSteps(db: DB, e: ExperimentRecord, file?: OutcomeFile, sequential: SequentialChoice = 'obrien-fleming', page = 5_000): Generator<ResultsStep, ExperimentResults> {
  const assigned = assignments(db, e.id);
  if (assigned.length === 0) throw new RangeError(`experiment ${JSON.stringify(e.name)} has no assignments yet: assign its units first.`);
  const armOf = new Map(assigned.map((a) => [a.unit, a.arm]));
  const control = e.arms[0]!.name;
  const order = [control, ...e.arms.map((a) => a.name).filter((n) => n !== control).sort()];
  const planned = order.map((n) => e.arms.find((a) => a.name === n)!.share);
  const counts = armCounts(db, e.id);
  const srm = { ...sampleRatioMismatch(order.map((n) => counts[n] ?? 0), planned), arms: order.map((arm, i) => ({ arm, planned: planned[i]! / planned.reduce((s, x) => s + x, 0), assigned: counts[arm] ?? 0 })) };

  const metrics: MetricResult[] = [];
  let unmatched = 0;
  const analyseRows = (rows: UnitOutcome[], def: { type: 'rate' | 'mean'; better: 'higher' | 'lower' }) => {
    const inArms = rows.filter((r) => { const a = armOf.get(r.unit); return a !== undefined && a !== HOLDOUT; });
    return { inArms, analysis: analyse(inArms.map((r) => ({ arm: armOf.get(r.unit)!, outcome: r.outcome, pre: r.pre })), { metric: def.type, control, shares: planned, better: def.better }) };
  };
  if (file) {
    // the file's unit column is read where the reader expects the arm; the arm comes from the assignment
    const rows = readOutcomes(file.path, { arm: file.unit, outcome: file.outcome, pre: file.pre, metric: file.metric });
    const known = rows.filter((r) => armOf.has(r.arm));
    unmatched = rows.length - known.length;
    const { analysis } = analyseRows(known.map((r) => ({ unit: r.arm, outcome: r.outcome, pre: r.pre ?? 0, firstDay: null })), { type: file.metric, better: file.better });
    if (file.pre === undefined) for (const c of analysis.comparisons) c.cuped = null;
    metrics.push({ metric: file.outcome, label: `${file.outcome} (from the outcome file)`, role: 'primary', type: file.metric, better: file.better, population: 'units in the outcome file with an assignment', covariate: file.pre ?? null, window: null, analysis });
  } else {
    if (!e.startsOn || !e.endsOn) throw new RangeError('outcomes from the event store need the experiment’s start and end dates; set them in the design, or give an outcome file.');
    const records = db.prepare('SELECT count(*) FROM records').pluck().get() as number;
    const pages = unitPages(db, e.unitKind, null, { page });
    let all;
    for (;;) {
      const r = pages.next();
      if (r.done) { all = r.value; break; }
      yield { done: r.value, total: records, msg: 'Reading units' };
    }
    const units = all.filter((u) => armOf.has(u.unit));
    const wanted = [['primary', e.primaryMetric], ...e.guardrailMetrics.map((g) => ['guardrail', g])] as ['primary' | 'guardrail', string][];
    const defs = wanted.map(([, id]) => parseMetric(id));
    // every metric from one scan of the events
    const scan = outcomeScan(db, units, defs, e.startsOn, e.endsOn, Math.min(SCAN_IDS, page * 10));
    let outcomes;
    for (;;) {
      const r = scan.next();
      if (r.done) { outcomes = r.value; break; }
      yield { done: r.value.done, total: r.value.total, msg: 'Reading events' };
    }
    yield { done: 0, total: wanted.length, msg: 'Analysing' };
    for (const [k, [role, id]] of wanted.entries()) {
      const def = defs[k]!;
      const o = outcomes[k]!;
      const { inArms, analysis } = analyseRows(o.rows, def);
      if (def.type === 'rate') {
        const byArm = (arm: string) => inArms.filter((r) => armOf.get(r.unit) === arm);
        for (const c of analysis.comparisons) c.sequential = weeklySequential(def, weeklyLooks(def, o.days, byArm(control), byArm(c.arm)), o.days, sequential);
      }
      metrics.push({ metric: id, label: def.label, role, type: def.type, better: def.better, population: o.population, covariate: o.covariate, window: o.window, analysis });
      yield { done: k + 1, total: wanted.length, msg: 'Analysing' };
    }
  }
  // Holm over every comparison shown, on the headline p-value (CUPED's where it was computed)
  const flat = metrics.flatMap((m) => m.analysis.comparisons.map((c) => ({ metric: m.metric, arm: c.arm, pValue: (c.cuped ?? c).comparison.pValue })));
  const adjusted = holm(flat.map((f) => f.pValue));
  return {
    experiment: e.id, source: file ? 'file' : 'events', srm, holdout: counts[HOLDOUT] ?? 0, unmatched, metrics,
    holm: flat.map((f, i) => ({ ...f, holmP: adjusted[i]! })),
    sequentialMethod: sequential === 'msprt'
      ? `${SEQUENTIAL_METHOD}; rates looked at weekly over the window`
      : `${groupSequentialMethod(sequential)}; rates looked at weekly over the planned window, α spent by calendar time and all of it by the planned end`,
    bayesMethod: 'rates: exact Beta(1, 1)–binomial; means: flat prior, normal approximation to each mean’s posterior',
  };
}
