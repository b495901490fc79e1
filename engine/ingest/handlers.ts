// Import API: preview (detect + suggested mapping), start (a job), sources, rejects.
import { existsSync, statSync } from 'node:fs';
import { AerieError } from '../api/errors.js';
import { handlers } from '../session/handler.js';
import { detect } from './formats/index.js';
import { previewRejects } from './preview-rejects.js';
import { detectOptions } from './detect-options.js';
import { findImportByHash, type ImportParams } from './import-job.js';
import { fileSha256 } from './file-hash.js';
import { exportRejectsCsv, listRejects } from './rejects.js';
import { importSummary, listSources, savedMapping } from './sources.js';
import { mappingFromSuggestions, suggestMapping } from './suggest.js';

function checkFile(path: string): void {
  if (!existsSync(path)) throw new AerieError('NOT_FOUND', `No file at ${path}.`, { file: path });
  if (!statSync(path).isFile()) throw new AerieError('INVALID_INPUT', `${path} is a folder, not a file.`, { file: path });
}

export const ingestHandlers = handlers({
  'sources.list': (_i, ctx) => listSources(ctx.session().db),
  'ingest.preview': async (i, ctx) => {
    const path = ctx.roots.check(i.path);
    checkFile(path);
    const db = ctx.session().db;
    const d = await detect(path, detectOptions(i.read));
    const saved = i.source ? savedMapping(db, i.source) : null;
    const earlier = findImportByHash(db, await fileSha256(path));
    const checked = await previewRejects(path, d);
    return {
      file: path,
      fileBytes: statSync(path).size,
      format: d.format,
      encoding: d.encoding,
      delimiter: d.delimiter ?? null,
      hasHeader: d.hasHeader,
      table: d.table ?? null,
      columns: d.columns,
      sample: d.sample,
      notes: d.notes,
      suggestions: suggestMapping(i.kind, d.columns, d.sample),
      savedMapping: saved && Object.keys(saved).every((c) => d.columns.includes(c)) ? saved : null,
      alreadyImported: earlier ? { importId: earlier.id, source: earlier.source, at: earlier.created_at } : null,
      quote: d.format === 'csv' ? (d.quote === '\u0000' ? 'none' : (d.quote ?? '"')) : null,
      rejects: checked.rejects,
      rowsChecked: checked.rows,
    };
  },
  'ingest.start': async (i, ctx) => {
    const path = ctx.roots.check(i.path);
    checkFile(path);
    const s = ctx.session();
    let mapping = i.mapping;
    if (!mapping) {
      const d = await detect(path, detectOptions(i.read));
      const saved = savedMapping(s.db, i.source);
      mapping = saved && Object.keys(saved).every((c) => d.columns.includes(c)) ? saved : mappingFromSuggestions(suggestMapping(i.kind, d.columns, d.sample));
    }
    const params: ImportParams = { path, source: i.source, kind: i.kind, read: i.read, mapping, eventType: i.eventType, allowDuplicate: i.allowDuplicate };
    return { jobId: s.jobs.start('ingest.import', params).id };
  },
  'ingest.remove': (i, ctx) => ({ jobId: ctx.session().jobs.start('ingest.remove', i).id }),
  'ingest.summary': (i, ctx) => importSummary(ctx.session().db, i.importId),
  'ingest.rejects': (i, ctx) => listRejects(ctx.session().db, i.importId, i.offset, i.limit),
  'ingest.exportRejects': async (i, ctx) => {
    const path = ctx.roots.check(i.path);
    const s = ctx.session();
    return exportRejectsCsv(s.db, i.importId, path, { overwrite: i.overwrite, workspace: s.path });
  },
});
