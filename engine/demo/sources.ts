// The three demo feeds as their own systems export them: their own column names, key schemes,
// formats and habits. Each render returns the verbatim cell strings in column order; the
// generator fills the records columns from them with the importer's RowMapper and this mapping.
import { WINDOW_END } from './calendar.js';
import {
  caseDrift, consentText, formatDate, formatPhone, formatPostcode, messyEmail, messyFamily, messyGiven, messyStreet, nickname, typo, type DateStyle,
} from './corrupt.js';
import type { RowRef } from './layout.js';
import { FORMULA_NOTES, NOTES } from './people.js';
import { chance, int, pick, weighted, type Rng } from './random.js';
import type { Person } from './truth.js';
import { isoDay } from './calendar.js';

export interface DemoSource {
  name: string; // sources.name
  file: string; // imports.file_name
  columns: readonly (readonly [string, string | null])[];
  key(k: number): string;
  render(ref: RowRef, p: Person, r: Rng): string[];
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const blankOr = (r: Rng, pBlank: number, v: () => string): string => (chance(r, pBlank) ? '' : v());
const dateOf = (day: number) => {
  const [y, m, d] = isoDay(day).split('-').map(Number) as [number, number, number];
  return { y, m, d };
};

function dob(r: Rng, p: Person, styles: readonly (readonly [DateStyle, number])[]): string {
  let d = p.dob;
  if (d.d <= 12 && chance(r, 0.02)) d = { y: d.y, m: d.d, d: d.m }; // day and month swapped on entry
  return formatDate(d, weighted(r, styles));
}

function companyDrift(r: Rng, c: string): string {
  const v = chance(r, 0.2) ? c.replace(/\bLtd\b/, pick(r, ['Limited', 'Ltd.', 'LTD'])).replace(/\bplc\b/, pick(r, ['PLC', 'Plc', 'p.l.c.'])) : c;
  return caseDrift(r, chance(r, 0.03) ? typo(r, v) : v, 0.2, 0.05);
}

/** An alternative address on a second account: a typo'd or invented one. */
function dupEmail(r: Rng, p: Person, pBroken: number): string {
  if (chance(r, 0.3)) return messyEmail(r, `${p.emailLocal}${int(r, 1, 99)}`, pick(r, ['example.com', 'example.org', 'work.example.net']), pBroken);
  return messyEmail(r, p.emailLocal, p.emailDomain, pBroken);
}

export const CRM: DemoSource = {
  name: 'demo-crm',
  file: 'CRM_CUSTOMERS_EXTRACT.dat',
  columns: [
    ['CUST_ID', 'source_key'], ['TITLE', null], ['FIRST_NM', 'given_name'], ['LAST_NM', 'family_name'], ['EMAIL_ADDR', 'email'],
    ['PHONE_NO', 'phone'], ['ADDR_LINE1', 'address_line'], ['ADDR_LINE2', 'address_line'], ['CITY', 'city'], ['POST_CODE', 'postcode'],
    ['COUNTRY_CD', 'country'], ['DOB', 'date_of_birth'], ['COMPANY_NAME', 'company'], ['OPT_IN_EMAIL', 'consent_email'],
    ['CREATED_DT', null], ['NOTES', 'notes'],
  ],
  key: (k) => `C${pad(k + 1, 8)}`,
  render(ref, p, r) {
    let first = blankOr(r, 0.02, () => messyGiven(r, p.given, { nick: 0.12, typo: 0.04 }));
    let last = messyFamily(r, p.family, 0.04);
    if (chance(r, 0.03)) [first, last] = [last, first]; // given and family swapped
    const email = blankOr(r, 0.1, () => (ref.duplicate ? dupEmail(r, p, 0.22) : messyEmail(r, p.emailLocal, p.emailDomain, 0.22)));
    const phone = blankOr(r, 0.08, () => formatPhone(r, chance(r, 0.7) ? p.mobile : p.landline));
    const flatOnLine2 = p.flat !== null && chance(r, 0.4);
    const line1 = blankOr(r, 0.03, () => messyStreet(r, p.houseNo, p.street, flatOnLine2 ? null : p.flat));
    const line2 = flatOnLine2 ? `Flat ${p.flat}` : chance(r, 0.05) ? caseDrift(r, p.city) : '';
    const city = blankOr(r, 0.05, () => caseDrift(r, chance(r, 0.03) ? typo(r, p.city) : p.city, 0.3, 0.05));
    const pc = blankOr(r, 0.04, () => formatPostcode(r, p.postcode));
    const notes = chance(r, 0.015) ? pick(r, FORMULA_NOTES) : chance(r, 0.15) ? pick(r, NOTES) : '';
    const created = ref.duplicate ? Math.min(WINDOW_END - 1, p.signup + int(r, 30, 900)) : p.signup;
    return [
      `C${pad(ref.k + 1, 8)}`,
      blankOr(r, 0.2, () => caseDrift(r, p.title, 0.3, 0)),
      first,
      last,
      email,
      phone,
      line1,
      line2,
      city,
      pc,
      pick(r, ['GB', 'GB', 'GB', 'UK', '', 'United Kingdom']),
      blankOr(r, 0.15, () => dob(r, p, [['dmy', 0.45], ['iso', 0.25], ['oracle', 0.2], ['dmy-short', 0.1]])),
      p.company && chance(r, 0.5) ? companyDrift(r, p.company) : '',
      consentText(r, p.consentEmail, [['Y', 'N'], ['YES', 'NO'], ['1', '0'], ['TRUE', 'FALSE'], ['y', 'n']], 0.1),
      formatDate(dateOf(created), chance(r, 0.7) ? 'oracle' : 'dmy'),
      notes,
    ];
  },
};

function marketingName(r: Rng, p: Person): string {
  const g = messyGiven(r, p.given, { nick: 0.2, typo: 0.06, initial: 0.08 });
  const f = messyFamily(r, p.family, 0.05);
  return weighted(r, [
    [`${g} ${f}`, 0.6],
    [`${f}, ${g}`, 0.1],
    [`${f} ${g}`, 0.05],
    [`${g} ${f}`.toLowerCase(), 0.1],
    [`${p.title} ${g} ${f}`, 0.1],
    [`${g}  ${f} `, 0.05],
  ]);
}

export const MARKETING: DemoSource = {
  name: 'demo-marketing',
  file: 'newsletter_subscribers.csv',
  columns: [
    ['subscriber_id', 'source_key'], ['full_name', 'full_name'], ['email', 'email'], ['mobile', 'phone'], ['postcode', 'postcode'],
    ['birth_year', null], ['email_consent', 'consent_email'], ['sms_consent', 'consent_sms'], ['signup_date', null], ['signup_source', null],
    ['tags', 'notes'],
  ],
  key: (k) => `sub_${(k + 1).toString(36).padStart(6, '0')}`,
  render(ref, p, r) {
    const signup = Math.min(WINDOW_END - 1, p.signup + int(r, 0, ref.duplicate ? 900 : 200));
    const tags = chance(r, 0.006) ? pick(r, ['=promo()', '+vip', '-unsub-', '@newsletter']) : chance(r, 0.1) ? pick(r, ['newsletter;promo', 'spring-sale', 'vip', 'event 2019', 'newsletter']) : '';
    return [
      `sub_${(ref.k + 1).toString(36).padStart(6, '0')}`,
      blankOr(r, 0.03, () => marketingName(r, p)),
      blankOr(r, 0.04, () => (ref.duplicate ? dupEmail(r, p, 0.3) : messyEmail(r, p.emailLocal, p.emailDomain, 0.3))),
      blankOr(r, 0.4, () => formatPhone(r, p.mobile)),
      blankOr(r, 0.15, () => (chance(r, 0.03) ? typo(r, p.postcode) : formatPostcode(r, p.postcode))),
      blankOr(r, 0.5, () => (chance(r, 0.2) ? pad(p.dob.y % 100, 2) : String(p.dob.y))),
      consentText(r, p.consentEmail, [['yes', 'no'], ['opt-in', 'opt-out'], ['subscribed', 'unsubscribed'], ['Y', 'N']], 0.05),
      consentText(r, p.consentSms, [['Y', 'N'], ['yes', 'no'], ['1', '0']], 0.3),
      `${isoDay(signup)} ${pad(int(r, 0, 23), 2)}:${pad(int(r, 0, 59), 2)}:${pad(int(r, 0, 59), 2)}`,
      pick(r, ['web form', 'web form', 'event', 'import 2019', 'social', 'referral', '']),
      tags,
    ];
  },
};

function billingContact(r: Rng, p: Person): string {
  const g = chance(r, 0.1) ? nickname(r, p.given) : p.given;
  const f = chance(r, 0.04) ? typo(r, p.family) : p.family;
  return weighted(r, [
    [`${p.title} ${g[0]} ${f}`, 0.3],
    [`${f}, ${g}`, 0.25],
    [`${g} ${f}`, 0.25],
    [`${f.toUpperCase()}, ${g.toUpperCase()}`, 0.15],
    [`${f} ${g}`, 0.05],
  ]);
}

export const BILLING: DemoSource = {
  name: 'demo-billing',
  file: 'BILLING_ACCOUNTS.xlsx',
  columns: [
    ['AccountNo', 'source_key'], ['AccountName', 'company'], ['ContactName', 'full_name'], ['BillingAddress1', 'address_line'],
    ['BillingAddress2', 'address_line'], ['Town', 'city'], ['PostCode', 'postcode'], ['Country', 'country'], ['Tel', 'phone'],
    ['InvoiceEmail', 'email'], ['PaymentMethod', null], ['CustomerSince', null], ['VATNo', null],
  ],
  key: (k) => `ACC/${pad(k + 1, 6)}`,
  render(ref, p, r) {
    const account = p.company ? companyDrift(r, p.company) : pick(r, [`${p.family.toUpperCase()} ${p.given[0]}`, `${p.given[0]} ${p.family}`, `${p.family} Household`]);
    return [
      `ACC/${pad(ref.k + 1, 6)}`,
      account,
      blankOr(r, 0.05, () => billingContact(r, p)),
      caseDrift(r, messyStreet(r, p.houseNo, p.street, p.flat), 0.35, 0),
      chance(r, 0.25) ? caseDrift(r, p.city, 0.5, 0) : '',
      blankOr(r, 0.03, () => caseDrift(r, p.city, 0.4, 0.05)),
      blankOr(r, 0.02, () => formatPostcode(r, p.postcode)),
      pick(r, ['UK', 'GB', 'United Kingdom', 'England', '', 'U.K.']),
      blankOr(r, 0.1, () => formatPhone(r, chance(r, 0.6) ? p.landline : p.mobile)),
      blankOr(r, 0.35, () => (ref.duplicate ? dupEmail(r, p, 0.22) : messyEmail(r, p.emailLocal, p.emailDomain, 0.22))),
      pick(r, ['DD', 'DD', 'CARD', 'BACS', 'CHQ', '']),
      formatDate(dateOf(ref.duplicate ? Math.min(WINDOW_END - 1, p.signup + int(r, 30, 900)) : p.signup), 'oracle'),
      p.company ? `GB${pad(int(r, 100_000_000, 999_999_999), 9)}` : '',
    ];
  },
};

export const DEMO_SOURCES: readonly DemoSource[] = [CRM, MARKETING, BILLING];
