// `aerie dedupe --nearest [k]` turns on nearest-neighbour candidates (knn.ts) for a user: a copy of a
// person with a typo in every value, which no blocking rule pairs, is then compared with it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { aerie } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/tmp.js';
import { synthPeople } from './synth.js';

const t = tempDir();
afterAll(() => t.cleanup());

const typo = (s: string | null) => {
  if (!s) return s ?? '';
  let k = Math.floor(s.length / 2);
  while (k < s.length - 1 && !/[a-z0-9]/i.test(s[k]!)) k++;
  const c = s[k]!;
  const r = /[0-9]/.test(c) ? String((Number(c) + 3) % 10) : /[a-z]/i.test(c) ? (c.toLowerCase() === 'x' ? 'q' : 'x') : c;
  return s.slice(0, k) + r + s.slice(k + 1);
};

function file(): string {
  const s = synthPeople(200, 3);
  const src = s.table.rows[0]!;
  const dob = src[3] ? `${typo(src[3].slice(0, 2))}/${src[3].slice(3, 6)}${typo(src[3].slice(6))}` : '';
  const copy = src.map((v, c) => (c === 0 ? 'C99999' : c === 3 ? dob : typo(v)));
  const rows = [...s.table.rows, copy].map((r) => r.map((v) => `"${(v ?? '').replace(/"/g, '""')}"`).join(','));
  const path = join(t.dir, 'people.csv');
  writeFileSync(path, `${s.table.columns.join(',')}\n${rows.join('\n')}\n`);
  return path;
}

describe('aerie dedupe --nearest', () => {
  it('adds the nearest-neighbour rule and its pairs, and refuses a bad k', () => {
    const path = file();
    const entityOf = (out: string) => new Map(readFileSync(out, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',') as [string, string]));
    const first = readFileSync(path, 'utf8').split('\n')[1]!.split(',')[0]!.replace(/"/g, '');

    const plain = aerie(['dedupe', path, '--id', 'customer_id', '--out', join(t.dir, 'plain.csv')]);
    expect(plain.code, plain.stderr).toBe(0);
    expect((JSON.parse(plain.stdout) as { blocking_rules: { name: string }[] }).blocking_rules.map((r) => r.name).some((n) => n.startsWith('nearest'))).toBe(false);

    const near = aerie(['dedupe', path, '--id', 'customer_id', '--nearest', '5', '--out', join(t.dir, 'near.csv')]);
    expect(near.code, near.stderr).toBe(0);
    const rules = (JSON.parse(near.stdout) as { blocking_rules: { name: string; comparisons: number }[] }).blocking_rules;
    // the neighbours add pairs no blocking rule proposed (the typo'd copy's among them: knn.test.ts)
    expect(rules.find((r) => r.name === 'nearest neighbours (k=5)')?.comparisons).toBeGreaterThan(0);
    const e = entityOf(join(t.dir, 'near.csv'));
    expect(e.size).toBe(entityOf(join(t.dir, 'plain.csv')).size); // every row still gets an entity
    expect(e.has(first) && e.has('C99999')).toBe(true);

    const bad = aerie(['dedupe', path, '--id', 'customer_id', '--nearest', '99', '--out', join(t.dir, 'bad.csv')]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--nearest must be a whole number of neighbours from 1 to 50');
  }, 120_000);
});
