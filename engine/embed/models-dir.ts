// Where shipped models live: $AERIE_MODELS_DIR, else the nearest models/ folder above this module
// (dist/ in the bundles, engine/embed/ in tests), else ./models. Never anything remote.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | null = null;

export function modelsDir(): string {
  if (process.env.AERIE_MODELS_DIR) return resolve(process.env.AERIE_MODELS_DIR);
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const cand = join(dir, 'models');
    if (existsSync(join(cand, 'aerie-charngram', 'manifest.json'))) return (cached = cand);
    dir = dirname(dir);
  }
  return (cached = resolve('models'));
}
