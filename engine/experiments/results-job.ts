// experiments.computeResults as a job: reads the units in pages and every metric's outcomes in one
// scan of the events in day slices, with progress and other requests answered between steps, then
// keeps the results in the results cache, where experiments.results answers from. A cancel keeps
// nothing (the job writes nothing to the workspace). If customers, events or assignments change
// while it runs, the half-old results are not kept: the job fails and says to run it again.
import { AerieError } from '../api/errors.js';
import { ExperimentComputeResultsInput, type ExperimentComputeResultsResult } from '../api/experiments.js';
import type { WorkspaceCaches } from '../db/caches.js';
import type { DB } from '../db/sqlite.js';
import type { JobKind } from '../jobs/types.js';
import type { SequentialChoice } from './group-sequential.js';
import { resultsSteps, type ExperimentResults } from './results.js';
import { peekResults, resultsVersion, storeResults } from './results-cache.js';
import { getExperiment, type ExperimentRecord } from './store.js';
import { z } from 'zod';

/** The stored job params: the request, and (tests) the records read between yields. */
const Params = ExperimentComputeResultsInput.extend({ page: z.number().int().min(1).optional() });
type Params = z.infer<typeof Params>;

/** The cache key experiments.results and this job share. */
export const resultsRequest = (id: number, sequential: SequentialChoice) => ({ id, sequential });

/** The experiment, if it can have results from the event store (refused before a job starts). */
export function resultsExperiment(db: DB, id: number): ExperimentRecord {
  const e = getExperiment(db, id);
  if (!e) throw new AerieError('NOT_FOUND', `Experiment ${id} does not exist.`, { hint: 'List experiments with experiments.list (aerie experiment list).' });
  if (!e.startsOn || !e.endsOn) throw new AerieError('INVALID_INPUT', `Experiment ${id} has no start or end date: outcomes from the event store need both.`, { hint: 'Set the dates in the design, or read results from an outcome file.' });
  if (!db.prepare('SELECT 1 FROM experiment_assignments WHERE experiment_id = ? LIMIT 1').get(id)) {
    throw new AerieError('INVALID_INPUT', `Experiment ${JSON.stringify(e.name)} has no assignments yet: assign its units first.`, { hint: 'Experiments → Assign (aerie experiment assign).' });
  }
  return e;
}

type Hooks = { progress?: (done: number, total: number | null, msg: string) => void; yield?: () => Promise<void>; page?: number | undefined };

export async function computeResults(db: DB, caches: WorkspaceCaches, id: number, sequential: SequentialChoice, hooks: Hooks = {}): Promise<ExperimentComputeResultsResult> {
  const e = resultsExperiment(db, id);
  const request = resultsRequest(e.id, sequential);
  const version = resultsVersion(db);
  const hit = peekResults<ExperimentResults>(caches, request, version);
  if (hit) return { id: e.id, sequential, metrics: hit.metrics.length, cached: true };
  const steps = resultsSteps(db, e, undefined, sequential, hooks.page ?? 5_000);
  let results: ExperimentResults;
  for (;;) {
    let r;
    try {
      r = steps.next();
    } catch (err) {
      throw err instanceof RangeError ? new AerieError('INVALID_INPUT', err.message) : err;
    }
    if (r.done) { results = r.value; break; }
    hooks.progress?.(r.value.done, r.value.total, r.value.msg);
    await hooks.yield?.();
  }
  if (resultsVersion(db) !== version) {
    throw new AerieError('CONFLICT', `Customers, events or assignments changed while experiment ${e.id}'s results were computed; they were not kept.`, { hint: 'Compute the results again.' });
  }
  storeResults(caches, request, version, results);
  return { id: e.id, sequential, metrics: results.metrics.length, cached: false };
}

export const experimentsComputeResultsJob: JobKind<Params> = {
  kind: 'experiments.computeResults',
  params: Params,
  unit: 'steps',
  label: (p) => `Compute the results of experiment ${p.id}`,
  resumable: false,
  tables: [],
  async run(ctx) {
    return computeResults(ctx.db, ctx.workspace.caches, ctx.params.id, ctx.params.sequential, { progress: (d, t, m) => ctx.progress(d, t, m), yield: () => ctx.yield(), page: ctx.params.page });
  },
  // nothing to undo: the job writes nothing to the workspace
};
