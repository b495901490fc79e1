// Experiment methods. Library RangeErrors (bad statistics inputs) become INVALID_INPUT for callers.
import { AerieError } from '../api/errors.js';
import type { HandlerContext } from '../session/handler.js';
import { handlers } from '../session/handler.js';
import { analyse } from './analyse.js';
import { exportAssignments } from './assignment-export.js';
import { parseMetric } from './metrics.js';
import { readOutcomes } from './outcome-file.js';
import { sampleSize } from './power.js';
import { experimentReportHtml } from './report.js';
import { experimentResults } from './results.js';
import { cachedResults } from './results-cache.js';
import { resultsExperiment, resultsRequest } from './results-job.js';
import { roi } from './roi.js';
import { armCounts, assignments, createExperiment, getExperiment, listExperiments, NEXT_STATUS, setStatus, type ExperimentRecord } from './store.js';
import { assignableExperiment } from './assign-job.js';
import { CHURN_DECILE, churnDecileUnavailable } from './churn-strata.js';
import { CUSTOMER_ATTRIBUTES } from '../api/ingest.js';
import { checkStratifyColumn, experimentUnits } from './units.js';
import { writeExportText } from '../util/safe-write.js';

function invalidOnRange<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof RangeError) throw new AerieError('INVALID_INPUT', e.message);
    throw e;
  }
}

const db = (ctx: HandlerContext) => ctx.session().db;

function requireExperiment(ctx: HandlerContext, id: number): ExperimentRecord {
  const e = getExperiment(db(ctx), id);
  if (!e) throw new AerieError('NOT_FOUND', `Experiment ${id} does not exist.`, { hint: 'List experiments with experiments.list (aerie experiment list).' });
  return e;
}

function summary(ctx: HandlerContext, e: ExperimentRecord) {
  return {
    id: e.id, name: e.name, hypothesis: e.hypothesis, unit: e.unitKind, arms: e.arms, holdout: e.holdout, stratify: e.stratifyColumn,
    primaryMetric: e.primaryMetric, guardrailMetrics: e.guardrailMetrics, startsOn: e.startsOn, endsOn: e.endsOn, status: e.status,
    createdBy: e.createdBy, createdAt: e.createdAt, assigned: armCounts(db(ctx), e.id),
  };
}

