// Undo the big steps: delete a source, or roll back one of its imports, with everything derived from
// the rows it brought — in one transaction, so a failure or cancel leaves the workspace as it was.
// Derived results that summarise many records (resolve runs, golden builds, churn scores) are cut
// down to the records that remain and named in `stale` so the analyst re-runs them; nothing is left
// pointing at a record that is gone. Append-only ledgers (review labels, golden decisions,
// experiment assignments) keep their rows: they hold record ids or keys, never values.
import { AerieError } from '../api/errors.js';
import type { RemoveResult } from '../api/ingest.js';
import type { DB } from '../db/sqlite.js';
import type { JobKind } from '../jobs/types.js';

export interface RemoveParams {
  source: string;
  /** Roll back only this import of the source; absent: delete the whole source. */
  importId?: number;
}

/** meta key: imports removed on purpose, id → the removing job, so audit verify does not call them deleted outside Aerie. */
export const REMOVED_IMPORTS_KEY = 'removed_imports';

export function removedImports(db: DB): Record<string, string> {
  const v = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(REMOVED_IMPORTS_KEY) as string | undefined;
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

/** Removes the rows; call inside a transaction. Returns the counts and the record ids removed. */
export function removeRows(db: DB, p: RemoveParams, jobId: string): RemoveResult & { recordIds: number[] } {
  const { sourceId, importIds } = target(db, p);
  const wholeSource = p.importId === undefined;
  db.exec('DROP TABLE IF EXISTS temp.doomed_imports; DROP TABLE IF EXISTS temp.doomed_records');
  db.exec('CREATE TEMP TABLE doomed_imports (id INTEGER PRIMARY KEY); CREATE TEMP TABLE doomed_records (id INTEGER PRIMARY KEY)');
  const addImport = db.prepare('INSERT INTO temp.doomed_imports (id) VALUES (?)');
  for (const id of importIds) addImport.run(id);
  db.exec('INSERT INTO temp.doomed_records (id) SELECT id FROM records WHERE import_id IN (SELECT id FROM temp.doomed_imports)');
  const recordIds = db.prepare('SELECT id FROM temp.doomed_records').pluck().all() as number[];
  const del = (sql: string) => db.prepare(sql).run().changes;
  const inRecords = 'IN (SELECT id FROM temp.doomed_records)';
  const inImports = 'IN (SELECT id FROM temp.doomed_imports)';

  // search: vectors in every generation and feedback naming the records (its query may hold their details)
  const vectors = del(`DELETE FROM record_vectors WHERE record_id ${inRecords}`);
  const feedback = del(`DELETE FROM search_feedback WHERE record_id ${inRecords}`);

  // resolve: the records leave every run; entities shrink, and empty ones go
  const stale = new Set<string>();
  const resolveRows = del(`DELETE FROM resolve_members WHERE record_id ${inRecords}`);
  del(`DELETE FROM resolve_pairs WHERE a ${inRecords} OR b ${inRecords}`);
  del(`DELETE FROM resolve_keys WHERE record_id ${inRecords}`);
  del(`DELETE FROM resolve_forms WHERE record_id ${inRecords}`);
  if (resolveRows > 0) {
    stale.add('resolve');
    db.exec(`UPDATE resolve_entities SET size = (SELECT count(*) FROM resolve_members m WHERE m.run_id = resolve_entities.run_id AND m.entity_id = resolve_entities.id)`);
    db.exec('DELETE FROM resolve_entities WHERE size = 0');
  }
  // golden: members go; a surviving value that came from a removed record goes with it
  const goldenRows = del(`DELETE FROM golden_members WHERE record_id ${inRecords}`);
  const goldenValues = del(`DELETE FROM golden_values WHERE EXISTS (SELECT 1 FROM json_each(golden_values.records) j WHERE j.value ${inRecords})`);
  if (goldenRows + goldenValues > 0) {
    stale.add('golden');
    db.exec(`UPDATE golden_records SET size = (SELECT count(*) FROM golden_members m WHERE m.build_id = golden_records.build_id AND m.golden_id = golden_records.id)`);
    db.exec(`DELETE FROM golden_values WHERE NOT EXISTS (SELECT 1 FROM golden_records g WHERE g.build_id = golden_values.build_id AND g.id = golden_values.golden_id AND g.size > 0)`);
    db.exec('DELETE FROM golden_records WHERE size = 0');
  }
  if (wholeSource && count(db, `SELECT count(*) FROM churn_scores WHERE unit_kind = 'source'`) > 0) stale.add('churn');

  // profiles of what is removed go (they quote its values); the workspace's and the source's are out of date
  const profileScopes = [...importIds.map((id) => `import:${id}`), `source:${sourceId}`, 'workspace'];
  const profiles = db.prepare(`DELETE FROM profiles WHERE scope IN (SELECT value FROM json_each(?))`).run(JSON.stringify(profileScopes)).changes;
  if (profiles > 0) stale.add('profile');

  const records = del(`DELETE FROM records WHERE id ${inRecords}`);
  const events = del(`DELETE FROM events WHERE import_id ${inImports}`) + (wholeSource ? db.prepare('DELETE FROM events WHERE source_id = ?').run(sourceId).changes : 0);
  const rejects = del(`DELETE FROM rejects WHERE import_id ${inImports}`);
  del(`DELETE FROM import_columns WHERE import_id ${inImports}`);
  const imports = del(`DELETE FROM imports WHERE id ${inImports}`);
  if (wholeSource) db.prepare('DELETE FROM sources WHERE id = ?').run(sourceId);

  const removed = removedImports(db);
  for (const id of importIds) removed[String(id)] = jobId;
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(REMOVED_IMPORTS_KEY, JSON.stringify(removed));
  db.exec('DROP TABLE temp.doomed_imports; DROP TABLE temp.doomed_records');

  return { source: p.source, sourceDeleted: wholeSource, importIds, records, events, rejects, imports, vectors, feedback, profiles, stale: [...stale].sort(), recordIds };
}

export const removeJob: JobKind<RemoveParams> = {
  kind: 'ingest.remove',
  unit: 'records',
  label: (p) => (p.importId !== undefined ? `Roll back import ${p.importId} of ${p.source}` : `Delete source ${p.source}`),
  resumable: false,
  tables: ['records', 'events', 'rejects', 'imports', 'sources', 'import_columns', 'profiles', 'record_vectors', 'search_feedback', 'resolve_members', 'resolve_entities', 'golden_members', 'golden_records', 'golden_values'],
  async run(ctx) {
    await ctx.yield();
    ctx.progress(0, null, 'Removing rows');
    // One transaction: all of it, or (on any error) none of it.
    const { recordIds, ...result } = ctx.db.transaction(() => removeRows(ctx.db, ctx.params, ctx.jobId))();
    if (recordIds.length) ctx.workspace.changes.emit({ kind: 'forget', recordIds });
    ctx.progress(result.records + result.events, result.records + result.events, 'Removed');
    return result;
  },
};
