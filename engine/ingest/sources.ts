// Sources, their saved mappings and their imports, as the API returns them.
import type { ImportSummary, Mapping, SourceInfo } from '../api/ingest.js';
import { AerieError } from '../api/errors.js';
import type { DB } from '../db/sqlite.js';

interface ImportRow {
  id: number;
  source: string;
  kind: 'customers' | 'events';
  file_name: string;
  format: string;
  encoding: string | null;
  delimiter: string | null;
  rows_read: number;
  rows_imported: number;
  rows_rejected: number;
  state: string;
  created_at: string;
}

const IMPORT_SQL = `SELECT i.*, s.name AS source FROM imports i JOIN sources s ON s.id = i.source_id`;

function summary(db: DB, r: ImportRow): ImportSummary {
  const columns = db.prepare('SELECT name FROM import_columns WHERE import_id = ? ORDER BY position').pluck().all(r.id) as string[];
  return {
    importId: r.id,
    source: r.source,
    kind: r.kind,
    file: r.file_name,
    format: r.format,
    encoding: r.encoding ?? '',
    delimiter: r.delimiter,
    columns,
    rowsRead: r.rows_read,
    rowsImported: r.rows_imported,
    rowsRejected: r.rows_rejected,
    state: r.state,
    createdAt: r.created_at,
  };
}

export function importSummary(db: DB, importId: number): ImportSummary {
  const r = db.prepare(`${IMPORT_SQL} WHERE i.id = ?`).get(importId) as ImportRow | undefined;
  if (!r) throw new AerieError('NOT_FOUND', `No import ${importId}.`);
  return summary(db, r);
}

export function savedMapping(db: DB, source: string): Mapping | null {
  const m = db.prepare('SELECT mapping FROM sources WHERE name = ?').pluck().get(source) as string | null | undefined;
  return m ? (JSON.parse(m) as Mapping) : null;
}

export function listSources(db: DB): SourceInfo[] {
  const sources = db.prepare('SELECT id, name, kind, mapping FROM sources ORDER BY name').all() as { id: number; name: string; kind: string; mapping: string | null }[];
  const count = (t: string) => new Map((db.prepare(`SELECT source_id, count(*) AS n FROM ${t} GROUP BY source_id`).all() as { source_id: number; n: number }[]).map((r) => [r.source_id, r.n]));
  const records = count('records');
  const events = count('events');
  const imports = db.prepare(`${IMPORT_SQL} WHERE i.source_id = ? ORDER BY i.id`);
  return sources.map((s) => ({
    id: s.id,
    name: s.name,
    kind: s.kind,
    mapping: s.mapping ? (JSON.parse(s.mapping) as Mapping) : null,
    records: records.get(s.id) ?? 0,
    events: events.get(s.id) ?? 0,
    imports: (imports.all(s.id) as ImportRow[]).map((r) => summary(db, r)),
  }));
}
