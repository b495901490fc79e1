// Resolve API: plan, run (a job), summary, pairs, explain; the model view and evaluation against labels.
import { AerieError } from '../api/errors.js';
import { getModel } from '../models/registry.js';
import type { HandlerContext } from '../session/handler.js';
import type { Model } from './em.js';
import { handlers } from '../session/handler.js';
import type { ResolveParams } from './job.js';
import { evaluateRun } from './evaluation-run.js';
import { entitiesNow } from './incremental-decisions.js';
import { modelView } from './model-view.js';
import { resolvePlan } from './plan.js';
import { checkIncrementalSetup, checkNotLinkRun } from './setup.js';
import { explainStored, latestRun, pairsPage, runModel } from './store.js';

const db = (ctx: HandlerContext) => ctx.session().db;

function noRun(): never {
  throw new AerieError('NOT_FOUND', 'No resolve run has succeeded in this workspace yet.', { hint: 'Run resolve.run (aerie resolve <workspace>) first.' });
}

function missingModel(id: number): AerieError {
  return new AerieError('NOT_FOUND', `The model of the latest resolve run (${id}) is missing from the model registry.`, { hint: 'Run resolve.run again.' });
}

export const resolveHandlers = handlers({
  'resolve.model': (_i, ctx) => {
    const run = latestRun(db(ctx)) ?? noRun();
    const entry = getModel(db(ctx), run.modelId);
    if (!entry) throw missingModel(run.modelId);
    return modelView(entry.params.model as Model, { modelId: entry.id, version: entry.version, runId: run.runId, threshold: run.threshold });
  },
  'resolve.evaluate': (i, ctx) => evaluateRun(db(ctx), ctx.roots, latestRun(db(ctx)) ?? noRun(), i.labels),
  'resolve.plan': (i, ctx) => resolvePlan(db(ctx), i.setup),
  'resolve.run': (i, ctx) => {
    // refused at once rather than as a failed job
    if (i.mode === 'incremental') {
      checkNotLinkRun(db(ctx));
      checkIncrementalSetup(db(ctx), i.setup);
    }
    if (i.mode === 'link' && !i.sources) throw new AerieError('INVALID_INPUT', 'A link run needs the two sources to link.', { hint: 'Give sources: [A, B] (aerie resolve <workspace> --link A,B).' });
    if (i.mode !== 'link' && i.sources) throw new AerieError('INVALID_INPUT', `sources are for link runs; this run's mode is ${i.mode}.`, { hint: 'Give mode "link" with the sources, or leave the sources out.' });
    const params: ResolveParams = { threshold: i.threshold, country: i.country, mode: i.mode, sources: i.sources, setup: i.setup };
    return { jobId: ctx.session().jobs.start('resolve.run', params).id };
  },
  'resolve.summary': (_i, ctx) => {
    const run = latestRun(db(ctx));
    if (!run) return { run: null, clusterSizes: [], matchesByRule: [] };
    const { rules, matchesByRule, ...s } = run.summary;
    // entities as the steward's merges and splits make them, those made since the run included
    const now = entitiesNow(db(ctx), run.id);
    return {
      run: { ...s, entities: now.entities, jobId: run.jobId, createdAt: run.createdAt, threshold: run.threshold },
      clusterSizes: now.clusterSizes,
      matchesByRule: rules.map((rule, k) => ({ rule, matches: matchesByRule[k] ?? 0 })),
    };
  },
  'resolve.pairs': (i, ctx) => {
    const run = latestRun(db(ctx)) ?? noRun();
    const page = pairsPage(db(ctx), run.id, i.minProbability, i.maxProbability, i.offset, i.limit);
    return { total: page.total, pairs: page.rows.map((r) => ({ ...r, rule: run.summary.rules[r.rule] ?? `rule ${r.rule}` })) };
  },
  'resolve.explain': (i, ctx) => {
    const run = latestRun(db(ctx)) ?? noRun();
    const model = runModel(db(ctx), run.modelId);
    if (!model) throw new AerieError('NOT_FOUND', `The model of the latest resolve run (${run.modelId}) is missing from the model registry.`, { hint: 'Run resolve.run again.' });
    const e = explainStored(db(ctx), run.id, model, i.a, i.b);
    if (!e) throw new AerieError('NOT_FOUND', `Records ${i.a} and ${i.b} are not a scored pair of the latest resolve run.`, { hint: 'Pick a pair from resolve.pairs.' });
    return e;
  },
});
