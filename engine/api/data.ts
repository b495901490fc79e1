// Contract of the data browser: tables, pages sorted and filtered in the engine, a row's original values.
import { z } from 'zod';
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

export const Filter = z.object({
  column: z.string(),
  op: z.enum(['contains', 'equals', 'prefix']),
  value: z.string().max(1000),
});
export type Filter = z.infer<typeof Filter>;

export const Sort = z.object({ column: z.string(), dir: z.enum(['asc', 'desc']) });
export type Sort = z.infer<typeof Sort>;

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
  'data.export': method({
    input: z
      .object({
        table: z.string(),
        sort: Sort.optional(),
        filters: z.array(Filter).max(20).default([]),
        path: z.string().min(1).max(4096),
        overwrite: ReplaceExisting,
      })
      .strict(),
    output: z.object({ path: z.string(), rows: z.number().int(), columns: z.number().int() }),
    mutates: true,
    needsWorkspace: true,
    summary: "Write a table as the grid shows it (sort, filters; a source's table with every column it was imported with) to a CSV file, formula-like cells neutralised; never over the workspace, nor over a file unless overwrite.",
  }),
};
