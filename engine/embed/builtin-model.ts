/**
 * Runtime for the built-in character n-gram embedding model (models/aerie-charngram/).
 * Loads only from a local folder, verifies the manifest sha256 before creating the session.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as ort from 'onnxruntime-node';
import { ensureRuntimeTelemetryOff } from './runtime-env.js';
import { sha256Hex } from './sha256.js';
import { EmbedModelError, rowsOf, type Embedder } from './embedder.js';
import { Featurizer, type SparseBatch } from './featurize.js';
import { BuiltinManifestSchema, type BuiltinManifest } from './manifest.js';

export interface BuiltinLoadOptions {
  /**
   * onnxruntime intra-op threads per run (default 1). onnxruntime-node runs a session synchronously
   * on the calling JS thread (inside a setImmediate), so this is the only source of parallelism;
   * bench embed measured 2 threads as no faster on 2 cores (spinning), and unsteady.
   */
  threads?: number;
  /** Most records per ONNX run (default 64). */
  maxBatch?: number;
  /** Most padded feature slots per ONNX run, bounds the [batch, F, dims] gather (default 2048; small runs keep the gather in cache). */
  maxSlots?: number;
  /** ONNX runs queued at once (default 2). They execute one after another on the calling thread; queuing lets the next chunk be packed meanwhile. */
  parallel?: number;
  /** Texts featurised per step in embedFlat; the next group is featurised while the previous one runs (default 2048). */
  group?: number;
}

export async function readBuiltinManifest(modelDir: string): Promise<BuiltinManifest> {
  const path = join(modelDir, 'manifest.json');
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch {
    throw new EmbedModelError(`embedding model manifest not found: ${path}`, 'MODEL_MISSING', path);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    throw new EmbedModelError(`embedding model manifest is not valid JSON: ${path}: ${(e as Error).message}`, 'MODEL_INVALID', path);
  }
  const parsed = BuiltinManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EmbedModelError(
      `embedding model manifest is invalid: ${path}: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown'}`,
      'MODEL_INVALID',
      path,
    );
  }
  return parsed.data;
}

export class BuiltinEmbedder implements Embedder {
  readonly kind = 'builtin' as const;
  readonly dims: number;
  readonly modelId: string;
  readonly featurizer: Featurizer;
  private readonly maxBatch: number;
  private readonly maxSlots: number;
  private readonly parallel: number;
  private readonly group: number;

  private constructor(
    readonly manifest: BuiltinManifest,
    readonly path: string,
    private readonly session: ort.InferenceSession,
    opts: BuiltinLoadOptions,
  ) {
    this.dims = manifest.dims;
    this.modelId = `${manifest.name}@${manifest.version}#${manifest.sha256.slice(0, 12)}`;
    this.featurizer = new Featurizer(manifest.featurizer);
    this.maxBatch = Math.max(1, opts.maxBatch ?? 64);
    this.maxSlots = Math.max(1, opts.maxSlots ?? 2048);
    this.parallel = Math.max(1, opts.parallel ?? 2);
    this.group = Math.max(1, opts.group ?? 2048);
  }

  /** Load from a folder holding manifest.json + the model file; checks the sha256 first. */
  static async load(modelDir: string, opts: BuiltinLoadOptions = {}): Promise<BuiltinEmbedder> {
    const dir = resolve(modelDir);
    const manifest = await readBuiltinManifest(dir);
    const file = join(dir, manifest.file);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch {
      throw new EmbedModelError(`embedding model file not found: ${file} (named by ${join(dir, 'manifest.json')})`, 'MODEL_MISSING', file);
    }
    const actual = sha256Hex(bytes);
    if (actual !== manifest.sha256) {
      throw new EmbedModelError(
        `embedding model file does not match its manifest: ${file} has sha256 ${actual}, manifest says ${manifest.sha256}`,
        'MODEL_HASH_MISMATCH',
        file,
      );
    }
    const sessionOptions: ort.InferenceSession.SessionOptions = {
      executionProviders: ['cpu'],
      graphOptimizationLevel: 'all',
    };
    sessionOptions.intraOpNumThreads = Math.max(1, opts.threads ?? 1);
    sessionOptions.interOpNumThreads = 1;
    ensureRuntimeTelemetryOff();
    const session = await ort.InferenceSession.create(bytes, sessionOptions);
    return new BuiltinEmbedder(manifest, dir, session, opts);
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    return rowsOf(await this.embedFlat(texts), this.dims);
  }

  async embedFlat(texts: readonly string[]): Promise<Float32Array> {
    const D = this.dims;
    const out = new Float32Array(texts.length * D);
    const inflight: Promise<Float32Array>[] = [];
    for (let start = 0; start < texts.length; start += this.group) {
      const end = Math.min(texts.length, start + this.group);
      // featurise in groups so memory stays bounded; the runs of a group execute on this thread
      // (onnxruntime-node runs sessions in a setImmediate) once we await
      const batch = this.featurizer.featurize(texts.slice(start, end));
      inflight.push(this.embedSparse(batch, out.subarray(start * D, end * D)));
      if (inflight.length >= 2) await inflight.shift();
    }
    await Promise.all(inflight);
    return out;
  }

  /** Embed already-featurised records (CSR), e.g. when the caller keeps the sparse bags for rescoring. */
  async embedSparse(batch: SparseBatch, out?: Float32Array): Promise<Float32Array> {
    const n = batch.offsets.length - 1;
    const D = this.dims;
    const result = out ?? new Float32Array(n * D);
    // Order records by feature count so each run pads little.
    const nnz = new Int32Array(n);
    for (let i = 0; i < n; i++) nnz[i] = (batch.offsets[i + 1] as number) - (batch.offsets[i] as number);
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (nnz[a] as number) - (nnz[b] as number));

    let start = 0;
    const pending: Promise<void>[] = [];
    while (start < n) {
      // grow the chunk while it fits the slot budget (sorted ascending: the last record is the longest)
      let end = start + 1;
      while (
        end < n &&
        end - start < this.maxBatch &&
        (end + 1 - start) * Math.max(1, nnz[order[end] as number] as number) <= this.maxSlots
      ) {
        end++;
      }
      const ids = order.slice(start, end);
      const F = Math.max(1, nnz[ids[ids.length - 1] as number] as number);
      const b = ids.length;
      const idx = new Int32Array(b * F);
      const wts = new Float32Array(b * F);
      for (let r = 0; r < b; r++) {
        const rec = ids[r] as number;
        const s = batch.offsets[rec] as number;
        const e = batch.offsets[rec + 1] as number;
        idx.set(batch.indices.subarray(s, e), r * F);
        wts.set(batch.weights.subarray(s, e), r * F);
      }
      if (pending.length >= this.parallel) await pending.shift();
      const p = this.session
        .run({
          [this.manifest.io.indices]: new ort.Tensor('int32', idx, [b, F]),
          [this.manifest.io.weights]: new ort.Tensor('float32', wts, [b, F]),
        })
        .then((res) => {
          const t = res[this.manifest.io.output];
          if (!t) throw new Error(`embedding model returned no '${this.manifest.io.output}' output`);
          const data = t.data as Float32Array;
          for (let r = 0; r < b; r++) result.set(data.subarray(r * D, (r + 1) * D), (ids[r] as number) * D);
        });
      pending.push(p);
      start = end;
    }
    await Promise.all(pending);
    return result;
  }

  private released: Promise<void> | null = null;

  /** Idempotent (see TransformersEmbedder.dispose): onnxruntime throws on a second release. */
  dispose(): Promise<void> {
    return (this.released ??= this.session.release());
  }
}
