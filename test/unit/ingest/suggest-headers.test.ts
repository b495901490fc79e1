// Mapping suggestions from headers (issues 15 and 16): usual names in five languages, record dates
// that are not births, identifier columns as the source key, identity numbers never as phones.
import { describe, expect, it } from 'vitest';
import { suggestMapping } from '../../../engine/ingest/suggest.js';

type Row = Record<string, string>;
/** Suggested attribute per column for rows written as objects. */
function mapping(rows: Row[], kind: 'customers' | 'events' = 'customers'): Record<string, string | null> {
  const cols = Object.keys(rows[0]!);
  return Object.fromEntries(suggestMapping(kind, cols, rows.map((r) => cols.map((c) => r[c] ?? null))).map((s) => [s.column, s.attribute]));
}
const suggestionFor = (rows: Row[], column: string) => {
  const cols = Object.keys(rows[0]!);
  return suggestMapping('customers', cols, rows.map((r) => cols.map((c) => r[c] ?? null))).find((s) => s.column === column)!;
};

const FEBRL: Row[] = [
  { rec_id: 'rec-1-org', given_name: 'mitchell', surname: 'green', street_number: '7', address_1: 'wallaby place', address_2: 'delmar', suburb: 'cleveland', postcode: '2119', state: 'sa', date_of_birth: ' 19560409', soc_sec_id: '1804974' },
  { rec_id: 'rec-1-dup-0', given_name: 'mitchel', surname: 'green', street_number: '7', address_1: 'wallaby pl', address_2: 'delmar', suburb: 'cleveland', postcode: '2119', state: 'sa', date_of_birth: ' 19560409', soc_sec_id: '1804974' },
  { rec_id: 'rec-2-org', given_name: 'harley', surname: 'mccarthy', street_number: '177', address_1: 'pridham street', address_2: 'milton', suburb: 'marsden', postcode: '3165', state: 'nsw', date_of_birth: ' 19080419', soc_sec_id: '6089216' },
  { rec_id: 'rec-3-org', given_name: 'james', surname: 'smith', street_number: '12', address_1: 'main road', address_2: '', suburb: 'sydney', postcode: '2000', state: 'nsw', date_of_birth: ' 19701231', soc_sec_id: '5827695' },
];

const CHURN: Row[] = [
  { customerID: '7590-VHVEG', gender: 'Female', SeniorCitizen: '0', Partner: 'Yes', tenure: '1', PhoneService: 'No', MultipleLines: 'No phone service', Contract: 'Month-to-month', PaymentMethod: 'Electronic check', MonthlyCharges: '29.85', TotalCharges: '29.85', Churn: 'No', CREATED_AT: '2023-01-04' },
  { customerID: '5575-GNVDE', gender: 'Male', SeniorCitizen: '0', Partner: 'No', tenure: '34', PhoneService: 'Yes', MultipleLines: 'No', Contract: 'One year', PaymentMethod: 'Mailed check', MonthlyCharges: '56.95', TotalCharges: '1889.5', Churn: 'No', CREATED_AT: '2021-02-05' },
  { customerID: '3668-QPYBK', gender: 'Male', SeniorCitizen: '1', Partner: 'No', tenure: '2', PhoneService: 'Yes', MultipleLines: 'No', Contract: 'Month-to-month', PaymentMethod: 'Mailed check', MonthlyCharges: '53.85', TotalCharges: '108.15', Churn: 'Yes', CREATED_AT: '1999-03-01' },
];

