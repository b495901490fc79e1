// Mapping suggestions: header names first (synonyms a legacy CRM uses), value shapes second.
// Each canonical attribute goes to one column, except address lines and notes, which may join.
import { CUSTOMER_ATTRIBUTES, EVENT_ATTRIBUTES, type ImportKind, type Mapping, type MappingSuggestion } from '../api/ingest.js';
import { isoDateTime } from '../standardize/dates.js';
import { looksLikeEmail } from '../standardize/email.js';
import { looksLikePhone } from '../standardize/phone-digits.js';
import { looksLikePostcode } from '../standardize/postcode.js';

const SYNONYMS: Record<string, string[]> = {
  source_key: ['id', 'custid', 'customerid', 'custno', 'customerno', 'customernumber', 'accountid', 'accountno', 'acct', 'acctno', 'subscriberid', 'clientid', 'clientno', 'key', 'ref', 'reference', 'custref', 'crmid', 'partyid'],
  given_name: ['firstname', 'fname', 'firstnm', 'forename', 'forenames', 'given', 'givenname', 'first'],
  family_name: ['lastname', 'lname', 'lastnm', 'surname', 'familyname', 'last', 'sname'],
  full_name: ['name', 'fullname', 'customername', 'contactname', 'custname', 'clientname', 'subscribername', 'nm'],
  email: ['email', 'emailaddr', 'emailaddress', 'mail', 'emailid', 'eaddress'],
  phone: ['phone', 'tel', 'telephone', 'mobile', 'cell', 'phoneno', 'phonenumber', 'contactno', 'telno', 'mobileno', 'msisdn'],
  address_line: ['address', 'addr', 'addrline1', 'addrline2', 'address1', 'address2', 'addressline1', 'addressline2', 'street', 'addr1', 'addr2', 'line1', 'line2', 'streetaddress', 'houseno', 'streetnumber'],
  city: ['city', 'town', 'suburb', 'locality', 'citytown'],
  postcode: ['postcode', 'zip', 'zipcode', 'postalcode', 'pcode', 'postcd'],
  country: ['country', 'countrycode', 'cntry', 'countrycd'],
  date_of_birth: ['dob', 'birthdate', 'dateofbirth', 'birthdt', 'born', 'bdate', 'birthday'],
  company: ['company', 'companyname', 'organisation', 'organization', 'employer', 'business', 'accountname', 'org', 'firm'],
  consent_email: ['optinemail', 'emailoptin', 'emailconsent', 'newsletter', 'marketingoptin', 'optin', 'emailok', 'consentemail'],
  consent_sms: ['smsoptin', 'smsconsent', 'optinsms', 'smsok', 'consentsms', 'textoptin'],
  notes: ['notes', 'note', 'comments', 'comment', 'remarks', 'memo', 'description'],
  type: ['type', 'eventtype', 'action', 'activity', 'event', 'interaction', 'kind'],
  at: ['at', 'date', 'timestamp', 'createdat', 'orderdate', 'eventdate', 'ts', 'datetime', 'time', 'created', 'occurredat', 'opened'],
  amount: ['amount', 'total', 'value', 'price', 'ordertotal', 'amt', 'revenue'],
  channel: ['channel', 'medium', 'via', 'storecode'],
  text: ['text', 'body', 'message', 'subject', 'ticketText', 'details', 'content'].map((s) => s.toLowerCase()),
};

/** A value import would read as a date: the same rules as the import itself. */
const looksLikeDate = (v: string): boolean => isoDateTime(v) !== null;
const MULTI = new Set(['address_line', 'notes', 'text']);

const norm = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, '');

function shareMatching(values: (string | null)[], test: (v: string) => boolean): number {
  const present = values.filter((v): v is string => v !== null && v.trim() !== '');
  if (present.length === 0) return 0;
  return present.filter((v) => test(v.trim())).length / present.length;
}

function byHeader(column: string, attributes: readonly string[]): { attribute: string; confidence: number; why: string } | null {
  const n = norm(column);
  for (const a of attributes) {
    if ((SYNONYMS[a] ?? []).includes(n) || n === norm(a)) return { attribute: a, confidence: 0.95, why: `header "${column}" is a usual name for ${a}` };
  }
  for (const a of attributes) {
    const hit = (SYNONYMS[a] ?? []).find((s) => s.length >= 4 && n.includes(s));
    if (hit) return { attribute: a, confidence: 0.7, why: `header "${column}" contains "${hit}"` };
  }
  return null;
}

function byShape(values: (string | null)[], kind: ImportKind): { attribute: string; confidence: number; why: string } | null {
  const checks: [string, (v: string) => boolean][] =
    kind === 'customers' ? [['email', looksLikeEmail], ['postcode', looksLikePostcode], ['date_of_birth', looksLikeDate], ['phone', looksLikePhone]] : [['at', looksLikeDate]];
  for (const [attribute, test] of checks) {
    const share = shareMatching(values, test);
    if (share >= 0.6) return { attribute, confidence: 0.5 + share * 0.3, why: `${Math.round(share * 100)}% of sample values look like ${attribute}` };
  }
  return null;
}

export function suggestMapping(kind: ImportKind, columns: string[], sample: (string | null)[][]): MappingSuggestion[] {
  const attributes: readonly string[] = kind === 'customers' ? CUSTOMER_ATTRIBUTES : EVENT_ATTRIBUTES;
  const candidates = columns.map((column, i) => {
    const values = sample.map((r) => r[i] ?? null);
    return { column, guess: byHeader(column, attributes) ?? byShape(values, kind) };
  });
  const taken = new Set<string>();
  const order = [...candidates].sort((a, b) => (b.guess?.confidence ?? 0) - (a.guess?.confidence ?? 0));
  const chosen = new Map<string, MappingSuggestion>();
  for (const c of order) {
    const g = c.guess;
    if (g && (!taken.has(g.attribute) || MULTI.has(g.attribute))) {
      taken.add(g.attribute);
      chosen.set(c.column, { column: c.column, attribute: g.attribute, confidence: Math.round(g.confidence * 100) / 100, why: g.why });
    } else {
      chosen.set(c.column, { column: c.column, attribute: null, confidence: 0, why: g ? `${g.attribute} already mapped from another column` : 'no match: kept in the raw values only' });
    }
  }
  return columns.map((c) => chosen.get(c)!);
}

export function mappingFromSuggestions(s: MappingSuggestion[]): Mapping {
  return Object.fromEntries(s.map((x) => [x.column, x.attribute]));
}
