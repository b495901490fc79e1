// Field meaning sits below every capability: standardize imports only itself (and parsing
// libraries), records only the contract, the database and standardize. A capability that needs a
// date, an email or a linking key imports it from here, never from another capability.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(dir: string): { file: string; target: string }[] {
  return readdirSync(join(ROOT, dir))
    .filter((n) => n.endsWith('.ts'))
    .flatMap((n) => {
      const file = join(ROOT, dir, n);
      return [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((m) => {
        const spec = (m[1] ?? m[2] ?? m[3])!;
        return { file: relative(ROOT, file), target: spec.startsWith('.') ? relative(ROOT, resolve(dirname(file), spec)) : spec };
      });
    });
}

describe('field meaning is a lower layer', () => {
  it('engine/standardize imports only itself, Node and libphonenumber', () => {
    const bad = importsOf('engine/standardize').filter((i) => !(i.target.startsWith('engine/standardize/') || i.target.startsWith('node:') || i.target === 'libphonenumber-js'));
    expect(bad).toEqual([]);
  });

  it('engine/records imports only engine/api, engine/db, engine/standardize and itself', () => {
    const ok = ['engine/api/', 'engine/db/', 'engine/standardize/', 'engine/records/'];
    const bad = importsOf('engine/records').filter((i) => !ok.some((p) => i.target.startsWith(p)));
    expect(bad).toEqual([]);
  });
});