describe('the wrong suggestions of issues 15 and 16', () => {
  it('FEBRL: rec_id is the key, soc_sec_id is not a phone, the padded compact birth dates are dates of birth', () => {
    expect(mapping(FEBRL)).toEqual({
      rec_id: 'source_key', given_name: 'given_name', surname: 'family_name', street_number: 'address_line', address_1: 'address_line', address_2: 'address_line',
      suburb: 'city', postcode: 'postcode', state: null, date_of_birth: 'date_of_birth', soc_sec_id: null,
    });
    expect(suggestionFor(FEBRL, 'soc_sec_id').why).toBe('header "soc_sec_id" names a national id: kept in the raw values and profiled as personal data');
    expect(suggestionFor(FEBRL, 'date_of_birth').why).toContain('4 of 4 sample values are birth dates (YYYYMMDD)');
  });

  it('churn snapshot: CustomerId is the key and nothing else is suggested (PhoneService, CREATED_AT, charges, flags)', () => {
    expect(mapping(CHURN)).toEqual({
      customerID: 'source_key', gender: null, SeniorCitizen: null, Partner: null, tenure: null, PhoneService: null, MultipleLines: null, Contract: null, PaymentMethod: null, MonthlyCharges: null, TotalCharges: null, Churn: null, CREATED_AT: null,
    });
    expect(suggestionFor(CHURN, 'CREATED_AT').why).toBe('not date_of_birth: 3 of 3 sample values are dates (YYYY-MM-DD), but header "CREATED_AT" names a date of the record');
  });

  it('German: kundennr is the key (not a postcode), vorname the given name (not the full name)', () => {
    const rows = [
      { kundennr: '10234', vorname: 'Jürgen', nachname: 'Müller', geburtsdatum: '12.03.1965', 'Straße': 'Hauptstraße 5', PLZ: '10115', Ort: 'Berlin', 'E-Mail': 'j.mueller@example.de', Telefon: '030 1234567', Firma: 'Müller GmbH', Bemerkung: 'Rückruf erbeten' },
      { kundennr: '10235', vorname: 'Anna', nachname: 'Schmidt', geburtsdatum: '01.07.1980', 'Straße': 'Ringweg 2', PLZ: '80331', Ort: 'München', 'E-Mail': 'anna@example.de', Telefon: '+49 89 7654321', Firma: '', Bemerkung: '' },
    ];
    expect(mapping(rows)).toEqual({
      kundennr: 'source_key', vorname: 'given_name', nachname: 'family_name', geburtsdatum: 'date_of_birth', 'Straße': 'address_line', PLZ: 'postcode', Ort: 'city', 'E-Mail': 'email', Telefon: 'phone', Firma: 'company', Bemerkung: 'notes',
    });
  });
});

describe('usual names in five languages, accents and separators folded', () => {
  const person = { given: 'Éloïse', family: 'Dupont', dob: '12/03/1965', street: '5 rue de la Paix', pc: '75001', city: 'Paris', mail: 'e.dupont@example.fr', tel: '+33 1 42 68 53 00', key: 'F-001' };
  const cases: [string, Record<string, string>][] = [
    ['English', { 'Customer No': 'source_key', 'First Name': 'given_name', 'Last Name': 'family_name', 'Date of Birth': 'date_of_birth', 'Address Line 1': 'address_line', 'Post Code': 'postcode', Town: 'city', 'E-mail': 'email', 'Mobile No': 'phone' }],
    ['German', { 'Kunden-Nr.': 'source_key', Vorname: 'given_name', Nachname: 'family_name', Geburtsdatum: 'date_of_birth', Straße: 'address_line', Postleitzahl: 'postcode', Wohnort: 'city', 'E-Mail-Adresse': 'email', Telefonnummer: 'phone' }],
    ['French', { 'N° client': 'source_key', Prénom: 'given_name', Nom: 'family_name', 'Date de naissance': 'date_of_birth', Adresse: 'address_line', 'Code postal': 'postcode', Ville: 'city', Courriel: 'email', Téléphone: 'phone' }],
    ['Spanish', { 'Código cliente': 'source_key', Nombre: 'given_name', Apellidos: 'family_name', 'Fecha de nacimiento': 'date_of_birth', Dirección: 'address_line', 'Código postal': 'postcode', Ciudad: 'city', 'Correo electrónico': 'email', Teléfono: 'phone' }],
    ['Dutch', { Klantnummer: 'source_key', Voornaam: 'given_name', Achternaam: 'family_name', Geboortedatum: 'date_of_birth', Straat: 'address_line', Postcode: 'postcode', Woonplaats: 'city', 'E-mailadres': 'email', Telefoonnummer: 'phone' }],
  ];
  const valueOf: Record<string, string> = { source_key: person.key, given_name: person.given, family_name: person.family, date_of_birth: person.dob, address_line: person.street, postcode: person.pc, city: person.city, email: person.mail, phone: person.tel };
  for (const [language, headers] of cases) {
    it(language, () => {
      const row = Object.fromEntries(Object.entries(headers).map(([h, a]) => [h, valueOf[a]!]));
      expect(mapping([row])).toEqual(headers);
    });
  }
});

