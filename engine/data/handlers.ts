import { handlers } from '../session/handler.js';
import { OriginalReader } from './original.js';
import { readPage, type PageKeyCache } from './page.js';
import { BROWSABLE } from './tables.js';

export const dataHandlers = handlers({
  'data.tables': (_i, ctx) => {
    const db = ctx.session().db;
    return BROWSABLE.map((t) => ({
      name: t.name,
      label: t.label,
      columns: t.columns,
      rowCount: db.prepare(`SELECT count(*) FROM ${t.sql}`).pluck().get() as number,
    }));
  },
  'data.page': (i, ctx) => {
    const s = ctx.session();
    return readPage(s.db, s.caches.get('data.pages', (): PageKeyCache => new Map()), i);
  },
  'data.original': (i, ctx) => new OriginalReader(ctx.session().db, i.table === 'records' ? 'customers' : 'events').get(i.id),
});
