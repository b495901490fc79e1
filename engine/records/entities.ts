// Which resolved entity (golden record id) a record belongs to, by the latest resolve run whose job
// succeeded. Written by engine/resolve; read by search, and next by golden records and models.
import type { DB } from '../db/sqlite.js';

/**
 * A lookup of records' entity ids (records in no finished run are absent), its statement prepared
 * once: search asks on every query.
 */
export function entityLookup(db: DB): (recordIds: readonly number[]) => Map<number, string> {
  const stmt = db
    .prepare(
      `SELECT record_id, entity_id FROM resolve_members
        WHERE run_id = (SELECT r.id FROM resolve_runs r JOIN jobs j ON j.id = r.job_id WHERE j.state = 'succeeded' ORDER BY r.id DESC LIMIT 1)
          AND record_id IN (SELECT value FROM json_each(?))`,
    )
    .raw();
  return (recordIds) => {
    const out = new Map<number, string>();
    if (recordIds.length === 0) return out;
    for (const [rec, ent] of stmt.all(JSON.stringify(recordIds)) as [number, string][]) out.set(rec, ent);
    return out;
  };
}
