// An e-mail address spelled from its owner's names is not independent evidence beside those names:
// two different people of the same name who end up with one name-derived address (as on a provider
// that hands out "karen.schmidt" to whoever asks first, or a generator that does) must not be
// linked on names + e-mail when their birth dates, addresses and phones differ. The u of the
// e-mail levels among same-name pairs is learned from the file (em.ts conditionOnNames).
import { describe, expect, it } from 'vitest';
import { pairwiseFromClusters } from '../../../engine/resolve/evaluate.js';
import { dedupe } from '../../../engine/resolve/pipeline.js';
import { explain } from '../../../engine/resolve/score.js';
import { synthPeople } from './synth.js';

/** synthPeople with every e-mail replaced by given.family@mail.example: same-name strangers share one. */
function nameDerivedEmails(persons: number, seed: number) {
  const s = synthPeople(persons, seed);
  const given = s.table.columns.indexOf('first_name');
  const family = s.table.columns.indexOf('last_name');
  const email = s.table.columns.indexOf('email');
  // the person's own (first row's) names spell the address on every row that has one
  const first = new Map<number, string>();
  s.person.forEach((p, i) => {
    if (!first.has(p)) first.set(p, `${s.table.rows[i]![given]!.toLowerCase()}.${s.table.rows[i]![family]!.toLowerCase()}@mail.example`);
  });
  const rows = s.table.rows.map((r, i) => r.map((v, k) => (k === email && v !== null ? first.get(s.person[i]!)! : v)));
  return { ...s, table: { columns: s.table.columns, rows }, cols: { given, family, email } };
}

describe('names and name-derived e-mail', () => {
  it('does not link same-name strangers who share a name-derived address but differ on birth date, address and phone', () => {
    const s = nameDerivedEmails(800, 3);
    const res = dedupe(s.table, { id: 'customer_id' });
    const { rows } = s.table;
    const dob = s.table.columns.indexOf('date_of_birth');
    const phone = s.table.columns.indexOf('phone');
    const street = s.table.columns.indexOf('street');
    let strangers = 0;
    let linked = 0;
    let example: [number, number] | null = null;
    for (let i = 0; i < rows.length; i++)
      for (let j = i + 1; j < rows.length; j++) {
        const x = rows[i]!;
        const y = rows[j]!;
        if (s.person[i] === s.person[j] || s.household[i] === s.household[j]) continue;
        if (x[s.cols.email] === null || x[s.cols.email] !== y[s.cols.email]) continue;
        if (x[dob] === null || y[dob] === null || x[dob] === y[dob] || x[phone] === null || y[phone] === null || x[street] === y[street]) continue;
        strangers++;
        if (res.clusters.entity[i] === res.clusters.entity[j]) {
          linked++;
          example ??= [i, j];
        }
      }
    expect(strangers).toBeGreaterThan(30);
    expect(linked, example ? JSON.stringify(explain(res.model, res.comparisons, ...example).steps.map((t) => [t.comparison, t.label, Math.round(t.weight * 10) / 10])) : '').toBe(0);
    // and the duplicates are still found (the e-mail just adds nothing the names did not say)
    expect(pairwiseFromClusters(res.clusters.entity, s.person).f1).toBeGreaterThan(0.95);
    // the waterfall shows why: between same-name records an exact e-mail counts far less than
    // log2(m/u) from random pairs, which would count the names a second time
    const ci = res.comparisons.findIndex((c) => c.name === 'email');
    const em = res.model.comparisons[ci]!;
    const plain = Math.log2(em.m[0]! / em.u[0]!);
    let checked = 0;
    for (let i = 0; i < rows.length && checked < 20; i++)
      for (let j = i + 1; j < rows.length && checked < 20; j++) {
        if (s.person[i] === s.person[j] || rows[i]![s.cols.email] === null || rows[i]![s.cols.email] !== rows[j]![s.cols.email]) continue;
        const step = explain(res.model, res.comparisons, i, j).steps[ci]!;
        if (step.level !== 0) continue;
        expect(step.weight, `pair ${i}, ${j}`).toBeLessThan(plain / 2);
        checked++;
      }
    expect(checked).toBe(20);
  });

  it('keeps the e-mail weight where addresses are personal (names + e-mail still link a pair with little else)', () => {
    const s = synthPeople(800, 3);
    const res = dedupe(s.table, { id: 'customer_id' });
    const em = res.model.comparisons.find((c) => c.name === 'email')!;
    // same-name strangers do not share these addresses: the conditional u is the plain u
    expect(em.uNames![0]!).toBeCloseTo(em.u[0]!, 12);
    expect(pairwiseFromClusters(res.clusters.entity, s.person).f1).toBeGreaterThan(0.97);
  });
});
