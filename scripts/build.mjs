// Builds everything the hosts run: the Node-side bundles (esbuild) and the renderer (vite).
// Usage: node scripts/build.mjs [--node-only]
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

const common = { bundle: true, platform: 'node', target: 'node20', packages: 'external', sourcemap: 'linked', logLevel: 'warning' };
mkdirSync('dist', { recursive: true });
await Promise.all([
  build({ ...common, format: 'esm', entryPoints: { cli: 'engine/cli/main.ts', worker: 'engine/worker/entry.ts', 'parse-worker': 'engine/ingest/parse-worker.ts', 'gbdt-worker': 'engine/ml/gbdt-worker.ts' }, outdir: 'dist' }),
  build({ ...common, format: 'esm', entryPoints: { main: 'main/main.ts' }, outdir: 'dist', external: ['electron'] }),
  // Sandboxed preloads must be CommonJS.
  build({ ...common, format: 'cjs', entryPoints: { preload: 'main/preload.ts' }, outExtension: { '.js': '.cjs' }, outdir: 'dist', external: ['electron'] }),
]);
writeFileSync('dist/package.json', JSON.stringify({ type: 'module' }) + '\n');
if (!process.argv.includes('--node-only')) {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}
