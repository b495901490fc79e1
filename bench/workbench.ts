/**
 * The data browser's tools at size (data/facet.ts, data/crosstab.ts, data/filter-sql.ts):
 * `npm run bench -- workbench [--customers 100000]`. On a demo workspace, times on the largest
 * source's own-columns table (filtered in JS over decoded rows) and on the records table (SQL):
 * a text facet cold (decodes the column) and warm, a facet under a regex filter, a range filter, a
 * blank filter, and a cross-tab of two columns. Prints one JSON object.
 */
import { loadavg } from 'node:os';
import type { Filter } from '../engine/api/data.js';
import { openDatabase } from '../engine/db/open.js';
import { readCrosstab } from '../engine/data/crosstab.js';
import { readFacet } from '../engine/data/facet.js';
import { readPage, type PageKeyCache } from '../engine/data/page.js';
import { listSourceTables, type SourceColumnCache } from '../engine/data/source-table.js';
import { BENCH_PASS, arg, count, demoWorkspace } from './_fixtures.js';

function timed<T>(fn: () => T): { value: T; ms: number; cpuMs: number } {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const value = fn();
  const cpu = process.cpuUsage(c0);
  return { value, ms: Math.round(performance.now() - t0), cpuMs: Math.round((cpu.user + cpu.system) / 1000) };
}

async function main(): Promise<void> {
  const customers = count(arg('customers', '100000'));
  const path = await demoWorkspace(customers);
  const db = openDatabase(path, BENCH_PASS, { create: false });
  const load = loadavg()[0]!;
  const cache: PageKeyCache = new Map();
  const columns: SourceColumnCache = new Map();
  const t = listSourceTables(db).reduce((a, b) => (b.rowCount > a.rowCount ? b : a));
  const [c1, c2] = [t.columns[2]!.name, t.columns[3]!.name];
  const m = (column: string, value: string): Filter => ({ column, op: 'match', value });
  const src = {
    facetCold: timed(() => readFacet(db, columns, { table: t.name, column: c1, filters: [], top: 20 })),
    facetWarm: timed(() => readFacet(db, columns, { table: t.name, column: c1, filters: [], top: 20 })),
    facetRegex: timed(() => readFacet(db, columns, { table: t.name, column: c1, filters: [m(c2, '/^[a-m]/i')], top: 20 })),
    pageBlank: timed(() => readPage(db, cache, { table: t.name, offset: 0, limit: 100, filters: [m(c2, 'blank')], withTotal: true }, columns)),
    crosstab: timed(() => readCrosstab(db, columns, { table: t.name, rows: c1, cols: c2, filters: [], top: 12 })),
  };
  const rec = {
    facetCity: timed(() => readFacet(db, columns, { table: 'records', column: 'city', filters: [], top: 20 })),
    facetCityRegex: timed(() => readFacet(db, columns, { table: 'records', column: 'city', filters: [m('family_name', '/^sm[iy]th/i')], top: 20 })),
    pageRange: timed(() => readPage(db, cache, { table: 'records', offset: 0, limit: 100, filters: [m('row_no', '100..5000')], withTotal: true }, columns)),
    pageBlank: timed(() => readPage(db, cache, { table: 'records', offset: 0, limit: 100, filters: [m('email', 'blank')], withTotal: true }, columns)),
    crosstab: timed(() => readCrosstab(db, columns, { table: 'records', rows: 'source_id', cols: 'city', filters: [], top: 12 })),
  };
  const records = db.prepare('SELECT count(*) FROM records').pluck().get() as number;
  db.close();
  const ms = (o: Record<string, { ms: number }>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v.ms]));
  const cpu = (o: Record<string, { cpuMs: number }>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v.cpuMs]));
  console.log(
    JSON.stringify({
      bench: 'workbench',
      customers,
      records,
      source: { table: t.name, rows: t.rowCount, ms: ms(src), cpuMs: cpu(src), facetDistinct: src.facetCold.value.distinct, blankRows: src.pageBlank.value.total },
      recordsTable: { ms: ms(rec), cpuMs: cpu(rec), cityDistinct: rec.facetCity.value.distinct, rangeRows: rec.pageRange.value.total },
      loadAverage1m: load,
    }),
  );
}

void main();