export const experimentsHandlers = handlers({
  'experiments.power': (i) =>
    invalidOnRange(() => ({ ...sampleSize(i), method: 'two-sided normal approximation; rates: pooled variance under H0, unpooled under H1 (Fleiss, no continuity correction)' })),
  'experiments.analyse': (i, ctx) => {
    const path = ctx.roots.check(i.path);
    const rows = readOutcomes(path, { arm: i.arm, outcome: i.outcome, pre: i.pre, date: i.date, metric: i.metric });
    return invalidOnRange(() => analyse(rows, { metric: i.metric, control: i.control, shares: i.shares, sequential: i.sequential }));
  },
  'experiments.roi': (i) => invalidOnRange(() => roi(i)),

  'experiments.create': (i, ctx) => {
    const d = db(ctx);
    const id = invalidOnRange(() => {
      for (const m of [i.primaryMetric, ...i.guardrailMetrics]) parseMetric(m);
      checkStratifyColumn(i.stratify);
      const noScores = i.stratify === CHURN_DECILE ? churnDecileUnavailable(d) : null;
      if (noScores) throw new AerieError('CONFLICT', `Cannot stratify by churn risk decile. ${noScores}`, { hint: 'Score customers with a churn model, or choose another stratum.' });
      if (i.endsOn < i.startsOn) throw new RangeError(`endsOn (${i.endsOn}) is before startsOn (${i.startsOn}).`);
      if (new Set(i.arms.map((a) => a.name)).size !== i.arms.length) throw new RangeError('arm names must be distinct.');
      if (d.prepare('SELECT 1 FROM experiments WHERE name = ?').get(i.name)) throw new AerieError('CONFLICT', `An experiment named ${JSON.stringify(i.name)} exists already.`, { hint: 'Choose another name.' });
      return createExperiment(d, { name: i.name, hypothesis: i.hypothesis, unitKind: i.unit, arms: i.arms, holdout: i.holdout, stratifyColumn: i.stratify, primaryMetric: i.primaryMetric, guardrailMetrics: i.guardrailMetrics, startsOn: i.startsOn, endsOn: i.endsOn }, ctx.caller.user);
    });
    return summary(ctx, requireExperiment(ctx, id));
  },
  'experiments.list': (_i, ctx) => ({ items: listExperiments(db(ctx)).map((e) => summary(ctx, e)) }),
  'experiments.get': (i, ctx) => summary(ctx, requireExperiment(ctx, i.id)),
  'experiments.setStatus': (i, ctx) => {
    const e = requireExperiment(ctx, i.id);
    if (e.status !== i.status) {
      if (!NEXT_STATUS[e.status].includes(i.status)) {
        throw new AerieError('CONFLICT', `Experiment ${e.id} is ${e.status}; it cannot become ${i.status}.`, { hint: NEXT_STATUS[e.status].length ? `From ${e.status} it can become: ${NEXT_STATUS[e.status].join(', ')}.` : 'An analysed experiment is final.' });
      }
      setStatus(db(ctx), e.id, i.status);
    }
    return summary(ctx, requireExperiment(ctx, i.id));
  },
  'experiments.assign': (i, ctx) => {
    assignableExperiment(db(ctx), i.id); // refused now rather than as a failed job
    return { jobId: ctx.session().jobs.start('experiments.assign', i).id };
  },
  'experiments.strata': (_i, ctx) => {
    const churn = churnDecileUnavailable(db(ctx));
    return {
      items: [
        ...CUSTOMER_ATTRIBUTES.filter((a) => a !== 'source_key').map((a) => ({ id: a, label: a.replace(/_/g, ' '), kind: 'attribute' as const, available: true, reason: null })),
        { id: CHURN_DECILE, label: 'Churn risk decile', kind: 'churn' as const, available: churn === null, reason: churn },
      ],
    };
  },
  'experiments.exportAssignments': async (i, ctx) => {
    const path = ctx.roots.check(i.path);
    const s = ctx.session();
    const e = requireExperiment(ctx, i.id);
    const units = new Map(experimentUnits(s.db, e.unitKind, null).map((u) => [u.unit, u]));
    return exportAssignments(path, e.name, assignments(s.db, e.id), units, { overwrite: i.overwrite, workspace: s.path });
  },
  'experiments.computeResults': (i, ctx) => {
    resultsExperiment(db(ctx), i.id); // refused now rather than as a failed job
    return { jobId: ctx.session().jobs.start('experiments.computeResults', i).id };
  },
  // from the cache computeResults filled; not cached (CLI, small workspaces): computed here, blocking
  'experiments.results': (i, ctx) => {
    const e = requireExperiment(ctx, i.id);
    const file = i.outcomes ? { ...i.outcomes, path: ctx.roots.check(i.outcomes.path) } : undefined;
    if (file) return invalidOnRange(() => experimentResults(db(ctx), e, file, i.sequential));
    return invalidOnRange(() => cachedResults(ctx.session().caches, db(ctx), resultsRequest(e.id, i.sequential), () => experimentResults(db(ctx), e, undefined, i.sequential)));
  },
  'experiments.report': async (i, ctx) => {
    const path = ctx.roots.check(i.path);
    const s = ctx.session();
    const e = requireExperiment(ctx, i.id);
    const html = invalidOnRange(() => experimentReportHtml(summary(ctx, e), cachedResults(s.caches, s.db, resultsRequest(e.id, 'obrien-fleming'), () => experimentResults(s.db, e)), i.roi ? roi(i.roi) : null, i.roi ?? null));
    return writeExportText(path, html, { overwrite: i.overwrite, workspace: s.path });
  },
});
