// The whole tree type-checks, Electron shell included (its types ship with the package).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('typescript', () => {
  it('tsc -p . reports no errors', () => {
    const r = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.'], { encoding: 'utf8', timeout: 240_000 });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 240_000);
});
