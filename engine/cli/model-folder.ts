// What `aerie embed --import-model <folder>` lets the engine read: the folder, and the folders its
// symlinks point into. A Hugging Face cache snapshot (models--org--name/snapshots/<rev>/) holds
// only links into ../../blobs/; the user named the folder, so following its links is what they mean.
import { lstatSync, readdirSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Files to name to withEngine (which allows each one's folder): one in the folder, one per link target folder. */
export function modelFolderRoots(folder: string, maxEntries = 10_000): string[] {
  const dirs = new Set<string>();
  let seen = 0;
  const walk = (dir: string, depth: number) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return; // the engine reports an unreadable folder itself
    }
    for (const name of names) {
      if (++seen > maxEntries) return;
      const p = join(dir, name);
      const st = lstatSync(p, { throwIfNoEntry: false });
      if (!st) continue;
      if (st.isSymbolicLink()) {
        try {
          const target = realpathSync(p);
          dirs.add(lstatSync(target).isDirectory() ? target : dirname(target));
        } catch {
          // a dangling link: the import refuses the missing file with its own message
        }
      } else if (st.isDirectory() && depth < 6) walk(p, depth + 1);
    }
  };
  walk(folder, 0);
  return [join(folder, 'x'), ...[...dirs].map((d) => join(d, 'x'))];
}
