// Which resolved entity (golden record id) a record belongs to, by the latest resolve run whose job
// succeeded. Written by engine/resolve; read by search, and next by golden records and models.
import type { DB } from '../db/sqlite.js';

/** Entity ids of these records (records in no finished run are absent). */
export function entitiesOfRecords(db: DB, recordIds: readonly number[]): Map<number, string> {
  const out = new Map<number, string>();
  if (recordIds.length === 0) return out;
  const rows = db
    .prepare(
      `SELECT record_id, entity_id FROM resolve_members
        WHERE run_id = (SELECT r.id FROM resolve_runs r JOIN jobs j ON j.id = r.job_id WHERE j.state = 'succeeded' ORDER BY r.id DESC LIMIT 1)
          AND record_id IN (SELECT value FROM json_each(?))`,
    )
    .raw()
    .all(JSON.stringify(recordIds)) as [number, string][];
  for (const [rec, ent] of rows) out.set(rec, ent);
  return out;
}
