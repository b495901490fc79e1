// Undo the big steps: delete a source, or roll back one of its imports, with everything derived from
// the rows it brought — in one transaction, committed at the end, so a failure or cancel leaves the
// workspace as it was. It works in chunks and lets other calls be answered between them.
// Derived results that summarise many records (resolve runs, golden builds, churn scores) are cut
// down to the records that remain and named in `stale` so the analyst re-runs them; nothing is left
// pointing at a record that is gone. Append-only ledgers (review labels, golden decisions,
// experiment assignments) keep their rows: they hold record ids or keys, never values, and those ids
// are never handed out again (id-floor.ts).
import { AerieError } from '../api/errors.js';
import type { RemoveResult } from '../api/ingest.js';
import { readMeta, writeMeta } from '../db/meta.js';
import type { DB } from '../db/sqlite.js';
import type { JobKind } from '../jobs/types.js';
import { raiseIdFloors } from './id-floor.js';

export interface RemoveParams {
  source: string;
  /** Roll back only this import of the source; absent: delete the whole source. */
  importId?: number;
}

/** meta key: imports removed on purpose, id → the removing job, so audit verify does not call them deleted outside Aerie. */
export const REMOVED_IMPORTS_KEY = 'removed_imports';

export function removedImports(db: DB): Record<string, string> {
  const v = readMeta(db, REMOVED_IMPORTS_KEY);
  return v ? (JSON.parse(v) as Record<string, string>) : {};
}

function target(db: DB, p: RemoveParams): { sourceId: number; importIds: number[] } {
  const sourceId = db.prepare('SELECT id FROM sources WHERE name = ?').pluck().get(p.source) as number | undefined;
  if (sourceId === undefined) throw new AerieError('NOT_FOUND', `No source named "${p.source}".`, { hint: 'The Sources screen (or `aerie info <workspace>`) lists them; names are case-sensitive.' });
  const all = db.prepare('SELECT id FROM imports WHERE source_id = ? ORDER BY id').pluck().all(sourceId) as number[];
  if (p.importId !== undefined && !all.includes(p.importId)) {
    throw new AerieError('NOT_FOUND', `Import ${p.importId} is not an import of source "${p.source}".`, { hint: 'The Sources screen lists each source with its imports.' });
  }
  const running = db.prepare("SELECT id FROM imports WHERE source_id = ? AND state = 'running'").pluck().get(sourceId) as number | undefined;
  if (running !== undefined) throw new AerieError('CONFLICT', `Import ${running} into "${p.source}" is still running; nothing was removed.`, { hint: 'Wait for it to finish or cancel it, then try again.' });
  return { sourceId, importIds: p.importId !== undefined ? [p.importId] : all };
}

const count = (db: DB, sql: string) => db.prepare(sql).pluck().get() as number;

/** Records per chunk: each chunk is a few short statements, so the engine answers between them. */
export const REMOVE_CHUNK = 5_000;

/** Where a removal has got to (stage in words; done/total in records). */
export interface RemoveStep {
  stage: string;
  done: number;
  total: number;
}

type Removed = RemoveResult & { recordIds: number[] };

/**
 * The distinct values of an index's first column, one index seek each (a table of a million rows
 * has a handful of runs or generations; SELECT DISTINCT would read every row).
 */
function leadingKeys(db: DB, table: string, col: string): number[] {
  return db
    .prepare(
      `WITH RECURSIVE k(v) AS (SELECT min(${col}) FROM ${table} UNION ALL SELECT (SELECT min(${col}) FROM ${table} WHERE ${col} > k.v) FROM k WHERE k.v IS NOT NULL)
       SELECT v FROM k WHERE v IS NOT NULL`,
    )
    .pluck()
    .all() as number[];
}

/**
 * The removal, step by step: it yields after each chunk so a job can let other calls run and check
 * for cancel. Run it inside one transaction (see removeJob): nothing is kept until it commits.
 */
