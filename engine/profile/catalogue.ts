// The catalogue: every source with its imports and columns, every workspace table with its
// columns and row count, and lineage (canonical attribute ← source columns feeding it).
import type { DB } from '../db/sqlite.js';
import type { Catalogue, CatalogueColumn, CatalogueImport, CatalogueSource, CatalogueTable } from './types.js';

export interface CatalogueOptions {
  /** Count rows of every table (a full count on big tables; default true). */
  tableCounts?: boolean;
}

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

export function catalogue(db: DB, opts: CatalogueOptions = {}): Catalogue {
  const sources = db.prepare('SELECT id, name, kind, created_at FROM sources ORDER BY id').all() as { id: number; name: string; kind: string; created_at: string }[];
  const records = new Map(
    (db.prepare('SELECT source_id, count(*) AS n FROM records GROUP BY source_id').all() as { source_id: number; n: number }[]).map((r) => [r.source_id, r.n]),
  );
  const rejects = new Map(
    (db.prepare('SELECT i.source_id, count(*) AS n FROM rejects r JOIN imports i ON i.id = r.import_id GROUP BY i.source_id').all() as { source_id: number; n: number }[]).map((r) => [r.source_id, r.n]),
  );
  const imports = db
    .prepare('SELECT id, source_id, file_name, format, state, rows_read, rows_imported, rows_rejected, created_at FROM imports ORDER BY id')
    .all() as { id: number; source_id: number; file_name: string; format: string; state: string; rows_read: number; rows_imported: number; rows_rejected: number; created_at: string }[];
  const cols = db.prepare('SELECT import_id, position, name, canonical FROM import_columns ORDER BY import_id, position').all() as {
    import_id: number;
    position: number;
    name: string;
    canonical: string | null;
  }[];
  const colsByImport = new Map<number, CatalogueImport['columns']>();
  for (const c of cols) {
    let l = colsByImport.get(c.import_id);
    if (!l) colsByImport.set(c.import_id, (l = []));
    l.push({ position: c.position, name: c.name, canonical: c.canonical });
  }

  const lineage: Catalogue['lineage'] = {};
  const sourceName = new Map(sources.map((s) => [s.id, s.name]));
  const out: CatalogueSource[] = sources.map((s) => ({
    id: s.id,
    name: s.name,
    kind: s.kind,
    createdAt: s.created_at,
    records: records.get(s.id) ?? 0,
    rejects: rejects.get(s.id) ?? 0,
    imports: [],
    columns: [],
  }));
  const byId = new Map(out.map((s) => [s.id, s]));
  const colIndex = new Map<number, Map<string, CatalogueColumn>>();
  for (const i of imports) {
    const src = byId.get(i.source_id);
    if (!src) continue;
    const columns = colsByImport.get(i.id) ?? [];
    src.imports.push({
      id: i.id,
      fileName: i.file_name,
      format: i.format,
      state: i.state,
      rowsRead: i.rows_read,
      rowsImported: i.rows_imported,
      rowsRejected: i.rows_rejected,
      createdAt: i.created_at,
      columns,
    });
    let idx = colIndex.get(src.id);
    if (!idx) colIndex.set(src.id, (idx = new Map()));
    for (const c of columns) {
      let cc = idx.get(c.name);
      if (!cc) {
        cc = { name: c.name, feeds: [], imports: [] };
        idx.set(c.name, cc);
        src.columns.push(cc);
      }
      if (!cc.imports.includes(i.id)) cc.imports.push(i.id);
      if (c.canonical) {
        if (!cc.feeds.includes(c.canonical)) cc.feeds.push(c.canonical);
        (lineage[c.canonical] ??= []).push({ sourceId: src.id, source: sourceName.get(src.id) ?? '', importId: i.id, column: c.name });
      }
    }
  }

  const tableRows = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string; sql: string | null }[];
  const tables: CatalogueTable[] = tableRows.map((t) => {
    const info = db.prepare(`SELECT name, type, "notnull" AS nn, pk FROM pragma_table_info(?)`).all(t.name) as { name: string; type: string; nn: number; pk: number }[];
    let rows: number | null = null;
    const virtual = /^\s*CREATE\s+VIRTUAL/i.test(t.sql ?? '');
    if (opts.tableCounts !== false && !virtual) {
      try {
        rows = db.prepare(`SELECT count(*) FROM ${quoteIdent(t.name)}`).pluck().get() as number;
      } catch {
        rows = null;
      }
    }
    return { name: t.name, rows, columns: info.map((c) => ({ name: c.name, type: c.type, notNull: c.nn === 1, primaryKey: c.pk > 0 })) };
  });

  return { sources: out, tables, lineage };
}
