import { describe, expect, it } from 'vitest';
import { catalogue } from '../../../engine/profile/catalogue.js';
import { renderProfileHtml } from '../../../engine/profile/html.js';
import { profileColumns } from '../../../engine/profile/profile.js';
import { latestProfile, saveProfile } from '../../../engine/profile/store.js';
import type { ColumnProfile } from '../../../engine/profile/types.js';
import { addSource, tempWorkspace } from './helpers.js';

const db = tempWorkspace();
const A = addSource(db, {
  name: 'crm-a',
  columns: [
    ['Customer No', 'source_key'],
    ['First Name', 'given_name'],
    ['Surname', 'family_name'],
    ['E-mail', 'email'],
    ['Tel', 'phone'],
    ['DOB', 'date_of_birth'],
    ['Post Code', 'postcode'],
    ['Notes', 'notes'],
    ['Score', null],
    ['NI Number', null],
  ],
  rows: [
    { 'Customer No': 'C001', 'First Name': 'John', Surname: 'Smith', 'E-mail': 'john.smith@example.com', Tel: '07911 123456', DOB: '25/12/1980', 'Post Code': 'SW1A 1AA', Notes: 'Called twice', Score: '10', 'NI Number': 'AB123456C' },
    { 'Customer No': 'C002', 'First Name': 'Mary', Surname: 'Jones', 'E-mail': 'mary@example', Tel: '+44 7911 123457', DOB: '1980-12-25', 'Post Code': 'M1 1AA', Notes: '', Score: '20', 'NI Number': '' },
    { 'Customer No': 'C003', 'First Name': 'John', Surname: 'Smith', 'E-mail': 'JOHN.SMITH@EXAMPLE.COM', Tel: '07911123456', DOB: '25/12/1980', 'Post Code': '90210', Score: '30.5', 'NI Number': 'ZZ123456A' },
    { 'Customer No': 'C004', 'First Name': 'Ann', Surname: 'Lee', 'E-mail': 'ann@example.co.uk', Tel: 'n/a', DOB: '03/04/1990', 'Post Code': '  ', Notes: '<script>alert(1)</script>', Score: '-5', 'NI Number': '' },
    { 'Customer No': 'C005', 'First Name': ' Bob', Surname: 'Brown', Tel: '12345', DOB: '12-JAN-85', 'Post Code': 'EC1A 1BB', Notes: '=HYPERLINK("http://x")', Score: '1e3', 'NI Number': '123-45-6789' },
  ],
});
// A second source whose import lists no columns: its raw values cannot be attributed.
const B = addSource(db, {
  name: 'legacy-b',
  rows: [
    { contact_email: 'zed@example.org', mobile: '07911 123456', when: '2020-02-30' },
    { contact_email: 'zed@example.org', mobile: null, extra: 'x' },
  ],
});

const col = (cols: ColumnProfile[], name: string) => {
  const c = cols.find((x) => x.name === name);
  if (!c) throw new Error(`no column ${name}`);
  return c;
};

