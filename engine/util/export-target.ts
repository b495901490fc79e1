// Where an export may be written. Exports (rejects CSV, profile report, …) are usually put beside the
// workspace, so a mistyped path must never land on the workspace itself (a CSV over ws.aerie destroys
// it), on one of its companion files (a WAL or journal overwritten is a corrupt workspace), or over a
// file the user did not ask to replace. Names are compared after resolving symlinks, and existing
// files by device and inode too, so `./ws.aerie`, a link and a hard link are all the same file.
import { existsSync, lstatSync, realpathSync, statSync, type BigIntStats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AerieError } from '../api/errors.js';
import { COMPANION_SUFFIXES, workspaceFiles } from '../db/companions.js';

export interface ExportTargetOptions {
  /** Replace an existing file: --force in the CLI, `overwrite: true` in the API, "Replace it?" in the UI. */
  overwrite?: boolean | undefined;
  /** The open workspace: it and its companion files are refused whatever `overwrite` says. */
  workspace?: string | null | undefined;
}

/** True when something (a file, a folder, even a dangling link) sits at the path. */
function occupied(path: string): boolean {
  return lstatSync(path, { throwIfNoEntry: false }) !== undefined;
}

/** The absolute path with the symlinks of its existing part resolved; the rest kept as named. */
export function canonicalPath(path: string): string {
  let existing = resolve(path);
  const rest: string[] = [];
  while (!existsSync(existing)) {
    const up = dirname(existing);
    if (up === existing) break;
    rest.unshift(basename(existing));
    existing = up;
  }
  return join(realpathSync.native(existing), ...rest);
}

// macOS and Windows file systems ignore case by default: WS.aerie is ws.aerie there.
const foldCase = process.platform === 'darwin' || process.platform === 'win32';
const sameName = (a: string, b: string) => (foldCase ? a.toLowerCase() === b.toLowerCase() : a === b);
const sameFile = (a: BigIntStats, b: BigIntStats) => a.dev === b.dev && a.ino === b.ino;

/** Which of the workspace's files `target` is: '' for the workspace itself, a companion's suffix
 * ('-wal', '-journal', …), or null for none. */
export function workspaceFileAt(target: string, workspace: string): string | null {
  const named = (ws: string) => workspaceFiles(ws).map((file) => ({ file, suffix: file.slice(ws.length) }));
  // SQLite names the WAL and journal after the path it was given; a symlinked workspace may have
  // them beside the link or beside the real file, so both sets are protected.
  const protectedFiles = [...named(resolve(workspace)), ...named(canonicalPath(workspace))];
  const candidates = [resolve(target), canonicalPath(target)];
  const byName = protectedFiles.find((p) => candidates.some((c) => sameName(c, p.file)));
  if (byName) return byName.suffix;
  const st = statSync(target, { bigint: true, throwIfNoEntry: false });
  if (!st) return null;
  const byInode = protectedFiles.find((p) => {
    const other = statSync(p.file, { bigint: true, throwIfNoEntry: false });
    return other !== undefined && sameFile(st, other);
  });
  return byInode ? byInode.suffix : null;
}

/** A .aerie name (or a companion of one) is a workspace's, open or not: no export takes it. */
function isWorkspaceName(path: string): boolean {
  const name = basename(path).toLowerCase();
  return name.endsWith('.aerie') || COMPANION_SUFFIXES.some((s) => name.endsWith(`.aerie${s}`));
}

export function fileExistsError(path: string): AerieError {
  return new AerieError('CONFLICT', `A file already exists at ${path}; it was left unchanged.`, {
    file: path,
    replaceable: true,
    hint: 'Choose another file name, or confirm replacing it (aerie: --force; API: overwrite: true).',
  });
}

/**
 * Check that an export may be written at `path` and return the path to write: absolute, symlinks
 * resolved. Throws PATH_NOT_ALLOWED (a workspace or companion file), NOT_FOUND (no such folder),
 * INVALID_INPUT (a folder, or not a regular file) or CONFLICT (exists and `overwrite` not given).
 */
export function checkExportTarget(path: string, opts: ExportTargetOptions = {}): string {
  const target = canonicalPath(path);
  if (opts.workspace) {
    const suffix = workspaceFileAt(path, opts.workspace);
    if (suffix !== null) {
      throw new AerieError('PATH_NOT_ALLOWED', `${path} is the open workspace${suffix ? `'s ${suffix} file` : ''}; an export never writes over it.`, {
        file: path,
        hint: 'Choose another file name, for example rejects.csv or report.html beside the workspace.',
      });
    }
  }
  if (isWorkspaceName(target)) {
    throw new AerieError('PATH_NOT_ALLOWED', `${path} is a workspace file name; an export never takes it.`, {
      file: path,
      hint: 'Name the export .csv or .html.',
    });
  }
  const dir = dirname(target);
  const dirStat = statSync(dir, { throwIfNoEntry: false });
  if (!dirStat) throw new AerieError('NOT_FOUND', `The folder ${dirname(resolve(path))} does not exist.`, { file: path, hint: 'Create the folder first, or choose a file in an existing folder.' });
  if (!dirStat.isDirectory()) throw new AerieError('INVALID_INPUT', `${dirname(resolve(path))} is not a folder.`, { file: path, hint: 'Choose a file in a folder.' });
  if (occupied(target)) {
    const st = statSync(target, { throwIfNoEntry: false });
    if (st?.isDirectory()) throw new AerieError('INVALID_INPUT', `${path} is a folder.`, { file: path, hint: `Name a file inside it, for example ${join(path, 'export.csv')}.` });
    if (st && !st.isFile()) throw new AerieError('INVALID_INPUT', `${path} is not a regular file; an export only replaces files.`, { file: path, hint: 'Choose another file name.' });
    if (!opts.overwrite) throw fileExistsError(path);
  }
  return target;
}
