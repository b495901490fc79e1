// embed.index (nightly: embed new and changed records into the live generation) and embed.reindex
// (monthly or after a model switch: a fresh generation built beside the live one, swapped in when
// complete). Both commit in chunks with a checkpoint, report progress, and cancel cleanly: the
// rollback drops a half-built generation, or the vectors an incremental run wrote.
import { z } from 'zod';
import { AerieError } from '../api/errors.js';
import type { DB } from '../db/sqlite.js';
import type { JobContext, JobKind } from '../jobs/types.js';
import type { Embedder } from './embedder.js';
import { modelsDir } from './models-dir.js';
import { assignCell, partitionK, trainPartition, type Partition } from './partition.js';
import { toInt8 } from './quantize.js';
import { recordsAfter } from '../records/record.js';
import { RECORD_TEXT_RECIPE, recordText, textHash } from './record-text.js';
import { loadEmbedder } from './registry.js';
import { availableModels, resolveModel, type ResolvedModel } from './workspace-models.js';
import { activateGeneration, activeGeneration, createGeneration, dropGeneration, generationByJob, loadPartition, savePartition, vectorCount, type Generation } from './store.js';

export const EmbedParams = z
  .object({
    /** Registry id (name@version) or folder name; default: the live generation's model, else the built-in one. */
    model: z.string().max(200).optional(),
    full: z.boolean(),
    /** Records per chunk (tests use small chunks to exercise cancel). */
    chunk: z.number().int().min(1).optional(),
  })
  .strict();
export type EmbedParams = z.infer<typeof EmbedParams>;

interface Checkpoint {
  gen: number;
  after: number;
  done: number;
  embedded: number;
  unchanged: number;
}

const CHUNK = 4096;
const SAMPLE = 16_384;

export async function pickModel(db: DB, name: string | undefined): Promise<ResolvedModel> {
  const wanted = name ?? activeGeneration(db)?.model_name;
  const entry = wanted ? await resolveModel(db, wanted) : undefined;
  if (entry) return entry;
  const { models, problems } = await availableModels(db);
  if (name) {
    throw new AerieError('NOT_FOUND', `No embedding model ${name} in ${modelsDir()} or in this workspace. Available: ${models.map((m) => m.id).join(', ') || 'none'}.`, {
      hint: problems.length ? `Unreadable model folders: ${problems.map((p) => `${p.path}: ${p.error}`).join('; ')}` : undefined,
    });
  }
  const builtin = models.find((m) => m.kind === 'builtin');
  const resolved = builtin ? await resolveModel(db, builtin.id) : undefined;
  if (!resolved) throw new AerieError('NOT_FOUND', `No built-in embedding model in ${modelsDir()}.`);
  return resolved;
}

function sha256Of(entry: ResolvedModel): string | null {
  const m = entry.manifest as { sha256?: string } | null;
  return m?.sha256 ?? null;
}

/** Train the partition on a sample and (re)assign every vector of the generation to its cell. */
async function repartition(ctx: JobContext<EmbedParams>, gen: Generation, n: number): Promise<Partition | null> {
  const { db } = ctx;
  const k = partitionK(n);
  if (k === 1) {
    db.prepare('UPDATE embed_generations SET partition = NULL, partition_meta = NULL WHERE id = ?').run(gen.id);
    return null;
  }
  ctx.progress(n, n, `Partitioning ${n.toLocaleString('en')} vectors`);
  const D = gen.dims;
  const step = Math.max(1, Math.floor(n / SAMPLE));
  const sample = new Int8Array(Math.ceil(n / step) * D);
  let s = 0;
  let i = 0;
  for (const [blob] of db.prepare('SELECT vec FROM record_vectors WHERE gen = ?').raw().iterate(gen.id) as Iterable<[Buffer]>) {
    if (i++ % step === 0) sample.set(new Int8Array(blob.buffer, blob.byteOffset, D), (s++) * D);
  }
  // trainedOn is the store size, not the sample's: the nightly job re-trains only once the store has
  // grown 4x (with the sample size every incremental run re-partitioned any store over 65k vectors).
  const p: Partition = { ...trainPartition(sample.subarray(0, s * D), s, D, k, 6), trainedOn: n };
  await ctx.yield();
  const ids = new Float64Array(n);
  const cells = new Int32Array(n);
  let m = 0;
  for (const [id, blob] of db.prepare('SELECT record_id, vec FROM record_vectors WHERE gen = ?').raw().iterate(gen.id) as Iterable<[number, Buffer]>) {
    if (m >= n) break;
    ids[m] = id;
    cells[m] = assignCell(p, new Int8Array(blob.buffer, blob.byteOffset, D));
    m++;
  }
  await ctx.yield();
  const upd = db.prepare('UPDATE record_vectors SET cell = ? WHERE gen = ? AND record_id = ?');
  for (let start = 0; start < m; start += 50_000) {
    db.transaction(() => {
      for (let j = start; j < Math.min(m, start + 50_000); j++) upd.run(cells[j], gen.id, ids[j]);
      if (start === 0) savePartition(db, gen.id, p);
    })();
    await ctx.yield();
  }
  return p;
}

