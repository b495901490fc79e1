// The layer rules of ARCHITECTURE.md, checked mechanically by reading every import.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

function files(dir: string): string[] {
  if (!existsSync(join(ROOT, dir))) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|tsx|mts|js|mjs)$/.test(name)) out.push(p);
    }
  };
  walk(join(ROOT, dir));
  return out;
}

function imports(file: string): { spec: string; target: string | null }[] {
  const src = readFileSync(file, 'utf8');
  return [...src.matchAll(IMPORT)].map((m) => {
    const spec = (m[1] ?? m[2] ?? m[3] ?? m[4])!;
    return { spec, target: spec.startsWith('.') ? relative(ROOT, resolve(dirname(file), spec)) : null };
  });
}

function violations(dir: string, allowed: (spec: string, target: string | null) => boolean): string[] {
  return files(dir).flatMap((f) => imports(f).filter((i) => !allowed(i.spec, i.target)).map((i) => `${relative(ROOT, f)} imports ${i.spec}`));
}

const pkg = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);

describe('import rules', () => {
  it('engine/api uses only zod and itself (no Node, DOM or Electron APIs)', () => {
    expect(violations('engine/api', (s, t) => (t ? t.startsWith('engine/api') : s === 'zod'))).toEqual([]);
    for (const f of files('engine/api')) {
      const code = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      expect(code, f).not.toMatch(/\b(process\.|Buffer\.|window\.|document\.|require\()/);
    }
  });

  it('renderer imports only renderer, engine/api and UI packages', () => {
    const ok = new Set(['react', 'react-dom', '@tanstack/react-virtual', 'zod']);
    expect(violations('renderer', (s, t) => (t ? t.startsWith('renderer') || t.startsWith('engine/api') : ok.has(pkg(s))))).toEqual([]);
  });

  it('engine never imports electron, react, the DOM or the other layers', () => {
    const banned = new Set(['electron', 'react', 'react-dom', '@tanstack/react-virtual']);
    expect(violations('engine', (s, t) => (t ? t.startsWith('engine') || t === 'package.json' : !banned.has(pkg(s))))).toEqual([]);
  });

  it('main imports only engine/api, the engine client and Node or Electron', () => {
    const ok = (s: string, t: string | null) =>
      t ? t.startsWith('main') || t.startsWith('engine/api') || t.startsWith('engine/worker/worker-transport') : !['react', 'react-dom'].includes(pkg(s));
    expect(violations('main', ok)).toEqual([]);
  });

  it('only the loopback host opens network sockets, and nothing fetches remote resources', () => {
    const net = /^(node:)?(http|https|net|tls|dgram|http2)$|^ws$/;
    const offenders = files('engine').flatMap((f) => {
      const rel = relative(ROOT, f);
      const bad = imports(f).filter((i) => net.test(i.spec) && !rel.startsWith('engine/host/'));
      const src = readFileSync(f, 'utf8');
      return [...bad.map((b) => `${rel} imports ${b.spec}`), ...(/\bfetch\(/.test(src) ? [`${rel} calls fetch()`] : [])];
    });
    expect(offenders).toEqual([]);
  });
});
