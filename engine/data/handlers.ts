import { handlers } from '../core/handler.js';
import { OriginalReader } from './original.js';
import { readPage } from './page.js';
import { BROWSABLE } from './tables.js';

export const dataHandlers = handlers({
  'data.tables': (_i, { engine }) => {
    const db = engine.requireSession().db;
    return BROWSABLE.map((t) => ({
      name: t.name,
      label: t.label,
      columns: t.columns,
      rowCount: db.prepare(`SELECT count(*) FROM ${t.sql}`).pluck().get() as number,
    }));
  },
  'data.page': (i, { engine }) => readPage(engine.requireSession().db, i),
  'data.original': (i, { engine }) => new OriginalReader(engine.requireSession().db, i.table === 'records' ? 'customers' : 'events').get(i.id),
});
