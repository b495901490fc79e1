/**
 * Drop-in transformers.js models: any folder in transformers.js layout (config.json, tokenizer.json,
 * tokenizer_config.json, onnx/model.onnx returning last_hidden_state) loads fully offline through
 * @huggingface/transformers, mean-pooled and L2-normalised.
 *
 * Remote loading is switched off globally in this process (env.allowRemoteModels = false) the first
 * time this module loads a model, and stays off.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { FeatureExtractionPipeline } from '@huggingface/transformers';
import { EmbedModelError, rowsOf, type Embedder } from './embedder.js';
import { ensureRuntimeTelemetryOff } from './runtime-env.js';
import { DropInManifestSchema, type DropInManifest } from './manifest.js';

export const TRANSFORMERS_MODEL_FILE = join('onnx', 'model.onnx');
const REQUIRED_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', TRANSFORMERS_MODEL_FILE];

// transformers.js loads on first use only: it is heavy, and most sessions never need a drop-in model.
type TransformersModule = typeof import('@huggingface/transformers');
let transformers: TransformersModule | null = null;
async function loadTransformers(): Promise<TransformersModule> {
  transformers ??= await import('@huggingface/transformers');
  return transformers;
}

/** Lock transformers.js to local files only. Idempotent; called before every load. */
export async function lockTransformersOffline(): Promise<TransformersModule> {
  ensureRuntimeTelemetryOff(); // it runs models through the same onnxruntime-node
  const t = await loadTransformers();
  const { env } = t;
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.useBrowserCache = false;
  env.useFSCache = false; // nothing written to its cache folder (node_modules/@huggingface/transformers/.cache)
  env.useWasmCache = false; // nor the onnxruntime-web binaries it would otherwise cache there
  return t;
}

export interface TransformersLoadOptions {
  /** Texts per forward pass (default 32). */
  batchSize?: number;
}

export interface TransformersFolderInfo {
  dir: string;
  name: string;
  dims: number;
  modelType: string;
  manifest?: DropInManifest;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Check a folder has the transformers.js layout; returns what can be known without loading it. */
export async function inspectTransformersFolder(modelDir: string): Promise<TransformersFolderInfo> {
  const dir = resolve(modelDir);
  for (const f of REQUIRED_FILES) {
    if (!(await exists(join(dir, f)))) {
      throw new EmbedModelError(`not a transformers.js model folder: ${join(dir, f)} is missing`, 'MODEL_MISSING', join(dir, f));
    }
  }
  let config: { model_type?: unknown; hidden_size?: unknown };
  try {
    config = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as typeof config;
  } catch (e) {
    throw new EmbedModelError(`config.json is not valid JSON: ${join(dir, 'config.json')}: ${(e as Error).message}`, 'MODEL_INVALID', dir);
  }
  let manifest: DropInManifest | undefined;
  if (await exists(join(dir, 'manifest.json'))) {
    const parsed = DropInManifestSchema.safeParse(JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')));
    if (!parsed.success) {
      throw new EmbedModelError(`manifest.json is invalid: ${join(dir, 'manifest.json')}: ${parsed.error.issues[0]?.message ?? ''}`, 'MODEL_INVALID', dir);
    }
    manifest = parsed.data;
  }
  const dims = typeof config.hidden_size === 'number' ? config.hidden_size : (manifest?.dims ?? 0);
  return {
    dir,
    name: manifest?.name ?? basename(dir),
    dims,
    modelType: typeof config.model_type === 'string' ? config.model_type : 'unknown',
    ...(manifest ? { manifest } : {}),
  };
}

export async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

// env.localModelPath is process-global: serialise loads so two folders never race on it.
let loadChain: Promise<unknown> = Promise.resolve();

export class TransformersEmbedder implements Embedder {
  readonly kind = 'transformers' as const;
  private dimsChecked = false;

  private constructor(
    readonly info: TransformersFolderInfo,
    readonly modelId: string,
    readonly dims: number,
    private readonly extractor: FeatureExtractionPipeline,
    private readonly batchSize: number,
  ) {}

  static async load(modelDir: string, opts: TransformersLoadOptions = {}): Promise<TransformersEmbedder> {
    const info = await inspectTransformersFolder(modelDir);
    const sha = await sha256File(join(info.dir, TRANSFORMERS_MODEL_FILE));
    if (info.manifest?.sha256 && info.manifest.sha256 !== sha) {
      throw new EmbedModelError(
        `embedding model file does not match its manifest: ${join(info.dir, TRANSFORMERS_MODEL_FILE)} has sha256 ${sha}, manifest says ${info.manifest.sha256}`,
        'MODEL_HASH_MISMATCH',
        join(info.dir, TRANSFORMERS_MODEL_FILE),
      );
    }
    const run = async (): Promise<FeatureExtractionPipeline> => {
      const { env, pipeline } = await lockTransformersOffline();
      env.localModelPath = dirname(info.dir) + '/';
      return (await pipeline('feature-extraction', basename(info.dir), {
        dtype: 'fp32',
        local_files_only: true,
      })) as FeatureExtractionPipeline;
    };
    const p = loadChain.then(run, run);
    loadChain = p.catch(() => undefined);
    const extractor = await p;
    const modelId = `${info.name}@${info.manifest?.version ?? 'local'}#${sha.slice(0, 12)}`;
    return new TransformersEmbedder(info, modelId, info.dims, extractor, Math.max(1, opts.batchSize ?? 32));
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    return rowsOf(await this.embedFlat(texts), this.dims);
  }

  async embedFlat(texts: readonly string[]): Promise<Float32Array> {
    const D = this.dims;
    const out = new Float32Array(texts.length * D);
    for (let start = 0; start < texts.length; start += this.batchSize) {
      const chunk = texts.slice(start, start + this.batchSize).map((t) => (t.length > 0 ? t : ' '));
      const res = await this.extractor(chunk, { pooling: 'mean', normalize: true });
      const dims = res.dims as number[];
      if (!this.dimsChecked) {
        if (dims[dims.length - 1] !== D) {
          throw new EmbedModelError(
            `model ${this.modelId} returns vectors of ${String(dims[dims.length - 1])} dims, config.json says ${D}`,
            'MODEL_INVALID',
            this.info.dir,
          );
        }
        this.dimsChecked = true;
      }
      out.set(res.data as Float32Array, start * D);
    }
    return out;
  }

  private disposed: Promise<void> | null = null;

  /** Idempotent: a search index reload and the workspace closing may both let go of one embedder,
   * and onnxruntime throws "Session already disposed" on the second release. */
  dispose(): Promise<void> {
    return (this.disposed ??= this.extractor.dispose());
  }
}
