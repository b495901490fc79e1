/**
 * Builds the built-in embedding model (models/aerie-charngram/model.onnx + manifest.json) from the
 * repository's own code: no download, no training data. The output is byte-for-byte reproducible.
 *
 * Run (no npm scripts needed; the bundle must sit inside the repo so node finds node_modules):
 *   node_modules/.bin/esbuild scripts/build-embed-model.ts --bundle --platform=node --format=esm \
 *     --packages=external --outfile=.tmp/build-embed-model.mjs && node .tmp/build-embed-model.mjs
 *
 * Flags:
 *   --out <dir>   write somewhere else (default models/<name>)
 *   --check       rebuild in memory and compare with the committed files; exit 1 if they differ
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { buildBuiltinModel, DEFAULT_BUILTIN_OPTIONS, writeBuiltinModel } from '../engine/embed/builtin-graph.js';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const outIdx = args.indexOf('--out');
  const outArg = outIdx >= 0 ? args[outIdx + 1] : undefined;
  const dir = resolve(outArg ?? join('models', DEFAULT_BUILTIN_OPTIONS.name));

  if (args.includes('--check')) {
    const { onnx, manifest } = buildBuiltinModel(DEFAULT_BUILTIN_OPTIONS);
    const committed = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { sha256?: string };
    const file = await readFile(join(dir, manifest.file));
    const same = committed.sha256 === manifest.sha256 && Buffer.compare(file, Buffer.from(onnx)) === 0;
    process.stdout.write(JSON.stringify({ dir, rebuilt: manifest.sha256, committed: committed.sha256, same }) + '\n');
    process.exitCode = same ? 0 : 1;
    return;
  }

  const manifest = await writeBuiltinModel(dir, DEFAULT_BUILTIN_OPTIONS);
  process.stdout.write(
    JSON.stringify({ dir, name: manifest.name, version: manifest.version, sha256: manifest.sha256, bytes: manifest.bytes, dims: manifest.dims }) + '\n',
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`build-embed-model: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exitCode = 1;
});
