import { mkdtemp, rm, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { env } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosine, EmbedModelError } from '../../../engine/embed/embedder.js';
import { listModels, loadEmbedder } from '../../../engine/embed/registry.js';
import { sha256File, TransformersEmbedder } from '../../../engine/embed/transformers-model.js';
import { writeTinyBert } from './tiny-bert.js';

let root: string;
let modelDir: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'aerie-tfm-'));
  modelDir = join(root, 'tiny-bert');
  await writeTinyBert(modelDir, 8);
});
afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('drop-in transformers.js model', () => {
  it('loads offline from a local folder and returns mean-pooled unit vectors', async () => {
    const originalFetch = globalThis.fetch;
    let fetched = 0;
    globalThis.fetch = (async (...args: Parameters<typeof fetch>) => {
      fetched++;
      throw new Error(`network access attempted: ${String(args[0])}`);
    }) as typeof fetch;
    try {
      const e = await TransformersEmbedder.load(modelDir);
      expect(env.allowRemoteModels).toBe(false);
      expect(e.kind).toBe('transformers');
      expect(e.dims).toBe(8);
      expect(e.modelId).toMatch(/^tiny-bert@local#[0-9a-f]{12}$/);
      const texts = ['john smith', 'John Smith', 'acme ltd', 'mary brown street', ''];
      const v = await e.embed(texts);
      expect(v).toHaveLength(texts.length);
      for (const x of v) {
        expect(x).toHaveLength(8);
        expect(Math.hypot(...x)).toBeCloseTo(1, 4);
      }
      // lower-casing tokenizer: same tokens, same vector
      expect(cosine(v[0]!, v[1]!)).toBeCloseTo(1, 5);
      expect(cosine(v[0]!, v[2]!)).toBeLessThan(0.9999);
      // batching does not change results
      const one = await e.embed(['acme ltd']);
      expect(cosine(one[0]!, v[2]!)).toBeCloseTo(1, 5);
      await e.dispose();
    } finally {
      globalThis.fetch = originalFetch;
    }
    expect(fetched).toBe(0);
  }, 30_000);

  it('checks sha256 when the folder has a manifest', async () => {
    const dir = join(root, 'tiny-bert-manifest');
    await cp(modelDir, dir, { recursive: true });
    const sha = await sha256File(join(dir, 'onnx', 'model.onnx'));
    await writeFile(join(dir, 'manifest.json'), JSON.stringify({ name: 'tiny', version: '0.0.1', sha256: sha, licence: 'test' }));
    const e = await TransformersEmbedder.load(dir);
    expect(e.modelId).toBe(`tiny@0.0.1#${sha.slice(0, 12)}`);
    await e.dispose();
    await writeFile(join(dir, 'manifest.json'), JSON.stringify({ name: 'tiny', sha256: '0'.repeat(64) }));
    const err = await TransformersEmbedder.load(dir).catch((x: unknown) => x);
    expect((err as EmbedModelError).code).toBe('MODEL_HASH_MISMATCH');
  }, 30_000);

  it('a folder missing a required file is refused with a clear error', async () => {
    const dir = join(root, 'broken');
    await cp(modelDir, dir, { recursive: true });
    await rm(join(dir, 'tokenizer.json'));
    const err = await TransformersEmbedder.load(dir).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(EmbedModelError);
    expect((err as Error).message).toMatch(/tokenizer\.json is missing/);
  });
});

describe('model registry', () => {
  it('lists the shipped built-in model', async () => {
    const { models, problems } = await listModels(resolve('models'));
    expect(problems).toEqual([]);
    const builtin = models.find((m) => m.kind === 'builtin');
    expect(builtin).toBeDefined();
    expect(builtin!.id).toBe('aerie-charngram@1.0.0');
    expect(builtin!.dims).toBe(256);
  });

  it('lists built-in and drop-in models side by side and loads either', async () => {
    const dir = join(root, 'models');
    await cp(resolve('models', 'aerie-charngram'), join(dir, 'aerie-charngram'), { recursive: true });
    await cp(modelDir, join(dir, 'tiny-bert'), { recursive: true });
    await cp(modelDir, join(dir, 'broken-bert'), { recursive: true });
    await rm(join(dir, 'broken-bert', 'onnx', 'model.onnx'));
    const { models, problems } = await listModels(dir);
    expect(models.map((m) => [m.id, m.kind, m.dims])).toEqual([
      ['aerie-charngram@1.0.0', 'builtin', 256],
      ['tiny-bert', 'transformers', 8],
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toMatch(/broken-bert$/);
    for (const m of models) {
      const e = await loadEmbedder(m);
      const [v] = await e.embed(['John Smith']);
      expect(v).toHaveLength(m.dims);
      await e.dispose();
    }
    expect((await listModels(join(root, 'does-not-exist'))).models).toEqual([]);
  }, 30_000);
});
