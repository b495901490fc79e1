// Contract of embeddings: models (shipped and imported), the vector index jobs and their status.
import { z } from 'zod';
import { Empty, JobStarted, jobSpec, method } from './method.js';

export const EmbedGenerationInfo = z.object({
  generation: z.number().int(),
  modelId: z.string(),
  model: z.string(),
  kind: z.string(),
  sha256: z.string().nullable(),
  dims: z.number().int(),
  recipe: z.string(),
  state: z.enum(['building', 'active', 'retired']),
  vectors: z.number().int(),
  createdAt: z.string(),
  activatedAt: z.string().nullable(),
});

export const EmbedStatus = z.object({
  records: z.number().int(),
  active: EmbedGenerationInfo.nullable(),
  building: z.array(EmbedGenerationInfo),
  /** Records with no vector (or a stale one) in the live generation; null when not counted. */
  pending: z.number().int().nullable(),
});

export const EmbedModelInfo = z.object({
  id: z.string(),
  kind: z.enum(['builtin', 'transformers']),
  dims: z.number().int(),
  sha256: z.string().nullable(),
  licence: z.string().nullable(),
  active: z.boolean(),
  /** 'shipped': a folder in models/; 'workspace': imported into the open workspace (sha256 is then the content digest). */
  source: z.enum(['shipped', 'workspace']),
});

export const EmbedImportModelInput = z.object({ path: z.string().min(1).max(4096) }).strict();

/** Result of the embed.importModel job. */
export const EmbedImportedModel = z.object({
  id: z.string(),
  kind: z.enum(['builtin', 'transformers']),
  dims: z.number().int(),
  /** Digest of the imported content: sha256 over "path\0sha256\n" of every file, sorted by path. */
  sha256: z.string(),
  files: z.number().int(),
  bytes: z.number().int(),
  /** The same content was already imported under this id; nothing was written. */
  alreadyImported: z.boolean(),
});
export type EmbedImportedModel = z.infer<typeof EmbedImportedModel>;

export const EmbedRemoveModelInput = z.object({ id: z.string().min(1).max(200) }).strict();

export const EmbedRemovedModel = z.object({ id: z.string(), files: z.number().int(), bytes: z.number().int() });

export const EmbedJobInput = z.object({ model: z.string().max(200).optional() }).strict();

/** What an embedding job did (incremental: changed records only; full: a new generation). */
export const EmbedIndexResult = z.object({
  generation: z.number().int(),
  model: z.string(),
  modelId: z.string(),
  mode: z.enum(['full', 'incremental']),
  records: z.number().int(),
  embedded: z.number().int(),
  unchanged: z.number().int(),
  removed: z.number().int(),
  vectors: z.number().int(),
  partitionCells: z.number().int(),
  seconds: z.number(),
});
export type EmbedIndexResult = z.infer<typeof EmbedIndexResult>;

export const embedMethods = {
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
};

export const embedJobs = {
  'embed.index': jobSpec({ start: 'embed.index', request: EmbedJobInput, result: EmbedIndexResult, summary: 'Embed new and changed records.' }),
  'embed.reindex': jobSpec({ start: 'embed.reindex', request: EmbedJobInput, result: EmbedIndexResult, summary: 'Re-embed every record into a new generation.' }),
  'embed.importModel': jobSpec({ start: 'embed.importModel', request: EmbedImportModelInput, result: EmbedImportedModel, summary: 'Copy a model folder into the workspace.' }),
};
