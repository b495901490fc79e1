// demo.generate: three overlapping messy feeds, events driven by a hidden truth, the truth beside
// the workspace, determinism, resume and rollback.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../../engine/db/sqlite.js';
import { truthPathFor } from '../../../engine/demo/truth-file.js';
import { OriginalReader, type StoredRow } from '../../../engine/data/original.js';
import { isEmail } from '../../../engine/standardize/email.js';
import { tempDir } from '../../helpers/tmp.js';
import { openWorkspace, runDemo } from './harness.js';

const N = 6_000;
let t: ReturnType<typeof tempDir>;
let db: DB;
let ws: string;

interface TruthRecord {
  source: string;
  key: string;
  rowNo: number;
  person: number;
  duplicate: boolean;
}
interface TruthPerson {
  id: number;
  household: number;
  churned: boolean;
  churnDate: string;
  propensity: number;
}

const csv = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));

function readTruth(path: string): { records: TruthRecord[]; persons: TruthPerson[]; manifest: Record<string, unknown> } {
  const dir = truthPathFor(path);
  return {
    records: csv(join(dir, 'records.csv')).map(([source, key, rowNo, person, dup]) => ({ source: source!, key: key!, rowNo: Number(rowNo), person: Number(person), duplicate: dup === '1' })),
    persons: csv(join(dir, 'persons.csv')).map(([id, household, , churned, churnDate, propensity]) => ({
      id: Number(id),
      household: Number(household),
      churned: churned === '1',
      churnDate: churnDate!,
      propensity: Number(propensity),
    })),
    manifest: JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>,
  };
}

/** A digest of everything the job wrote, for determinism checks. */
function dump(d: DB): string {
  const rec = d.prepare('SELECT s.name, r.row_no, r.source_key, r.given_name, r.family_name, r.full_name, r.email, r.phone, r.address_line, r.city, r.postcode, r.country, r.date_of_birth, r.company, r.consent_email, r.consent_sms, r.notes, r.raw FROM records r JOIN sources s ON s.id = r.source_id ORDER BY s.name, r.row_no').raw().all();
  const ev = d.prepare('SELECT s.name, e.source_key, e.type, e.at, e.amount, e.channel, e.text FROM events e JOIN sources s ON s.id = e.source_id ORDER BY e.id').raw().all();
  const cols = d.prepare('SELECT s.name, c.position, c.name, c.canonical FROM import_columns c JOIN imports i ON i.id = c.import_id JOIN sources s ON s.id = i.source_id ORDER BY s.name, c.position').raw().all();
  return JSON.stringify([rec, ev, cols]);
}

beforeAll(async () => {
  t = tempDir();
  ws = join(t.dir, 'acme.aerie');
  db = openWorkspace(ws);
  await runDemo(db, { customers: N, seed: 42 });
});
afterAll(() => {
  db.close();
  t.cleanup();
});

