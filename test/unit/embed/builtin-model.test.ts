import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBuiltinModel, DEFAULT_BUILTIN_OPTIONS, sha256Hex } from '../../../engine/embed/builtin-graph.js';
import { BuiltinEmbedder } from '../../../engine/embed/builtin-model.js';
import { cosine, EmbedModelError } from '../../../engine/embed/embedder.js';
import { Featurizer, sparseCosine } from '../../../engine/embed/featurize.js';

const MODEL_DIR = resolve('models', DEFAULT_BUILTIN_OPTIONS.name);

let emb: BuiltinEmbedder;
let tmp: string;
beforeAll(async () => {
  emb = await BuiltinEmbedder.load(MODEL_DIR);
  tmp = await mkdtemp(join(tmpdir(), 'aerie-embed-'));
});
afterAll(async () => {
  await emb?.dispose();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('shipped built-in model', () => {
  it('model.onnx matches the manifest sha256, dims and featuriser', async () => {
    const manifest = JSON.parse(await readFile(join(MODEL_DIR, 'manifest.json'), 'utf8'));
    const bytes = await readFile(join(MODEL_DIR, manifest.file));
    expect(sha256Hex(bytes)).toBe(manifest.sha256);
    expect(bytes.byteLength).toBe(manifest.bytes);
    expect(bytes.byteLength).toBeLessThan(8 * 1024 * 1024);
    expect(manifest.dims).toBe(emb.dims);
    expect(manifest.licence).toBeTruthy();
    expect(manifest.featurizer).toEqual(DEFAULT_BUILTIN_OPTIONS.featurizer);
    expect(emb.modelId).toBe(`${manifest.name}@${manifest.version}#${manifest.sha256.slice(0, 12)}`);
  });

  it('rebuilding from source gives the same bytes (reproducible)', () => {
    const a = buildBuiltinModel();
    const b = buildBuiltinModel();
    expect(a.manifest.sha256).toBe(b.manifest.sha256);
    return readFile(join(MODEL_DIR, 'manifest.json'), 'utf8').then((m) => {
      expect(a.manifest.sha256).toBe(JSON.parse(m).sha256);
    });
  });

  it('the build script writes the same model', async () => {
    const esbuild = resolve('node_modules', '.bin', 'esbuild');
    // bundle next to node_modules so the external packages resolve
    const out = resolve('.tmp', `build-embed-model-${process.pid}.mjs`);
    execFileSync(esbuild, ['scripts/build-embed-model.ts', '--bundle', '--platform=node', '--format=esm', '--packages=external', `--outfile=${out}`, '--log-level=warning']);
    try {
      const dir = join(tmp, 'rebuilt');
      const res = JSON.parse(execFileSync(process.execPath, [out, '--out', dir], { encoding: 'utf8' }));
      const committed = JSON.parse(await readFile(join(MODEL_DIR, 'manifest.json'), 'utf8'));
      expect(res.sha256).toBe(committed.sha256);
      expect(Buffer.compare(await readFile(join(dir, 'model.onnx')), await readFile(join(MODEL_DIR, 'model.onnx')))).toBe(0);
      expect(await readFile(join(dir, 'manifest.json'), 'utf8')).toBe(await readFile(join(MODEL_DIR, 'manifest.json'), 'utf8'));
    } finally {
      await rm(out, { force: true });
    }
  }, 60_000);
});

describe('built-in model inference', () => {
  const unrelated = ['Maria Garcia', 'Acme Holdings Ltd', '77 Ocean Drive Miami', 'peter.jones@example.org', 'Zhang Wei', 'Blue Sky Trading Co'];

  const similar: [string, string, string][] = [
    ['typo', 'Jonathan Smith', 'Jonathan Smiht'],
    ['typo (substitution)', 'Catherine Wilson', 'Katherine Wilson'],
    ['transposition', 'Michael Johnson', 'Micheal Johnson'],
    ['missing letter', 'Christopher Brown', 'Christoper Brown'],
    ['abbreviation Street/St', '12 Church Street, Springfield', '12 Church St, Springfield'],
    ['abbreviation Limited/Ltd', 'Northwind Trading Limited', 'Northwind Trading Ltd'],
    ['word order', 'John Smith', 'Smith John'],
    ['word order with comma', 'Anna Maria Kowalski', 'Kowalski, Anna Maria'],
    ['accents', 'José Müller', 'Jose Muller'],
    ['email vs name', 'john.smith@example.com', 'John Smith'],
  ];

  it.each(similar)('%s: cosine(similar) > cosine(unrelated)', async (_label, a, b) => {
    const [va, vb, ...vu] = await emb.embed([a, b, ...unrelated]);
    const sim = cosine(va!, vb!);
    for (const u of vu) expect(sim).toBeGreaterThan(cosine(va!, u) + 0.2);
    expect(sim).toBeGreaterThan(0.4);
  });

  it('word order change gives (almost) the identical vector', async () => {
    const [a, b] = await emb.embed(['John Smith', 'Smith John']);
    expect(cosine(a!, b!)).toBeGreaterThan(0.999);
  });

  it('vectors are unit length, batch-independent, in input order', async () => {
    const texts = Array.from({ length: 300 }, (_, i) => `Customer ${i} ${'x'.repeat(i % 37)} Road ${i * 7}`);
    const all = await emb.embed(texts);
    expect(all).toHaveLength(300);
    for (const v of all) {
      expect(v).toHaveLength(emb.dims);
      expect(Math.hypot(...v)).toBeCloseTo(1, 4);
    }
    const single = await emb.embed([texts[123]!]);
    expect(cosine(single[0]!, all[123]!)).toBeGreaterThan(0.99999);
    const flat = await emb.embedFlat(texts);
    expect(flat.length).toBe(300 * emb.dims);
    expect(Array.from(flat.subarray(123 * emb.dims, 124 * emb.dims))).toEqual(Array.from(all[123]!));
  });

  it('empty input and empty texts', async () => {
    expect(await emb.embed([])).toEqual([]);
    const [z, v] = await emb.embed(['', '  ,.;']);
    expect(Array.from(z!).every((x) => x === 0)).toBe(true);
    expect(Array.from(v!).every((x) => x === 0)).toBe(true);
  });

  it('dense cosine tracks the exact sparse n-gram cosine', async () => {
    const f = new Featurizer(emb.manifest.featurizer);
    const pairs = [['Jonathan Smith', 'Jonathon Smyth'], ['Acme Ltd', 'Acme Limited'], ['Mary Brown', 'Peter Jones'], ['12 High St', '12 High Street']];
    for (const [a, b] of pairs) {
      const [va, vb] = await emb.embed([a!, b!]);
      expect(Math.abs(cosine(va!, vb!) - sparseCosine(f.featurizeOne(a!), f.featurizeOne(b!)))).toBeLessThan(0.15);
    }
  });
});

describe('load errors', () => {
  it('refuses a model whose file does not match the manifest', async () => {
    const dir = join(tmp, 'tampered');
    await cp(MODEL_DIR, dir, { recursive: true });
    const bytes = await readFile(join(dir, 'model.onnx'));
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff;
    await writeFile(join(dir, 'model.onnx'), bytes);
    const err = await BuiltinEmbedder.load(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmbedModelError);
    expect((err as EmbedModelError).code).toBe('MODEL_HASH_MISMATCH');
    expect((err as Error).message).toMatch(/does not match its manifest/);
  });

  it('clear error when the manifest or the model file is missing', async () => {
    const err = await BuiltinEmbedder.load(join(tmp, 'nope')).catch((e: unknown) => e);
    expect((err as EmbedModelError).code).toBe('MODEL_MISSING');
    expect((err as Error).message).toMatch(/manifest not found/);
    const dir = join(tmp, 'nofile');
    await cp(MODEL_DIR, dir, { recursive: true });
    await rm(join(dir, 'model.onnx'));
    const err2 = await BuiltinEmbedder.load(dir).catch((e: unknown) => e);
    expect((err2 as EmbedModelError).code).toBe('MODEL_MISSING');
    expect((err2 as Error).message).toMatch(/model file not found/);
  });

  it('rejects an invalid manifest', async () => {
    const dir = join(tmp, 'badmanifest');
    await cp(MODEL_DIR, dir, { recursive: true });
    await writeFile(join(dir, 'manifest.json'), JSON.stringify({ format: 'aerie-builtin-embed/1', name: 'x' }));
    const err = await BuiltinEmbedder.load(dir).catch((e: unknown) => e);
    expect((err as EmbedModelError).code).toBe('MODEL_INVALID');
  });

  it('a tuned float32 table builds and loads through the same runtime', async () => {
    const opts = { ...DEFAULT_BUILTIN_OPTIONS, dims: 16, featurizer: { ...DEFAULT_BUILTIN_OPTIONS.featurizer, buckets: 1024 } };
    const table = Float32Array.from({ length: 1024 * 16 }, (_, i) => Math.sin(i * 12.9898) );
    const { writeBuiltinModel } = await import('../../../engine/embed/builtin-graph.js');
    const dir = join(tmp, 'tuned');
    const m = await writeBuiltinModel(dir, opts, { dtype: 'float32', data: table });
    expect(m.projection.kind).toBe('tuned');
    const e = await BuiltinEmbedder.load(dir);
    const [v] = await e.embed(['hello world']);
    expect(v).toHaveLength(16);
    expect(Math.hypot(...v!)).toBeCloseTo(1, 4);
    await e.dispose();
  });
});
