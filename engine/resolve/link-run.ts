// resolve.run in link mode: the records of source A matched to those of source B (only A×B pairs are
// candidates; records within one source are never compared, so never merged). Stored as a full run
// is (pairs with their levels, members, entities, the model in the registry), so resolve.pairs,
// explain and evaluate read it alike. Entities: each record of A joins at most one record of B —
// matched pairs (probability ≥ threshold) taken most probable first, a record already taken stays
// out — and every other record of A and B is an entity of its own. Records of other sources are not
// part of the run. A link run stores no match index: incremental runs extend full runs only.
import { AerieError } from '../api/errors.js';
import type { ResolveRunResult } from '../api/resolve.js';
import type { DB } from '../db/sqlite.js';
import type { JobContext } from '../jobs/types.js';
import { registerModel } from '../models/registry.js';
import type { ResolveParams } from './job.js';
import { dedupeStaged } from './pipeline.js';
import { effectiveSetup, setupRoles, setupRuleChooser } from './setup.js';
import { saveEntities } from './save-entities.js';
import { savePairs } from './save-pairs.js';
import { currentMembers, finishRun, insertRun, pruneOlderRuns, type RunSummary } from './store.js';
import { workspaceRows } from './workspace-records.js';

const CHUNK = 2_000;

/** Record ids of a source by name, in id order; an unknown or empty source is refused with the choices. */
function sourceRecords(db: DB, name: string): number[] {
  const src = db.prepare('SELECT id FROM sources WHERE name = ?').pluck().get(name) as number | undefined;
  const names = () => (db.prepare('SELECT name FROM sources ORDER BY name').pluck().all() as string[]).join(', ');
  if (src === undefined) throw new AerieError('INVALID_INPUT', `No source named ${JSON.stringify(name)} in the workspace to link.`, { source: name, hint: `Sources: ${names() || 'none'}.` });
  const ids = db.prepare('SELECT id FROM records WHERE source_id = ? ORDER BY id').pluck().all(src) as number[];
  if (ids.length === 0) throw new AerieError('BAD_DATA', `Source ${JSON.stringify(name)} holds no customer records to link.`, { source: name, hint: 'Import its records first, or link other sources.' });
  return ids;
}

/**
 * One-to-one links: pairs at or above the threshold, most probable first, each record in at most
 * one. Returns each row's entity number (rows 0..n-1) and the number of entities.
 */
export function oneToOne(n: number, a: Int32Array, b: Int32Array, prob: Float64Array, threshold: number): { entity: Int32Array; entities: number; links: number } {
  const order: number[] = [];
  for (let p = 0; p < a.length; p++) if (prob[p]! >= threshold) order.push(p);
  order.sort((x, y) => prob[y]! - prob[x]! || a[x]! - a[y]! || b[x]! - b[y]!);
  const entity = new Int32Array(n).fill(-1);
  let entities = 0;
  let links = 0;
  for (const p of order) {
    const i = a[p]!;
    const j = b[p]!;
    if (entity[i] !== -1 || entity[j] !== -1) continue;
    entity[i] = entity[j] = entities++;
    links++;
  }
  for (let k = 0; k < n; k++) if (entity[k] === -1) entity[k] = entities++;
  return { entity, entities, links };
}

export async function runLink(ctx: JobContext<ResolveParams>): Promise<ResolveRunResult> {
  const { db, params } = ctx;
  const sources = params.sources;
  if (!sources) throw new AerieError('INVALID_INPUT', 'A link run needs the two sources to link.', { hint: 'Give sources: [A, B] (aerie resolve <workspace> --link A,B).' });
  if (sources[0] === sources[1]) throw new AerieError('INVALID_INPUT', `A link run needs two different sources; both are ${JSON.stringify(sources[0])}.`, { hint: 'To find duplicates within one source, run a full resolve.' });
  const chunkSize = params.chunk ?? CHUNK;
  ctx.progress(0, null, 'Reading records');
  const idsA = sourceRecords(db, sources[0]);
  const idsB = sourceRecords(db, sources[1]);
  db.transaction(() => pruneOlderRuns(db))();
  const previous = currentMembers(db);
  const ra = workspaceRows(db, idsA);
  const rb = workspaceRows(db, idsB);
  const split = ra.ids.length;
  const ids = Int32Array.from([...ra.ids, ...rb.ids]);
  const table = { columns: ra.table.columns, rows: [...ra.table.rows, ...rb.table.rows] };
  const { setup, from } = effectiveSetup(db, params.setup);
  await ctx.yield();
  const stages = ['roles', 'standardise', 'blocking', 'comparisons', 'u', 'em', 'score', 'cluster'];
  const total = stages.length + 2;
  const res = await dedupeStaged(
    table,
    { id: 'id', threshold: params.threshold, country: params.country, roles: setupRoles(table, setup), rules: setupRuleChooser(setup, from === 'input') },
    async (s) => {
      ctx.progress(stages.indexOf(s.stage), total, s.total > 0 ? `${s.stage} (${s.done.toLocaleString('en')} of ${s.total.toLocaleString('en')})` : s.stage);
      await ctx.yield();
    },
    params.every,
    split,
  );
  const t0 = performance.now();
  const runId = insertRun(db, ctx.jobId, params.threshold);
  const { pairs, model } = res;
  ctx.progress(stages.length, total, 'Saving pairs');
  const { matches, matchesByRule } = await savePairs(db, runId, res, ids, params.threshold, chunkSize, () => ctx.yield());
  await ctx.yield();
  ctx.progress(stages.length + 1, total, 'Saving entities');
  const one = oneToOne(ids.length, pairs.a, pairs.b, pairs.probability, params.threshold);
  const { sizes, kept } = await saveEntities(db, runId, ids, one, previous, chunkSize, () => ctx.yield());
  const link = { sources, recordsA: split, recordsB: ids.length - split, links: one.links };
  const entry = registerModel(db, {
    kind: 'resolve.match',
    status: 'live',
    schema: { comparisons: model.comparisons.map((c) => ({ name: c.name, columns: c.columns, levels: c.levels })) },
    params: { model, threshold: params.threshold, country: params.country, rules: res.rules, roles: res.roles, setup, mode: 'link', sources },
    metrics: { records: ids.length, candidatePairs: pairs.a.length, matches, entities: sizes.size, links: one.links },
    dataWindow: { from: null, to: null, rows: ids.length },
    jobId: ctx.jobId,
  });
  const summary: RunSummary & { link: typeof link } = {
    runId,
    records: ids.length,
    candidatePairs: pairs.a.length,
    scoredPairs: pairs.a.length,
    matches,
    entities: sizes.size,
    entitiesKept: kept,
    secondsPerStage: { ...res.seconds, save: Math.round(performance.now() - t0) / 1000 },
    modelId: entry.id,
    rules: res.rules.map((r) => r.name),
    matchesByRule,
    link,
  };
  finishRun(db, runId, entry.id, summary);
  ctx.progress(total, total, 'Done');
  const { rules: _r, matchesByRule: _m, ...result } = summary;
  return result;
}
