// Finds an Electron binary without triggering a download. `import('electron')` is not used as the
// probe: when node_modules/electron/path.txt is missing its index.js tries to download the binary.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface ElectronProbe {
  path: string | null;
  reason: string;
}

export function findElectronBinary(root = process.cwd()): ElectronProbe {
  const explicit = process.env.AERIE_ELECTRON_PATH;
  if (explicit) {
    return existsSync(explicit) ? { path: resolve(explicit), reason: 'AERIE_ELECTRON_PATH' } : { path: null, reason: `AERIE_ELECTRON_PATH=${explicit} does not exist` };
  }
  const pkg = join(root, 'node_modules', 'electron');
  if (!existsSync(join(pkg, 'package.json'))) return { path: null, reason: 'the electron package is not installed' };
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) {
    return { path: null, reason: 'node_modules/electron has no binary (installed with ELECTRON_SKIP_BINARY_DOWNLOAD; path.txt missing)' };
  }
  const rel = readFileSync(pathFile, 'utf8').trim();
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkg, 'dist');
  const bin = join(distDir, rel);
  return existsSync(bin) ? { path: bin, reason: 'node_modules/electron' } : { path: null, reason: `Electron binary ${bin} is missing` };
}

/** Why the Electron end-to-end tests cannot run here, or null when they can. */
export function electronSkipReason(root = process.cwd()): string | null {
  const probe = findElectronBinary(root);
  if (!probe.path) return `no Electron binary: ${probe.reason}`;
  for (const f of ['dist/main.js', 'dist/preload.cjs', 'dist/worker.js', 'dist/renderer/index.html']) {
    if (!existsSync(join(root, f))) return `${f} is missing: run \`node scripts/build.mjs\` first`;
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display on this Linux machine: run the tests under xvfb-run';
  }
  return null;
}
