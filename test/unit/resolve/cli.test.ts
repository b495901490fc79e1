// `aerie dedupe` and `aerie link` end to end through the built CLI, on small generated CSV files.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pairwiseFromClusters } from '../../../engine/resolve/evaluate.js';
import { aerie } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/tmp.js';
import { synthPeople } from './synth.js';

const t = tempDir();
afterAll(() => t.cleanup());

const q = (v: string | null) => (v === null ? '' : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csv = (columns: string[], rows: (string | null)[][]) => [columns.join(','), ...rows.map((r) => r.map(q).join(','))].join('\n') + '\n';
const readCsv = (f: string) => readFileSync(f, 'utf8').trim().split('\n').map((l) => l.split(','));

describe('aerie dedupe', () => {
  const s = synthPeople(150, 21);
  const file = join(t.dir, 'customers.csv');
  // one unreadable row (a field too many) after the header and the first record: file line 3
  const lines = csv(s.table.columns, s.table.rows).split('\n');
  lines.splice(2, 0, 'X1,too,many,fields,here,1,2,3,4,5,6');
  writeFileSync(file, lines.join('\n'));
  const out = join(t.dir, 'clusters.csv');

  it('writes id,entity_id for every readable row and reports the unreadable one by its line', () => {
    const r = aerie(['dedupe', file, '--id', 'customer_id', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/line 3 left out: expected 9 fields, found 11/);
    const summary = JSON.parse(r.stdout) as { records: number; rows_left_out: number; entities: number; columns: { column: string; role: string }[] };
    expect(summary).toMatchObject({ records: s.table.rows.length, rows_left_out: 1 });
    expect(summary.columns.find((c) => c.column === 'customer_id')!.role).toBe('id');
    const rows = readCsv(out);
    expect(rows[0]).toEqual(['id', 'entity_id']);
    expect(rows.slice(1).map((x) => x[0])).toEqual(s.table.rows.map((x) => x[0]));
    const f1 = pairwiseFromClusters(rows.slice(1).map((x) => Number(x[1])), s.person).f1;
    expect(f1).toBeGreaterThan(0.95);
  });

  it('refuses to replace the output unless --force, and checks --id and --ignore', () => {
    const again = aerie(['dedupe', file, '--id', 'customer_id', '--out', out]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
    expect(aerie(['dedupe', file, '--id', 'customer_id', '--out', out, '--force']).code).toBe(0);
    const noId = aerie(['dedupe', file, '--id', 'nope', '--out', join(t.dir, 'x.csv')]);
    expect(noId.code).toBe(1);
    expect(noId.stderr).toMatch(/No column named "nope".*\n[\s\S]*Columns: customer_id, first_name/);
    const badIgnore = aerie(['dedupe', file, '--id', 'customer_id', '--ignore', 'phone,nope', '--out', join(t.dir, 'y.csv')]);
    expect(badIgnore.code).toBe(1);
    expect(badIgnore.stderr).toMatch(/--ignore names "nope"/);
  });

  it('--ignore takes a column out of the model', () => {
    const r = aerie(['dedupe', file, '--id', 'customer_id', '--ignore', 'email,phone', '--out', join(t.dir, 'ignored.csv')]);
    expect(r.code, r.stderr).toBe(0);
    const roles = (JSON.parse(r.stdout) as { columns: { column: string; role: string }[] }).columns;
    expect(roles.filter((c) => c.role === 'ignore').map((c) => c.column)).toEqual(['email', 'phone']);
  });
});

describe('aerie link', () => {
  it('writes id_a,id_b,probability for the predicted matches across two files', () => {
    const s = synthPeople(120, 33);
    const first = new Map<number, number>();
    const second = new Map<number, number>();
    s.person.forEach((p, i) => (first.has(p) ? second.has(p) || second.set(p, i) : first.set(p, i)));
    const a = [...first.values()];
    const b = [...second.values()];
    const fa = join(t.dir, 'a.csv');
    const fb = join(t.dir, 'b.csv');
    writeFileSync(fa, csv(s.table.columns, a.map((i) => s.table.rows[i]!)));
    // the second system writes the name whole and calls its columns differently
    const cols = ['customer_id', 'name', 'date_of_birth', 'email_address', 'tel', 'street', 'town', 'postcode'];
    writeFileSync(fb, csv(cols, b.map((i) => { const r = s.table.rows[i]!; return [r[0]!, `${r[2]}, ${r[1]}`, r[3]!, r[4]!, r[5]!, r[6]!, r[7]!, r[8]!]; })));
    const out = join(t.dir, 'pairs.csv');
    const r = aerie(['link', fa, fb, '--id', 'customer_id', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const rows = readCsv(out);
    expect(rows[0]).toEqual(['id_a', 'id_b', 'probability']);
    const idPerson = new Map(s.table.rows.map((x, i) => [x[0]!, s.person[i]!]));
    const predicted = rows.slice(1);
    const correct = predicted.filter(([x, y]) => idPerson.get(x!) === idPerson.get(y!)).length;
    expect(correct / predicted.length).toBeGreaterThan(0.95);
    expect(correct / b.length).toBeGreaterThan(0.9);
    for (const [, , p] of predicted) expect(Number(p)).toBeGreaterThanOrEqual(0.5);
  });
});
