import { describe, expect, it } from 'vitest';
import { agreeOnRule, candidatePairs, proposeRules } from '../../../engine/resolve/blocking.js';
import { inferRoles } from '../../../engine/resolve/roles.js';
import { standardise } from '../../../engine/resolve/standardise.js';
import { synthPeople } from './synth.js';

describe('candidatePairs', () => {
  it('is exactly the pairs that agree on some rule, each once, tagged with the first such rule', () => {
    // blocks are keyed by interned numbers (one and two keys) or strings (multi-valued keys): the
    // union must still be what the rules' definitions (agreeOnRule, on the key values) say
    const s = synthPeople(300, 5);
    const roles = inferRoles(s.table, { id: s.table.columns[0] });
    const p = standardise(s.table, roles, { country: 'GB' });
    // a small budget makes broad keys pair up; no cap, so every block counts
    const opts = { budget: 300, cap: 1e9 };
    const rules = proposeRules(p, opts);
    expect(rules.map((r) => r.keys.length)).toContain(1);
    expect(rules.map((r) => r.keys.length)).toContain(2);
    expect(rules.every((r) => r.capped.blocks === 0)).toBe(true);
    const cand = candidatePairs(p, rules, opts);
    const got = new Map<string, number>();
    for (let q = 0; q < cand.a.length; q++) got.set(`${cand.a[q]},${cand.b[q]}`, cand.rule[q]!);
    expect(got.size).toBe(cand.a.length);
    const want = new Map<string, number>();
    for (let i = 0; i < p.n; i++)
      for (let j = i + 1; j < p.n; j++) {
        const r = rules.findIndex((rule) => agreeOnRule(rule, i, j));
        if (r >= 0) want.set(`${i},${j}`, r);
      }
    expect(got).toEqual(want);
  });
});
