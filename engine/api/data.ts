// Contract of the data browser: tables, pages sorted and filtered in the engine, a row's original values.
import { z } from 'zod';
import { parseFilter } from './data-filter.js';
import { Empty, ReplaceExisting, method } from './method.js';

export const ColumnInfo = z.object({
  name: z.string(),
  label: z.string(),
  type: z.enum(['text', 'integer', 'real', 'date', 'json']),
});
export type ColumnInfo = z.infer<typeof ColumnInfo>;

export const TableInfo = z.object({
  name: z.string(),
  label: z.string(),
  rowCount: z.number().int(),
  columns: z.array(ColumnInfo),
});
export type TableInfo = z.infer<typeof TableInfo>;

/** `match` reads value in the grid's filter syntax (data-filter.ts: >3000, 1..9, blank, /re/, text). */
export const Filter = z
  .object({
    column: z.string(),
    op: z.enum(['contains', 'equals', 'prefix', 'match']),
    value: z.string().max(1000),
  })
  .superRefine((f, ctx) => {
    if (f.op !== 'match') return;
    const p = parseFilter(f.value);
    if (!p.ok) ctx.addIssue({ code: 'custom', path: ['value'], message: `Filter on ${f.column}: ${p.message}` });
  });
export type Filter = z.infer<typeof Filter>;

export const Sort = z.object({ column: z.string(), dir: z.enum(['asc', 'desc']) });
export type Sort = z.infer<typeof Sort>;

/** What data.facet counts in one column of the rows the filters keep (OpenRefine-like facets). */
export const Facet = z.object({
  column: z.string(),
  /** Rows the filters keep, and how many of them are blank (empty or missing) in the column. */
  rows: z.number().int(),
  blanks: z.number().int(),
  /** Most common values with their counts (at most `top`), and how many distinct values there are. */
  values: z.array(z.object({ value: z.string(), count: z.number().int() })),
  distinct: z.number().int(),
  /** Numbers in the column: their range and an equal-width histogram; null when none. */
  numeric: z
    .object({ count: z.number().int(), min: z.number(), max: z.number(), bins: z.array(z.object({ from: z.number(), to: z.number(), count: z.number().int() })) })
    .nullable(),
});
export type Facet = z.infer<typeof Facet>;

/** Rows counted by two columns' values; values past the top few are grouped as "(other)", empty ones as "(blank)". */
export const Crosstab = z.object({
  rows: z.string(),
  cols: z.string(),
  rowValues: z.array(z.string()),
  colValues: z.array(z.string()),
  /** counts[r][c]: rows with rowValues[r] and colValues[c]. */
  counts: z.array(z.array(z.number().int())),
  rowTotals: z.array(z.number().int()),
  colTotals: z.array(z.number().int()),
  total: z.number().int(),
});
export type Crosstab = z.infer<typeof Crosstab>;

/** A stored row's lineage and each source column's value exactly as the file had it. */
export const OriginalRow = z.object({
  id: z.number().int(),
  importId: z.number().int().nullable(),
  rowNo: z.number().int().nullable(),
  file: z.string().nullable(),
  source: z.string().nullable(),
  columns: z.array(z.object({ name: z.string(), value: z.string().nullable(), feeds: z.string().nullable() })),
});
export type OriginalRow = z.infer<typeof OriginalRow>;

export const Cell = z.union([z.string(), z.number(), z.null()]);
export type Cell = z.infer<typeof Cell>;

export const dataMethods = {
  'data.tables': method({
    input: Empty,
    output: z.array(TableInfo),
    mutates: false,
    needsWorkspace: true,
    summary: 'Tables the data grid can browse.',
  }),
  'data.page': method({
    input: z
      .object({
        table: z.string(),
        offset: z.number().int().min(0),
        limit: z.number().int().min(1).max(1000),
        sort: Sort.optional(),
        filters: z.array(Filter).max(20).default([]),
        withTotal: z.boolean().default(true),
      })
      .strict(),
    output: z.object({ columns: z.array(ColumnInfo), rows: z.array(z.array(Cell)), total: z.number().int().nullable(), offset: z.number().int() }),
    mutates: false,
    needsWorkspace: true,
    summary: 'One page of a table, sorted and filtered in the engine.',
  }),
  'data.original': method({
    input: z.object({ table: z.enum(['records', 'events']), id: z.number().int().min(1) }).strict(),
    output: OriginalRow,
    mutates: false,
    needsWorkspace: true,
    summary: "A record's or event's lineage (file, row) and its source columns' values exactly as imported.",
  }),
  'data.facet': method({
    input: z
      .object({ table: z.string(), column: z.string(), filters: z.array(Filter).max(20).default([]), top: z.number().int().min(1).max(200).default(20) })
      .strict(),
    output: Facet,
    mutates: false,
    needsWorkspace: true,
    summary: "One column's facet over the rows the filters keep: top values with counts, blanks, and a numeric range histogram.",
  }),
  'data.crosstab': method({
    input: z
      .object({ table: z.string(), rows: z.string(), cols: z.string(), filters: z.array(Filter).max(20).default([]), top: z.number().int().min(1).max(50).default(12) })
      .strict(),
    output: Crosstab,
    mutates: false,
    needsWorkspace: true,
    summary: 'Counts of rows by the values of two columns (e.g. Churn by Contract), with row and column totals.',
  }),
  'data.export': method({
    input: z
      .object({
        table: z.string(),
        sort: Sort.optional(),
        filters: z.array(Filter).max(20).default([]),
        /** Only these rows (record or event ids), in this order, e.g. search results; sort and filters are then not used. */
        ids: z.array(z.number().int().min(1)).max(10_000).optional(),
        /** The grid's visible columns, in order (default: every column). */
        columns: z.array(z.string()).min(1).max(2000).optional(),
        format: z.enum(['csv', 'xlsx']).default('csv'),
        path: z.string().min(1).max(4096),
        overwrite: ReplaceExisting,
      })
      .strict(),
    output: z.object({ path: z.string(), rows: z.number().int(), columns: z.number().int() }),
    mutates: true,
    needsWorkspace: true,
    summary: "Write a table as the grid shows it (sort, filters, visible columns; a source's table with every column it was imported with) to a CSV or XLSX file, formula-like cells neutralised; never over the workspace, nor over a file unless overwrite.",
  }),
};
