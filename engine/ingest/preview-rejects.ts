// The rows an import would reject, found before it starts: the first rows of the file are read by
// the very reader the import uses, so the preview shows the same reasons (wrong field count, bad
// quoting, invalid bytes) instead of silently leaving those rows out of its sample.
import { readRows, type DetectResult } from './formats/index.js';
import { RAW_CAP } from './formats/types.js';

/** Data rows read at most, and rejects kept at most. */
export const PREVIEW_ROWS = 2_000;
export const PREVIEW_REJECTS = 20;

export interface PreviewReject {
  rowNo: number;
  line: number;
  column: string | null;
  reason: string;
  raw: string;
}

export async function previewRejects(file: string, d: DetectResult): Promise<{ rejects: PreviewReject[]; rows: number }> {
  const rejects: PreviewReject[] = [];
  let rows = 0;
  const stop = new AbortController();
  try {
    for await (const item of readRows(file, d, { signal: stop.signal })) {
      if (item.kind === 'note') continue;
      rows++;
      if (item.kind === 'reject') {
        const r = item.reject;
        rejects.push({ rowNo: r.rowNo, line: r.line, column: r.column ?? null, reason: r.reason, raw: r.raw.length > RAW_CAP ? `${r.raw.slice(0, RAW_CAP)}…` : r.raw });
      }
      if (rows >= PREVIEW_ROWS || rejects.length >= PREVIEW_REJECTS) break;
    }
  } catch (e) {
    // A whole-file problem further down surfaces when the import runs, with its own message; the
    // preview reports what it could read.
    if (rows === 0) throw e;
  } finally {
    stop.abort();
  }
  return { rejects, rows };
}
