/** The one interface every embedding model implements (built-in n-gram model, drop-in transformers.js models). */
export type EmbedderKind = 'builtin' | 'transformers';

export interface Embedder {
  readonly kind: EmbedderKind;
  /** Stable id of the exact model (name, version and file hash): store it next to every vector. */
  readonly modelId: string;
  readonly dims: number;
  /** One L2-normalised vector per text, in input order. Rows may be views on one shared buffer. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  /** Same vectors as one row-major Float32Array of texts.length * dims. */
  embedFlat(texts: readonly string[]): Promise<Float32Array>;
  dispose(): Promise<void>;
}

/** Split a row-major matrix into row views (no copy). */
export function rowsOf(flat: Float32Array, dims: number): Float32Array[] {
  const n = dims > 0 ? flat.length / dims : 0;
  const out: Float32Array[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = flat.subarray(i * dims, (i + 1) * dims);
  return out;
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

export class EmbedModelError extends Error {
  constructor(
    message: string,
    readonly code: 'MODEL_MISSING' | 'MODEL_HASH_MISMATCH' | 'MODEL_INVALID',
    readonly path: string,
  ) {
    super(message);
    this.name = 'EmbedModelError';
  }
}
