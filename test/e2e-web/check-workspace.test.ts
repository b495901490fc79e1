// E2E (loopback host + Chromium): Settings → Check workspace reads every page and the audit chain
// and says plainly that the file is sound.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserSession } from './harness.js';

const s = browserSession('e2e-check');

describe('check workspace (web)', () => {
  it('reports a sound workspace from Settings', async () => {
    await s.page.getByRole('link', { name: 'Settings' }).click();
    await s.page.getByRole('button', { name: 'Check workspace' }).click();
    const result = s.page.getByTestId('check-result');
    await result.waitFor({ timeout: 30_000 });
    await expect(result.getAttribute('role')).resolves.toBe('status');
    await expect(result.textContent()).resolves.toMatch(/The workspace file is sound: every page and index checked, audit chain intact \(\d+ entr(y|ies)\)\./);
    if (process.env.AERIE_E2E_SHOTS) await s.page.screenshot({ path: join(process.env.AERIE_E2E_SHOTS, 'settings-check.png'), fullPage: true });
    expect(s.problems).toEqual([]);
  });
});
