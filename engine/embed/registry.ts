/**
 * Which embedding models are available in a models folder (the shipped models/ or a workspace's).
 * A sub-folder is a built-in model when its manifest.json has format aerie-builtin-embed/1, and a
 * drop-in transformers.js model when it has config.json + tokenizer files + onnx/model.onnx.
 * Listing reads manifests and configs only; hashes are checked when a model is loaded.
 */
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { BuiltinEmbedder, readBuiltinManifest, type BuiltinLoadOptions } from './builtin-model.js';
import type { Embedder } from './embedder.js';
import { BUILTIN_FORMAT, type BuiltinManifest, type DropInManifest } from './manifest.js';
import { inspectTransformersFolder, TransformersEmbedder, type TransformersLoadOptions } from './transformers-model.js';

export interface ModelEntry {
  /** name@version of the model (folder name when a drop-in has no manifest). */
  id: string;
  kind: 'builtin' | 'transformers';
  dims: number;
  /** Absolute folder path. */
  path: string;
  manifest: BuiltinManifest | DropInManifest | null;
  /** For drop-ins: config.json model_type. */
  modelType?: string;
}

export interface ListResult {
  models: ModelEntry[];
  /** Folders that look like models but could not be read, with the reason. */
  problems: { path: string; error: string }[];
}

export async function listModels(modelsDir: string): Promise<ListResult> {
  const root = resolve(modelsDir);
  const models: ModelEntry[] = [];
  const problems: ListResult['problems'] = [];
  let names: string[];
  try {
    names = (await readdir(root, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  } catch {
    return { models, problems };
  }
  for (const name of names) {
    const path = join(root, name);
    try {
      const entry = await describeModelFolder(path);
      if (entry) models.push(entry);
    } catch (e) {
      problems.push({ path, error: (e as Error).message });
    }
  }
  return { models, problems };
}

/**
 * What kind of model a folder holds, read from its manifest / config only: null when it is neither
 * (no config.json, no manifest.json); throws EmbedModelError when it looks like a model but is broken.
 */
export async function describeModelFolder(folder: string): Promise<ModelEntry | null> {
  const path = resolve(folder);
  const files = new Set(await readdir(path));
  if (files.has('manifest.json') && !files.has('config.json')) {
    const manifest = await readBuiltinManifest(path);
    return { id: `${manifest.name}@${manifest.version}`, kind: 'builtin', dims: manifest.dims, path, manifest };
  }
  if (files.has('config.json')) {
    const info = await inspectTransformersFolder(path);
    return {
      id: info.manifest?.version ? `${info.name}@${info.manifest.version}` : info.name,
      kind: 'transformers',
      dims: info.dims,
      path,
      manifest: info.manifest ?? null,
      modelType: info.modelType,
    };
  }
  return null;
}

/** Load a listed model. */
export async function loadEmbedder(
  entry: Pick<ModelEntry, 'kind' | 'path'>,
  opts: BuiltinLoadOptions & TransformersLoadOptions = {},
): Promise<Embedder> {
  return entry.kind === 'builtin' ? BuiltinEmbedder.load(entry.path, opts) : TransformersEmbedder.load(entry.path, opts);
}

/** The shipped default: the first built-in model in the folder. */
export async function defaultBuiltin(modelsDir: string): Promise<ModelEntry | undefined> {
  const { models } = await listModels(modelsDir);
  return models.find((m) => m.kind === 'builtin' && (m.manifest as BuiltinManifest).format === BUILTIN_FORMAT);
}