async function runEmbed(ctx: JobContext<EmbedParams>): Promise<unknown> {
  const { db, params } = ctx;
  const t0 = performance.now();
  const cp = ctx.checkpoint as Checkpoint | null;
  const entry = await pickModel(db, params.model);
  ctx.progress(0, null, `Loading model ${entry.id}`);
  let emb: Embedder | null = await loadEmbedder(entry);
  try {
    const active = activeGeneration(db);
    let gen: Generation;
    let fresh: boolean;
    const resumed = cp ? generationByJob(db, ctx.jobId) : undefined;
    if (resumed) {
      gen = resumed;
      fresh = true;
    } else if (cp && active && cp.gen === active.id) {
      gen = active;
      fresh = false;
    } else if (!params.full && active && active.model_id === emb.modelId && active.recipe === RECORD_TEXT_RECIPE) {
      gen = active;
      fresh = false;
    } else {
      // first index, a full re-index, or a model / recipe switch: a new generation beside the live one
      gen = createGeneration(db, { modelId: emb.modelId, modelName: entry.id, kind: entry.kind, sha256: sha256Of(entry), dims: emb.dims, recipe: RECORD_TEXT_RECIPE, jobId: ctx.jobId });
      fresh = true;
    }
    const total = db.prepare('SELECT count(*) FROM records').pluck().get() as number;
    let after = cp?.after ?? 0;
    let done = cp?.done ?? 0;
    let embedded = cp?.embedded ?? 0;
    let unchanged = cp?.unchanged ?? 0;
    let partition = loadPartition(db, gen.id);
    const chunk = Math.max(1, params.chunk ?? CHUNK);
    const upsert = db.prepare(
      `INSERT INTO record_vectors (gen, record_id, text_hash, cell, job_id, vec) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(gen, record_id) DO UPDATE SET text_hash = excluded.text_hash, cell = excluded.cell, job_id = excluded.job_id, vec = excluded.vec`,
    );
    const existing = db.prepare('SELECT record_id, text_hash FROM record_vectors WHERE gen = ? AND record_id BETWEEN ? AND ?');
    ctx.progress(done, total, fresh ? `Embedding every record with ${entry.id}` : 'Embedding new and changed records');
    for (;;) {
      const rows = recordsAfter(db, after, chunk);
      if (rows.length === 0) break;
      const first = rows[0]!.id;
      const last = rows[rows.length - 1]!.id;
      const have = new Map<number, number>();
      if (!fresh) for (const [id, h] of existing.raw().iterate(gen.id, first, last) as Iterable<[number, number]>) have.set(id, h);
      const todo: { id: number; text: string; hash: number }[] = [];
      for (const r of rows) {
        const text = recordText(r);
        const hash = textHash(text);
        if (have.get(r.id) === hash) unchanged++;
        else todo.push({ id: r.id, text, hash });
      }
      const flat = todo.length ? await emb.embedFlat(todo.map((t) => t.text)) : new Float32Array(0);
      const D = emb.dims;
      const q = new Int8Array(D);
      db.transaction(() => {
        todo.forEach((t, i) => {
          toInt8(flat.subarray(i * D, (i + 1) * D), q);
          upsert.run(gen.id, t.id, t.hash, partition ? assignCell(partition, q) : 0, ctx.jobId, Buffer.from(q));
        });
        embedded += todo.length;
        done += rows.length;
        after = last;
        ctx.saveCheckpoint({ gen: gen.id, after, done, embedded, unchanged } satisfies Checkpoint);
      })();
      ctx.progress(done, Math.max(total, done), `${embedded.toLocaleString('en')} embedded, ${unchanged.toLocaleString('en')} unchanged`);
      await ctx.yield();
    }
    // vectors of records that no longer exist (rolled-back imports)
    const removed = db.prepare('DELETE FROM record_vectors WHERE gen = ? AND record_id NOT IN (SELECT id FROM records)').run(gen.id).changes;
    const n = vectorCount(db, gen.id);
    // (re)train the partition when the store outgrew it (or shrank below it)
    if (partitionK(n) !== (partition?.k ?? 1) || (partition && n > 4 * partition.trainedOn)) partition = await repartition(ctx, gen, n);
    await emb.dispose();
    emb = null;
    // the job's end tells the session's caches that the vector tables changed
    if (gen.state === 'building') activateGeneration(db, gen.id);
    return {
      generation: gen.id,
      model: entry.id,
      modelId: gen.model_id,
      mode: fresh ? 'full' : 'incremental',
      records: done,
      embedded,
      unchanged,
      removed,
      vectors: n,
      partitionCells: partition ? partition.k * partition.k : 1,
      seconds: Math.round((performance.now() - t0) / 100) / 10,
    };
  } finally {
    if (emb) await emb.dispose();
  }
}

function rollbackEmbed(db: DB, jobId: string): void {
  const building = generationByJob(db, jobId);
  if (building) dropGeneration(db, building.id);
  const active = activeGeneration(db);
  if (active) db.prepare('DELETE FROM record_vectors WHERE gen = ? AND job_id = ?').run(active.id, jobId);
}

export const embedIndexJob: JobKind<EmbedParams> = {
  kind: 'embed.index',
  params: EmbedParams,
  unit: 'records',
  label: (p) => `Embed new and changed records${p.model ? ` (${p.model})` : ''}`,
  resumable: true,
  tables: ['record_vectors', 'embed_generations'],
  run: (ctx) => runEmbed({ ...ctx, params: { ...ctx.params, full: false } }),
  rollback: (db, jobId) => rollbackEmbed(db, jobId),
};

export const embedReindexJob: JobKind<EmbedParams> = {
  kind: 'embed.reindex',
  params: EmbedParams,
  unit: 'records',
  label: (p) => `Re-embed every record${p.model ? ` with ${p.model}` : ''}`,
  resumable: true,
  tables: ['record_vectors', 'embed_generations'],
  run: (ctx) => runEmbed({ ...ctx, params: { ...ctx.params, full: true } }),
  rollback: (db, jobId) => rollbackEmbed(db, jobId),
};
