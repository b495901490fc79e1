// The `aerie` command: JSON on stdout, errors on stderr, non-zero exit on error.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { aerie } from '../helpers/cli.js';
import { PASS, tempDir } from '../helpers/tmp.js';

const t = tempDir();
const ws = join(t.dir, 'cli.aerie');
afterAll(() => t.cleanup());

describe('aerie CLI', () => {
  it('--help lists the commands', () => {
    const r = aerie(['--help']);
    expect(r.code).toBe(0);
    for (const cmd of ['init', 'info', 'serve', 'audit', 'demo']) expect(r.stdout).toContain(cmd);
  });

  it('init then info print JSON with schema version, counts and cipher', () => {
    const init = aerie(['init', ws], { AERIE_PASSPHRASE: PASS });
    expect(init.code, init.stderr).toBe(0);
    expect(JSON.parse(init.stdout)).toMatchObject({ path: ws, journalMode: 'wal' });
    const info = aerie(['info', ws], { AERIE_PASSPHRASE: PASS });
    expect(info.code, info.stderr).toBe(0);
    const j = JSON.parse(info.stdout) as { schemaVersion: number; counts: Record<string, number>; cipher: string };
    expect(j.schemaVersion).toBeGreaterThan(0);
    expect(j.counts.audit_log).toBe(1);
    expect(j.cipher).toMatch(/sqlcipher/);
  });

  it('fails with a clear message and exit 1: wrong passphrase, no passphrase, missing file', () => {
    const wrong = aerie(['info', ws], { AERIE_PASSPHRASE: 'not it at all' });
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toBe('');
    expect(wrong.stderr).toMatch(/passphrase is wrong.*\n.*at file .*cli\.aerie/);
    const none = aerie(['info', ws], { AERIE_PASSPHRASE: '' });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/set AERIE_PASSPHRASE/);
    const missing = aerie(['info', join(t.dir, 'nope.aerie')], { AERIE_PASSPHRASE: PASS });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No workspace at/);
  });

  it('passwd re-keys the workspace', () => {
    const r = aerie(['passwd', ws], { AERIE_PASSPHRASE: PASS, AERIE_NEW_PASSPHRASE: 'the new passphrase' });
    expect(r.code, r.stderr).toBe(0);
    expect(aerie(['info', ws], { AERIE_PASSPHRASE: PASS }).code).toBe(1);
    expect(aerie(['info', ws], { AERIE_PASSPHRASE: 'the new passphrase' }).code).toBe(0);
  });

  it('demo prints progress on stderr and the result on stdout', () => {
    const r = aerie(['demo', ws, '--customers', '2000'], { AERIE_PASSPHRASE: 'the new passphrase' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Generate demo CRM .*2,000\/2,000 customers/);
    expect(JSON.parse(r.stdout).info.counts.records).toBe(2000);
  });
});
