// Allowed roots: the engine only touches files under folders the host allowed, so a compromised
// UI cannot read or write elsewhere on the machine.
import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, resolve, sep, basename, join } from 'node:path';
import { AerieError } from '../api/errors.js';

export class AllowedRoots {
  private readonly roots: string[] = [];

  constructor(roots: string[]) {
    for (const r of roots) this.add(r);
  }

  list(): string[] {
    return [...this.roots];
  }

  add(dir: string): void {
    const real = existsSync(dir) ? realpathSync(resolve(dir)) : resolve(dir);
    if (!this.roots.includes(real)) this.roots.push(real);
  }

  /** The canonical path if it lies under an allowed root; PATH_NOT_ALLOWED otherwise. */
  check(path: string): string {
    if (!isAbsolute(path)) {
      throw new AerieError('PATH_NOT_ALLOWED', `Use an absolute path (got ${path}).`, { file: path });
    }
    // Resolve symlinks of the deepest existing ancestor so a link cannot lead outside a root.
    let existing = resolve(path);
    const rest: string[] = [];
    while (!existsSync(existing)) {
      rest.unshift(basename(existing));
      const up = dirname(existing);
      if (up === existing) break;
      existing = up;
    }
    const real = join(realpathSync(existing), ...rest);
    const ok = this.roots.some((root) => real === root || real.startsWith(root.endsWith(sep) ? root : root + sep));
    if (!ok) {
      throw new AerieError('PATH_NOT_ALLOWED', `${path} is outside the folders Aerie may use.`, {
        file: path,
        hint: `Choose a location under ${this.roots.join(' or ') || 'an allowed folder'}.`,
      });
    }
    return real;
  }
}
