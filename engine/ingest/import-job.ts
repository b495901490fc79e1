// ingest.import: stream a file into a source. Rows commit in batches; every row keeps its import id,
// row number and verbatim values; unparseable rows go to rejects; cancel or failure removes
// everything the import wrote, so nothing is left half-imported.
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { AerieError } from '../api/errors.js';
import { CUSTOMER_ATTRIBUTES, EVENT_ATTRIBUTES, type ImportKind, type Mapping, type ReadSettings } from '../api/ingest-schemas.js';
import type { DB } from '../db/sqlite.js';
import type { JobKind } from '../jobs/types.js';
import { fileSha256 } from './file-hash.js';
import { detect, readRows, type DetectResult } from './formats/index.js';
import { RowMapper } from './row-mapper.js';

export interface ImportParams {
  path: string;
  source: string;
  kind: ImportKind;
  read: ReadSettings;
  mapping: Mapping;
  eventType?: string | undefined;
  allowDuplicate: boolean;
}

const BATCH = 5_000;

export function detectOptions(read: ReadSettings) {
  return {
    format: read.format,
    encoding: read.encoding,
    ...(read.delimiter !== undefined ? { delimiter: read.delimiter } : {}),
    ...(read.hasHeader !== undefined ? { hasHeader: read.hasHeader } : {}),
    ...(read.sheet !== undefined ? { sheet: read.sheet } : {}),
  };
}

export function findImportByHash(db: DB, hash: string): { id: number; source: string; created_at: string } | undefined {
  return db
    .prepare("SELECT i.id, s.name AS source, i.created_at FROM imports i JOIN sources s ON s.id = i.source_id WHERE i.file_hash = ? AND i.state = 'done' ORDER BY i.id LIMIT 1")
    .get(hash) as { id: number; source: string; created_at: string } | undefined;
}

function ensureSource(db: DB, name: string, kind: ImportKind): number {
  db.prepare('INSERT INTO sources (name, kind, created_at) VALUES (?, ?, ?) ON CONFLICT(name) DO NOTHING').run(name, kind, new Date().toISOString());
  return db.prepare('SELECT id FROM sources WHERE name = ?').pluck().get(name) as number;
}

function createImport(db: DB, jobId: string, p: ImportParams, d: DetectResult, hash: string, bytes: number, sourceId: number): number {
  const id = Number(
    db
      .prepare(
        `INSERT INTO imports (source_id, file_name, file_hash, file_bytes, format, encoding, delimiter, kind, mapping, state, job_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?, ?)`,
      )
      .run(sourceId, basename(p.path), hash, bytes, d.format, d.encoding, d.delimiter ?? null, p.kind, JSON.stringify(p.mapping), jobId, new Date().toISOString()).lastInsertRowid,
  );
  const col = db.prepare('INSERT INTO import_columns (import_id, position, name, canonical) VALUES (?, ?, ?, ?)');
  d.columns.forEach((name, i) => col.run(id, i + 1, name, p.mapping[name] ?? null));
  return id;
}

