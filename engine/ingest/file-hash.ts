// SHA-256 of a file, streamed, so a re-imported export is recognised whatever its name.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export async function fileSha256(path: string, signal?: AbortSignal, onBytes?: (n: number) => void): Promise<string> {
  const h = createHash('sha256');
  let n = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20, ...(signal ? { signal } : {}) })) {
    h.update(chunk as Buffer);
    n += (chunk as Buffer).length;
    onBytes?.(n);
  }
  return h.digest('hex');
}
