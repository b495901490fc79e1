// `aerie embed` and `aerie search` through the built CLI.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { aerie } from '../../helpers/cli.js';
import { PASS, tempDir } from '../../helpers/tmp.js';

const t = tempDir();
afterAll(() => t.cleanup());
const env = { AERIE_PASSPHRASE: PASS };

describe('aerie embed / aerie search', () => {
  it('embeds a workspace and prints search results as JSON', () => {
    const ws = join(t.dir, 'cli.aerie');
    const file = join(t.dir, 'people.csv');
    writeFileSync(file, 'ID,FIRST_NM,LAST_NM,EMAIL_ADDR,CITY\nA1,John,Smith,john.smith@example.com,Leeds\nA2,Mary,Jones,mary.jones@example.com,York\nA3,Ann,Kowalski,ann.k@example.org,Bath\n');
    expect(aerie(['init', ws], env).code).toBe(0);
    const imp = aerie(['import', ws, file, '--source', 'crm'], env);
    expect(imp.code, imp.stderr).toBe(0);
    const emb = aerie(['embed', ws], env);
    expect(emb.code, emb.stderr).toBe(0);
    expect(JSON.parse(emb.stdout)).toMatchObject({ result: { embedded: 3, mode: 'full' }, status: { pending: 0 } });
    const s = aerie(['search', ws, 'jonh smiht', '--limit', '2'], env);
    expect(s.code, s.stderr).toBe(0);
    const out = JSON.parse(s.stdout) as { results: { sourceKey: string; entityId: null; score: number; matched: { field: string }[] }[] };
    expect(out.results.length).toBeLessThanOrEqual(2);
    expect(out.results[0]).toMatchObject({ sourceKey: 'A1', entityId: null });
    expect(out.results[0]!.matched.map((m) => m.field)).toContain('name');
    const again = aerie(['embed', ws], env);
    expect(JSON.parse(again.stdout)).toMatchObject({ result: { embedded: 0, unchanged: 3, mode: 'incremental' } });
  });
});
