// Whether the Electron end-to-end tests can run here (the binary probe is shared with npm start).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findElectronBinary, type ElectronProbe } from '../../scripts/electron-binary.mjs';

export { findElectronBinary, type ElectronProbe };

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
