// Survivorship of one attribute: each rule, valid-only, the tie-breakers in order, first seen last,
// spellings of one value counted together, and a reason for every candidate.
import { describe, expect, it } from 'vitest';
import type { AttributeRule } from '../../../engine/api/golden.js';
import { survive, type Candidate } from '../../../engine/golden/survivorship.js';
import { resolveRules } from '../../../engine/golden/rules.js';

const c = (recordId: number, value: string, o: Partial<Candidate> = {}): Candidate => ({ recordId, value, sourceRank: 9, recency: recordId, ...o });
const rule = (r: Partial<AttributeRule> & Pick<AttributeRule, 'rule'>): AttributeRule => ({ validOnly: false, tieBreakers: [], ...r });

describe('survivorship rules', () => {
  it('most frequent counts spellings of one value together (emails by their canonical form)', () => {
    const { survivor, verdicts } = survive('email', [c(1, 'ann@example.com'), c(2, 'ANN@Example.com '), c(3, 'ann.lee@example.com')], rule({ rule: 'mostFrequent' }), 'GB');
    expect(survivor).toMatchObject({ value: 'ann@example.com', rule: 'mostFrequent', records: [1, 2] });
    expect(survivor!.confidence).toBeCloseTo(2 / 3);
    expect(verdicts.find((v) => v.recordId === 3)).toMatchObject({ won: false, why: expect.stringContaining('lost on most frequent (1 of 3 records against 2 of 3 records)') });
  });

  it('source priority: the most trusted source wins whatever the counts', () => {
    const cands = [c(1, 'Ann', { sourceRank: 2 }), c(2, 'Ann', { sourceRank: 2 }), c(3, 'Anne', { sourceRank: 0 })];
    expect(survive('given_name', cands, rule({ rule: 'sourcePriority' }), 'GB').survivor).toMatchObject({ value: 'Anne', rule: 'sourcePriority', records: [3] });
  });

  it('most recent: the newest import wins, written as that record wrote it', () => {
    const cands = [c(5, '1 Old Road', { recency: 10 }), c(6, '2 New Street', { recency: 30 }), c(7, '1 old road', { recency: 20 })];
    expect(survive('address_line', cands, rule({ rule: 'mostRecent' }), 'GB').survivor).toMatchObject({ value: '2 New Street', records: [6] });
  });

  it('most complete: the longest value wins', () => {
    expect(survive('address_line', [c(1, '12 High St'), c(2, '12 High Street, Flat 3')], rule({ rule: 'mostComplete' }), 'GB').survivor?.value).toBe('12 High Street, Flat 3');
  });

  it('valid only: an invalid email or phone never wins, even when it is the most frequent', () => {
    const emails = [c(1, 'ann@example'), c(2, 'ann@example'), c(3, 'ann@example.com')];
    const { survivor, verdicts } = survive('email', emails, rule({ rule: 'mostFrequent', validOnly: true }), 'GB');
    expect(survivor).toMatchObject({ value: 'ann@example.com', records: [3] });
    expect(verdicts.filter((v) => !v.valid).map((v) => v.why)).toEqual([expect.stringContaining('not a valid email address'), expect.stringContaining('not a valid email address')]);
    // without validOnly the invalid one wins on frequency
    expect(survive('email', emails, rule({ rule: 'mostFrequent' }), 'GB').survivor?.value).toBe('ann@example');
    const phones = [c(1, '12'), c(2, '12'), c(3, '07700 900123')];
    expect(survive('phone', phones, rule({ rule: 'mostFrequent', validOnly: true }), 'GB').survivor?.records).toEqual([3]);
    // nothing valid: no value at all rather than an invalid one
    expect(survive('phone', [c(1, '12')], rule({ rule: 'mostFrequent', validOnly: true }), 'GB').survivor).toBeNull();
  });

  it('phones are one value however they are written', () => {
    const { survivor } = survive('phone', [c(1, '07700 900123'), c(2, '+44 7700 900123'), c(3, '07700 900999')], rule({ rule: 'mostFrequent', validOnly: true }), 'GB');
    expect(survivor?.records).toEqual([1, 2]);
  });

  it('ties go to the tie-breakers in order, then to the value first seen', () => {
    const tied = [c(4, 'Jon', { recency: 50 }), c(2, 'Jonathan', { recency: 10 })];
    // most frequent ties 1-1; most recent breaks it
    const byRecent = survive('given_name', tied, rule({ rule: 'mostFrequent', tieBreakers: ['mostRecent', 'mostComplete'] }), 'GB');
    expect(byRecent.survivor).toMatchObject({ value: 'Jon', rule: 'mostFrequent, tie broken by mostRecent' });
    expect(byRecent.verdicts.find((v) => v.recordId === 4)?.why).toMatch(/^tied on most frequent, won on most recent/);
    // most complete first instead
    expect(survive('given_name', tied, rule({ rule: 'mostFrequent', tieBreakers: ['mostComplete', 'mostRecent'] }), 'GB').survivor).toMatchObject({ value: 'Jonathan', rule: 'mostFrequent, tie broken by mostComplete' });
    // equal on every rule: the lowest record id, whatever the order given
    const equal = [c(9, 'Smyth', { recency: 1 }), c(3, 'Smith', { recency: 1 })];
    for (const order of [equal, [...equal].reverse()]) {
      const r = survive('family_name', order, rule({ rule: 'mostFrequent', tieBreakers: ['mostRecent'] }), 'GB');
      expect(r.survivor).toMatchObject({ value: 'Smith', rule: 'mostFrequent, tie broken by firstSeen' });
      expect(r.verdicts.find((v) => v.recordId === 9)?.why).toMatch(/lost on first seen \(record 3 came first\)/);
    }
  });

  // what bench/golden.ts measured on the demo truth: the newer of two tied contacts was more often a
  // later duplicate account's variant or a merged household member's than a change; the postcode
  // stays with the newest record, like the address line and city, so one address is not mixed
  it('defaults: a tie on email or phone goes to the first seen value, the postcode to the newest record', () => {
    const d = resolveRules(null).attributes;
    const emails = [c(3, 'ann.lee@example.com', { recency: 1 }), c(8, 'ann.lee42@example.com', { recency: 2 })];
    expect(survive('email', emails, d.email, 'GB').survivor).toMatchObject({ value: 'ann.lee@example.com', rule: 'mostFrequent, tie broken by firstSeen' });
    const phones = [c(3, '07700 900123', { recency: 1 }), c(8, '07700 900456', { recency: 2 })];
    expect(survive('phone', phones, d.phone, 'GB').survivor).toMatchObject({ value: '07700 900123', records: [3] });
    const postcodes = [c(3, 'SW1A 1AA', { recency: 1 }), c(5, 'sw1a1aa', { recency: 2 }), c(8, 'SW1A 1AB', { recency: 3 })];
    expect(survive('postcode', postcodes, d.postcode, 'GB').survivor).toMatchObject({ value: 'SW1A 1AB', rule: 'mostRecent', records: [8] });
    expect(d.postcode.rule).toBe(d.address_line.rule);
  });

  it('blank values are no candidates; defaults give every attribute a rule', () => {
    expect(survive('city', [c(1, '  ')], rule({ rule: 'mostFrequent' }), 'GB')).toEqual({ survivor: null, verdicts: [] });
    const d = resolveRules(null);
    expect(d.attributes.email).toEqual({ rule: 'mostFrequent', validOnly: true, tieBreakers: [] });
    expect(resolveRules({ sourcePriority: ['crm'], country: 'GB', attributes: { email: { rule: 'sourcePriority', validOnly: false, tieBreakers: [] } } }).attributes.email.rule).toBe('sourcePriority');
  });
});
