// ingest.import: stream a file into a source. Rows commit in batches; every row keeps its import id,
// row number and verbatim values; unparseable rows go to rejects; cancel or failure removes
// everything the import wrote, so nothing is left half-imported.
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { AerieError } from '../api/errors.js';
import { CUSTOMER_ATTRIBUTES, EVENT_ATTRIBUTES, type ImportKind, type Mapping, type ReadSettings } from '../api/ingest.js';
import { nextIdAboveFloor } from './id-floor.js';
import type { DB } from '../db/sqlite.js';
import type { JobKind } from '../jobs/types.js';
import { fileSha256 } from './file-hash.js';
import { detectOptions } from './detect-options.js';
import { detect, type DetectResult } from './formats/index.js';
import { PARSE_WINDOW, type ParseInit, type ParseMessage } from './parse-protocol.js';
import { ParseWorker } from './parse-worker-client.js';
import { RowMapper } from './row-mapper.js';
import { readDateOverrides } from '../records/date-overrides.js';

export interface ImportParams {
  path: string;
  source: string;
  kind: ImportKind;
  read: ReadSettings;
  mapping: Mapping;
  eventType?: string | undefined;
  allowDuplicate: boolean;
}

/** Rows per message from the parse worker, and rows per write transaction. */
const MESSAGE_ROWS = 1_000;
const TRANSACTION_ROWS = 5_000;

export function findImportByHash(db: DB, hash: string): { id: number; source: string; created_at: string } | undefined {
  return db
    .prepare("SELECT i.id, s.name AS source, i.created_at FROM imports i JOIN sources s ON s.id = i.source_id WHERE i.file_hash = ? AND i.state = 'done' ORDER BY i.id LIMIT 1")
    .get(hash) as { id: number; source: string; created_at: string } | undefined;
}

function ensureSource(db: DB, name: string, kind: ImportKind): number {
  const exists = db.prepare('SELECT 1 FROM sources WHERE name = ?').get(name);
  if (!exists) db.prepare('INSERT INTO sources (id, name, kind, created_at) VALUES (?, ?, ?, ?)').run(nextIdAboveFloor(db, 'sources'), name, kind, new Date().toISOString());
  return db.prepare('SELECT id FROM sources WHERE name = ?').pluck().get(name) as number;
}

function createImport(db: DB, jobId: string, p: ImportParams, d: DetectResult, hash: string, bytes: number, sourceId: number): number {
  const id = Number(
    db
      .prepare(
        `INSERT INTO imports (id, source_id, file_name, file_hash, file_bytes, format, encoding, delimiter, kind, mapping, state, job_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?, ?)`,
      )
      .run(nextIdAboveFloor(db, 'imports'), sourceId, basename(p.path), hash, bytes, d.format, d.encoding, d.delimiter ?? null, p.kind, JSON.stringify(p.mapping), jobId, new Date().toISOString()).lastInsertRowid,
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
  bulkWrites: true,
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
    new RowMapper(p.kind, d.columns, p.mapping, p.eventType); // refuse a bad mapping before writing anything
    const sourceId = ensureSource(db, p.source, p.kind);
    const importId = db.transaction(() => createImport(db, ctx.jobId, p, d, hash, bytes, sourceId))();

    const attrs: readonly string[] = p.kind === 'customers' ? CUSTOMER_ATTRIBUTES : EVENT_ATTRIBUTES;
    const table = p.kind === 'customers' ? 'records' : 'events';
    // import_id and source_id are this import's integers, written into the statement.
    const insert = db.prepare(
      `INSERT INTO ${table} (import_id, source_id, row_no, raw, ${attrs.join(', ')}) VALUES (${importId}, ${sourceId}, ?, ?, ${attrs.map(() => '?').join(', ')})`,
    );
    const insertReject = db.prepare(`INSERT INTO rejects (import_id, row_no, raw, reason, column_name) VALUES (${importId}, ?, ?, ?, ?)`);
    // after a removal, the first record takes an id above every id ever handed out (id-floor.ts)
    let firstId = table === 'records' ? nextIdAboveFloor(db, 'records') : null;
    const insertAt = firstId === null ? null : db.prepare(`INSERT INTO records (id, import_id, source_id, row_no, raw, ${attrs.join(', ')}) VALUES (?, ${importId}, ${sourceId}, ?, ?, ${attrs.map(() => '?').join(', ')})`);
    const write = db.transaction((batches: Extract<ParseMessage, { t: 'batch' }>[]) => {
      for (const b of batches) {
        for (const r of b.rows) {
          if (firstId !== null) {
            insertAt!.run([firstId, ...r]);
            firstId = null;
          } else insert.run(r);
        }
        for (const r of b.rejects) insertReject.run(r);
      }
    });

    ctx.progress(0, bytes, 'Reading rows');
    const init: ParseInit = { path: p.path, kind: p.kind, read: p.read, mapping: p.mapping, eventType: p.eventType, dateOverrides: readDateOverrides(db), batchRows: MESSAGE_ROWS };
    const parser = new ParseWorker(init);
    let counts = { read: 0, imported: 0, rejected: 0, notes: [] as string[], noteCount: 0 };
    try {
      let finished = false;
      while (!finished) {
        // Group the worker's small messages into one transaction of about TRANSACTION_ROWS rows.
        const batches: Extract<ParseMessage, { t: 'batch' }>[] = [];
        let n = 0;
        while (n < TRANSACTION_ROWS) {
          // Waiting is safe while we hold fewer than PARSE_WINDOW messages: the worker has credit.
          if (batches.length >= PARSE_WINDOW) break;
          const m = parser.takeQueued() ?? (await parser.next());
          if (m.t === 'error') throw AerieError.fromWire(m.error);
          if (m.t === 'done') {
            counts = m;
            finished = true;
            break;
          }
          batches.push(m);
          n += m.rows.length + m.rejects.length;
        }
        if (batches.length === 0) continue;
        write(batches);
        parser.more(batches.length);
        const last = batches[batches.length - 1]!;
        ctx.progress(last.bytes, bytes, `${last.imported.toLocaleString('en')} rows imported, ${last.rejected.toLocaleString('en')} rejected`);
        await ctx.yield();
      }
    } finally {
      await parser.stop();
    }
    const { read, imported, rejected, notes, noteCount } = counts;
    db.transaction(() => {
      db.prepare("UPDATE imports SET state = 'done', rows_read = ?, rows_imported = ?, rows_rejected = ?, finished_at = ? WHERE id = ?").run(read, imported, rejected, new Date().toISOString(), importId);
      db.prepare('UPDATE sources SET mapping = ? WHERE id = ?').run(JSON.stringify(p.mapping), sourceId);
    })();
    ctx.progress(bytes, bytes, `${imported.toLocaleString('en')} rows imported, ${rejected.toLocaleString('en')} rejected`);
    if (noteCount > notes.length) notes.push(`… and ${(noteCount - notes.length).toLocaleString('en')} more notes like these.`);
    // The encoding decision is part of the answer: a wrong guess garbles every accented letter.
    return { importId, rowsRead: read, rowsImported: imported, rowsRejected: rejected, encoding: d.encoding, encodingReason: d.encodingReason, notes };
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
