// Ids are never reused. SQLite gives a new row max(id) + 1, so once a removal (remove.ts) deletes the
// rows with the highest ids, the next import would hand those ids to unrelated rows — and append-only
// ledgers that keep ids (review labels, golden decisions, the removed-imports list audit verify reads)
// would then point at someone else. A removal raises a floor per table, kept in `meta`; the next insert
// into that table takes floor + 1 explicitly, after which max(id) + 1 is above the floor again.
import { readMeta, writeMeta } from '../db/meta.js';
import type { DB } from '../db/sqlite.js';

const KEY = 'id_floors';
export type FloorTable = 'records' | 'imports' | 'sources';

function floors(db: DB): Partial<Record<FloorTable, number>> {
  const v = readMeta(db, KEY);
  return v ? (JSON.parse(v) as Partial<Record<FloorTable, number>>) : {};
}

/** Before a removal: remember the highest id each table has handed out. */
export function raiseIdFloors(db: DB, tables: readonly FloorTable[]): void {
  const f = floors(db);
  for (const t of tables) {
    const max = (db.prepare(`SELECT max(id) FROM ${t}`).pluck().get() as number | null) ?? 0;
    f[t] = Math.max(f[t] ?? 0, max);
  }
  writeMeta(db, KEY, JSON.stringify(f));
}

/** The id the next row of `table` must take, or null when SQLite's own choice (max + 1) is already above the floor. */
export function nextIdAboveFloor(db: DB, table: FloorTable): number | null {
  const floor = floors(db)[table];
  if (floor === undefined) return null;
  const max = (db.prepare(`SELECT max(id) FROM ${table}`).pluck().get() as number | null) ?? 0;
  return floor > max ? floor + 1 : null;
}
