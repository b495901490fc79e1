// embed.importModel / embed.removeModel: copy a model folder into the workspace (so the workspace
// carries the model its vectors need, wherever it is opened) as a job, and take it out again.
import { z } from 'zod';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { basename, join, posix } from 'node:path';
import { AerieError } from '../api/errors.js';
import type { DB } from '../db/sqlite.js';
import type { JobContext, JobKind } from '../jobs/types.js';
import { EmbedModelError } from './embedder.js';
import { forgetCachedModel } from './model-cache.js';
import type { BuiltinManifest, DropInManifest } from './manifest.js';
import { contentSha256, readModelFolder, type FolderFile } from './model-files.js';
import { modelsDir } from './models-dir.js';
import { describeModelFolder, listModels, type ModelEntry } from './registry.js';
import { TRANSFORMERS_MODEL_FILE } from './transformers-model.js';
import { workspaceModelRow } from './workspace-models.js';

export interface ImportedModel {
  id: string;
  kind: 'builtin' | 'transformers';
  dims: number;
  sha256: string;
  files: number;
  bytes: number;
  /** The same content was already in the workspace under this id: nothing was written. */
  alreadyImported: boolean;
}

/** Parts of at most 8 MB: one SQLite value is capped at 1 GB, memory stays flat while copying, and
 * each part is one short transaction between yields (cancel and other calls are answered between). */
const PART = 8 * 1024 * 1024;

function refuse(folder: string, e: unknown): never {
  if (e instanceof EmbedModelError) {
    throw new AerieError(e.code === 'MODEL_MISSING' ? 'INVALID_INPUT' : 'BAD_DATA', `Cannot import ${folder} as an embedding model: ${e.message}`, {
      file: e.path,
      hint: 'A model folder is either transformers.js layout (config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx) or an Aerie built-in model (manifest.json and its model file).',
    });
  }
  throw e;
}

/** Read what the folder holds, from its manifest / config, refusing anything that is not a model. */
async function describe(folder: string): Promise<ModelEntry> {
  let entry: ModelEntry | null;
  try {
    entry = await describeModelFolder(folder);
  } catch (e) {
    refuse(folder, e);
  }
  if (!entry) {
    throw new AerieError('INVALID_INPUT', `Cannot import ${folder} as an embedding model: it has neither config.json (a transformers.js model) nor manifest.json (an Aerie built-in model).`, {
      file: folder,
      hint: 'Choose the folder that holds config.json and onnx/model.onnx (or manifest.json), not its parent.',
    });
  }
  if (entry.dims <= 0) {
    throw new AerieError('BAD_DATA', `Cannot import ${folder} as an embedding model: config.json has no hidden_size and no manifest.json gives dims.`, { file: folder });
  }
  return entry;
}

/** The model file a manifest names must be there with the digest the manifest says. */
function checkDigests(folder: string, entry: ModelEntry, files: readonly FolderFile[]): void {
  const man = entry.manifest as (BuiltinManifest | DropInManifest | null);
  const file = entry.kind === 'builtin' ? posix.normalize((man as BuiltinManifest).file) : TRANSFORMERS_MODEL_FILE.split('\\').join('/');
  const want = man?.sha256;
  const got = files.find((f) => f.path === file);
  if (!got) refuse(folder, new EmbedModelError(`the model file ${file} named by manifest.json is missing`, 'MODEL_MISSING', folder));
  if (want && got.sha256 !== want) {
    refuse(folder, new EmbedModelError(`${file} has sha256 ${got.sha256}, manifest.json says ${want}`, 'MODEL_HASH_MISMATCH', got.real));
  }
}

