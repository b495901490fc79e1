/**
 * A source as a table of its own columns (data/source-table.ts): `npm run bench -- source-table
 * [--customers 50000]`. On a demo workspace of N customers, times data.tables, a deep page in the
 * default order, a filter on an unmapped-style column (cold: decodes every row of the source; then
 * cached), a sort, and a CSV export of the filtered rows. Prints one JSON object.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../engine/db/open.js';
import { exportTableCsv } from '../engine/data/export.js';
import type { PageKeyCache } from '../engine/data/page.js';
import { readPage } from '../engine/data/page.js';
import { listSourceTables, type SourceColumnCache } from '../engine/data/source-table.js';
import { BENCH_PASS, demoWorkspace } from './_fixtures.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

async function timed<T>(fn: () => Promise<T> | T): Promise<{ value: T; ms: number; cpuMs: number }> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const value = await fn();
  const cpu = process.cpuUsage(c0);
  return { value, ms: Math.round(performance.now() - t0), cpuMs: Math.round((cpu.user + cpu.system) / 1000) };
}

async function main(): Promise<void> {
  const customers = Number(arg('customers', '50000'));
  const path = await demoWorkspace(customers);
  const db = openDatabase(path, BENCH_PASS, { create: false });
  const load = loadavg()[0]!;
  const cache: PageKeyCache = new Map();
  const columnCache: SourceColumnCache = new Map();
  const tables = await timed(() => listSourceTables(db));
  const t = tables.value.reduce((a, b) => (b.rowCount > a.rowCount ? b : a));
  // Filter on the source's third own column (a name-like column in the demo feeds), contains 'a'.
  const col = t.columns[3]!;
  const page = (req: Partial<Parameters<typeof readPage>[2]>) => readPage(db, cache, { table: t.name, offset: 0, limit: 100, filters: [], withTotal: true, ...req }, columnCache);
  const first = await timed(() => page({}));
  const deep = await timed(() => page({ offset: t.rowCount - 100 }));
  const filters = [{ column: col.name, op: 'contains' as const, value: 'a' }];
  const filteredCold = await timed(() => page({ filters }));
  const filteredWarm = await timed(() => page({ filters, offset: 5000 }));
  // The analyst types on: same column, a longer value (new key list, decoded column reused).
  const typedOn = await timed(() => page({ filters: [{ ...filters[0]!, value: 'an' }] }));
  const sorted = await timed(() => page({ sort: { column: col.name, dir: 'asc' } }));
  const dir = mkdtempSync(join(tmpdir(), 'aerie-bench-st-'));
  const exported = await timed(() => exportTableCsv(db, { pages: cache, columns: columnCache }, { table: t.name, filters }, join(dir, 'out.csv'), {}));
  rmSync(dir, { recursive: true, force: true });
  db.close();
  console.log(
    JSON.stringify({
      bench: 'source-table',
      customers,
      sourceRows: t.rowCount,
      columns: t.columns.length,
      filteredRows: filteredCold.value.total,
      ms: { tables: tables.ms, firstPage: first.ms, deepPage: deep.ms, filterCold: filteredCold.ms, filterCached: filteredWarm.ms, filterTypedOn: typedOn.ms, sortCold: sorted.ms, exportFiltered: exported.ms },
      cpuMs: { filterCold: filteredCold.cpuMs, filterTypedOn: typedOn.cpuMs, sortCold: sorted.cpuMs, exportFiltered: exported.cpuMs },
      exportedRows: exported.value.rows,
      loadAverage1m: load,
    }),
  );
}

void main();
