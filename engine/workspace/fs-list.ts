// Folder browsing for hosts without native dialogs (the loopback host), inside allowed roots only.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FsEntry } from '../api/app.js';
import { AerieError } from '../api/errors.js';
import type { AllowedRoots } from '../session/roots.js';

const IMPORTABLE = /\.(csv|tsv|txt|dat|ctl|sql|xlsx|dmp)$/i;

export function listFolder(roots: AllowedRoots, dir: string | undefined): { dir: string; parent: string | null; entries: FsEntry[] } {
  const first = roots.list()[0];
  if (!dir && !first) throw new AerieError('PATH_NOT_ALLOWED', 'No folder is allowed yet.');
  const real = roots.check(dir ?? first!);
  const entries: FsEntry[] = [];
  for (const d of readdirSync(real, { withFileTypes: true })) {
    if (d.name.startsWith('.')) continue;
    const path = join(real, d.name);
    if (d.isDirectory()) entries.push({ name: d.name, path, kind: 'dir', sizeBytes: 0 });
    else if (d.isFile() && (d.name.endsWith('.aerie') || IMPORTABLE.test(d.name))) {
      entries.push({ name: d.name, path, kind: d.name.endsWith('.aerie') ? 'workspace' : 'file', sizeBytes: statSync(path).size });
    }
  }
  entries.sort((a, b) => (a.kind === 'dir') === (b.kind === 'dir') ? a.name.localeCompare(b.name) : a.kind === 'dir' ? -1 : 1);
  const up = dirname(real);
  let parent: string | null = null;
  try {
    parent = up !== real ? roots.check(up) : null;
  } catch {
    parent = null;
  }
  return { dir: real, parent, entries };
}