/** What the folder check found: the import job's params (stored with the job) and its result. */
/** What the import job copies: the folder as checked when it was started (stored with the job). */
export const ModelImportPlan = z
  .object({
    /** The folder chosen (for messages). */
    source: z.string(),
    id: z.string(),
    kind: z.enum(['builtin', 'transformers']),
    dims: z.number().int(),
    sha256: z.string(),
    bytes: z.number().int(),
    /** Folder name the model came from (transformers.js names the model by it). */
    folder: z.string(),
    manifest: z.string().nullable(),
    config: z.string().nullable(),
    files: z.array(z.object({ path: z.string(), size: z.number().int(), sha256: z.string(), real: z.string() }).strict()),
  })
  .strict();
export type ModelImportPlan = z.infer<typeof ModelImportPlan>;

function imported(p: ModelImportPlan, alreadyImported: boolean): ImportedModel {
  return { id: p.id, kind: p.kind, dims: p.dims, sha256: p.sha256, files: p.files.length, bytes: p.bytes, alreadyImported };
}

/** True when the workspace already holds this content under this id; different content is refused. */
function alreadyImported(db: DB, p: ModelImportPlan, folder: string): boolean {
  const existing = workspaceModelRow(db, p.id);
  if (!existing) return false;
  if (existing.sha256 === p.sha256) return true;
  throw new AerieError('CONFLICT', `This workspace already holds a different model with id ${p.id} (sha256 ${existing.sha256}).`, {
    file: folder,
    hint: 'Give the new model another name or version in its manifest.json, or remove the old one first (embed.removeModel).',
  });
}

/**
 * Check a model folder before its import job starts (layout, manifest digests, size, id conflicts),
 * so a folder that is not a model is refused at once with its reason. Reads and hashes every file
 * (asynchronously: other calls are answered meanwhile); the job re-hashes as it copies.
 */
export async function checkModelImport(db: DB, folder: string, check: (path: string) => string): Promise<ModelImportPlan> {
  if (!existsSync(folder)) throw new AerieError('NOT_FOUND', `No folder at ${folder}.`, { file: folder });
  if (!statSync(folder).isDirectory()) {
    throw new AerieError('INVALID_INPUT', `Cannot import ${folder} as an embedding model: it is a file; choose the model's folder.`, { file: folder });
  }
  const entry = await describe(folder);
  const files = await readModelFolder(folder, check);
  checkDigests(folder, entry, files);
  const plan: ModelImportPlan = {
    source: folder,
    id: entry.id,
    kind: entry.kind,
    dims: entry.dims,
    sha256: contentSha256(files),
    bytes: files.reduce((s, f) => s + f.size, 0),
    folder: basename(entry.path),
    manifest: entry.manifest ? JSON.stringify(entry.manifest) : null,
    config: entry.kind === 'transformers' ? await readFile(join(entry.path, 'config.json'), 'utf8') : null,
    files,
  };
  if (alreadyImported(db, plan, folder)) return plan; // the job then writes nothing
  const shipped = (await listModels(modelsDir())).models.find((m) => m.id === entry.id);
  if (shipped) {
    throw new AerieError('CONFLICT', `${entry.id} is already shipped with Aerie (${shipped.path}); it needs no import.`, {
      file: folder,
      hint: 'Give the model another name or version in its manifest.json to keep both.',
    });
  }
  return plan;
}

/**
 * Copy one file into parts, one transaction and one yield per part, re-hashing as it goes: a file
 * that changed since it was checked is refused. Returns the bytes copied so far over all files.
 */
async function copyFile(ctx: JobContext<ModelImportPlan>, f: FolderFile, buf: Buffer, before: number): Promise<number> {
  const { db, params: p } = ctx;
  const fileId = Number(db.prepare('INSERT INTO workspace_model_files (model_id, path, size, sha256) VALUES (?, ?, ?, ?)').run(p.id, f.path, f.size, f.sha256).lastInsertRowid);
  const part = db.prepare('INSERT INTO workspace_model_parts (file_id, seq, bytes) VALUES (?, ?, ?)');
  const h = createHash('sha256');
  const fd = openSync(f.real, 'r');
  try {
    let size = 0;
    for (let seq = 0; size <= f.size; seq++) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      const bytes = buf.subarray(0, n);
      h.update(bytes);
      part.run(fileId, seq, bytes);
      size += n;
      ctx.progress(before + size, p.bytes, `Copying ${f.path}`);
      await ctx.yield();
    }
    if (size !== f.size || h.digest('hex') !== f.sha256) {
      throw new AerieError('BAD_DATA', `Cannot import ${f.real}: the file changed while it was being imported. Nothing was stored.`, { file: f.real });
    }
    return before + size;
  } finally {
    closeSync(fd);
  }
}

