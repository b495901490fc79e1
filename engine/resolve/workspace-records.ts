// The workspace's records as the matching core reads them: one table of the canonical attributes,
// in record-id order (row k is record ids[k]). Source keys are never compared across sources. A
// record that holds only a whole name has it split into given and family names, so that it is
// compared with the sources that keep them apart (a whole-name column would compare with nothing).
import type { DB } from '../db/sqlite.js';
import { splitFullName } from '../standardize/names.js';
import { roleFromHeader } from './roles.js';
import type { Table } from './types.js';

/** Canonical columns compared, named so that their roles are read from the header as from any file. */
export const CANONICAL = ['given_name', 'family_name', 'email', 'phone', 'address_line', 'city', 'postcode', 'date_of_birth', 'company'] as const;

export interface WorkspaceTable {
  ids: Int32Array;
  table: Table;
}

const clean = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  const t = String(v).trim();
  return t.length ? t : null;
};

/** One records row (id, full_name, CANONICAL…) as the core's row: id, then the canonical values. */
function coreRow(r: unknown[]): (string | null)[] {
  const vals: (string | null)[] = [String(r[0])];
  for (let c = 2; c < r.length; c++) vals.push(clean(r[c]));
  const full = clean(r[1]);
  if (full !== null && vals[1] === null && vals[2] === null) {
    const s = splitFullName(full);
    vals[1] = s.given;
    vals[2] = s.family;
  }
  return vals;
}

const SELECT = `SELECT id, full_name, ${CANONICAL.join(', ')} FROM records`;

export function workspaceTable(db: DB): WorkspaceTable {
  const rows = db.prepare(`${SELECT} ORDER BY id`).raw().all() as unknown[][];
  const ids = new Int32Array(rows.length);
  const out: (string | null)[][] = new Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    ids[k] = Number(rows[k]![0]);
    out[k] = coreRow(rows[k]!);
  }
  return { ids, table: { columns: ['id', ...CANONICAL], rows: out } };
}

/** The given records as the core reads them, in the order given (ids that are gone are left out). */
export function workspaceRows(db: DB, recordIds: ArrayLike<number>): WorkspaceTable {
  const st = db.prepare(`${SELECT} WHERE id = ?`).raw();
  const ids: number[] = [];
  const out: (string | null)[][] = [];
  for (let k = 0; k < recordIds.length; k++) {
    const r = st.get(recordIds[k]) as unknown[] | undefined;
    if (!r) continue;
    ids.push(Number(r[0]));
    out.push(coreRow(r));
  }
  return { ids: Int32Array.from(ids), table: { columns: ['id', ...CANONICAL], rows: out } };
}

/** Each source's raw columns (latest import of each source) with the role their header suggests. */
export function rawColumnRoles(db: DB): { source: string; column: string; role: string; reason: string }[] {
  const rows = db
    .prepare(
      `SELECT s.name AS source, c.name AS column
         FROM sources s JOIN imports i ON i.id = (SELECT max(id) FROM imports WHERE source_id = s.id AND state = 'done')
         JOIN import_columns c ON c.import_id = i.id ORDER BY s.name, c.position`,
    )
    .all() as { source: string; column: string }[];
  return rows.map((r) => {
    const h = roleFromHeader(r.column);
    return { ...r, role: h?.role ?? 'ignore', reason: h ? 'header' : 'header says nothing' };
  });
}