describe('dates of birth and dates of the record', () => {
  const births = ['1956-04-09', '1980-01-01', '1972-12-31'];
  const col = (header: string, values: string[]) => suggestMapping('customers', [header], values.map((v) => [v]))[0]!;
  it('created/updated/modified/signup/timestamp headers are never a date of birth, whatever the values', () => {
    for (const h of ['created', 'CreatedOn', 'last_updated', 'modified_date', 'signup_date', 'Timestamp', 'registered', 'erstellt_am', 'date_de_creation', 'fecha_alta', 'aangemaakt_op']) {
      expect(col(h, births).attribute, h).toBeNull();
    }
  });
  it('without a telling header, dates are births only when they spread over a lifetime and have no time of day', () => {
    expect(col('D1', births).attribute).toBe('date_of_birth');
    expect(col('D2', ['2024-01-04', '2025-02-05', '2023-03-01']).why).toMatch(/^not date_of_birth: 3 of 3 sample values are dates \(YYYY-MM-DD\), but most dates are after 20\d\d/);
    expect(col('D3', ['1980-01-04 10:22:00', '1975-02-05 11:00:00', '1990-03-01 09:00:00']).attribute).toBeNull();
    expect(col('D4', ['2091-01-04', '2095-02-05', '2099-03-01']).attribute).toBeNull();
  });
  it('a birth-date header still needs birth dates: future or timestamped values are withheld', () => {
    expect(col('DOB', ['2091-01-04', '2095-02-05']).attribute).toBeNull();
    expect(col('Birth date', ['1980-01-04T10:22:00', '1975-02-05T11:00:00']).attribute).toBeNull();
    expect(col('Geburtsdatum', ['10-DEC-47', '01-JAN-60']).attribute).toBe('date_of_birth');
    expect(col('DOB', ['2016-05-01', '2018-03-02']).attribute).toBe('date_of_birth'); // children: the header vouches for recent births
    expect(col('DOB', ['1980-01-04 10:22', '1975-02-05', '1990-03-01', '1966-05-05', '1971-07-07', '1983-09-09']).attribute).toBe('date_of_birth'); // one stray time
  });
});

describe('the source key', () => {
  const col = (header: string, values: string[]) => suggestMapping('customers', [header], values.map((v) => [v]))[0]!;
  it('an id-like header with unique, non-empty values is the key', () => {
    for (const h of ['rec_id', 'CustomerId', 'Kunden-Nr', 'member_no', 'AccountNumber', 'ref']) expect(col(h, ['A1', 'A2', 'A3']).attribute, h).toBe('source_key');
  });
  it('not when values repeat or are missing, nor without an id-like header', () => {
    expect(col('member_no', ['A1', 'A1', 'A3']).attribute).toBeNull();
    expect(col('member_no', ['A1', '', 'A3']).attribute).toBeNull();
    expect(col('Contract', ['A1', 'A2', 'A3']).attribute).toBeNull();
  });
  it('an event file repeats the customer key: only non-empty is needed', () => {
    expect(suggestMapping('events', ['customer_id', 'date'], [['C1', '2024-01-01'], ['C1', '2024-01-02'], ['C2', '2024-01-03']]).map((s) => s.attribute)).toEqual(['source_key', 'at']);
  });
  it('one key per file: the usual name wins over another identifier', () => {
    expect(suggestMapping('customers', ['order_no', 'customer_id'], [['O1', 'C1'], ['O2', 'C2']]).map((s) => s.attribute)).toEqual([null, 'source_key']);
  });
});

describe('identity numbers are never suggested as phones or keys', () => {
  const digits = ['1804974', '6089216', '5827695'];
  it.each(['soc_sec_id', 'SSN', 'NI Number', 'national_id', 'Steuernummer', 'tax_id', 'NIF', 'BSN', 'IBAN', 'Numéro de sécurité sociale', 'passport_no'])('%s', (h) => {
    const s = suggestMapping('customers', [h], digits.map((v) => [v]))[0]!;
    expect(s.attribute).toBeNull();
    expect(s.why).toMatch(/names (a national id|a tax id|an account number): kept in the raw values/);
  });
});