/**
 * embed.importModel: copy a checked folder into the workspace in 8 MB parts. The model row carries
 * the job id until the last part is in, so it is listed and loadable only when complete; cancel,
 * failure or a crash rolls back everything the job wrote. The result is the ImportedModel.
 */
export const importModelJob: JobKind<ModelImportPlan> = {
  kind: 'embed.importModel',
  params: ModelImportPlan,
  unit: 'bytes',
  label: (p) => `Import embedding model ${p.id}`,
  resumable: false,
  // up to 2 GB of new pages: written once in rollback-journal mode rather than WAL + checkpoint
  bulkWrites: true,
  tables: ['workspace_models', 'workspace_model_files', 'workspace_model_parts'],
  async run(ctx) {
    const { db, params: p } = ctx;
    // checked when the job was started, but an import of the same id may have finished since
    if (alreadyImported(db, p, p.source)) return imported(p, true);
    db.prepare(
      'INSERT INTO workspace_models (id, kind, dims, sha256, folder, manifest, config, files, bytes, imported_at, job_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(p.id, p.kind, p.dims, p.sha256, p.folder, p.manifest, p.config, p.files.length, p.bytes, new Date().toISOString(), ctx.jobId);
    ctx.progress(0, p.bytes, `Copying ${p.files.length} files`);
    const buf = Buffer.allocUnsafe(PART);
    let done = 0;
    for (const f of p.files) done = await copyFile(ctx, f, buf, done);
    db.prepare('UPDATE workspace_models SET job_id = NULL, imported_at = ? WHERE id = ? AND job_id = ?').run(new Date().toISOString(), p.id, ctx.jobId);
    ctx.progress(done, p.bytes, `Imported ${p.id}`);
    return imported(p, false);
  },
  rollback(db, jobId) {
    for (const id of db.prepare('SELECT id FROM workspace_models WHERE job_id = ?').pluck().all(jobId) as string[]) deleteModel(db, id);
  },
};

function deleteModel(db: DB, id: string): void {
  db.prepare('DELETE FROM workspace_model_parts WHERE file_id IN (SELECT id FROM workspace_model_files WHERE model_id = ?)').run(id);
  db.prepare('DELETE FROM workspace_model_files WHERE model_id = ?').run(id);
  db.prepare('DELETE FROM workspace_models WHERE id = ?').run(id);
}

/** Remove an imported model and its cached copy; refused while a live or building generation was made with it. */
export async function removeModel(db: DB, id: string): Promise<{ id: string; files: number; bytes: number }> {
  const row = workspaceModelRow(db, id);
  if (!row) {
    throw new AerieError('NOT_FOUND', `No model ${id} was imported into this workspace.`, {
      hint: 'embed.models lists models with source "workspace"; models shipped in models/ are removed by deleting their folder.',
    });
  }
  const gen = db.prepare("SELECT id, state FROM embed_generations WHERE model_name = ? AND state != 'retired' ORDER BY id DESC LIMIT 1").get(id) as
    | { id: number; state: string }
    | undefined;
  if (gen) {
    throw new AerieError('CONFLICT', `${id} made the ${gen.state === 'active' ? 'live' : 'building'} search vectors (generation ${gen.id}); without it search could not embed queries.`, {
      hint: 'Re-index with another model first (embed.reindex { model }, or aerie embed <workspace> --full --model <id>), then remove this one.',
    });
  }
  db.transaction(() => deleteModel(db, id))();
  await forgetCachedModel(row.sha256);
  return { id, files: row.files, bytes: row.bytes };
}
