// Golden exports from a real workspace (demo data plus a file of formula-like values): provenance
// columns, formula-like cells neutralised in CSV and XLSX, a pseudonymised file holding no direct
// identifier of any record (and the same tokens every time), and a crosswalk covering every record.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineClient } from '../../../engine/api/index.js';
import { runJob } from '../../../engine/api/run-job.js';
import type { Engine } from '../../../engine/core/engine.js';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { CALLER, PASS, tempDir } from '../../helpers/tmp.js';

const t = tempDir();
const ws = join(t.dir, 'exports.aerie');
let c: EngineClient;
let engine: Engine;
const db = () => engine.requireSession().db;
const rows = (file: string) => parse(readFileSync(file, 'utf8').replace(/^\ufeff/, ''), { columns: true, relax_column_count: false }) as Record<string, string>[];

beforeAll(async () => {
  const started = startInProcessEngine({ roots: [t.dir], openHooks: false }, CALLER);
  c = started.client;
  engine = started.engine;
  await c.call('workspace.create', { path: ws, passphrase: PASS });
  await runJob(c, 'demo.generate', { customers: 200, seed: 8, events: false });
  const file = join(t.dir, 'formulas.csv');
  writeFileSync(file, 'ID,FIRST,LAST,EMAIL,CITY,COMPANY\nF1,"=HYPERLINK(""http://x"")",Quill,quill@example.com,@Leeds,+Evil Ltd\nF2,Hugo,-Reyes,hugo@example.com,York,Acme\n');
  await runJob(c, 'ingest.import', { path: file, source: 'formulas', mapping: { ID: 'source_key', FIRST: 'given_name', LAST: 'family_name', EMAIL: 'email', CITY: 'city', COMPANY: 'company' } });
  await runJob(c, 'resolve.run', {});
  await runJob(c, 'golden.build', {});
}, 120_000);

afterAll(async () => {
  await c.close();
  t.cleanup();
});

describe('golden exports', () => {
  it('CSV: one row per golden record with provenance columns; formula-like cells neutralised', async () => {
    const out = join(t.dir, 'golden.csv');
    const r = await c.call('golden.export', { path: out, format: 'csv' });
    const built = (await c.call('golden.summary', {})).build!;
    expect(r).toMatchObject({ rows: built.goldenRecords, format: 'csv', pseudonymised: false });
    const got = rows(out);
    expect(got.length).toBe(built.goldenRecords);
    expect(Object.keys(got[0]!)).toEqual(expect.arrayContaining(['golden_id', 'records', 'email', 'email_rule', 'email_confidence', 'email_sources']));
    const quill = got.find((x) => x.family_name === 'Quill')!;
    expect(quill.given_name).toBe(`'=HYPERLINK("http://x")`);
    expect(quill.city).toBe("'@Leeds");
    expect(quill.company).toBe("'+Evil Ltd");
    expect(got.find((x) => x.given_name === 'Hugo')!.family_name).toBe("'-Reyes");
    // provenance: the source, import and row of the record the value came from
    const rec = db().prepare("SELECT import_id, row_no FROM records WHERE source_key = 'F1'").get() as { import_id: number; row_no: number };
    expect(quill.email_sources).toBe(`formulas import ${rec.import_id} row ${rec.row_no}`);
    expect(quill.email_rule).toBe('mostFrequent');
    expect(Number(quill.email_confidence)).toBe(1);
    // no cell anywhere that a spreadsheet would run
    const number = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
    for (const row of got) for (const v of Object.values(row) as string[]) if (!number.test(v)) expect(v, v).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('XLSX: the same rows, text cells neutralised', async () => {
    const out = join(t.dir, 'golden.xlsx');
    const r = await c.call('golden.export', { path: out, format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(r.rows + 1);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    let found = false;
    sheet.eachRow((row) => {
      if (row.getCell(col('family_name')).value === 'Quill') {
        found = true;
        expect(row.getCell(col('given_name')).value).toBe(`'=HYPERLINK("http://x")`);
        expect(row.getCell(col('given_name')).formula).toBeUndefined();
      }
    });
    expect(found).toBe(true);
  });

  it('pseudonymised: no direct identifier of any record left, free text and source rows dropped, the same tokens every time', async () => {
    const a = join(t.dir, 'pseudo-a.csv');
    const b = join(t.dir, 'pseudo-b.csv');
    await c.call('golden.export', { path: a, format: 'csv', pseudonymise: true });
    await c.call('golden.export', { path: b, format: 'csv', pseudonymise: true });
    const text = readFileSync(a, 'utf8');
    expect(readFileSync(b, 'utf8')).toBe(text);
    const got = rows(a);
    expect(Object.keys(got[0]!).some((k) => k.endsWith('_sources') || k === 'company')).toBe(false);
    const ids = db().prepare('SELECT DISTINCT golden_id FROM golden_members').pluck().all() as string[];
    for (const id of ids) expect(text).not.toContain(id);
    const records = db().prepare('SELECT given_name, family_name, full_name, email, phone, address_line, postcode, date_of_birth, source_key FROM records').raw().all() as (string | null)[][];
    const values = records.flat().filter((v): v is string => v !== null && v.trim() !== '').map((v) => v.trim().toLowerCase());
    expect(values.length).toBeGreaterThan(1000);
    const cells = new Set(got.flatMap((row) => Object.values(row).map((v) => v.toLowerCase())));
    expect(values.filter((v) => cells.has(v)), 'direct identifiers in the pseudonymised export').toEqual([]);
    // emails, phones and keys are not even inside a cell
    const distinctive = records.flatMap((r) => [r[3], r[4], r[8]]).filter((v): v is string => typeof v === 'string' && v.trim().length >= 5);
    expect(distinctive.filter((v) => text.toLowerCase().includes(v.trim().toLowerCase()))).toEqual([]);
    // tokens: one per distinct value, the same for the same value
    for (const row of got) {
      expect(row.golden_id).toMatch(/^tok_[0-9a-f]{24}$/);
      if (row.email) expect(row.email).toMatch(/^tok_[0-9a-f]{24}$/);
    }
    expect(new Set(got.map((x) => x.golden_id)).size).toBe(got.length);
    // cities are kept (not a direct identifier)
    expect(got.some((x) => x.city === 'York')).toBe(true);
  });

  it('crosswalk: every record once, with its source key and golden id', async () => {
    const out = join(t.dir, 'crosswalk.csv');
    const r = await c.call('golden.exportCrosswalk', { path: out });
    const n = db().prepare('SELECT count(*) FROM records').pluck().get() as number;
    expect(r.rows).toBe(n);
    const got = rows(out);
    expect(got.length).toBe(n);
    expect(new Set(got.map((x) => x.record_id)).size).toBe(n);
    const members = new Map(db().prepare('SELECT record_id, golden_id FROM golden_members WHERE build_id = (SELECT max(build_id) FROM golden_members)').raw().all() as [number, string][]);
    for (const x of got) {
      expect(x.golden_id).toBe(members.get(Number(x.record_id)));
      expect(x.source?.length).toBeGreaterThan(0);
    }
    expect(got.find((x) => x.source_key === 'F1')?.source).toBe('formulas');
  });

  it('never over the workspace, nor over a file unless asked', async () => {
    await expect(c.call('golden.export', { path: ws })).rejects.toMatchObject({ code: 'PATH_NOT_ALLOWED' });
    await expect(c.call('golden.exportCrosswalk', { path: join(t.dir, 'crosswalk.csv') })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await c.call('golden.exportCrosswalk', { path: join(t.dir, 'crosswalk.csv'), overwrite: true })).rows).toBeGreaterThan(0);
  });
});