export const importJob: JobKind<ImportParams> = {
  kind: 'ingest.import',
  unit: 'bytes',
  label: (p) => `Import ${basename(p.path)} into ${p.source}`,
  resumable: false,
  tables: ['records', 'events', 'rejects', 'imports', 'sources'],
  async run(ctx) {
    const { db, params: p } = ctx;
    const bytes = statSync(p.path).size;
    ctx.progress(0, bytes, 'Fingerprinting the file');
    const hash = await fileSha256(p.path, ctx.signal);
    const earlier = findImportByHash(db, hash);
    if (earlier && !p.allowDuplicate) {
      throw new AerieError('CONFLICT', `This file was already imported (import ${earlier.id} into ${earlier.source}, ${earlier.created_at}). Nothing was imported again.`, {
        file: p.path,
        hint: 'Import it again only if you mean to: tick "import anyway" (or pass --allow-duplicate).',
      });
    }
    const d = await detect(p.path, detectOptions(p.read));
    const mapper = new RowMapper(p.kind, d.columns, p.mapping, p.eventType);
    const sourceId = ensureSource(db, p.source, p.kind);
    const importId = db.transaction(() => createImport(db, ctx.jobId, p, d, hash, bytes, sourceId))();

    const attrs: readonly string[] = p.kind === 'customers' ? CUSTOMER_ATTRIBUTES : EVENT_ATTRIBUTES;
    const table = p.kind === 'customers' ? 'records' : 'events';
    const insert = db.prepare(
      `INSERT INTO ${table} (import_id, row_no, source_id, raw, ${attrs.join(', ')}) VALUES (?, ?, ?, ?, ${attrs.map(() => '?').join(', ')})`,
    );
    const insertReject = db.prepare('INSERT INTO rejects (import_id, row_no, raw, reason, column_name) VALUES (?, ?, ?, ?, ?)');

    let read = 0;
    let imported = 0;
    let rejected = 0;
    let rows: unknown[][] = [];
    let rejects: unknown[][] = [];
    const flush = db.transaction(() => {
      for (const r of rows) insert.run(r);
      for (const r of rejects) insertReject.run(r);
    });
    const commit = () => {
      flush();
      rows = [];
      rejects = [];
    };

    ctx.progress(0, bytes, 'Reading rows');
    for await (const item of readRows(p.path, d, { signal: ctx.signal })) {
      if (item.kind === 'note') continue;
      read++;
      if (item.kind === 'reject') {
        const r = item.reject;
        rejected++;
        rejects.push([importId, r.rowNo, r.raw, r.reason, r.column ?? null]);
      } else {
        const row = item.row;
        const mapped = mapper.map(row.values);
        if (mapped.problem) {
          rejected++;
          rejects.push([importId, row.rowNo, row.raw, `row ${row.rowNo}, column ${mapped.problem.column}: ${mapped.problem.reason}`, mapped.problem.column]);
        } else {
          imported++;
          const raw: Record<string, string | null> = {};
          for (let c = 0; c < d.columns.length; c++) raw[d.columns[c]!] = row.values[c] ?? null;
          const out: unknown[] = [importId, row.rowNo, sourceId, JSON.stringify(raw)];
          for (const a of attrs) out.push(mapped.values[a] ?? null);
          rows.push(out);
        }
      }
      if (rows.length + rejects.length >= BATCH) {
        commit();
        ctx.progress(item.kind === 'row' ? item.row.bytes : item.reject.bytes, bytes, `${imported.toLocaleString('en')} rows imported, ${rejected.toLocaleString('en')} rejected`);
        await ctx.yield();
      }
    }
    commit();
    db.transaction(() => {
      db.prepare("UPDATE imports SET state = 'done', rows_read = ?, rows_imported = ?, rows_rejected = ?, finished_at = ? WHERE id = ?").run(read, imported, rejected, new Date().toISOString(), importId);
      db.prepare('UPDATE sources SET mapping = ? WHERE id = ?').run(JSON.stringify(p.mapping), sourceId);
    })();
    ctx.progress(bytes, bytes, `${imported.toLocaleString('en')} rows imported, ${rejected.toLocaleString('en')} rejected`);
    return { import_id: importId, rows_read: read, rows_imported: imported, rows_rejected: rejected };
  },
  rollback(db, jobId) {
    const imp = db.prepare('SELECT id, source_id FROM imports WHERE job_id = ?').get(jobId) as { id: number; source_id: number } | undefined;
    if (!imp) return;
    for (const t of ['records', 'events', 'rejects', 'import_columns']) db.prepare(`DELETE FROM ${t} WHERE import_id = ?`).run(imp.id);
    db.prepare('DELETE FROM imports WHERE id = ?').run(imp.id);
    const others = db.prepare('SELECT count(*) FROM imports WHERE source_id = ?').pluck().get(imp.source_id) as number;
    if (others === 0) db.prepare('DELETE FROM sources WHERE id = ? AND mapping IS NULL').run(imp.source_id);
  },
};
