import { handlers } from '../session/handler.js';
import { exportTable } from './export.js';
import { readCrosstab } from './crosstab.js';
import { readFacet } from './facet.js';
import { OriginalReader } from './original.js';
import { readPage, type PageKeyCache } from './page.js';
import { listSourceTables, type SourceColumnCache } from './source-table.js';
import { BROWSABLE } from './tables.js';

export const dataHandlers = handlers({
  'data.tables': (_i, ctx) => {
    const db = ctx.session().db;
    const fixed = BROWSABLE.map((t) => ({
      name: t.name,
      label: t.label,
      columns: t.columns,
      rowCount: db.prepare(`SELECT count(*) FROM ${t.sql}`).pluck().get() as number,
    }));
    // Then each customer source with every column its files had (source:<id>).
    const sources = listSourceTables(db).map((t) => ({ name: t.name, label: t.label, columns: t.columns, rowCount: t.rowCount }));
    return [fixed[0]!, ...sources, ...fixed.slice(1)];
  },
  'data.page': (i, ctx) => {
    const s = ctx.session();
    return readPage(s.db, s.caches.get('data.pages', (): PageKeyCache => new Map()), i, s.caches.get('data.sourceColumns', (): SourceColumnCache => new Map()));
  },
  'data.export': async (i, ctx) => {
    const path = ctx.roots.check(i.path);
    const s = ctx.session();
    const caches = { pages: s.caches.get('data.pages', (): PageKeyCache => new Map()), columns: s.caches.get('data.sourceColumns', (): SourceColumnCache => new Map()) };
    return exportTable(s.db, caches, i, path, { overwrite: i.overwrite, workspace: s.path });
  },
  'data.facet': (i, ctx) => {
    const s = ctx.session();
    return readFacet(s.db, s.caches.get('data.sourceColumns', (): SourceColumnCache => new Map()), i);
  },
  'data.crosstab': (i, ctx) => {
    const s = ctx.session();
    return readCrosstab(s.db, s.caches.get('data.sourceColumns', (): SourceColumnCache => new Map()), i);
  },
  'data.original': (i, ctx) => new OriginalReader(ctx.session().db, i.table === 'records' ? 'customers' : 'events').get(i.id),
});
