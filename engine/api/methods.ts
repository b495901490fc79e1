// The method map: the one contract between the engine and every host.
// Each entry: input schema, output schema, whether it changes the workspace (audited),
// and whether it needs an open workspace.
import { z } from 'zod';
import { method, type MethodSpec } from './method.js';
import { modelsMethods } from './models.js';
import { checkMethods } from './workspace-check.js';
import { ImportKind, ImportSummary, Mapping, Preview, ReadSettings, RejectRow, SourceInfo } from './ingest-schemas.js';
import { EmbedImportModelInput, EmbedJobInput, EmbedModelInfo, EmbedRemovedModel, EmbedRemoveModelInput, EmbedStatus, SearchFeedbackInput, SearchQueryInput, SearchResponse, SearchStatus, SearchTrainInput } from './search-schemas.js';
import type { Catalogue, ProfileReport } from './profile-types.js';
import { AuditEntry, AuditHead, AuditProblem, Cell, ColumnInfo, Filter, FsEntry, Job, OriginalRow, Sort, TableInfo, WorkspaceInfo, WorkspaceState, WorkspaceSummary } from './schemas.js';

export type { MethodSpec };

const Empty = z.object({}).strict();
const Ok = z.object({ ok: z.literal(true) });
/** Exports: replace a file already at the path (the UI asks first); refused by default. */
const ReplaceExisting = z.boolean().default(false);
// A new passphrase, judged as it will be keyed (NFC, engine/db/cipher.ts): not only spaces or
// invisible characters, and at least 8 characters once normalised.
const Passphrase = z
  .string()
  .max(1024)
  .refine((s) => /[^\s\p{Cc}\p{Cf}]/u.test(s), 'A passphrase cannot be empty or only spaces. Choose one with at least 8 characters.')
  .refine((s) => [...s.normalize('NFC')].length >= 8, 'Use a passphrase of at least 8 characters.');
const WorkspacePath = z.string().min(1).max(4096);
const JobStarted = z.object({ jobId: z.string() });
const ProfileScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('workspace') }),
  z.object({ kind: z.literal('source'), sourceId: z.number().int() }),
  z.object({ kind: z.literal('import'), importId: z.number().int() }),
]);

