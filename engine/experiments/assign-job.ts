// experiments.assign as a job: read the units in pages, skip those already assigned, hash and deal
// the rest in steps and stage them in a memory-only table (progress; a cancel in these steps stores
// nothing, so the experiment's earlier assignments stand exactly as they were), then store them in
// key-ordered chunks with other requests answered between chunks. Assignments are never changed or
// taken back (migration 0013), so storing, once begun, runs to the end.
import { AerieError } from '../api/errors.js';
import { ExperimentAssignInput, type ExperimentAssignResult } from '../api/experiments.js';
import type { DB } from '../db/sqlite.js';
import type { JobKind } from '../jobs/types.js';
import { latestBuild } from '../golden/store.js';
import { assignSteps, type Unit } from './assignment.js';
import { CHURN_DECILE, churnDecileUnavailable } from './churn-strata.js';
import { getExperiment, type ExperimentRecord } from './store.js';
import { unitPages } from './units.js';
import { z } from 'zod';

/** The stored job params: the request, and (tests) the units read or dealt between yields. */
const ExperimentAssignParams = ExperimentAssignInput.extend({ page: z.number().int().min(1).optional() });
type ExperimentAssignParams = z.infer<typeof ExperimentAssignParams>;

type Hooks = {
  progress?: (done: number, total: number | null, msg: string) => void;
  /** Let other requests run; throws CANCELLED once the job is cancelled. */
  yield?: () => Promise<void>;
  /** Let other requests run, without a cancel check (while storing). */
  pause?: () => Promise<void>;
  /** Units read, dealt or stored between yields (tests make it small). */
  page?: number | undefined;
};

/** The experiment, if units may be assigned to it now (draft or running). */
export function assignableExperiment(db: DB, id: number): ExperimentRecord {
  const e = getExperiment(db, id);
  if (!e) throw new AerieError('NOT_FOUND', `Experiment ${id} does not exist.`, { hint: 'List experiments with experiments.list (aerie experiment list).' });
  if (e.status !== 'draft' && e.status !== 'running') throw new AerieError('CONFLICT', `Experiment ${e.id} is ${e.status}: units are assigned only while it is a draft or running.`);
  if (e.unitKind === 'golden' && !latestBuild(db)) throw new AerieError('INVALID_INPUT', `Experiment ${e.id} assigns golden units, and this workspace has no golden build.`, { hint: 'Run Golden records → Build first (aerie golden build), or design the experiment with source units.' });
  const noScores = e.stratifyColumn === CHURN_DECILE ? churnDecileUnavailable(db) : null;
  if (noScores) throw new AerieError('CONFLICT', `Experiment ${e.id} is stratified by churn risk decile. ${noScores}`, { hint: 'Score customers with a churn model (aerie churn score) and assign again.' });
  return e;
}

const invalid = (e: unknown) => (e instanceof RangeError ? new AerieError('INVALID_INPUT', e.message) : e);

