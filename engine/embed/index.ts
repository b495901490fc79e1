/** Public surface of the embed capability. */
export type { Embedder, EmbedderKind } from './embedder.js';
export { cosine, EmbedModelError, rowsOf } from './embedder.js';
export { BuiltinEmbedder, readBuiltinManifest, type BuiltinLoadOptions } from './builtin-model.js';
export { TransformersEmbedder, lockTransformersOffline, type TransformersLoadOptions } from './transformers-model.js';
export { listModels, describeModelFolder, loadEmbedder, defaultBuiltin, type ModelEntry, type ListResult } from './registry.js';
export { availableModels, resolveModel, type AvailableModel, type ResolvedModel, type ModelSource } from './workspace-models.js';
export { checkModelImport, importModelJob, removeModel, type ImportedModel, type ModelImportPlan } from './model-import.js';
export { modelCacheDir } from './model-cache.js';
export { Featurizer, sparseCosine, tokenize, normalizeText, type FeaturizerParams, type SparseBatch } from './featurize.js';
export {
  buildBuiltinModel,
  writeBuiltinModel,
  rademacherTable,
  DEFAULT_BUILTIN_OPTIONS,
  type BuiltinBuildOptions,
  type ProjectionTable,
} from './builtin-graph.js';
export type { BuiltinManifest, DropInManifest } from './manifest.js';
