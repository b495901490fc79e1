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

  it('engine layers import only downwards, capabilities each other only through listed exceptions', () => {
    const { violations: bad, exceptions } = layerCheck();
    // printed so a reviewer sees what crosses between capabilities
    console.log(`capability imports allowed as exceptions:\n  ${[...exceptions].sort().join('\n  ')}`);
    expect(bad).toEqual([]);
  });

  it('the engine has no runtime import cycles', () => {
    expect(runtimeCycles()).toEqual([]);
  });
});

/** The engine's layers, lowest first (ARCHITECTURE.md). A folder may import its own layer's
 * shared folders and any lower layer; capabilities import another capability only by exception. */
const LAYERS: string[][] = [
  ['api', 'version.ts'],
  ['db', 'util'],
  ['jobs'],
  ['standardize', 'records', 'models', 'session', 'ml'],
  ['CAPABILITY'],
  ['core'],
  ['worker', 'host', 'cli'],
];
const CAPABILITIES = ['audit', 'data', 'demo', 'embed', 'ingest', 'profile', 'search', 'workspace', 'resolve', 'golden', 'review', 'churn', 'experiments', 'nba', 'monitor', 'governance'];
/** Imports between capabilities (from → to): each a deliberate dependency, kept short. */
const CAPABILITY_EXCEPTIONS = new Set([
  'search → embed', // search ranks with the vector store and the embedder
  'workspace → audit', // the workspace check re-walks the audit chain; lock and unlock write their own audit entries
  'demo → ingest', // the generator maps its rows as an import does (row mapper, raw values)
  'demo → experiments', // the demo campaign assigns its arms with the experiments' salted hash and stores its design
  'experiments → golden', // golden units and the crosswalk keys come from the latest golden build
  'resolve → golden', // resolve runs bind the steward's merges, splits and locks (applyStewardDecisions)
  'resolve → embed', // nearest-neighbour candidates use the built-in embedding and the vector multi-index
  'review → resolve', // the review queue reads the latest run's pairs and shows resolve's own waterfall of a pair
  'review → golden', // review labels bind as the steward's golden decisions (split, merge, undo)
  'review → search', // match labels are search feedback for the reranker
]);
/** Lower-layer folders that may import one another (same layer, no cycle). */
const SAME_LAYER = new Set([
  'db → util',
  'util → db',
  'session → jobs',
  'records → standardize',
  'standardize → records',
  // the registry is a lower layer; its API handlers are written like a capability's
  'models → session',
  // hosts start the engine (worker) and the loopback host
  'cli → worker',
  'cli → host',
  'host → worker',
]);

function folderOf(rel: string): string {
  const parts = rel.split('/');
  return parts.length === 2 ? parts[1]! : parts[1]!;
}

function layerOf(folder: string): number {
  if (CAPABILITIES.includes(folder)) return LAYERS.findIndex((l) => l.includes('CAPABILITY'));
  return LAYERS.findIndex((l) => l.includes(folder));
}

function layerCheck(): { violations: string[]; exceptions: Set<string> } {
  const violations: string[] = [];
  const exceptions = new Set<string>();
  for (const f of files('engine')) {
    const rel = relative(ROOT, f);
    const from = folderOf(rel);
    const lf = layerOf(from);
    if (lf < 0) {
      violations.push(`${rel}: engine/${from} is in no layer (add it to LAYERS or CAPABILITIES)`);
      continue;
    }
    for (const i of imports(f)) {
      if (!i.target?.startsWith('engine/')) continue;
      const to = folderOf(i.target);
      if (to === from) continue;
      const lt = layerOf(to);
      const edge = `${from} → ${to}`;
      if (lt < lf) continue;
      if (lt === lf && CAPABILITIES.includes(from) && CAPABILITIES.includes(to)) {
        if (CAPABILITY_EXCEPTIONS.has(edge)) exceptions.add(edge);
        else violations.push(`${rel} imports ${i.spec} (capability ${edge} is not a listed exception)`);
        continue;
      }
      if (lt === lf && SAME_LAYER.has(edge)) continue;
      violations.push(`${rel} imports ${i.spec} (${edge}: layer ${lf} may not import layer ${lt})`);
    }
  }
  return { violations, exceptions };
}

/** Cycles among the engine's modules through value imports (`import type` erases at build). */
function runtimeCycles(): string[] {
  const graph = new Map<string, string[]>();
  const VALUE_IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?!type\b)([^'"]*?)from\s*['"](\.[^'"]+)['"]/g;
  for (const f of files('engine')) {
    const src = readFileSync(f, 'utf8');
    const deps: string[] = [];
    for (const m of src.matchAll(VALUE_IMPORT)) {
      // `import { type A, type B }` is erased too
      const names = m[1]!;
      if (/^\s*\{[^}]*\}\s*$/.test(names) && names.replace(/[{}\s]/g, '').split(',').every((n) => n === '' || n.startsWith('type'))) continue;
      deps.push(resolve(dirname(f), m[2]!.replace(/\.js$/, '.ts')));
    }
    graph.set(f, deps);
  }
  const cycles: string[] = [];
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (n: string) => {
    state.set(n, 1);
    stack.push(n);
    for (const d of graph.get(n) ?? []) {
      if (!graph.has(d)) continue;
      if (state.get(d) === 1) cycles.push(stack.slice(stack.indexOf(d)).concat(d).map((x) => relative(ROOT, x)).join(' → '));
      else if (!state.has(d)) visit(d);
    }
    stack.pop();
    state.set(n, 2);
  };
  for (const n of graph.keys()) if (!state.has(n)) visit(n);
  return cycles;
}