describe('demo.generate data', () => {
  it('writes exactly `customers` accounts over three feeds, each with its own columns and keys', () => {
    expect(db.prepare('SELECT count(*) FROM records').pluck().get()).toBe(N);
    const imports = db.prepare("SELECT s.name, i.format, i.state, i.rows_read, i.rows_imported, i.id FROM imports i JOIN sources s ON s.id = i.source_id ORDER BY i.id").all() as {
      name: string; format: string; state: string; rows_read: number; rows_imported: number; id: number;
    }[];
    expect(imports.map((i) => i.name)).toEqual(['demo-crm', 'demo-marketing', 'demo-billing']);
    for (const i of imports) {
      expect(i).toMatchObject({ format: 'generated', state: 'done' });
      const max = db.prepare('SELECT count(*) AS n, max(row_no) AS m FROM records WHERE import_id = ?').get(i.id) as { n: number; m: number };
      expect(max.n).toBe(i.rows_imported);
      expect(max.m).toBe(i.rows_read); // row_no is 1..n within the source
    }
    const columnsOf = (name: string) =>
      db.prepare('SELECT c.name, c.canonical FROM import_columns c JOIN imports i ON i.id = c.import_id JOIN sources s ON s.id = i.source_id WHERE s.name = ? ORDER BY c.position').all(name) as { name: string; canonical: string | null }[];
    const crm = columnsOf('demo-crm');
    expect(crm.map((c) => c.name)).toEqual(expect.arrayContaining(['CUST_ID', 'FIRST_NM', 'LAST_NM', 'EMAIL_ADDR', 'PHONE_NO', 'ADDR_LINE1', 'CITY', 'POST_CODE', 'DOB', 'COMPANY_NAME', 'OPT_IN_EMAIL', 'NOTES']));
    expect(crm.find((c) => c.name === 'FIRST_NM')!.canonical).toBe('given_name');
    expect(columnsOf('demo-marketing').map((c) => c.name)).toEqual(expect.arrayContaining(['subscriber_id', 'full_name', 'email', 'email_consent']));
    expect(columnsOf('demo-billing').map((c) => c.name)).toEqual(expect.arrayContaining(['AccountNo', 'AccountName', 'Tel', 'PostCode']));
    // raw holds the source's own column names, verbatim, in file order; canonical columns come from them.
    const original = new OriginalReader(db, 'customers');
    for (const name of ['demo-crm', 'demo-marketing', 'demo-billing']) {
      const cols = columnsOf(name);
      const rows = db.prepare('SELECT r.* FROM records r JOIN sources s ON s.id = r.source_id WHERE s.name = ? ORDER BY r.row_no LIMIT 200').all(name) as StoredRow[];
      for (const r of rows) {
        const values = original.values(r) as string[];
        expect(values).toHaveLength(cols.length);
        const raw = Object.fromEntries(cols.map((c, i) => [c.name, values[i]!]));
        const keyCol = cols.find((c) => c.canonical === 'source_key')!.name;
        expect(r.source_key).toBe(raw[keyCol]);
        const emailCol = cols.find((c) => c.canonical === 'email')!.name;
        expect(r.email).toBe(raw[emailCol]!.trim() || null);
      }
    }
    const keys = db.prepare("SELECT s.name, min(r.source_key) k FROM records r JOIN sources s ON s.id = r.source_id GROUP BY s.name").all() as { name: string; k: string }[];
    expect(Object.fromEntries(keys.map((k) => [k.name, k.k]))).toMatchObject({ 'demo-crm': expect.stringMatching(/^C\d{8}$/), 'demo-marketing': expect.stringMatching(/^sub_[0-9a-z]{6}$/), 'demo-billing': expect.stringMatching(/^ACC\/\d{6}$/) });
  });

  it('has roughly a quarter of emails malformed', () => {
    const emails = db.prepare('SELECT email FROM records WHERE email IS NOT NULL').pluck().all() as string[];
    const bad = emails.filter((e) => !isEmail(e)).length / emails.length;
    expect(bad).toBeGreaterThan(0.18);
    expect(bad).toBeLessThan(0.32);
    // and each kind of damage occurs
    expect(emails.some((e) => e.includes(' at '))).toBe(true);
    expect(emails.some((e) => e.endsWith(','))).toBe(true);
    expect(emails.some((e) => e.includes('..'))).toBe(true);
    expect(emails.some((e) => !e.includes('@'))).toBe(true);
  });

  // The generator had its own email pattern, which let "ann.@example.com" through: such subscribers
  // were sent campaigns instead of bouncing. It now asks the one email check (standardize/email.ts).
  it('bounces campaign emails exactly for addresses the profiler calls malformed', () => {
    const rows = db
      .prepare(
        "SELECT r.email, max(e.type = 'email.bounce') AS bounced FROM records r JOIN sources s ON s.id = r.source_id AND s.name = 'demo-marketing' JOIN events e ON e.source_id = r.source_id AND e.source_key = r.source_key AND e.type LIKE 'email.%' GROUP BY r.id",
      )
      .all() as { email: string | null; bounced: number }[];
    expect(rows.length).toBeGreaterThan(100);
    for (const r of rows) expect(r.bounced === 1, r.email ?? '(none)').toBe(!isEmail(r.email ?? ''));
    expect(rows.some((r) => r.email !== null && r.email.includes('.@') && r.bounced === 1)).toBe(true);
  });

  it('shows the usual legacy mess: nicknames, swapped names, format drift, households, formula-like notes', () => {
    const raws = (name: string) => {
      const names = db.prepare('SELECT c.name FROM import_columns c JOIN imports i ON i.id = c.import_id JOIN sources s ON s.id = i.source_id WHERE s.name = ? ORDER BY c.position').pluck().all(name) as string[];
      const original = new OriginalReader(db, 'customers');
      return (db.prepare('SELECT r.* FROM records r JOIN sources s ON s.id = r.source_id WHERE s.name = ?').all(name) as StoredRow[]).map((r) => {
        const values = original.values(r) as string[];
        return Object.fromEntries(names.map((c, i) => [c, values[i]!])) as Record<string, string>;
      });
    };
    const crm = raws('demo-crm');
    const first = new Set(crm.map((r) => r.FIRST_NM));
    for (const nick of ['Bob', 'Liz', 'Bill']) expect(first.has(nick) || first.has(nick.toUpperCase()), nick).toBe(true);
    const swapped = crm.filter((r) => /^(Smith|Jones|Brown|Taylor|Wilson)$/i.test(r.FIRST_NM!)).length;
    expect(swapped).toBeGreaterThan(0); // given and family swapped
    const dobs = crm.map((r) => r.DOB!).filter(Boolean);
    expect(dobs.some((d) => /^\d{2}\/\d{2}\/\d{4}$/.test(d))).toBe(true);
    expect(dobs.some((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))).toBe(true);
    expect(dobs.some((d) => /^\d{2}-[A-Z]{3}-\d{2}$/.test(d))).toBe(true);
    const phones = crm.map((r) => r.PHONE_NO!).filter(Boolean);
    expect(phones.some((p) => p.startsWith('+44'))).toBe(true);
    expect(phones.some((p) => /^0\d{10}$/.test(p))).toBe(true);
    expect(phones.some((p) => p.includes('-'))).toBe(true);
    const pcs = crm.map((r) => r.POST_CODE!).filter(Boolean);
    expect(pcs.some((p) => /^[a-z]/.test(p))).toBe(true);
    expect(pcs.some((p) => /^[A-Z0-9]+$/.test(p))).toBe(true);
    expect(crm.some((r) => /^[=+\-@]/.test(r.NOTES!))).toBe(true);
    expect(crm.filter((r) => r.FIRST_NM === '' || r.EMAIL_ADDR === '').length).toBeGreaterThan(0);
    expect(crm.some((r) => r.LAST_NM === r.LAST_NM!.toUpperCase() && /[A-Z]{3}/.test(r.LAST_NM!))).toBe(true);
    // Households: persons sharing one head share family name and address.
    const truth = readTruth(ws);
    const households = new Map<number, number>();
    for (const p of truth.persons) households.set(p.household, (households.get(p.household) ?? 0) + 1);
    const shared = [...households.values()].filter((n) => n > 1).length;
    expect(shared / households.size).toBeGreaterThan(0.05);
  });

  it('duplicates about a tenth of accounts beyond the natural overlap, per the truth', () => {
    const { records, persons } = readTruth(ws);
    const dup = records.filter((r) => r.duplicate).length / records.length;
    expect(dup).toBeGreaterThan(0.08);
    expect(dup).toBeLessThan(0.12);
    // The flag agrees with the mapping: a duplicate's (source, person) appeared on an earlier row.
    const seen = new Set<string>();
    let repeated = 0;
    for (const r of records) {
      const k = `${r.source}|${r.person}`;
      if (seen.has(k)) repeated++;
      seen.add(k);
    }
    expect(repeated).toBe(records.filter((r) => r.duplicate).length);
    // The feeds overlap: many persons are in two or three of them, and every person is somewhere.
    const feeds = new Map<number, Set<string>>();
    for (const r of records) (feeds.get(r.person) ?? feeds.set(r.person, new Set()).get(r.person)!).add(r.source);
    expect(feeds.size).toBe(persons.length);
    const multi = [...feeds.values()].filter((s) => s.size > 1).length / feeds.size;
    expect(multi).toBeGreaterThan(0.2);
    expect(multi).toBeLessThan(0.8);
  });

  it('writes the truth beside the workspace, consistent with the records', () => {
    const dir = truthPathFor(ws);
    expect(dir).toBe(join(t.dir, 'acme.truth'));
    expect(existsSync(join(dir, 'persons.csv'))).toBe(true);
    const { records, persons, manifest } = readTruth(ws);
    expect(manifest).toMatchObject({ format: 1, seed: 42, customers: N, persons: persons.length });
    expect(records).toHaveLength(N);
    const inDb = db.prepare('SELECT s.name, r.source_key, r.row_no FROM records r JOIN sources s ON s.id = r.source_id').raw().all() as [string, string, number][];
    const want = new Set(records.map((r) => `${r.source}|${r.key}|${r.rowNo}`));
    expect(new Set(inDb.map(([s, k, n]) => `${s}|${k}|${n}`))).toEqual(want);
    expect(records.every((r) => r.person >= 0 && r.person < persons.length)).toBe(true);
    // Churn is driven by the latent propensity.
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const churners = persons.filter((p) => p.churned);
    expect(churners.length / persons.length).toBeGreaterThan(0.1);
    expect(churners.length / persons.length).toBeLessThan(0.4);
    expect(mean(churners.map((p) => p.propensity))).toBeGreaterThan(mean(persons.filter((p) => !p.churned).map((p) => p.propensity)) + 0.05);
    // The truth says nothing personal.
    const text = readFileSync(join(dir, 'persons.csv'), 'utf8') + readFileSync(join(dir, 'records.csv'), 'utf8');
    const someEmail = db.prepare("SELECT email FROM records WHERE email LIKE '%@%.%' LIMIT 1").pluck().get() as string;
    expect(text.includes(someEmail)).toBe(false);
  });

  it('writes over two years of events; churners go quiet at their churn date and complain first', () => {
    const span = db.prepare('SELECT min(at) AS a, max(at) AS b, count(*) AS n FROM events').get() as { a: string; b: string; n: number };
    expect((Date.parse(span.b) - Date.parse(span.a)) / 86_400_000).toBeGreaterThan(730);
    const { records, persons } = readTruth(ws);
    expect(span.n / persons.length).toBeGreaterThan(8);
    expect(span.n / persons.length).toBeLessThan(30);
    const types = new Set(db.prepare('SELECT DISTINCT type FROM events').pluck().all());
    for (const ty of ['order', 'email.sent', 'email.open', 'email.click', 'email.unsubscribe', 'email.bounce', 'ticket']) expect(types.has(ty), ty).toBe(true);
    expect(db.prepare("SELECT count(*) FROM events WHERE type = 'order' AND (amount IS NULL OR channel IS NULL)").pluck().get()).toBe(0);
    const personOf = new Map(records.map((r) => [`${r.source}|${r.key}`, r.person]));
    const churnDate = new Map(persons.filter((p) => p.churned).map((p) => [p.id, p.churnDate]));
    const events = db.prepare('SELECT s.name, e.source_key, e.at, e.type, e.text FROM events e JOIN sources s ON s.id = e.source_id').raw().all() as [string, string, string, string, string | null][];
    let late = 0;
    const angry = { churner: 0, stayer: 0 };
    for (const [src, key, at, type, text] of events) {
      const person = personOf.get(`${src}|${key}`);
      expect(person).toBeDefined();
      const cd = churnDate.get(person!);
      if (cd !== undefined && at.slice(0, 10) >= cd) late++;
      if (type === 'ticket' && text && /cancel|leaving|elsewhere|close my account|Unacceptable|stay\?/i.test(text)) angry[cd !== undefined ? 'churner' : 'stayer']++;
    }
    expect(late).toBe(0);
    const churnerShare = churnDate.size / persons.length;
    // Angry tickets come from churners far more often than their share of persons.
    expect(angry.churner / (angry.churner + angry.stayer)).toBeGreaterThan(churnerShare + 0.2);
  });
});

