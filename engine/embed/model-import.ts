// embed.importModel / embed.removeModel: copy a model folder into the workspace (so the workspace
// carries the model its vectors need, wherever it is opened) and take it out again.
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { basename, join, posix } from 'node:path';
import { AerieError } from '../api/errors.js';
import type { DB } from '../db/sqlite.js';
import { EmbedModelError } from './embedder.js';
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

/** Parts of at most 8 MB: one SQLite value is capped at 1 GB, and memory stays flat while copying. */
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

/** Copy one file into parts, re-hashing as it goes: a file that changed since it was checked is refused. */
function copyFile(db: DB, modelId: string, f: FolderFile, buf: Buffer): void {
  const fileId = Number(db.prepare('INSERT INTO workspace_model_files (model_id, path, size, sha256) VALUES (?, ?, ?, ?)').run(modelId, f.path, f.size, f.sha256).lastInsertRowid);
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
    }
    if (size !== f.size || h.digest('hex') !== f.sha256) {
      throw new AerieError('BAD_DATA', `Cannot import ${f.real}: the file changed while it was being imported. Nothing was stored.`, { file: f.real });
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Import a model folder. Validated first (layout, manifest digests, size), then every file is
 * copied in one transaction, so a failure stores nothing. The copy reads synchronously in 8 MB
 * parts: a transaction cannot span awaits without other calls' writes landing inside it.
 */
export async function importModel(db: DB, folder: string, check: (path: string) => string): Promise<ImportedModel> {
  if (!existsSync(folder)) throw new AerieError('NOT_FOUND', `No folder at ${folder}.`, { file: folder });
  if (!statSync(folder).isDirectory()) {
    throw new AerieError('INVALID_INPUT', `Cannot import ${folder} as an embedding model: it is a file; choose the model's folder.`, { file: folder });
  }
  const entry = await describe(folder);
  const files = await readModelFolder(folder, check);
  checkDigests(folder, entry, files);
  const sha256 = contentSha256(files);
  const bytes = files.reduce((s, f) => s + f.size, 0);
  const result = { id: entry.id, kind: entry.kind, dims: entry.dims, sha256, files: files.length, bytes };

  const existing = workspaceModelRow(db, entry.id);
  if (existing) {
    if (existing.sha256 === sha256) return { ...result, alreadyImported: true };
    throw new AerieError('CONFLICT', `This workspace already holds a different model with id ${entry.id} (sha256 ${existing.sha256}).`, {
      file: folder,
      hint: 'Give the new model another name or version in its manifest.json, or remove the old one first (embed.removeModel).',
    });
  }
  const shipped = (await listModels(modelsDir())).models.find((m) => m.id === entry.id);
  if (shipped) {
    throw new AerieError('CONFLICT', `${entry.id} is already shipped with Aerie (${shipped.path}); it needs no import.`, {
      file: folder,
      hint: 'Give the model another name or version in its manifest.json to keep both.',
    });
  }
  const config = entry.kind === 'transformers' ? await readFile(join(entry.path, 'config.json'), 'utf8') : null;
  const buf = Buffer.allocUnsafe(PART);
  db.transaction(() => {
    db.prepare(
      'INSERT INTO workspace_models (id, kind, dims, sha256, folder, manifest, config, files, bytes, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(entry.id, entry.kind, entry.dims, sha256, basename(entry.path), entry.manifest ? JSON.stringify(entry.manifest) : null, config, files.length, bytes, new Date().toISOString());
    for (const f of files) copyFile(db, entry.id, f, buf);
  })();
  return { ...result, alreadyImported: false };
}

/** Remove an imported model; refused while a live or building generation was made with it. */
export function removeModel(db: DB, id: string): { id: string; files: number; bytes: number } {
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
  db.transaction(() => {
    db.prepare('DELETE FROM workspace_model_parts WHERE file_id IN (SELECT id FROM workspace_model_files WHERE model_id = ?)').run(id);
    db.prepare('DELETE FROM workspace_model_files WHERE model_id = ?').run(id);
    db.prepare('DELETE FROM workspace_models WHERE id = ?').run(id);
  })();
  return { id, files: row.files, bytes: row.bytes };
}
