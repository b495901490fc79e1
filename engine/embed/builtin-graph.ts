/**
 * The built-in embedding model: an ONNX graph that turns featurised records (hashed character
 * n-gram bags, see featurize.ts) into L2-normalised dense vectors.
 *
 *   indices  int32 [batch, F]   bucket ids, padded with 0
 *   weights  float [batch, F]   feature weights, padded with 0
 *   -> Gather(projection[buckets, dims], indices)        [batch, F, dims]
 *   -> MatMul(weights[batch, 1, F], .)                     [batch, 1, dims]  weighted sum per record
 *   -> Squeeze, divide by max(L2 norm, eps)                embedding float [batch, dims]
 *
 * The projection table is the model's one parameter. The shipped table is a seeded Rademacher (+-1)
 * random projection stored as int8 (Cast to float is constant-folded by onnxruntime at load), which
 * preserves cosine similarity of the sparse n-gram bags (Johnson-Lindenstrauss). Tuning hook: any
 * float32 table of the same shape (e.g. rows scaled by workspace IDF, or trained on labelled pairs)
 * can be written with buildBuiltinModel(options, { dtype: 'float32', data }) -> same featuriser, same
 * runtime code.
 */
import { sha256Hex } from './sha256.js';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_FEATURIZER_PARAMS, type FeaturizerParams } from './featurize.js';
import { BUILTIN_FORMAT, type BuiltinManifest } from './manifest.js';
import { DT, encodeModel, floatTensor, int64Tensor, node, tensor, valueInfo } from './onnx-build.js';

export const BUILTIN_IO = { indices: 'indices', weights: 'weights', output: 'embedding' } as const;

export interface BuiltinBuildOptions {
  name: string;
  version: string;
  dims: number;
  featurizer: FeaturizerParams;
  projectionSeed: number;
  licence: string;
  description: string;
}

export const DEFAULT_BUILTIN_OPTIONS: BuiltinBuildOptions = {
  name: 'aerie-charngram',
  version: '1.0.0',
  dims: 256,
  featurizer: DEFAULT_FEATURIZER_PARAMS,
  projectionSeed: 20240917,
  licence: 'UNLICENSED (part of Aerie; generated from Aerie source by scripts/build-embed-model.ts, no third-party weights)',
  description:
    'Character n-gram embedding for names, addresses, company names and contact text: hashed 2/3/4-grams ' +
    'and whole tokens of lower-cased, accent-folded tokens, random-projected to dense L2-normalised vectors.',
};

export type ProjectionTable = { dtype: 'int8'; data: Int8Array } | { dtype: 'float32'; data: Float32Array };

/** Seeded +-1 table [buckets x dims], row-major. Deterministic for a given seed. */
export function rademacherTable(buckets: number, dims: number, seed: number): Int8Array {
  const out = new Int8Array(buckets * dims);
  let state = seed >>> 0;
  let bits = 0;
  let left = 0;
  for (let i = 0; i < out.length; i++) {
    if (left === 0) {
      // mulberry32
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      bits = (t ^ (t >>> 14)) >>> 0;
      left = 32;
    }
    out[i] = bits & 1 ? 1 : -1;
    bits >>>= 1;
    left--;
  }
  return out;
}

/** Encode the ONNX graph for a given table. */
export function buildBuiltinOnnx(options: BuiltinBuildOptions, table: ProjectionTable): Uint8Array {
  const { buckets } = options.featurizer;
  const { dims } = options;
  if (table.data.length !== buckets * dims) {
    throw new Error(`projection table has ${table.data.length} values, expected ${buckets} x ${dims}`);
  }
  const nodes = [];
  const projection = 'projection';
  if (table.dtype === 'int8') {
    nodes.push(node('Cast', ['projection_int8'], [projection], { to: DT.FLOAT }));
  }
  const initializers = [
    table.dtype === 'int8'
      ? tensor('projection_int8', DT.INT8, [buckets, dims], table.data)
      : tensor(projection, DT.FLOAT, [buckets, dims], table.data),
    int64Tensor('axis1', [1], [1]),
    floatTensor('eps', [], [1e-12]),
  ];
  nodes.push(
    node('Gather', [projection, BUILTIN_IO.indices], ['rows'], { axis: 0 }),
    node('Unsqueeze', [BUILTIN_IO.weights, 'axis1'], ['weights_row']),
    node('MatMul', ['weights_row', 'rows'], ['summed3']),
    node('Squeeze', ['summed3', 'axis1'], ['summed']),
    node('ReduceSumSquare', ['summed'], ['sumsq'], { axes: [1], keepdims: 1 }),
    node('Max', ['sumsq', 'eps'], ['sumsq_safe']),
    node('Sqrt', ['sumsq_safe'], ['norm']),
    node('Div', ['summed', 'norm'], [BUILTIN_IO.output]),
  );
  return encodeModel({
    graphName: options.name,
    nodes,
    initializers,
    inputs: [
      valueInfo(BUILTIN_IO.indices, DT.INT32, ['batch', 'features']),
      valueInfo(BUILTIN_IO.weights, DT.FLOAT, ['batch', 'features']),
    ],
    outputs: [valueInfo(BUILTIN_IO.output, DT.FLOAT, ['batch', dims])],
    producerName: 'aerie/scripts/build-embed-model.ts',
    producerVersion: options.version,
    docString: options.description,
    metadata: {
      name: options.name,
      version: options.version,
      dims: String(dims),
      featurizer: JSON.stringify(options.featurizer),
    },
  });
}

export { sha256Hex };

/** Build model bytes and manifest. Without a table, the seeded Rademacher table is used. */
export function buildBuiltinModel(
  options: BuiltinBuildOptions = DEFAULT_BUILTIN_OPTIONS,
  table?: ProjectionTable,
): { onnx: Uint8Array; manifest: BuiltinManifest } {
  const t: ProjectionTable = table ?? {
    dtype: 'int8',
    data: rademacherTable(options.featurizer.buckets, options.dims, options.projectionSeed),
  };
  const bytes = buildBuiltinOnnx(options, t);
  const manifest: BuiltinManifest = {
    format: BUILTIN_FORMAT,
    name: options.name,
    version: options.version,
    description: options.description,
    file: 'model.onnx',
    sha256: sha256Hex(bytes),
    bytes: bytes.byteLength,
    dims: options.dims,
    licence: options.licence,
    featurizer: options.featurizer,
    projection: { kind: table ? 'tuned' : 'rademacher', dtype: t.dtype, seed: options.projectionSeed },
    io: { ...BUILTIN_IO },
    builtBy: 'scripts/build-embed-model.ts',
  };
  return { onnx: bytes, manifest };
}

/** Write model.onnx + manifest.json into dir (created if needed). */
export async function writeBuiltinModel(
  dir: string,
  options: BuiltinBuildOptions = DEFAULT_BUILTIN_OPTIONS,
  table?: ProjectionTable,
): Promise<BuiltinManifest> {
  const { onnx, manifest } = buildBuiltinModel(options, table);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, manifest.file), onnx);
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}
