// The workspace view shows what the workspace holds (issue 15): each source's own columns, tagged
// with their source, canonical attributes only where some source maps them (or they hold values),
// and no PII class or phone check for a yes/no flag whose header names a contact channel.
import { describe, expect, it } from 'vitest';
import { ProfileReport } from '../../../engine/api/profile-types.js';
import { catalogue } from '../../../engine/profile/catalogue.js';
import { renderProfileHtml } from '../../../engine/profile/html.js';
import { profileColumns } from '../../../engine/profile/profile.js';
import { addSource, tempWorkspace } from './helpers.js';

const db = tempWorkspace();
const churnRows = Array.from({ length: 40 }, (_, i) => ({
  customerID: `${1000 + i}-ABCD`,
  gender: i % 2 ? 'Male' : 'Female',
  SeniorCitizen: String(i % 5 === 0 ? 1 : 0),
  tenure: String(i % 72),
  PhoneService: i % 3 ? 'Yes' : 'No',
  Contract: ['Month-to-month', 'One year', 'Two year'][i % 3]!,
  MonthlyCharges: (20 + i * 1.5).toFixed(2),
  TotalCharges: i % 10 === 0 ? ' ' : (100 + i * 30.25).toFixed(2),
  Churn: i % 4 ? 'No' : 'Yes',
}));
const snapshot = addSource(db, {
  name: 'churn-snapshot',
  columns: [['customerID', 'source_key'], ...['gender', 'SeniorCitizen', 'tenure', 'PhoneService', 'Contract', 'MonthlyCharges', 'TotalCharges', 'Churn'].map((c): [string, null] => [c, null])],
  rows: churnRows,
});
const crm = addSource(db, {
  name: 'crm',
  columns: [['Id', 'source_key'], ['Mail', 'email'], ['Segment', null]],
  rows: [{ Id: 'A', Mail: 'a@example.com', Segment: 'gold' }, { Id: 'B', Mail: 'b@example', Segment: 'silver' }],
});

describe('profile, workspace view', () => {
  it("shows each source's own columns, grouped by source, with their row counts", async () => {
    const r = await profileColumns(db, { kind: 'workspace' }, { defaultCountry: 'GB' });
    expect(() => ProfileReport.parse(r)).not.toThrow();
    const own = (id: number) => r.columns.filter((c) => c.source?.id === id);
    expect(own(snapshot.sourceId).map((c) => c.name)).toEqual(['customerID', 'gender', 'SeniorCitizen', 'tenure', 'PhoneService', 'Contract', 'MonthlyCharges', 'TotalCharges', 'Churn']);
    expect(own(crm.sourceId).map((c) => c.name)).toEqual(['Id', 'Mail', 'Segment']);
    expect(own(snapshot.sourceId).every((c) => c.rows === 40 && c.source!.name === 'churn-snapshot')).toBe(true);
    const contract = own(snapshot.sourceId).find((c) => c.name === 'Contract')!;
    expect(contract.nulls).toBe(0);
    expect(contract.topValues.values.map((v) => v.value).sort()).toEqual(['Month-to-month', 'One year', 'Two year']);
    const total = own(snapshot.sourceId).find((c) => c.name === 'TotalCharges')!;
    expect(total.blanks).toBe(4);
    expect(total.inferredType).toBe('decimal');
    expect(own(crm.sourceId).find((c) => c.name === 'Mail')!.feeds).toEqual(['email']);
  });

  it('shows canonical attributes only where some source maps them', async () => {
    const r = await profileColumns(db, { kind: 'workspace' }, { defaultCountry: 'GB' });
    const canonical = r.columns.filter((c) => !c.source).map((c) => c.name);
    expect(canonical).toEqual(['source_key', 'email']);
    expect(r.columns.find((c) => c.name === 'email' && !c.source)!.rows).toBe(42);
  });

  it("names each column's source in the HTML report, with an anchor of its own", async () => {
    const html = renderProfileHtml(await profileColumns(db, { kind: 'workspace' }, { defaultCountry: 'GB' }), catalogue(db));
    expect(html).toContain('churn-snapshot · Contract');
    const ids = [...html.matchAll(/<section class="col" id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBe(2 + 9 + 3);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('does not class a yes/no PhoneService flag as a phone number', async () => {
    const r = await profileColumns(db, { kind: 'source', sourceId: snapshot.sourceId }, { defaultCountry: 'GB' });
    const phoneService = r.columns.find((c) => c.name === 'PhoneService')!;
    expect(phoneService.inferredType).toBe('boolean');
    expect(phoneService.pii.class).toBe('none');
    expect(phoneService.validity.phone).toBeUndefined();
  });
});