describe('demo.generate job behaviour', () => {
  it('is deterministic per seed, and a different seed gives different data', async () => {
    const t2 = tempDir();
    try {
      const a = openWorkspace(join(t2.dir, 'a.aerie'));
      const b = openWorkspace(join(t2.dir, 'b.aerie'));
      const c = openWorkspace(join(t2.dir, 'c.aerie'));
      await runDemo(a, { customers: 1_500, seed: 9 });
      await runDemo(b, { customers: 1_500, seed: 9 });
      await runDemo(c, { customers: 1_500, seed: 10 });
      expect(dump(a)).toBe(dump(b));
      expect(dump(a)).not.toBe(dump(c));
      expect(readFileSync(join(t2.dir, 'a.truth', 'records.csv'), 'utf8')).toBe(readFileSync(join(t2.dir, 'b.truth', 'records.csv'), 'utf8'));
      expect(readFileSync(join(t2.dir, 'a.truth', 'persons.csv'), 'utf8')).toBe(readFileSync(join(t2.dir, 'b.truth', 'persons.csv'), 'utf8'));
      for (const d of [a, b, c]) d.close();
    } finally {
      t2.cleanup();
    }
  });

  it('resumes after a crash to exactly the data of an uninterrupted run (bulk mode, indexes rebuilt)', async () => {
    const t2 = tempDir();
    try {
      const params = { customers: 100_000, seed: 4, events: false };
      const a = openWorkspace(join(t2.dir, 'a.aerie'));
      const indexesBefore = a.prepare("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name").pluck().all();
      await expect(runDemo(a, params, { crashAfter: 3 })).rejects.toThrow(/simulated crash/);
      expect(a.prepare('SELECT count(*) FROM records').pluck().get()).toBe(6_000);
      expect(a.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'records_by_email'").pluck().get()).toBe(0);
      const { result } = await runDemo(a, params);
      expect(result).toMatchObject({ customers: 100_000, events: 0 });
      expect(a.prepare("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name").pluck().all()).toEqual(indexesBefore);
      const rows = a.prepare('SELECT count(*) AS n, count(DISTINCT import_id || \':\' || row_no) AS u FROM records').get();
      expect(rows).toEqual({ n: 100_000, u: 100_000 });
      const truth = readFileSync(join(t2.dir, 'a.truth', 'records.csv'), 'utf8').trim().split('\n');
      expect(truth).toHaveLength(100_001);
      a.close();
    } finally {
      t2.cleanup();
    }
  }, 60_000);

  it('resumes with events to the same rows as a straight run', async () => {
    const t2 = tempDir();
    try {
      const a = openWorkspace(join(t2.dir, 'a.aerie'));
      const b = openWorkspace(join(t2.dir, 'b.aerie'));
      await expect(runDemo(a, { customers: 7_000, seed: 5 }, { crashAfter: 2 })).rejects.toThrow();
      await runDemo(a, { customers: 7_000, seed: 5 });
      await runDemo(b, { customers: 7_000, seed: 5 });
      expect(dump(a)).toBe(dump(b));
      a.close();
      b.close();
    } finally {
      t2.cleanup();
    }
  });

  it('rolls back everything it wrote on cancel, indexes included', async () => {
    const t2 = tempDir();
    try {
      const a = openWorkspace(join(t2.dir, 'a.aerie'));
      const tables = ['records', 'events', 'imports', 'import_columns', 'sources'];
      const count = () => Object.fromEntries(tables.map((x) => [x, a.prepare(`SELECT count(*) FROM ${x}`).pluck().get()]));
      const schema = () => a.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all();
      const before = { counts: count(), schema: schema() };
      await expect(runDemo(a, { customers: 150_000, seed: 1 }, { cancelAfter: 2 })).rejects.toThrow(/Cancelled/);
      expect({ counts: count(), schema: schema() }).toEqual(before);
      // small (non-bulk) runs too
      await expect(runDemo(a, { customers: 9_000, seed: 1 }, { cancelAfter: 2, jobId: 'j2' })).rejects.toThrow(/Cancelled/);
      expect({ counts: count(), schema: schema() }).toEqual(before);
      expect(existsSync(join(t2.dir, 'a.truth'))).toBe(false);
      a.close();
    } finally {
      t2.cleanup();
    }
  });
});
