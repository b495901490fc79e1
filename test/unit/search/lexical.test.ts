// The in-memory lexical index: very common terms are looked up only for records rarer terms found.
import { describe, expect, it } from 'vitest';
import type { RecordRow } from '../../../engine/records/record.js';
import { LexicalIndex } from '../../../engine/search/lexical.js';
import { parseQuery, queryTerms } from '../../../engine/search/query.js';

const row = (id: number, given: string, family: string, city: string): RecordRow => ({
  id, source_key: `K${id}`, given_name: given, family_name: family, full_name: null, email: null, phone: null, address_line: null, city, postcode: null, date_of_birth: null, company: null,
});

describe('lexical index', () => {
  it('scores a common term through posting lookups the same way as a full walk would rank it', () => {
    const CITIES = ['london', 'paris', 'berlin', 'madrid', 'rome'];
    const rows: RecordRow[] = [];
    let s = 7;
    const r = (k: number) => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0), s % k);
    const syl = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'vo', 'zi', 'be', 'do'];
    const name = () => Array.from({ length: 3 }, () => syl[r(syl.length)]).join('');
    for (let i = 1; i <= 40_000; i++) rows.push(row(i, name(), name(), CITIES[i % CITIES.length]!));
    rows.push(row(50_001, 'Zebedee', 'Quuxley', 'paris'), row(50_002, 'Zebedee', 'Quuxley', 'london'), row(50_003, 'Zebedee', 'Other', 'london'));
    const ix = LexicalIndex.build(rows, rows.length);
    const { terms, groupCap } = queryTerms(parseQuery('zebedee quuxley london'));
    const hits = ix.search(terms, 10, ix.size, groupCap);
    expect(hits[0]!.id).toBe(50_002); // both names and the (common, looked-up) city
    const byId = new Map(hits.map((h) => [h.id, h.score]));
    expect(byId.get(50_002)!).toBeGreaterThan(byId.get(50_001)!);
    expect(new Set(hits.map((h) => h.id)).size).toBe(hits.length);
    // the city alone still finds its records by walking the postings
    const { terms: t2, groupCap: c2 } = queryTerms(parseQuery('london'));
    expect(ix.search(t2, 5, ix.size, c2).length).toBe(5);
  });

  it('finds records in a tiny workspace, where every term is frequent', () => {
    const ix = LexicalIndex.build([row(1, 'John', 'Smith', 'Leeds'), row(2, 'Mary', 'Jones', 'York'), row(3, 'Ann', 'Kowalski', 'Bath')], 3);
    const { terms, groupCap } = queryTerms(parseQuery('jonh smiht'));
    expect(ix.search(terms, 2, ix.size, groupCap)[0]?.id).toBe(1);
  });

  it('scores a word split by a stray space as the whole word', () => {
    // "satte rley": the halves share some trigrams with many names; the joined pair is the surname
    const rows = [row(1, 'Katelyn', 'Satterley', 'Belmont'), row(2, 'Bailey', 'Satter', 'Ryde'), row(3, 'Satte', 'Brown', 'Perth'), row(5, 'Rley', 'Green', 'Perth'), row(4, 'Ann', 'Stanley', 'Belmont')];
    for (let i = 6; i < 200; i++) rows.push(row(i, `Given${i}`, `Family${i}`, 'Sydney'));
    const ix = LexicalIndex.build(rows, rows.length);
    const { terms, groupCap } = queryTerms(parseQuery('katelyn satte rley'));
    const hits = ix.search(terms, 5, ix.size, groupCap);
    expect(hits[0]!.id).toBe(1);
    const { terms: t2, groupCap: c2 } = queryTerms(parseQuery('satte rley'));
    const [first, second] = ix.search(t2, 5, ix.size, c2);
    expect(first!.id).toBe(1); // the whole word beats a record holding one half exactly
    expect(first!.score).toBeGreaterThan(second!.score);
  });

  it('ranks a record the query explains fully above a fuller one it explains in part (length norm)', () => {
    const full: RecordRow = { ...row(1, 'Nicholas', 'Jolly', 'Nickol'), email: 'nicholas.jolly@example.com', address_line: '12 Long Street, Unit 4', company: 'Jolly Holdings', postcode: 'AB1 2CD' };
    const sparse: RecordRow = { ...row(2, '', '', 'Nickol'), given_name: null, family_name: null };
    const rows = [full, sparse];
    for (let i = 3; i < 100; i++) rows.push(row(i, `Given${i}`, `Family${i}`, `Town${i}`));
    const ix = LexicalIndex.build(rows, rows.length);
    const { terms, groupCap } = queryTerms(parseQuery('nickol'));
    const [first, second] = ix.search(terms, 5, ix.size, groupCap);
    expect([first!.id, second!.id]).toEqual([2, 1]);
    expect(first!.score).toBeGreaterThan(second!.score);
  });
});
