// The report and catalogue schemas (engine/api/profile-types.ts) accept what the engine really
// stores and refuse a corrupted report: real encrypted workspace, demo data plus a CSV with odd
// columns, profiled through the API in every scope.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { EngineClient, Job } from '../../../engine/api/index.js';
import { Catalogue, ProfileReport, type ProfileScope } from '../../../engine/api/profile-types.js';
import { profileColumns } from '../../../engine/profile/profile.js';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { finishJob } from '../../helpers/jobs.js';
import { CALLER, PASS, tempDir } from '../../helpers/tmp.js';
import { addSource, tempWorkspace } from './helpers.js';

const t = tempDir();
const ws = join(t.dir, 'schema.aerie');
let c: EngineClient;

const finish = async (started: Promise<{ jobId: string }>): Promise<Job> => {
  const j = await finishJob(c, (await started).jobId);
  expect(j.state, j.error?.message).toBe('succeeded');
  return j;
};

// Every column is odd in some way: untrimmed, blank-only, ambiguous and unambiguous dates,
// thousands separators and huge integers, booleans, national ids, US and UK postcodes, a quoted
// newline, accents, and a column left unmapped.
const CSV = [
  'Ref,Given,Surname,E-mail,Tel,Post Code,DOB,Balance,Active,NI Number,Empty,Notes,Extra',
  'A1, Zoë ,Smith,zoe@example.com,020 7946 0018,SW1A 1AA,03/04/1980,"1,234.56",Y,QQ123456C,,"two\nlines",x',
  'A2,Bob,Jones,bob at example.com,+1 202 555 0143,90210,25/12/1979,-12.5,N,123-45-6789,  ,plain,',
  'A3,Ann,Lee,ann@example.com,12,M1 1AA,1985-07-01,999999999999999999999999999999,yes,,,,y',
  'A4,Ann,Lee,ANN@example.com,,ec1a 1bb,12-JAN-85,0,no,AB123456C,,"a, b",',
  'A5,Cy,O\'Neil,cy@example,07700 900123,not a postcode,31/02/1990,7,true,,,=1+1,z',
].join('\n');

beforeAll(async () => {
  c = startInProcessEngine({ roots: [t.dir] }, CALLER).client;
  await c.call('workspace.create', { path: ws, passphrase: PASS });
  await finish(c.call('demo.generate', { customers: 3_000, seed: 7, events: false }));
  const csv = join(t.dir, 'odd.csv');
  writeFileSync(csv, CSV);
  await finish(c.call('ingest.start', { path: csv, source: 'odd' }));
}, 60_000);
afterAll(async () => {
  await c.close();
  t.cleanup();
});

/** Profiles a scope through the API and returns the stored report as profile.get gives it. */
async function stored(scope: ProfileScope): Promise<unknown> {
  await finish(c.call('profile.run', { scope, defaultCountry: 'GB' }));
  const r = await c.call('profile.get', { scope });
  expect(r).not.toBeNull();
  return r;
}

/** The parse, with zod's issues in the failure message. */
function parses<S extends z.ZodType>(schema: S, x: unknown): z.infer<S> {
  const res = schema.safeParse(x);
  if (!res.success) expect.fail(JSON.stringify(res.error.issues.slice(0, 5)));
  return res.data;
}

describe('profile report schema', () => {
  let workspaceReport: ProfileReport;

  it('accepts the stored workspace, source and import reports and the catalogue', async () => {
    const cat = parses(Catalogue, await c.call('catalogue.get', {}));
    const odd = cat.sources.find((s) => s.name === 'odd')!;
    const demo = cat.sources.find((s) => s.name !== 'odd')!;
    expect(odd.imports).toHaveLength(1);
    expect(cat.tables.find((x) => x.name === 'records')!.rows).toBe(3_005);

    workspaceReport = parses(ProfileReport, await stored({ kind: 'workspace' }));
    expect(workspaceReport.rows).toBe(3_005);
    expect(workspaceReport.sources.length).toBeGreaterThan(1);

    parses(ProfileReport, await stored({ kind: 'source', sourceId: demo.id }));
    const report = parses(ProfileReport, await stored({ kind: 'import', importId: odd.imports[0]!.id }));
    const col = (name: string) => report.columns.find((x) => x.name === name)!;
    // The odd columns reached the report with the figures the schema has to allow.
    expect(col('Empty').inferredType).toBe('empty');
    expect(col('Empty').length).toBeNull();
    expect(col('DOB').dates).not.toBeNull();
    expect(col('Balance').numeric).not.toBeNull();
    expect(col('Post Code').validity.postcode).toBeDefined();
  });

  it('accepts a report whose columns outgrew exact counting (sketch figures)', async () => {
    const db = tempWorkspace();
    // Tag: a letter pattern per row (binary of i), so that shapes outgrow exact counting too.
    const rows = Array.from({ length: 400 }, (_, i) => ({
      Tag: i.toString(2).replace(/0/g, 'a').replace(/1/g, 'B'),
      Mail: `p${i}@example.com`,
      Score: String(i * 1.5),
      Born: `${(i % 28) + 1}/0${(i % 9) + 1}/1970`,
    }));
    const scope = { kind: 'source', sourceId: addSource(db, { name: 'big', columns: [['Tag', 'source_key'], ['Mail', 'email'], ['Score', null], ['Born', 'date_of_birth']], rows }).sourceId } as const;
    const r = await profileColumns(db, scope, { defaultCountry: 'US', exactDistinctLimit: 50, topN: 5 });
    const back = parses(ProfileReport, JSON.parse(JSON.stringify(r)));
    expect(back.columns[0]!.distinct.exact).toBe(false);
    expect(back.columns[0]!.shapes).toMatchObject({ exact: false, distinct: null });
  });

  it('refuses a corrupted report or catalogue', () => {
    const bad = (mutate: (r: Record<string, any>) => void) => {
      const r = structuredClone(workspaceReport) as Record<string, any>;
      mutate(r);
      return ProfileReport.safeParse(r).success;
    };
    expect(bad(() => undefined)).toBe(true);
    expect(bad((r) => (r.rows = String(r.rows)))).toBe(false);
    expect(bad((r) => (r.columns[0].nulls = '0'))).toBe(false);
    expect(bad((r) => (r.columns[0].inferredType = 'money'))).toBe(false);
    expect(bad((r) => (r.columns[0].pii.class = 'secret'))).toBe(false);
    expect(bad((r) => delete r.columns[0].kinds.email)).toBe(false);
    expect(bad((r) => (r.columns[0].nullShare = 1.5))).toBe(false);
    expect(bad((r) => (r.summary.duplicates.email.keyed = -1))).toBe(false);
    expect(bad((r) => (r.version = 2))).toBe(false);
    expect(bad((r) => (r.scope = 'table:records'))).toBe(false);
    // NaN and Infinity come back from JSON as null: a number field that is null is refused.
    expect(bad((r) => (r.columns.find((x: { numeric: unknown }) => x.numeric).numeric.mean = null))).toBe(false);
    expect(Catalogue.safeParse({ sources: [], tables: [{ name: 'records', rows: '12', columns: [] }], lineage: {} }).success).toBe(false);
    expect(Catalogue.safeParse({ sources: [], tables: [], lineage: { email: [{ sourceId: 1, source: 's', importId: 1 }] } }).success).toBe(false);
  });
});
