// `npm run bench -- <name> [args]`: bundles bench/<name>.ts with esbuild and runs it.
// Each benchmark prints one JSON object on stdout. Benchmarks never run as part of `npm test`.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';

const [name, ...args] = process.argv.slice(2);
const available = readdirSync('bench').filter((f) => f.endsWith('.ts') && !f.startsWith('_')).map((f) => f.replace(/\.ts$/, ''));
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name> [args]\navailable: ${available.join(', ')}`);
  process.exit(2);
}
if (!existsSync('dist/worker.js') || !existsSync('dist/gbdt-worker.js')) spawnSync(process.execPath, ['scripts/build.mjs', '--node-only'], { stdio: 'inherit' });
mkdirSync('bench/out', { recursive: true });
const outfile = `bench/out/${name}.mjs`;
await build({ entryPoints: [`bench/${name}.ts`], bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', outfile, logLevel: 'warning' });
const r = spawnSync(process.execPath, ['--expose-gc', outfile, ...args], { stdio: 'inherit' });
process.exit(r.status ?? 1);