describe('profileColumns, source scope (raw columns)', async () => {
  const progress: [number, number][] = [];
  const r = await profileColumns(db, { kind: 'source', sourceId: A.sourceId }, { defaultCountry: 'GB', onProgress: (d, t) => progress.push([d, t]) });
  const cols = r.columns;

  it('reports the raw columns in file order with lineage', () => {
    expect(r.scope).toBe(`source:${A.sourceId}`);
    expect(r.rows).toBe(5);
    expect(cols.map((c) => c.name)).toEqual(['Customer No', 'First Name', 'Surname', 'E-mail', 'Tel', 'DOB', 'Post Code', 'Notes', 'Score', 'NI Number']);
    expect(col(cols, 'Tel').feeds).toEqual(['phone']);
    expect(col(cols, 'Score').feeds).toEqual([]);
    expect(progress.at(-1)).toEqual([5, 5]);
  });

  it('counts nulls, blanks, distinct values and top values exactly', () => {
    const notes = col(cols, 'Notes');
    expect([notes.nulls, notes.blanks, notes.nonBlank]).toEqual([1, 1, 3]);
    expect(notes.nullShare).toBeCloseTo(0.2);
    expect(notes.blankShare).toBeCloseTo(0.2);
    const first = col(cols, 'First Name');
    expect(first.distinct).toEqual({ count: 4, exact: true });
    expect(first.untrimmed).toBe(1);
    expect(first.topValues.values).toEqual([
      { value: 'John', count: 2 },
      { value: ' Bob', count: 1 },
      { value: 'Ann', count: 1 },
      { value: 'Mary', count: 1 },
    ]);
    expect(first.length).toMatchObject({ min: 3, max: 4 });
    const email = col(cols, 'E-mail');
    expect([email.nulls, email.distinct.count]).toEqual([1, 4]);
    const pc = col(cols, 'Post Code');
    expect([pc.blanks, pc.nonBlank]).toEqual([1, 4]);
  });

  it('computes shapes', () => {
    expect(col(cols, 'First Name').shapes.values).toEqual([
      { value: 'Aaaa', count: 3 },
      { value: ' Aaa', count: 1 },
      { value: 'Aaa', count: 1 },
    ]);
    expect(col(cols, 'Customer No').shapes.values).toEqual([{ value: 'A999', count: 5 }]);
    expect(col(cols, 'Tel').shapes.values).toEqual([
      { value: '9+ 9+', count: 1 },
      { value: '9+', count: 2 },
      { value: '+99 9999 9+', count: 1 },
      { value: 'a/a', count: 1 },
    ].sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1)));
    expect(col(cols, 'Post Code').shapes.values.find((s) => s.value === 'AA9A 9AA')).toEqual({ value: 'AA9A 9AA', count: 2 });
  });

  it('infers types, numeric and date ranges', () => {
    expect(col(cols, 'Customer No').inferredType).toBe('text');
    const score = col(cols, 'Score');
    expect(score.inferredType).toBe('decimal');
    expect(score.kinds).toMatchObject({ integer: 3, decimal: 2 });
    expect(score.numeric).toMatchObject({ count: 5, min: -5, max: 1000 });
    expect(score.numeric!.mean).toBeCloseTo(211.1);
    expect(score.numeric!.histogram.reduce((a, b) => a + b.count, 0)).toBe(5);
    const dob = col(cols, 'DOB');
    expect(dob.inferredType).toBe('date');
    expect(dob.dates).toMatchObject({ count: 5, min: '1980-12-25', max: '1990-04-03', ambiguous: 1, order: 'DMY', orderEvidence: { dmy: 2, mdy: 0 } });
    // the ambiguous 03/04/1990 counts as DD/MM/YYYY: two values settle the column's order
    expect(dob.dates!.formats).toEqual([
      { value: 'DD/MM/YYYY', count: 3 },
      { value: 'DD-MON-YY', count: 1 },
      { value: 'YYYY-MM-DD', count: 1 },
    ]);
    expect(dob.dates).toMatchObject({ detected: 'DD/MM/YYYY', orderSettled: true, override: null });
    expect(col(cols, 'Tel').kinds).toMatchObject({ phone: 3, text: 1, integer: 1 });
  });

  it('checks validity', () => {
    expect(col(cols, 'E-mail').validity.email).toEqual({ checked: 4, valid: 3, invalid: 1, validShare: 0.75 });
    expect(col(cols, 'Tel').validity.phone).toEqual({ checked: 5, valid: 3, invalid: 2, validShare: 0.6 });
    expect(col(cols, 'DOB').validity.date).toMatchObject({ checked: 5, valid: 5 });
    expect(col(cols, 'Post Code').validity.postcode).toMatchObject({ checked: 4, valid: 4, uk: 3, us: 1, other: 0 });
    expect(col(cols, 'NI Number').validity.nationalId).toMatchObject({ checked: 3, valid: 3, nino: 2, ssn: 1 });
  });

  it('classifies PII from mapping, header and values', () => {
    const pii = Object.fromEntries(cols.map((c) => [c.name, `${c.pii.class}/${c.pii.basis}`]));
    expect(pii).toEqual({
      'Customer No': 'none/canonical',
      'First Name': 'name/canonical',
      Surname: 'name/canonical',
      'E-mail': 'email/canonical',
      Tel: 'phone/canonical',
      DOB: 'date_of_birth/canonical',
      'Post Code': 'address/canonical',
      Notes: 'free_text/canonical',
      Score: 'none/none',
      'NI Number': 'national_id/header',
    });
  });

  it('summarises malformed values and duplicates on exact keys', () => {
    expect(r.summary.rows).toBe(5);
    expect(r.summary.emails).toEqual({ present: 4, malformed: 1, malformedShare: 0.25 });
    expect(r.summary.phones).toEqual({ present: 5, malformed: 2, malformedShare: 0.4 });
    expect(r.summary.duplicates.email).toEqual({ keyed: 4, distinct: 3, duplicates: 1, duplicateShare: 0.25 });
    expect(r.summary.duplicates.phone).toEqual({ keyed: 3, distinct: 2, duplicates: 1, duplicateShare: 1 / 3 });
    expect(r.summary.duplicates.nameDob).toEqual({ keyed: 5, distinct: 4, duplicates: 1, duplicateShare: 0.2 });
    expect(r.sources).toHaveLength(1);
    expect(r.sources[0]).toMatchObject({ sourceId: A.sourceId, name: 'crm-a', rows: 5 });
  });

  it('stores and reloads the report', () => {
    saveProfile(db, r);
    expect(latestProfile(db, r.scope)).toEqual(r);
    expect(latestProfile(db, 'source:999')).toBeNull();
  });
});

