// The `aerie` command: JSON on stdout, errors on stderr, non-zero exit on error.
import { writeFileSync } from 'node:fs';
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

  it('import prints the summary JSON; rejects prints JSON lines; the file may live in another folder', () => {
    const other = tempDir('aerie-cli-file-');
    try {
      const file = join(other.dir, 'legacy.csv');
      writeFileSync(file, 'CUST_ID;FIRST_NM;LAST_NM;EMAIL_ADDR\nC1;Ann;Smith;ann@example.com\nC2;Bob;Jones\nC3;Cy;Brown;cy@example.com\n');
      const r = aerie(['import', ws, file], { AERIE_PASSPHRASE: 'the new passphrase' });
      expect(r.code, r.stderr).toBe(0);
      const summary = JSON.parse(r.stdout) as Record<string, unknown>;
      expect(summary).toMatchObject({ source: 'legacy', format: 'csv', encoding: 'utf-8', delimiter: ';', rowsRead: 3, rowsImported: 2, rowsRejected: 1 });
      expect(summary.columns).toEqual(['CUST_ID', 'FIRST_NM', 'LAST_NM', 'EMAIL_ADDR']);
      expect(r.stderr).toMatch(/Import legacy\.csv into legacy/);
      const rej = aerie(['rejects', ws, '--import', String(summary.importId)], { AERIE_PASSPHRASE: 'the new passphrase' });
      expect(rej.code, rej.stderr).toBe(0);
      const lines = rej.stdout.trim().split('\n').map((l) => JSON.parse(l) as { rowNo: number; reason: string });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ rowNo: 2 });
      expect(lines[0]!.reason).toMatch(/expected 4 fields, found 3/);
      const again = aerie(['import', ws, file], { AERIE_PASSPHRASE: 'the new passphrase' });
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/already imported/);
    } finally {
      other.cleanup();
    }
  });

  it('demo prints progress on stderr and the result on stdout', () => {
    const r = aerie(['demo', ws, '--customers', '2000'], { AERIE_PASSPHRASE: 'the new passphrase' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Generate demo CRM .*2,000\/2,000 customers/);
    const out = JSON.parse(r.stdout) as { result: { customers: number; records: Record<string, number> }; info: { counts: Record<string, number> } };
    expect(out.result.customers).toBe(2000);
    expect(Object.values(out.result.records).reduce((a, b) => a + b, 0)).toBe(2000);
    expect(out.info.counts.records).toBe(2002); // plus the two imported above
  });
});