export const methods = {
  'app.status': method({
    input: Empty,
    output: z.object({
      version: z.string(),
      schemaVersion: z.number().int(),
      state: WorkspaceState,
      workspace: z.object({ path: z.string(), name: z.string() }).nullable(),
      roots: z.array(z.string()),
    }),
    mutates: false,
    needsWorkspace: false,
    summary: 'Engine version, workspace state and the folders workspaces may live in.',
  }),
  'app.allowPath': method({
    input: z.object({ path: z.string().min(1).max(4096) }).strict(),
    output: z.object({ roots: z.array(z.string()) }),
    mutates: false,
    needsWorkspace: false,
    hostOnly: true,
    summary: 'Allow a folder chosen in a native dialog (Electron main only).',
  }),
  'fs.list': method({
    input: z.object({ dir: z.string().max(4096).optional() }).strict(),
    output: z.object({ dir: z.string(), parent: z.string().nullable(), entries: z.array(FsEntry) }),
    mutates: false,
    needsWorkspace: false,
    summary: 'List a folder inside the allowed roots (workspaces and importable files).',
  }),
  'workspace.create': method({
    input: z.object({ path: WorkspacePath, passphrase: Passphrase }).strict(),
    output: WorkspaceSummary,
    mutates: true,
    needsWorkspace: false,
    summary: 'Create a new encrypted workspace file and open it.',
  }),
  'workspace.open': method({
    input: z.object({ path: WorkspacePath, passphrase: z.string().max(1024) }).strict(),
    output: WorkspaceSummary,
    mutates: false,
    needsWorkspace: false,
    summary: 'Open an existing workspace with its passphrase.',
  }),
  'workspace.unlock': method({
    input: z.object({ passphrase: z.string().max(1024) }).strict(),
    output: WorkspaceSummary,
    mutates: false,
    needsWorkspace: false,
    summary: 'Unlock the locked workspace again.',
  }),
  'workspace.lock': method({
    input: Empty,
    output: Ok,
    mutates: false,
    needsWorkspace: false,
    summary: 'Close the database and forget the key; the workspace stays selected.',
  }),
  'workspace.close': method({
    input: Empty,
    output: Ok,
    mutates: false,
    needsWorkspace: false,
    summary: 'Close the workspace.',
  }),
  'workspace.info': method({
    input: Empty,
    output: WorkspaceInfo,
    mutates: false,
    needsWorkspace: true,
    summary: 'Schema version, cipher, size and row counts.',
  }),
  'workspace.changePassphrase': method({
    input: z.object({ current: z.string().max(1024), next: Passphrase }).strict(),
    output: Ok,
    mutates: true,
    needsWorkspace: true,
    summary: 'Re-key the workspace file under a new passphrase.',
  }),
  'jobs.list': method({
    input: z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict(),
    output: z.array(Job),
    mutates: false,
    needsWorkspace: true,
    summary: 'Recent jobs, newest first.',
  }),
  'jobs.get': method({
    input: z.object({ id: z.string() }).strict(),
    output: Job,
    mutates: false,
    needsWorkspace: true,
    summary: 'One job.',
  }),
  'jobs.cancel': method({
    input: z.object({ id: z.string() }).strict(),
    output: Job,
    mutates: true,
    needsWorkspace: true,
    summary: 'Cancel a queued or running job; its partial work is rolled back.',
  }),
  'demo.generate': method({
    input: z
      .object({
        customers: z.number().int().min(1).max(10_000_000).default(10_000),
        seed: z.number().int().default(1),
        /** Also write the interaction history (orders, email events, tickets, payments). */
        events: z.boolean().default(true),
      })
      .strict(),
    output: JobStarted,
    mutates: true,
    needsWorkspace: true,
    summary: 'Generate a synthetic legacy CRM into the workspace (a job).',
  }),
  'sources.list': method({
    input: Empty,
    output: z.array(SourceInfo),
    mutates: false,
    needsWorkspace: true,
    summary: 'Every source with its saved mapping, row counts and imports.',
  }),
  'ingest.preview': method({
    input: z.object({ path: z.string().min(1).max(4096), kind: ImportKind.default('customers'), source: z.string().max(200).optional(), read: ReadSettings.default({ format: 'auto', encoding: 'auto' }) }).strict(),
    output: Preview,
    mutates: false,
    needsWorkspace: true,
    summary: 'Detect format, encoding and columns of a file; suggest a mapping; flag a file already imported.',
  }),
  'ingest.start': method({
    input: z
      .object({
        path: z.string().min(1).max(4096),
        source: z.string().min(1).max(200),
        kind: ImportKind.default('customers'),
        read: ReadSettings.default({ format: 'auto', encoding: 'auto' }),
        mapping: Mapping.optional(),
        eventType: z.string().max(100).optional(),
        allowDuplicate: z.boolean().default(false),
      })
      .strict(),
    output: JobStarted,
    mutates: true,
    needsWorkspace: true,
    summary: 'Import a file into a source (a job). The mapping is saved for the source and reused.',
  }),
  'ingest.summary': method({
    input: z.object({ importId: z.number().int() }).strict(),
    output: ImportSummary,
    mutates: false,
    needsWorkspace: true,
    summary: 'Counts and settings of one import.',
  }),
  'ingest.rejects': method({
    input: z.object({ importId: z.number().int().optional(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(10_000).default(1000) }).strict(),
    output: z.object({ total: z.number().int(), rows: z.array(RejectRow) }),
    mutates: false,
    needsWorkspace: true,
    summary: 'Rows that could not be imported, with row number, reason and raw text.',
  }),
  'ingest.exportRejects': method({
    input: z.object({ importId: z.number().int().optional(), path: z.string().min(1).max(4096), overwrite: ReplaceExisting }).strict(),
    output: z.object({ path: z.string(), rows: z.number().int() }),
    mutates: true,
    needsWorkspace: true,
    summary: 'Write rejects to a CSV file (formula-like cells neutralised; never over the workspace, nor over a file unless overwrite).',
  }),
  'profile.run': method({
    input: z.object({ scope: ProfileScope, defaultCountry: z.string().length(2).default('GB') }).strict(),
    output: JobStarted,
    mutates: true,
    needsWorkspace: true,
    summary: 'Profile a source, an import or the whole workspace (a job); the report is stored.',
  }),
  'profile.get': method({
    input: z.object({ scope: ProfileScope }).strict(),
    output: z.custom<ProfileReport>().nullable(),
    mutates: false,
    needsWorkspace: true,
    summary: 'The latest stored profile report of a scope, or null.',
  }),
  'profile.exportHtml': method({
    input: z.object({ scope: ProfileScope, path: z.string().min(1).max(4096), overwrite: ReplaceExisting }).strict(),
    output: z.object({ path: z.string(), bytes: z.number().int() }),
    mutates: true,
    needsWorkspace: true,
    summary: 'Write the latest report of a scope as a self-contained HTML file (never over the workspace, nor over a file unless overwrite).',
  }),
  'catalogue.get': method({
    input: Empty,
    output: z.custom<Catalogue>(),
    mutates: false,
    needsWorkspace: true,
    summary: 'Every source, table and column, with lineage to the canonical attributes.',
  }),
  'audit.list': method({
    input: z.object({ beforeSeq: z.number().int().optional(), limit: z.number().int().min(1).max(1000).default(100) }).strict(),
    output: z.array(AuditEntry),
    mutates: false,
    needsWorkspace: true,
    summary: 'Audit entries, newest first.',
  }),
  'audit.verify': method({
    input: z
      .object({
        /** A head recorded earlier outside the workspace: fail if the log no longer holds it. */
        expect: z.object({ hash: z.string().regex(/^[0-9a-fA-F]{64}$/), seq: z.number().int().min(0).optional() }).strict().optional(),
      })
      .strict(),
    output: z.object({ ok: z.boolean(), checked: z.number().int(), head: AuditHead, problems: z.array(AuditProblem) }),
    mutates: false,
    needsWorkspace: true,
    summary: 'Re-check the audit hash chain (and an expected head), cross-check it with the jobs and imports; name every problem.',
  }),
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
  'search.query': method({
    input: SearchQueryInput,
    output: SearchResponse,
    mutates: false,
    needsWorkspace: true,
    summary: 'Hybrid fuzzy search over customer records (lexical + vector + reranker), with why each result matched.',
  }),
  'search.feedback': method({
    input: SearchFeedbackInput,
    output: z.object({ id: z.number().int() }),
    mutates: true,
    needsWorkspace: true,
    summary: 'Record that an analyst clicked, confirmed or rejected a search result (reranker training data).',
  }),
  'search.train': method({
    input: SearchTrainInput,
    output: JobStarted,
    mutates: true,
    needsWorkspace: true,
    summary: 'Train the search reranker on analyst feedback and on record pairs deterministic keys prove (a job).',
  }),
  'search.status': method({
    input: Empty,
    output: SearchStatus,
    mutates: false,
    needsWorkspace: true,
    summary: 'Search indexes loaded in memory, the ranker in use and feedback collected.',
  }),
  'embed.status': method({
    input: z.object({ countPending: z.boolean().default(true) }).strict(),
    output: EmbedStatus,
    mutates: false,
    needsWorkspace: true,
    summary: 'Which model produced the stored vectors, how many, and how many records wait to be embedded.',
  }),
  'embed.models': method({
    input: Empty,
    output: z.object({ models: z.array(EmbedModelInfo), problems: z.array(z.object({ path: z.string(), error: z.string() })) }),
    mutates: false,
    needsWorkspace: false,
    summary: 'Embedding models available: shipped in models/ (built-in and drop-in folders) and imported into the open workspace.',
  }),
  'embed.importModel': method({
    input: EmbedImportModelInput,
    output: JobStarted,
    mutates: true,
    needsWorkspace: true,
    summary: 'Check a model folder (transformers.js layout or an Aerie built-in model, up to 2 GB), then copy it into the workspace as a job (result: EmbedImportedModel).',
  }),
  'embed.removeModel': method({
    input: EmbedRemoveModelInput,
    output: EmbedRemovedModel,
    mutates: true,
    needsWorkspace: true,
    summary: 'Remove a model imported into the workspace; refused while the live or a building generation uses it.',
  }),
  'embed.index': method({
    input: EmbedJobInput,
    output: JobStarted,
    mutates: true,
    needsWorkspace: true,
    summary: 'Embed new and changed records (a job; a different model starts a full re-index).',
  }),
  'embed.reindex': method({
    input: EmbedJobInput,
    output: JobStarted,
    mutates: true,
    needsWorkspace: true,
    summary: 'Re-embed every record into a new generation, swapped in when complete (a job).',
  }),
  ...modelsMethods,
  ...checkMethods,
} as const satisfies Record<string, MethodSpec>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}
