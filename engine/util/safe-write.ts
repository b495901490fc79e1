// The one writer for every file Aerie writes for the user (rejects CSV, profile report, and every
// export to come). Exports hold PII, so: never onto the open workspace or its companion files, never
// over an existing file unless asked, never half-written (a temporary file in the same folder,
// renamed into place; removed on failure or cancel), and readable by the owner only (0600).
import { linkSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { checkExportTarget, fileExistsError, type ExportTargetOptions } from './export-target.js';

export { checkExportTarget, type ExportTargetOptions } from './export-target.js';

export interface WriteExportOptions extends ExportTargetOptions {
  /** Aborting stops the write, removes the temporary file and leaves any existing file as it was. */
  signal?: AbortSignal | undefined;
}

/** What a producer writes to; awaiting each write keeps memory flat on large exports. */
export interface ExportSink {
  write(chunk: string | Uint8Array): Promise<void>;
}

export const EXPORT_FILE_MODE = 0o600;
const FLUSH_BYTES = 256 * 1024;

class BufferedSink implements ExportSink {
  bytes = 0;
  private text: string[] = [];
  private pending = 0;

  constructor(
    private readonly fh: FileHandle,
    private readonly signal: AbortSignal | undefined,
  ) {}

  async write(chunk: string | Uint8Array): Promise<void> {
    if (typeof chunk === 'string') {
      this.text.push(chunk);
      this.pending += chunk.length;
      if (this.pending >= FLUSH_BYTES) await this.flush();
      return;
    }
    await this.flush();
    await this.writeAll(chunk);
  }

  async flush(): Promise<void> {
    if (this.text.length === 0) return;
    const buf = Buffer.from(this.text.join(''), 'utf8');
    this.text = [];
    this.pending = 0;
    await this.writeAll(buf);
  }

  private async writeAll(buf: Uint8Array): Promise<void> {
    this.signal?.throwIfAborted();
    for (let off = 0; off < buf.byteLength; ) {
      const { bytesWritten } = await this.fh.write(buf, off, buf.byteLength - off);
      off += bytesWritten;
    }
    this.bytes += buf.byteLength;
  }
}

// File systems without hard links (FAT, some network shares): fall back to rename after a re-check.
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK', 'EACCES']);

/** Move the finished temporary file to the target, re-checking the target as it is now. */
function commit(tmp: string, path: string, opts: ExportTargetOptions): string {
  // The target may have appeared, or become a link onto the workspace, while the export was written.
  const target = checkExportTarget(path, opts);
  if (opts.overwrite) {
    renameSync(tmp, target);
    return target;
  }
  try {
    // link() never replaces: an existing file at the target is refused atomically.
    linkSync(tmp, target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') throw fileExistsError(path);
    if (!NO_HARD_LINKS.has(code)) throw e;
    renameSync(tmp, target);
    return target;
  }
  try {
    unlinkSync(tmp);
  } catch {
    // the export is in place; a leftover hidden temp name is harmless
  }
  return target;
}

/**
 * Write an export through `produce`, all or nothing. Returns the path written (absolute, symlinks
 * resolved) and its size. Errors are AerieErrors saying where and what to do (see checkExportTarget).
 */
export async function writeExport(path: string, opts: WriteExportOptions, produce: (out: ExportSink) => Promise<void>): Promise<{ path: string; bytes: number }> {
  const target = checkExportTarget(path, opts);
  opts.signal?.throwIfAborted();
  // Same folder, so the rename is atomic; hidden and unique, so it never takes a user's name.
  const tmp = join(dirname(target), `.${basename(target).slice(0, 80)}.${randomBytes(6).toString('hex')}.aerie-tmp`);
  const fh = await open(tmp, 'wx', EXPORT_FILE_MODE);
  let open_ = true;
  try {
    const sink = new BufferedSink(fh, opts.signal);
    await produce(sink);
    await sink.flush();
    opts.signal?.throwIfAborted();
    await fh.sync();
    open_ = false;
    await fh.close();
    return { path: commit(tmp, path, opts), bytes: sink.bytes };
  } catch (e) {
    if (open_) await fh.close().catch(() => undefined);
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** writeExport for a document already in memory (an HTML report). */
export function writeExportText(path: string, text: string, opts: WriteExportOptions = {}): Promise<{ path: string; bytes: number }> {
  return writeExport(path, opts, (out) => out.write(text));
}