describe('profileColumns, other scopes', () => {
  it('says when an import lists no columns instead of guessing its raw values', async () => {
    const r = await profileColumns(db, { kind: 'import', importId: B.importId }, { defaultCountry: 'GB' });
    expect(r.rows).toBe(2);
    expect(r.columns).toEqual([]);
    expect(r.notes.some((n) => n.includes('lists no columns'))).toBe(true);
  });

  it('workspace scope profiles canonical columns across sources, with per-source figures', async () => {
    const r = await profileColumns(db, { kind: 'workspace' }, { defaultCountry: 'GB' });
    expect(r.rows).toBe(7);
    expect(r.columns.map((c) => c.name)).toContain('date_of_birth');
    const email = col(r.columns, 'email');
    expect(email.nulls).toBe(3); // crm-a row 5 + both legacy-b rows (unmapped)
    expect(email.pii).toEqual({ class: 'email', basis: 'canonical' });
    expect(r.columns.some((c) => c.name === 'consent_email')).toBe(false); // no source maps it
    expect(r.sources.map((s) => [s.name, s.rows])).toEqual([
      ['crm-a', 5],
      ['legacy-b', 2],
    ]);
    expect(r.summary.rows).toBe(7);
    expect(r.summary.duplicates.email).toEqual({ keyed: 4, distinct: 3, duplicates: 1, duplicateShare: 0.25 });
  });

  it('goes approximate above the exact threshold (HLL within 3 %, heavy hitter kept)', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ({ id: i % 3 === 0 ? 'REPEATED' : `id-${i}` }));
    const S = addSource(db, { name: 'big', columns: [['id', 'source_key']], rows });
    const r = await profileColumns(db, { kind: 'source', sourceId: S.sourceId }, { defaultCountry: 'GB', exactDistinctLimit: 100, windowRows: 700 });
    const id = col(r.columns, 'id');
    expect(id.distinct.exact).toBe(false);
    expect(Math.abs(id.distinct.count - 2001) / 2001).toBeLessThan(0.03);
    expect(id.topValues.exact).toBe(false);
    expect(id.topValues.values[0]!.value).toBe('REPEATED');
    expect(id.topValues.values[0]!.count).toBeGreaterThanOrEqual(1000 - id.topValues.maxError);
    expect(id.nonBlank).toBe(3000);
    expect(id.shapes.values[0]).toEqual({ value: 'aa-9999', count: 1334 });
  });

  it('rejects unknown scopes and honours cancellation', async () => {
    await expect(profileColumns(db, { kind: 'source', sourceId: 999 }, { defaultCountry: 'GB' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const ac = new AbortController();
    ac.abort();
    await expect(profileColumns(db, { kind: 'workspace' }, { defaultCountry: 'GB', signal: ac.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

describe('catalogue', () => {
  it('lists sources, imports, columns, tables and lineage', () => {
    const cat = catalogue(db);
    const a = cat.sources.find((s) => s.name === 'crm-a')!;
    expect(a.records).toBe(5);
    expect(a.imports).toHaveLength(1);
    expect(a.columns.find((c) => c.name === 'Tel')).toEqual({ name: 'Tel', feeds: ['phone'], imports: [A.importId] });
    expect(cat.lineage.email).toEqual([{ sourceId: A.sourceId, source: 'crm-a', importId: A.importId, column: 'E-mail' }]);
    const records = cat.tables.find((t) => t.name === 'records')!;
    expect(records.rows).toBeGreaterThanOrEqual(7);
    expect(records.columns.map((c) => c.name)).toContain('raw');
  });
});

describe('renderProfileHtml', () => {
  it('escapes every value: no markup from the data reaches the page', async () => {
    const r = await profileColumns(db, { kind: 'source', sourceId: A.sourceId }, { defaultCountry: 'GB' });
    const html = renderProfileHtml(r, catalogue(db));
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('=HYPERLINK(&quot;http://x&quot;)');
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(html).toContain('<svg');
  });
});

describe('phone helper thread', () => {
  const pdb = tempWorkspace();
  it('phone helper thread changes nothing (same report with and without it)', async () => {
    const forms = (i: number) => {
      const n = String(1000000 + ((i * 7919) % 9000000));
      return [`07${700 + (i % 50)} ${n.slice(1)}`, `+44 7${700 + (i % 50)} ${n.slice(1)}`, `0044 20 ${n}`, `(0${1600 + (i % 90)}) ${n.slice(1)}`, `12345`, ` 0161 496 ${n.slice(3)} `, `+1 212 555 ${n.slice(3)}`, `ext ${n}`][i % 8]!;
    };
    const rows = Array.from({ length: 2500 }, (_, i) => ({ id: `p${i}`, tel: forms(i), mail: `u${i % 400}@example.com` }));
    const S = addSource(pdb, { name: 'phones', columns: [['id', 'source_key'], ['tel', 'phone'], ['mail', 'email']], rows });
    const strip = (r: Awaited<ReturnType<typeof profileColumns>>) => ({ ...r, createdAt: '', seconds: 0 });
    for (const scope of [{ kind: 'source' as const, sourceId: S.sourceId }, { kind: 'workspace' as const }]) {
      const o = { defaultCountry: 'GB', exactDistinctLimit: 300, windowRows: 300 };
      const off = await profileColumns(pdb, scope, { ...o, phoneHelper: false });
      const on = await profileColumns(pdb, scope, { ...o, phoneHelper: true });
      expect(strip(on)).toEqual(strip(off));
      expect(col(on.columns, scope.kind === 'source' ? 'tel' : 'phone').validity.phone!.valid).toBeGreaterThan(0);
    }
  });
});
