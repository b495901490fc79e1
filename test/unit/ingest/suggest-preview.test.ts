// Suggestions through the engine on real files (issues 15 and 16): preview a FEBRL extract, a churn
// snapshot and a German CRM export in a real encrypted workspace, import with the suggestions and
// profile: the key is the key, no identity number or yes/no column is a phone, and the national id
// profiles as PII of its own class.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineClient, Preview } from '../../../engine/api/index.js';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { finishJob } from '../../helpers/jobs.js';
import { CALLER, PASS, tempDir } from '../../helpers/tmp.js';

const t = tempDir();
let c: EngineClient;

const FEBRL =
  'rec_id, given_name, surname, street_number, address_1, address_2, suburb, postcode, state, date_of_birth, soc_sec_id\n' +
  'rec-1-org, mitchell, green, 7, wallaby place, delmar, cleveland, 2119, sa, 19560409, 1804974\n' +
  'rec-1-dup-0, mitchel, green, 7, wallaby pl, delmar, cleveland, 2119, sa, 19560409, 1804974\n' +
  'rec-2-org, harley, mccarthy, 177, pridham street, milton, marsden, 3165, nsw, 19080419, 6089216\n' +
  'rec-3-org, james, smith, 12, main road, , sydney, 2000, nsw, 19701231, 5827695\n';

const CHURN =
  'customerID,gender,SeniorCitizen,Partner,tenure,PhoneService,MultipleLines,Contract,MonthlyCharges,TotalCharges,Churn,CREATED_AT\n' +
  '7590-VHVEG,Female,0,Yes,1,No,No phone service,Month-to-month,29.85,29.85,No,2023-01-04\n' +
  '5575-GNVDE,Male,0,No,34,Yes,No,One year,56.95,1889.5,No,1999-02-05\n' +
  '3668-QPYBK,Male,0,No,2,Yes,No,Month-to-month,53.85,108.15,Yes,2001-03-01\n' +
  '7795-CFOCW,Male,0,No,45,No,No phone service,One year,42.30,1840.75,No,1984-07-19\n';

const GERMAN = 'kundennr;vorname;nachname;geburtsdatum;plz;ort;E-Mail\n10234;Jürgen;Müller;12.03.1965;10115;Berlin;j.mueller@example.de\n10235;Anna;Schmidt;01.07.1980;80331;München;anna@example.de\n';

const attrs = (p: Preview) => Object.fromEntries(p.suggestions.map((s) => [s.column, s.attribute]));

beforeAll(async () => {
  c = startInProcessEngine({ roots: [t.dir] }, CALLER).client;
  await c.call('workspace.create', { path: join(t.dir, 'suggest.aerie'), passphrase: PASS });
  writeFileSync(join(t.dir, 'febrl.csv'), FEBRL);
  writeFileSync(join(t.dir, 'churn.csv'), CHURN);
  writeFileSync(join(t.dir, 'kunden.csv'), GERMAN, 'latin1');
});
afterAll(async () => {
  await c.close();
  t.cleanup();
});

describe('ingest.preview suggestions on real files', () => {
  it('FEBRL: rec_id is the key and soc_sec_id feeds nothing; imported and profiled, soc_sec_id is a national id', async () => {
    const p = await c.call('ingest.preview', { path: join(t.dir, 'febrl.csv') });
    expect(attrs(p)).toMatchObject({ rec_id: 'source_key', date_of_birth: 'date_of_birth', soc_sec_id: null, postcode: 'postcode' });
    expect(p.suggestions.find((s) => s.column === 'date_of_birth')).toMatchObject({ fit: 1, checked: 4 });
    const j = await finishJob(c, (await c.call('ingest.start', { path: p.file, source: 'febrl' })).jobId);
    expect(j.state, j.error?.message).toBe('succeeded');
    const sourceId = (await c.call('sources.list', {})).find((s) => s.name === 'febrl')!.id;
    const run = await finishJob(c, (await c.call('profile.run', { scope: { kind: 'source', sourceId } })).jobId);
    expect(run.state, run.error?.message).toBe('succeeded');
    const r = (await c.call('profile.get', { scope: { kind: 'source', sourceId } }))!;
    const ssn = r.columns.find((x) => x.name === 'soc_sec_id')!;
    expect(ssn.pii).toEqual({ class: 'national_id', basis: 'header' });
    expect(ssn.validity.phone).toBeUndefined();
    expect(r.summary.phones.present).toBe(0);
  });

  it('churn snapshot: only customerID is suggested (PhoneService is not a phone, CREATED_AT not a date of birth)', async () => {
    const p = await c.call('ingest.preview', { path: join(t.dir, 'churn.csv') });
    expect(p.suggestions.filter((s) => s.attribute !== null).map((s) => [s.column, s.attribute])).toEqual([['customerID', 'source_key']]);
    expect(p.suggestions.find((s) => s.column === 'PhoneService')!.why).toContain('0 of 4 sample values are phone numbers');
  });

  it('German CRM export in cp1252: kundennr is the key, vorname the given name', async () => {
    const p = await c.call('ingest.preview', { path: join(t.dir, 'kunden.csv') });
    expect(attrs(p)).toEqual({ kundennr: 'source_key', vorname: 'given_name', nachname: 'family_name', geburtsdatum: 'date_of_birth', plz: 'postcode', ort: 'city', 'E-Mail': 'email' });
  });
});
