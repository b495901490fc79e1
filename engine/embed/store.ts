// The vector store: generations (which model produced which vectors) and their int8 vectors.
// Each generation is also an entry of the model registry (kind embed.generation, ref
// embed_generations:<id>) whose status follows the generation's state, in the same transaction.
import type { DB } from '../db/sqlite.js';
import { modelByRef, registerModel, removeModel, setModelStatus } from '../models/registry.js';
import type { ChangeBus } from '../db/changes.js';
import { decodePartition, encodePartition, type Partition } from './partition.js';

export interface Generation {
  id: number;
  model_id: string;
  model_name: string;
  model_kind: string;
  model_sha256: string | null;
  dims: number;
  recipe: string;
  state: 'building' | 'active' | 'retired';
  job_id: string | null;
  created_at: string;
  activated_at: string | null;
}

const GEN_COLS = 'id, model_id, model_name, model_kind, model_sha256, dims, recipe, state, job_id, created_at, activated_at';

export function activeGeneration(db: DB): Generation | undefined {
  return db.prepare(`SELECT ${GEN_COLS} FROM embed_generations WHERE state = 'active' ORDER BY id DESC LIMIT 1`).get() as Generation | undefined;
}

export function generationByJob(db: DB, jobId: string): Generation | undefined {
  return db.prepare(`SELECT ${GEN_COLS} FROM embed_generations WHERE job_id = ? AND state = 'building'`).get(jobId) as Generation | undefined;
}

export function listGenerations(db: DB): Generation[] {
  return db.prepare(`SELECT ${GEN_COLS} FROM embed_generations WHERE state != 'retired' ORDER BY id`).all() as Generation[];
}

export function createGeneration(
  db: DB,
  g: { modelId: string; modelName: string; kind: string; sha256: string | null; dims: number; recipe: string; jobId: string },
): Generation {
  return db.transaction(() => {
    const id = Number(
      db
        .prepare(
          "INSERT INTO embed_generations (model_id, model_name, model_kind, model_sha256, dims, recipe, state, job_id, created_at) VALUES (?, ?, ?, ?, ?, ?, 'building', ?, ?)",
        )
        .run(g.modelId, g.modelName, g.kind, g.sha256, g.dims, g.recipe, g.jobId, new Date().toISOString()).lastInsertRowid,
    );
    registerModel(db, {
      kind: GEN_KIND,
      status: 'building',
      schema: { dims: g.dims, recipe: g.recipe },
      params: { modelId: g.modelId, modelName: g.modelName, modelKind: g.kind, sha256: g.sha256 },
      ref: genRef(id),
      jobId: g.jobId,
    });
    return db.prepare(`SELECT ${GEN_COLS} FROM embed_generations WHERE id = ?`).get(id) as Generation;
  })();
}

const GEN_KIND = 'embed.generation';
const genRef = (id: number) => `embed_generations:${id}`;

function setGenerationStatus(db: DB, gen: number, status: 'live' | 'retired'): void {
  const m = modelByRef(db, GEN_KIND, genRef(gen));
  if (m) setModelStatus(db, m.id, status);
}

/** Make a generation the live one; the previous one is retired and its vectors deleted. */
export function activateGeneration(db: DB, gen: number): void {
  db.transaction(() => {
    const old = db.prepare("SELECT id FROM embed_generations WHERE state = 'active' AND id != ?").pluck().all(gen) as number[];
    for (const o of old) {
      db.prepare('DELETE FROM record_vectors WHERE gen = ?').run(o);
      db.prepare("UPDATE embed_generations SET state = 'retired', partition = NULL WHERE id = ?").run(o);
      setGenerationStatus(db, o, 'retired');
    }
    db.prepare("UPDATE embed_generations SET state = 'active', activated_at = ? WHERE id = ?").run(new Date().toISOString(), gen);
    setGenerationStatus(db, gen, 'live');
  })();
}

/** Delete a generation that never went live, with its vectors. */
export function dropGeneration(db: DB, gen: number): void {
  db.prepare('DELETE FROM record_vectors WHERE gen = ?').run(gen);
  db.prepare('DELETE FROM embed_generations WHERE id = ?').run(gen);
  const m = modelByRef(db, GEN_KIND, genRef(gen));
  if (m) removeModel(db, m.id);
}

export function loadPartition(db: DB, gen: number): Partition | null {
  const r = db.prepare('SELECT partition, partition_meta FROM embed_generations WHERE id = ?').get(gen) as { partition: Buffer | null; partition_meta: string | null } | undefined;
  return r ? decodePartition(r.partition, r.partition_meta) : null;
}

export function savePartition(db: DB, gen: number, p: Partition): void {
  const { blob, meta } = encodePartition(p);
  db.prepare('UPDATE embed_generations SET partition = ?, partition_meta = ? WHERE id = ?').run(blob, meta, gen);
}

export function vectorCount(db: DB, gen: number): number {
  return db.prepare('SELECT count(*) FROM record_vectors WHERE gen = ?').pluck().get(gen) as number;
}

/**
 * Erasure: remove every stored vector of these records, in every generation, and drop them from
 * in-memory indexes. For the governance capability's erase flow (which also leaves the tombstone).
 */
export function forgetRecordVectors(db: DB, recordIds: readonly number[], changes: ChangeBus): number {
  if (recordIds.length === 0) return 0;
  const gens = db.prepare('SELECT id FROM embed_generations').pluck().all() as number[];
  const del = db.prepare('DELETE FROM record_vectors WHERE gen = ? AND record_id = ?');
  let n = 0;
  db.transaction(() => {
    for (const g of gens) for (const id of recordIds) n += del.run(g, id).changes;
  })();
  changes.emit({ kind: 'forget', recordIds: [...recordIds] });
  return n;
}
