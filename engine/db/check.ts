// Is the workspace file whole? A quick check at every open (file size against the page count: a
// truncated or padded copy is caught before a query reads past the end and finds "no rows"), and
// a full check on demand (`aerie check`, Settings → Check workspace) that reads every page.
// PRAGMA quick_check is not run at open: it reads the whole file (~0.6 s per 130 MB measured here,
// seconds on a million-customer workspace).
import { existsSync, statSync } from 'node:fs';
import { PAGE_SIZE } from './cipher.js';
import type { DB } from './sqlite.js';

/** WAL frames beyond the 32-byte header: pages newer than the main file may live there. */
function walHasFrames(path: string): boolean {
  const wal = `${path}-wal`;
  return existsSync(wal) && statSync(wal).size > 32;
}

/**
 * Why the file's size cannot be right for its pages, or null. Run after the key is proven (the
 * page count comes from the decrypted header).
 */
export function sizeProblem(db: DB, path: string): string | null {
  const size = statSync(path).size;
  if (size % PAGE_SIZE !== 0) {
    return `its size, ${size.toLocaleString('en')} bytes, is not a whole number of ${PAGE_SIZE / 1024} KiB pages: the file was cut short or added to`;
  }
  const pages = db.pragma('page_count', { simple: true }) as number;
  // With an empty WAL every page lives in the file; with WAL frames the newest pages may be there.
  if (!walHasFrames(path) && size < pages * PAGE_SIZE) {
    return `it holds ${(size / PAGE_SIZE).toLocaleString('en')} of its ${pages.toLocaleString('en')} pages: the file was cut short`;
  }
  return null;
}

/**
 * Read every page and check every table and index (PRAGMA integrity_check): what is wrong, in
 * SQLite's words (page numbers, index names, rowids — never row values), at most `max` lines.
 * Empty when the file is sound.
 */
export function pageProblems(db: DB, max = 100): string[] {
  const rows = db.pragma(`integrity_check(${max})`) as { integrity_check: string }[];
  const lines = rows.flatMap((r) => r.integrity_check.split('\n')).filter((l) => l !== 'ok' && !l.startsWith('*** in database'));
  return lines.slice(0, max);
}
