// Imported models are run from a private cache folder: onnxruntime and transformers.js load from
// files, not from a workspace. Model weights are not PII (no customer data goes into them), so a
// plain cache outside the encrypted workspace is fine; the workspace stays the copy that counts.
// Layout: <tmp>/aerie-models-<uid>/<content sha256>/<folder>/..., owner-only (0o700). A folder is
// built beside its final name and renamed into place, so it appears whole or not at all, and it is
// re-verified by sha256 before every reuse: a stale or tampered cache is rebuilt from the workspace.
// The cache only ever saves time, so it is kept small: a model removed from a workspace leaves it,
// and folders no workspace has used for CACHE_DAYS are pruned whenever a model is materialised.
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync } from 'node:fs';
import { mkdir, mkdtemp, open, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { AerieError } from '../api/errors.js';
import type { DB } from '../db/sqlite.js';
import { isSafeRelative, type ModelFile } from './model-files.js';
import { sha256File } from './transformers-model.js';

let root: string | null = null;

/** Cached model folders unused for this long are removed (a workspace that needs one rebuilds it). */
export const CACHE_DAYS = 30;
/** A staging folder older than this is left over from a crash. */
const STAGING_MS = 24 * 3600 * 1000;

function owner(): string {
  if (process.getuid) return String(process.getuid());
  try {
    return userInfo().username.replace(/[^A-Za-z0-9_.-]/g, '_');
  } catch {
    return 'user';
  }
}

/** The cache root, created owner-only; one another user made or opened up is not trusted. */
export function modelCacheDir(): string {
  if (root) return root;
  const dir = join(tmpdir(), `aerie-models-${owner()}`);
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const st = lstatSync(dir);
  const mine = st.isDirectory() && (process.platform === 'win32' || (st.uid === process.getuid?.() && (st.mode & 0o077) === 0));
  // not ours (or a symlink): a fresh private folder for this process instead
  return (root = mine ? dir : mkdtempSync(join(tmpdir(), 'aerie-models-')));
}

interface StoredFile extends ModelFile {
  id: number;
}

async function intact(dir: string, files: readonly StoredFile[]): Promise<boolean> {
  try {
    for (const f of files) {
      const p = join(dir, ...f.path.split('/'));
      if ((await stat(p)).size !== f.size || (await sha256File(p)) !== f.sha256) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/** Write one stored file from its parts, checking the digest the import recorded. */
async function writeFile(db: DB, modelId: string, dir: string, f: StoredFile): Promise<void> {
  const p = join(dir, ...f.path.split('/'));
  await mkdir(dirname(p), { recursive: true, mode: 0o700 });
  const part = db.prepare('SELECT bytes FROM workspace_model_parts WHERE file_id = ? AND seq = ?').pluck();
  const h = createHash('sha256');
  const fh = await open(p, 'wx', 0o600);
  try {
    // one part at a time: an open better-sqlite3 iterator would block every other statement
    for (let seq = 0; ; seq++) {
      const bytes = part.get(f.id, seq) as Buffer | undefined;
      if (!bytes) break;
      h.update(bytes);
      await fh.write(bytes);
    }
  } finally {
    await fh.close();
  }
  if (h.digest('hex') !== f.sha256) {
    throw new AerieError('BAD_DATA', `The copy of model ${modelId} in this workspace is damaged: ${f.path} does not match its sha256.`, {
      hint: 'Remove the model (embed.removeModel) and import it again.',
    });
  }
}

/** A runnable folder for an imported model: the verified cache, or rebuilt from the workspace. */
export async function materialiseModel(db: DB, model: { id: string; sha256: string; folder: string }): Promise<string> {
  const files = db.prepare('SELECT id, path, size, sha256 FROM workspace_model_files WHERE model_id = ? ORDER BY path').all(model.id) as StoredFile[];
  if (!/^[0-9a-f]{64}$/.test(model.sha256) || !isSafeRelative(model.folder) || model.folder.includes('/') || !files.every((f) => isSafeRelative(f.path))) {
    throw new AerieError('BAD_DATA', `The stored model ${model.id} has an unsafe folder or file name.`, { hint: 'Remove the model and import it again.' });
  }
  const base = modelCacheDir();
  const final = join(base, model.sha256);
  await pruneModelCache().catch(() => undefined);
  if (await intact(join(final, model.folder), files)) {
    const now = new Date();
    await utimes(final, now, now).catch(() => undefined); // last used: what pruning goes by
    return join(final, model.folder);
  }
  const staging = await mkdtemp(join(base, `${model.sha256}.tmp-`));
  try {
    for (const f of files) await writeFile(db, model.id, join(staging, model.folder), f);
    await rm(final, { recursive: true, force: true });
    try {
      await rename(staging, final);
    } catch (e) {
      // another process put it there first: use theirs if it is whole
      if (!(await intact(join(final, model.folder), files))) throw e;
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return join(final, model.folder);
}

/** Remove cached folders unused for `days`, and staging folders a crash left. Returns how many. */
export async function pruneModelCache(days = CACHE_DAYS, now = Date.now(), base = modelCacheDir()): Promise<number> {
  let removed = 0;
  for (const name of await readdir(base)) {
    const staging = /^[0-9a-f]{64}\.tmp-/.test(name);
    if (!staging && !/^[0-9a-f]{64}$/.test(name)) continue; // not ours: leave it
    try {
      const age = now - (await stat(join(base, name))).mtimeMs;
      if (age > (staging ? STAGING_MS : days * 24 * 3600 * 1000)) {
        await rm(join(base, name), { recursive: true, force: true });
        removed++;
      }
    } catch {
      // in use elsewhere (Windows) or already gone: try again next time
    }
  }
  return removed;
}

/** Drop the cached copy of a model removed from a workspace (best effort: another may still use it, and rebuilds it if so). */
export async function forgetCachedModel(sha256: string): Promise<void> {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return;
  await rm(join(modelCacheDir(), sha256), { recursive: true, force: true }).catch(() => undefined);
}
