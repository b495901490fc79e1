// Finds an Electron binary without triggering a download: `require('electron')` would try to
// download it when node_modules/electron/path.txt is missing, and Aerie never touches the network.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** @returns {{ path: string | null, reason: string }} */
export function findElectronBinary(root = process.cwd()) {
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