export async function assignExperiment(db: DB, id: number, hooks: Hooks = {}): Promise<ExperimentAssignResult> {
  const e = assignableExperiment(db, id);
  const records = db.prepare('SELECT count(*) FROM records').pluck().get() as number;
  hooks.progress?.(0, records, 'Reading units');
  const step = hooks.page ?? 5_000;
  const pages = unitPages(db, e.unitKind, e.stratifyColumn, { page: step, accounts: false });
  let units;
  for (;;) {
    let r;
    try {
      r = pages.next();
    } catch (err) {
      throw invalid(err);
    }
    if (r.done) { units = r.value; break; }
    hooks.progress?.(r.value, records, 'Reading units');
    await hooks.yield?.();
  }
  // units assigned before keep their arm; read in pages of the primary key
  const known = new Set<string>();
  const byArm = new Map<string, number>();
  const knownPage = db.prepare('SELECT unit, arm FROM experiment_assignments WHERE experiment_id = ? AND unit > ? ORDER BY unit LIMIT ?').raw();
  for (let after = ''; ;) {
    const rows = knownPage.all(e.id, after, step) as [string, string][];
    if (rows.length === 0) break;
    for (const [u, arm] of rows) {
      known.add(u);
      byArm.set(arm, (byArm.get(arm) ?? 0) + 1);
    }
    after = rows[rows.length - 1]![0];
    await hooks.yield?.();
  }
  const fresh: Unit[] = [];
  for (let k = 0; k < units.length; k++) {
    const u = units[k]!;
    if (!known.has(u.unit)) fresh.push(u.stratum === null ? { unit: u.unit } : { unit: u.unit, stratum: u.stratum });
    if ((k + 1) % step === 0) await hooks.yield?.();
  }
  units.length = 0; // let the collector have the unit list before the deal allocates its own
  const steps = assignSteps(fresh, { salt: e.salt, arms: e.arms, holdout: e.holdout, stratified: e.stratifyColumn !== null }, step);
  let rows;
  for (;;) {
    const r = steps.next();
    if (r.done) { rows = r.value; break; }
    hooks.progress?.(r.value.done, r.value.total, r.value.pass === 'check' ? 'Checking units' : r.value.pass === 'holdout' ? 'Drawing the holdout' : 'Assigning');
    await hooks.yield?.();
  }
  // staged in a memory-only temp table in chunks (a cancel meanwhile stores nothing), then moved into
  // place in key order, a chunk per transaction with other requests answered between chunks
  db.exec('DROP TABLE IF EXISTS temp.experiment_assign_stage; CREATE TEMP TABLE experiment_assign_stage (unit TEXT PRIMARY KEY, stratum TEXT, arm TEXT NOT NULL) WITHOUT ROWID');
  try {
    const stage = db.prepare('INSERT INTO temp.experiment_assign_stage (unit, stratum, arm) VALUES (?, ?, ?)');
    const chunk = step;
    for (let a = 0; a < rows.length; a += chunk) {
      db.transaction(() => {
        for (let k = a; k < Math.min(rows.length, a + chunk); k++) stage.run(rows[k]!.unit, rows[k]!.stratum, rows[k]!.arm);
      })();
      hooks.progress?.(Math.min(rows.length, a + chunk), rows.length, 'Preparing');
      await hooks.yield?.();
    }
    await hooks.yield?.(); // the last point where a cancel leaves nothing written
    assignableExperiment(db, id); // stopped meanwhile: store nothing
    // From here the run stores to the end and a cancel is too late: stopping part-way would leave
    // part of the units assigned, and assignments cannot be taken back (migration 0013).
    const at = new Date().toISOString();
    const lastOf = db.prepare('SELECT max(unit) FROM (SELECT unit FROM temp.experiment_assign_stage WHERE unit > ? ORDER BY unit LIMIT ?)').pluck();
    const move = db.prepare('INSERT INTO experiment_assignments (experiment_id, unit, stratum, arm, assigned_at) SELECT ?, unit, stratum, arm, ? FROM temp.experiment_assign_stage WHERE unit > ? AND unit <= ? ORDER BY unit');
    let stored = 0;
    for (let after = ''; ;) {
      const last = lastOf.get(after, chunk) as string | null;
      if (last === null) break;
      stored += db.transaction(() => move.run(e.id, at, after, last).changes)();
      after = last;
      hooks.progress?.(stored, rows.length, 'Storing');
      await (hooks.pause ?? hooks.yield)?.();
    }
  } finally {
    db.exec('DROP TABLE IF EXISTS temp.experiment_assign_stage');
  }
  // the counts armCounts would give, without reading every row again
  for (const r of rows) byArm.set(r.arm, (byArm.get(r.arm) ?? 0) + 1);
  const counts = Object.fromEntries([...byArm].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { assigned: rows.length, total: known.size + rows.length, byArm: counts };
}

export const experimentsAssignJob: JobKind<ExperimentAssignParams> = {
  kind: 'experiments.assign',
  params: ExperimentAssignParams,
  unit: 'units',
  label: (p) => `Assign units to experiment ${p.id}`,
  resumable: false,
  tables: ['experiment_assignments'],
  async run(ctx) {
    return assignExperiment(ctx.db, ctx.params.id, { progress: (d, t, m) => ctx.progress(d, t, m), yield: () => ctx.yield(), pause: () => new Promise((r) => setImmediate(r)), page: ctx.params.page });
  },
  // nothing to undo: nothing is written before the storing phase, and that phase runs to the end
  // (after a crash in it, the units stored keep their arm and the next run assigns the rest)
};
