// Shared value shapes used by several methods and events.
import { z } from 'zod';

export const JobState = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);
export type JobState = z.infer<typeof JobState>;

export const Job = z.object({
  id: z.string(),
  kind: z.string(),
  state: JobState,
  label: z.string(),
  done: z.number(),
  total: z.number().nullable(),
  unit: z.string(),
  message: z.string(),
  /** details: where the problem is (file, row, column, value) and what to do (hint). */
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }).nullable(),
  result: z.unknown().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  resumes: z.number().int(),
});
export type Job = z.infer<typeof Job>;

export const WorkspaceState = z.enum(['none', 'locked', 'open']);
export type WorkspaceState = z.infer<typeof WorkspaceState>;

/** What opening a workspace tells: cheap to compute whatever the workspace holds. */
export const WorkspaceSummary = z.object({
  path: z.string(),
  name: z.string(),
  schemaVersion: z.number().int(),
  createdBy: z.string(),
  cipher: z.string(),
  kdf: z.string(),
  journalMode: z.string(),
  sqliteVec: z.string(),
  /** Present when another process owns (writes) the workspace: it is open read-only here. */
  inUseBy: z.object({ command: z.string(), pid: z.number().int(), host: z.string(), since: z.string() }).optional(),
});
export type WorkspaceSummary = z.infer<typeof WorkspaceSummary>;

/** The summary plus size and row counts (counting millions of rows takes a moment). */
export const WorkspaceInfo = WorkspaceSummary.extend({
  sizeBytes: z.number(),
  counts: z.record(z.string(), z.number()),
});
export type WorkspaceInfo = z.infer<typeof WorkspaceInfo>;

export const AuditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  method: z.string(),
  argsDigest: z.string(),
  hash: z.string(),
  /** What the call started, e.g. `job:<id>` (verify follows it to the job and its imports). */
  subject: z.string().optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditProblem = z.object({
  /** The entry concerned; 0 for a row (an import) that no entry records. */
  seq: z.number().int(),
  /** changed / deleted / truncated: the chain; rewritten: no longer holds the expected head (re-chained, truncated, wiped);
   * orphaned: names a job or import that is gone; unaudited: an import no entry records. */
  kind: z.enum(['changed', 'deleted', 'truncated', 'rewritten', 'orphaned', 'unaudited']),
  message: z.string(),
});
export type AuditProblem = z.infer<typeof AuditProblem>;

/** The newest audit entry: kept outside the workspace, it lets verify detect a rewritten log. */
export const AuditHead = z.object({ seq: z.number().int().min(0), hash: z.string().regex(/^[0-9a-f]{64}$/) });
export type AuditHead = z.infer<typeof AuditHead>;

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

export const FsEntry = z.object({
  name: z.string(),
  path: z.string(),
  kind: z.enum(['dir', 'workspace', 'file']),
  sizeBytes: z.number(),
});
export type FsEntry = z.infer<typeof FsEntry>;
