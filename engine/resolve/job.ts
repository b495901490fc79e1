// resolve.run: the workspace's records through the matching core (standardise, candidates,
// scoring, clustering), then stored: the model in the registry (resolve.match, live), the scored
// pairs with their levels, entities with ids kept from the previous run where most records stay.
// The core runs staged (pipeline.ts dedupeStaged): the job yields between stages and every few
// thousand pairs inside the long loops, so progress moves and cancel stops it mid-stage; rollback
// deletes every row of the run and its model. Each record's blocking keys and the model's term
// frequencies are stored too, for incremental runs (incremental.ts), which `mode` selects.
import { AerieError } from '../api/errors.js';
import type { ResolveRunResult } from '../api/resolve.js';
import type { JobKind } from '../jobs/types.js';
import { registerModel, removeModelsOfJob } from '../models/registry.js';
import { runIncremental } from './incremental.js';
import { checkIncrementalSetup, checkNotLinkRun, effectiveSetup, setupRoles, setupRuleChooser } from './setup.js';
import { runLink } from './link-run.js';
import type { ResolveSetup } from '../api/resolve.js';
import { storeMatchIndex } from './incremental-store.js';
import { dedupeStaged } from './pipeline.js';
import { saveEntities } from './save-entities.js';
import { savePairs } from './save-pairs.js';
import { currentMembers, finishRun, insertRun, latestRun, pruneOlderRuns, removeRunOfJob, type RunSummary } from './store.js';
import { workspaceTable } from './workspace-records.js';

export interface ResolveParams {
  threshold: number;
  country: string;
  /** full: resolve every record; incremental: match the records added since the latest run against its entities. */
  mode?: 'full' | 'incremental' | 'link';
  /** Link: the two sources linked (link-run.ts). */
  sources?: [string, string] | undefined;
  /** The analyst's set-up (setup.ts); absent: the saved one. */
  setup?: ResolveSetup | undefined;
  /** Rows stored per transaction between yields (tests make it small to cancel mid-way). */
  chunk?: number;
  /** Pairs handled between yields inside a stage (tests make it small). */
  every?: number;
}

const CHUNK = 2_000;

export const resolveRunJob: JobKind<ResolveParams> = {
  kind: 'resolve.run',
  unit: 'steps',
  label: () => 'Resolve identities',
  resumable: false,
  tables: ['resolve_runs', 'resolve_pairs', 'resolve_entities', 'resolve_members', 'models'],
  async run(ctx): Promise<ResolveRunResult> {
    if (ctx.params.mode === 'incremental') {
      checkNotLinkRun(ctx.db);
      checkIncrementalSetup(ctx.db, ctx.params.setup);
      return runIncremental(ctx);
    }
    if (ctx.params.mode === 'link') return runLink(ctx);
    const { db, params } = ctx;
    const chunkSize = params.chunk ?? CHUNK;
    ctx.progress(0, null, 'Reading records');
    db.transaction(() => pruneOlderRuns(db))();
    const previous = currentMembers(db);
    const { ids, table } = workspaceTable(db);
    if (ids.length < 2) {
      throw new AerieError('BAD_DATA', `Nothing to resolve: the workspace holds ${ids.length} customer record${ids.length === 1 ? '' : 's'}.`, { hint: 'Import customer records first (aerie import, or ingest.start).' });
    }
    const { setup, from } = effectiveSetup(db, params.setup);
    await ctx.yield();
    const stages = ['roles', 'standardise', 'blocking', 'comparisons', 'u', 'em', 'score', 'cluster'];
    const total = stages.length + 4;
    const res = await dedupeStaged(
      table,
      { id: 'id', threshold: params.threshold, country: params.country, roles: setupRoles(table, setup), rules: setupRuleChooser(setup, from === 'input'), nearest: setup.nearest ? { k: setup.nearest } : undefined },
      async (s) => {
        ctx.progress(stages.indexOf(s.stage), total, s.total > 0 ? `${s.stage} (${s.done.toLocaleString('en')} of ${s.total.toLocaleString('en')})` : s.stage);
        await ctx.yield();
      },
      params.every,
    );
    await ctx.yield();
    const t0 = performance.now();
    const runId = insertRun(db, ctx.jobId, params.threshold);
    const { clusters, model } = res;
    // scored pairs with their per-comparison levels and term-frequency adjustments
    const { matches, matchesByRule } = await savePairs(db, runId, res, ids, params.threshold, chunkSize, async () => {
      ctx.progress(stages.length + 1, total, 'Saving pairs');
      await ctx.yield();
    });
    await ctx.yield();
    // entities, keeping the previous run's ids; the steward's decisions bound on top
    ctx.progress(stages.length + 2, total, 'Saving entities');
    const { sizes, kept } = await saveEntities(db, runId, ids, clusters, previous, chunkSize, () => ctx.yield());
    ctx.progress(stages.length + 3, total, 'Saving blocking keys and term frequencies');
    const t1 = performance.now();
    const index = await storeMatchIndex(db, runId, ids, res, ctx.yield, chunkSize * 25);
    const indexSeconds = Math.round(performance.now() - t1) / 1000;
    const entry = registerModel(db, {
      kind: 'resolve.match',
      status: 'live',
      schema: { comparisons: model.comparisons.map((c) => ({ name: c.name, columns: c.columns, levels: c.levels })) },
      params: { model, threshold: params.threshold, country: params.country, rules: res.rules, roles: res.roles, index, setup },
      metrics: { records: ids.length, candidatePairs: res.pairs.a.length, matches, entities: sizes.size },
      dataWindow: { from: null, to: null, rows: ids.length },
      jobId: ctx.jobId,
    });
    // save: pairs, entities and the match index; match_index: the index alone (keys and term frequencies)
    const secondsPerStage = { ...res.seconds, save: Math.round(performance.now() - t0) / 1000, match_index: indexSeconds };
    const summary: RunSummary = {
      runId,
      records: ids.length,
      candidatePairs: res.pairs.a.length,
      scoredPairs: res.pairs.a.length,
      matches,
      entities: sizes.size, // after the steward's decisions (clusters.entities is before)
      entitiesKept: kept,
      secondsPerStage,
      modelId: entry.id,
      rules: res.rules.map((r) => r.name),
      matchesByRule,
    };
    finishRun(db, runId, entry.id, summary);
    ctx.progress(total, total, 'Done');
    const { rules: _r, matchesByRule: _m, ...result } = summary;
    return result;
  },
  rollback(db, jobId) {
    removeRunOfJob(db, jobId);
    removeModelsOfJob(db, jobId);
  },
};

