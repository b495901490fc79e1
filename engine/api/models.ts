// Contract of the model registry (engine/models/): every trained artefact with its version, data
// window, schema, parameters, metrics and status.
import { z } from 'zod';
import { method } from './method.js';

export const ModelStatus = z.enum(['building', 'candidate', 'shadow', 'canary', 'live', 'retired']);
export type ModelStatus = z.infer<typeof ModelStatus>;

export const ModelEntry = z.object({
  id: z.number().int(),
  /** search.reranker, embed.generation; resolve.match, churn.gbdt … as capabilities add them. */
  kind: z.string(),
  version: z.number().int(),
  status: ModelStatus,
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  jobId: z.string().nullable(),
  dataWindow: z.object({ from: z.string().nullable(), to: z.string().nullable(), rows: z.number().int() }).nullable(),
  schema: z.record(z.string(), z.unknown()),
  params: z.record(z.string(), z.unknown()),
  metrics: z.record(z.string(), z.unknown()),
  ref: z.string().nullable(),
  activatedAt: z.string().nullable(),
  retiredAt: z.string().nullable(),
});
export type ModelEntry = z.infer<typeof ModelEntry>;

export const modelsMethods = {
  'models.list': method({
    input: z.object({ kind: z.string().max(100).optional() }).strict(),
    output: z.array(ModelEntry),
    mutates: false,
    needsWorkspace: true,
    summary: 'Every trained model in the workspace (newest version first per kind), or those of one kind.',
  }),
  'models.get': method({
    input: z.object({ id: z.number().int() }).strict(),
    output: ModelEntry,
    mutates: false,
    needsWorkspace: true,
    summary: 'One registry entry: version, data window, schema, parameters, metrics and status.',
  }),
};