export function* removeSteps(db: DB, p: RemoveParams, jobId: string): Generator<RemoveStep, Removed> {
  const { sourceId, importIds } = target(db, p);
  const wholeSource = p.importId === undefined;
  raiseIdFloors(db, ['records', 'imports', 'sources']); // the removed ids are never handed out again
  db.exec('DROP TABLE IF EXISTS temp.doomed_imports; DROP TABLE IF EXISTS temp.doomed_records');
  db.exec('CREATE TEMP TABLE doomed_imports (id INTEGER PRIMARY KEY); CREATE TEMP TABLE doomed_records (id INTEGER PRIMARY KEY)');
  const addImport = db.prepare('INSERT INTO temp.doomed_imports (id) VALUES (?)');
  for (const id of importIds) addImport.run(id);
  db.exec('INSERT INTO temp.doomed_records (id) SELECT id FROM records WHERE import_id IN (SELECT id FROM temp.doomed_imports)');
  const recordIds = db.prepare('SELECT id FROM temp.doomed_records ORDER BY id').pluck().all() as number[];
  const total = recordIds.length;
  yield { stage: 'Found the rows to remove', done: 0, total };
  const del = (sql: string, ...args: number[]) => db.prepare(sql).run(...args).changes;
  const inRecords = 'IN (SELECT id FROM temp.doomed_records)';
  const inImports = 'IN (SELECT id FROM temp.doomed_imports)';

  // Record-keyed rows, a chunk of record ids at a time, each delete a range seek on an index:
  // search vectors (every generation) and feedback naming the records (its query may hold their
  // details), resolve and golden memberships, and the records themselves.
  const gens = leadingKeys(db, 'record_vectors', 'gen');
  const runs = leadingKeys(db, 'resolve_members', 'run_id');
  const formRuns = leadingKeys(db, 'resolve_forms', 'run_id');
  const builds = leadingKeys(db, 'golden_members', 'build_id');
  // the chunk's ids as a range of the temp table, looked up one by one in each table's index
  const range = (col: string) => `${col} IN (SELECT id FROM temp.doomed_records WHERE id BETWEEN ? AND ?)`;
  const vecDel = db.prepare(`DELETE FROM record_vectors WHERE gen = ? AND ${range('record_id')}`);
  const fbDel = db.prepare(`DELETE FROM search_feedback WHERE ${range('record_id')}`);
  const memberDel = db.prepare(`DELETE FROM resolve_members WHERE run_id = ? AND ${range('record_id')}`);
  const formDel = db.prepare(`DELETE FROM resolve_forms WHERE run_id = ? AND ${range('record_id')}`);
  const goldenDel = db.prepare(`DELETE FROM golden_members WHERE build_id = ? AND ${range('record_id')}`);
  const recDel = db.prepare(`DELETE FROM records WHERE ${range('id')}`);
  let vectors = 0;
  let feedback = 0;
  let resolveRows = 0;
  let goldenRows = 0;
  let records = 0;
  for (let i = 0; i < total; i += REMOVE_CHUNK) {
    const lo = recordIds[i]!;
    const hi = recordIds[Math.min(total, i + REMOVE_CHUNK) - 1]!;
    for (const g of gens) vectors += vecDel.run(g, lo, hi).changes;
    feedback += fbDel.run(lo, hi).changes;
    for (const r of runs) resolveRows += memberDel.run(r, lo, hi).changes;
    for (const r of formRuns) formDel.run(r, lo, hi);
    for (const b of builds) goldenRows += goldenDel.run(b, lo, hi).changes;
    records += recDel.run(lo, hi).changes;
    yield { stage: 'Removing records and what was derived from them', done: Math.min(total, i + REMOVE_CHUNK), total };
  }
  // review labels' search feedback whose query holds a removed record's details (labels keep only ids)
  feedback += del(`DELETE FROM search_feedback WHERE id IN (SELECT feedback_id FROM review_labels WHERE feedback_id IS NOT NULL AND a ${inRecords})`);

  // resolve: pairs and blocking keys of the records (one pass each); entities shrink, empty ones go
  const stale = new Set<string>();
  del(`DELETE FROM resolve_pairs WHERE a ${inRecords} OR b ${inRecords}`);
  yield { stage: 'Removing match pairs', done: total, total };
  del(`DELETE FROM resolve_keys WHERE record_id ${inRecords}`);
  yield { stage: 'Removing blocking keys', done: total, total };
  if (resolveRows > 0) {
    stale.add('resolve');
    db.exec(`UPDATE resolve_entities SET size = (SELECT count(*) FROM resolve_members m WHERE m.run_id = resolve_entities.run_id AND m.entity_id = resolve_entities.id)`);
    db.exec('DELETE FROM resolve_entities WHERE size = 0');
    yield { stage: 'Updating entities', done: total, total };
  }
  // golden: a surviving value that came from a removed record goes with it
  const goldenValues = del(`DELETE FROM golden_values WHERE EXISTS (SELECT 1 FROM json_each(golden_values.records) j WHERE j.value ${inRecords})`);
  if (goldenRows + goldenValues > 0) {
    stale.add('golden');
    db.exec(`UPDATE golden_records SET size = (SELECT count(*) FROM golden_members m WHERE m.build_id = golden_records.build_id AND m.golden_id = golden_records.id)`);
    db.exec(`DELETE FROM golden_values WHERE NOT EXISTS (SELECT 1 FROM golden_records g WHERE g.build_id = golden_values.build_id AND g.id = golden_values.golden_id AND g.size > 0)`);
    db.exec('DELETE FROM golden_records WHERE size = 0');
  }
  yield { stage: 'Updating golden records', done: total, total };
  if (wholeSource && count(db, `SELECT count(*) FROM churn_scores WHERE unit_kind = 'source'`) > 0) stale.add('churn');

  // profiles of what is removed go (they quote its values); the workspace's and the source's are out of date
  const profileScopes = [...importIds.map((id) => `import:${id}`), `source:${sourceId}`, 'workspace'];
  const profiles = db.prepare(`DELETE FROM profiles WHERE scope IN (SELECT value FROM json_each(?))`).run(JSON.stringify(profileScopes)).changes;
  if (profiles > 0) stale.add('profile');

  const events = del(`DELETE FROM events WHERE import_id ${inImports}`) + (wholeSource ? del('DELETE FROM events WHERE source_id = ?', sourceId) : 0);
  yield { stage: 'Removing events', done: total, total };
  const rejects = del(`DELETE FROM rejects WHERE import_id ${inImports}`);
  del(`DELETE FROM import_columns WHERE import_id ${inImports}`);
  const imports = del(`DELETE FROM imports WHERE id ${inImports}`);
  if (wholeSource) del('DELETE FROM sources WHERE id = ?', sourceId);

  const removed = removedImports(db);
  for (const id of importIds) removed[String(id)] = jobId;
  writeMeta(db, REMOVED_IMPORTS_KEY, JSON.stringify(removed));
  db.exec('DROP TABLE temp.doomed_imports; DROP TABLE temp.doomed_records');

  return { source: p.source, sourceDeleted: wholeSource, importIds, records, events, rejects, imports, vectors, feedback, profiles, stale: [...stale].sort(), recordIds };
}

