/** Manifest of a built-in embedding model folder: models/<name>/manifest.json. */
import { z } from 'zod';

export const BUILTIN_FORMAT = 'aerie-builtin-embed/1';

export const FeaturizerParamsSchema = z.object({
  buckets: z.number().int().positive(),
  ngrams: z.array(z.number().int().positive()).min(1),
  ngramWeights: z.array(z.number()),
  tokenWeight: z.number(),
  tokenLengthExponent: z.number(),
  seed: z.number().int(),
  tf: z.enum(['log', 'linear']),
  maxChars: z.number().int().positive(),
});

export const BuiltinManifestSchema = z.object({
  format: z.literal(BUILTIN_FORMAT),
  name: z.string().min(1),
  version: z.string().min(1),
  description: z.string().optional(),
  /** Model file, relative to the folder. */
  file: z.string().min(1),
  /** Lower-case hex sha256 of the model file. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().nonnegative(),
  dims: z.number().int().positive(),
  licence: z.string().min(1),
  featurizer: FeaturizerParamsSchema,
  projection: z.object({
    /** How the [buckets x dims] table was made: 'rademacher' (seeded +-1) or 'tuned'. */
    kind: z.enum(['rademacher', 'tuned']),
    dtype: z.enum(['int8', 'float32']),
    seed: z.number().int(),
  }),
  io: z.object({
    indices: z.string(),
    weights: z.string(),
    output: z.string(),
  }),
  builtBy: z.string().optional(),
});

export type BuiltinManifest = z.infer<typeof BuiltinManifestSchema>;

/** Optional manifest.json next to a drop-in transformers.js folder (all fields optional). */
export const DropInManifestSchema = z
  .object({
    name: z.string().optional(),
    version: z.string().optional(),
    licence: z.string().optional(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
    dims: z.number().int().positive().optional(),
  })
  .passthrough();

export type DropInManifest = z.infer<typeof DropInManifestSchema>;
