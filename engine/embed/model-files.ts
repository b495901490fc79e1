// The files of a model folder, as stored in a workspace: relative '/'-separated paths, sizes and
// sha256 digests, and the one digest over all of them that names the folder content.
import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { AerieError } from '../api/errors.js';
import { sha256File } from './transformers-model.js';

export interface ModelFile {
  /** Relative to the model folder, '/'-separated. */
  path: string;
  size: number;
  sha256: string;
}

export interface FolderFile extends ModelFile {
  /** Canonical absolute path to read (symlinks resolved and checked against the allowed roots). */
  real: string;
}

/** Most a model may weigh: the workspace carries every byte of it (copied in 8 MB parts). */
export const MAX_MODEL_BYTES = 2 * 1024 ** 3;
const MAX_FILES = 10_000;
const MAX_DEPTH = 16;

/** sha256 over "path\0sha256\n" of every file, sorted by path: equal content, equal digest. */
export function contentSha256(files: readonly ModelFile[]): string {
  const h = createHash('sha256');
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) h.update(`${f.path}\0${f.sha256}\n`);
  return h.digest('hex');
}

/** A stored relative path is safe to recreate under a folder: no absolute parts, no '..'. */
export function isSafeRelative(path: string): boolean {
  return path.length > 0 && !path.startsWith('/') && !/^[A-Za-z]:/.test(path) && path.split('/').every((p) => p !== '' && p !== '.' && p !== '..' && !p.includes('\\'));
}

/**
 * Every file under a model folder with its size and sha256. Hidden entries (.git, .gitattributes,
 * .cache) are skipped: they are not part of the model and a cloned .git can double its size.
 * Symlinks are followed (a Hugging Face snapshot is made of them), but each target must pass
 * `check`, the engine's allowed-roots test, so a link cannot pull in a file from elsewhere.
 */
export async function readModelFolder(folder: string, check: (path: string) => string): Promise<FolderFile[]> {
  const found: Omit<FolderFile, 'sha256'>[] = [];
  let total = 0;
  const walk = async (dir: string, rel: string, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH) throw new AerieError('BAD_DATA', `Cannot import ${folder}: folders nest deeper than ${MAX_DEPTH} levels at ${dir}.`, { file: dir });
    for (const d of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (d.name.startsWith('.')) continue;
      const real = check(join(dir, d.name));
      const st = await stat(real);
      const path = rel ? `${rel}/${d.name}` : d.name;
      if (st.isDirectory()) {
        await walk(real, path, depth + 1);
      } else if (st.isFile()) {
        total += st.size;
        if (total > MAX_MODEL_BYTES) {
          throw new AerieError('INVALID_INPUT', `Cannot import ${folder}: the model is larger than ${MAX_MODEL_BYTES / 1024 ** 3} GB (reached at ${path}).`, {
            file: folder,
            hint: 'Import a smaller or quantised export of the model, or copy the folder into models/ instead.',
          });
        }
        if (found.length >= MAX_FILES) throw new AerieError('INVALID_INPUT', `Cannot import ${folder}: more than ${MAX_FILES} files.`, { file: folder });
        found.push({ path: posix.normalize(path), real, size: st.size });
      }
    }
  };
  await walk(folder, '', 0);
  const out: FolderFile[] = [];
  for (const f of found) out.push({ ...f, sha256: await sha256File(f.real) });
  return out;
}