/** The whole removal at once; call inside a transaction. Returns the counts and the record ids removed. */
export function removeRows(db: DB, p: RemoveParams, jobId: string): Removed {
  const steps = removeSteps(db, p, jobId);
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
  }
}

export const removeJob: JobKind<RemoveParams> = {
  kind: 'ingest.remove',
  unit: 'records',
  label: (p) => (p.importId !== undefined ? `Roll back import ${p.importId} of ${p.source}` : `Delete source ${p.source}`),
  resumable: false,
  // rollback-journal mode while it runs: the commit then writes what is left in the cache, not a
  // WAL of every page the deletes touched followed by a checkpoint copying it all (seconds at 1M)
  bulkWrites: true,
  tables: ['records', 'events', 'rejects', 'imports', 'sources', 'import_columns', 'profiles', 'record_vectors', 'search_feedback', 'resolve_members', 'resolve_entities', 'golden_members', 'golden_records', 'golden_values'],
  async run(ctx) {
    await ctx.yield();
    ctx.progress(0, null, 'Finding the rows to remove');
    const db = ctx.db;
    // One transaction across the chunks, committed at the end: a cancel, a lock, an error or a
    // crash before the commit leaves every row where it was. Meanwhile other changes are refused
    // (they would join this transaction and vanish with a cancel); reads go on between chunks.
    const release = ctx.workspace.holdWrites?.(removeJob.label(ctx.params)) ?? (() => undefined);
    let result!: Removed;
    try {
      db.exec('BEGIN IMMEDIATE');
      try {
        const steps = removeSteps(db, ctx.params, ctx.jobId);
        for (;;) {
          const s = steps.next();
          if (s.done) {
            result = s.value;
            break;
          }
          ctx.progress(s.value.done, s.value.total, s.value.stage);
          await ctx.yield();
        }
        // the commit point: a cancel asked for until here still rolls everything back
        await ctx.yield();
        db.exec('COMMIT');
      } catch (e) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw e;
      }
    } finally {
      release();
    }
    const { recordIds, ...out } = result;
    if (recordIds.length) ctx.workspace.changes.emit({ kind: 'forget', recordIds });
    ctx.progress(out.records, out.records, 'Removed');
    return out;
  },
};
