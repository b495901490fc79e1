// `aerie golden build | golden export` and `aerie crosswalk export` through the built CLI.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { aerie } from '../../helpers/cli.js';
import { PASS, tempDir } from '../../helpers/tmp.js';

const t = tempDir();
afterAll(() => t.cleanup());
const env = { AERIE_PASSPHRASE: PASS };

describe('aerie golden', () => {
  it('builds golden records, exports them (pseudonymised too) and the crosswalk', () => {
    const ws = join(t.dir, 'cli.aerie');
    expect(aerie(['demo', ws, '--customers', '150', '--no-events'], env).code).toBe(0);
    const before = aerie(['golden', 'build', ws], env);
    expect(before.code).not.toBe(0);
    expect(before.stderr).toContain('aerie resolve');
    expect(aerie(['resolve', ws], env).code).toBe(0);
    const b = aerie(['golden', 'build', ws], env);
    expect(b.code, b.stderr).toBe(0);
    const built = JSON.parse(b.stdout) as { records: number; goldenRecords: number; idsCreated: number };
    expect(built.records).toBe(150);
    expect(built.idsCreated).toBe(built.goldenRecords);

    const out = join(t.dir, 'golden.csv');
    const e = aerie(['golden', 'export', ws, '--out', out, '--pseudonymise'], env);
    expect(e.code, e.stderr).toBe(0);
    expect(JSON.parse(e.stdout)).toMatchObject({ rows: built.goldenRecords, format: 'csv', pseudonymised: true });
    expect(readFileSync(out, 'utf8')).toMatch(/^\ufeffgolden_id,records,given_name,given_name_rule,given_name_confidence,/);
    // refused before the passphrase is asked or the workspace opened
    const bad = aerie(['golden', 'export', ws, '--out', join(t.dir, 'g.pdf'), '--format', 'pdf'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--format must be one of csv, xlsx');

    const cw = join(t.dir, 'crosswalk.csv');
    const c = aerie(['crosswalk', 'export', ws, '--out', cw], env);
    expect(c.code, c.stderr).toBe(0);
    expect(JSON.parse(c.stdout).rows).toBe(150);
    const lines = readFileSync(cw, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('\ufeffsource,source_key,import_id,row_no,record_id,golden_id');
    expect(lines.length).toBe(151);
    expect(lines.slice(1).every((l) => /,G\d{7}$/.test(l))).toBe(true);
  }, 120_000);
});
