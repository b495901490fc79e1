// The one model resolver: models shipped in models/ plus models imported into the open workspace.
// Listing reads manifests and table rows only; resolving an imported model writes it to the
// private cache (model-cache.ts) so it loads through loadEmbedder like any models/ folder.
import type { DB } from '../db/sqlite.js';
import type { BuiltinManifest, DropInManifest } from './manifest.js';
import { materialiseModel } from './model-cache.js';
import { modelsDir } from './models-dir.js';
import { listModels, type ListResult, type ModelEntry } from './registry.js';

export type ModelSource = 'shipped' | 'workspace';

export interface AvailableModel extends Omit<ModelEntry, 'path'> {
  source: ModelSource;
  /** Folder name (a model may be named by it). */
  folder: string;
  /** Shipped: the manifest's model-file sha256 if any; workspace: the imported content's sha256. */
  sha256: string | null;
  /** Absolute folder of a shipped model; null for an imported one until it is resolved. */
  path: string | null;
}

/** A model ready to load: its folder exists on disk. */
export interface ResolvedModel extends ModelEntry {
  source: ModelSource;
}

interface WorkspaceModelRow {
  id: string;
  kind: 'builtin' | 'transformers';
  dims: number;
  sha256: string;
  folder: string;
  manifest: string | null;
  config: string | null;
  files: number;
  bytes: number;
  imported_at: string;
}

/** A complete imported model (rows still being copied by an import job carry its job_id). */
export function workspaceModelRow(db: DB, id: string): WorkspaceModelRow | undefined {
  return db.prepare('SELECT * FROM workspace_models WHERE id = ? AND job_id IS NULL').get(id) as WorkspaceModelRow | undefined;
}

function fromRow(r: WorkspaceModelRow): AvailableModel {
  const modelType = r.config ? (JSON.parse(r.config) as { model_type?: unknown }).model_type : undefined;
  return {
    id: r.id,
    kind: r.kind,
    dims: r.dims,
    manifest: r.manifest ? (JSON.parse(r.manifest) as BuiltinManifest | DropInManifest) : null,
    ...(typeof modelType === 'string' ? { modelType } : {}),
    source: 'workspace',
    folder: r.folder,
    sha256: r.sha256,
    path: null,
  };
}

/** Shipped models, then the workspace's (none when no workspace is open: db null). */
export async function availableModels(db: DB | null): Promise<{ models: AvailableModel[]; problems: ListResult['problems'] }> {
  const { models, problems } = await listModels(modelsDir());
  const shipped: AvailableModel[] = models.map((m) => ({
    ...m,
    source: 'shipped',
    folder: m.path.split(/[\\/]/).pop() ?? m.id,
    sha256: (m.manifest as { sha256?: string } | null)?.sha256 ?? null,
  }));
  const imported = db ? (db.prepare('SELECT * FROM workspace_models WHERE job_id IS NULL ORDER BY id').all() as WorkspaceModelRow[]).map(fromRow) : [];
  return { models: [...shipped, ...imported], problems };
}

/**
 * The model a name means (registry id, else folder name), ready to load; undefined when none.
 * An imported model wins over a shipped one of the same id: it is the copy this workspace carries.
 */
export async function resolveModel(db: DB, name: string): Promise<ResolvedModel | undefined> {
  const { models } = await availableModels(db);
  const m =
    models.find((x) => x.id === name && x.source === 'workspace') ??
    models.find((x) => x.id === name) ??
    models.find((x) => x.folder === name && x.source === 'workspace') ??
    models.find((x) => x.folder === name);
  if (!m) return undefined;
  const { source, folder: _folder, sha256, path, ...entry } = m;
  if (source === 'shipped') return { ...entry, path: path as string, source };
  return { ...entry, path: await materialiseModel(db, { id: m.id, sha256: sha256 as string, folder: m.folder }), source };
}
