// Mapping suggestions on value shapes (issue 15): a column is suggested for an attribute only when
// its values fit, whatever the header says; the share of fitting values comes with it.
import { describe, expect, it } from 'vitest';
import { suggestMapping } from '../../../engine/ingest/suggest.js';
import { detectDateFormat } from '../../../engine/standardize/dates.js';

const SHAPES: Record<string, string[]> = {
  yesNo: ['Yes', 'No', 'No', 'Yes', 'No'],
  zeroOne: ['0', '1', '1', '0', '0'],
  money: ['29.85', '1,889.50', '$108.15', '€ 42,00', '1200'],
  yyyymmdd: ['19560409', '19800101', ' 19721231', '19651115', '19900228'],
  ddmmyyyy: ['25/12/1980', '03/04/1990', '31/01/1975', '15/06/1968', '01/02/1985'],
  mmddyyyy: ['12/25/1980', '04/03/1990', '01/31/1975', '06/15/1968', '02/01/1985'],
  iso: ['1980-12-25', '1990-04-03', '1975-01-31', '1968-06-15', '1985-02-01'],
  oracle: ['25-DEC-80', '03-APR-90', '31-JAN-75', '15-JUN-68', '10-DEC-47'],
  textIds: ['C0001', 'C0002', 'C0003', 'C0004', 'C0005'],
  numericIds: ['10234', '10235', '10236', '10237', '10238'],
  sevenDigitIds: ['1804974', '6089216', '5827695', '4511207', '9920143'],
  freeText: ['Called twice about the bill and asked for a refund', 'Wants a callback next week, prefers mornings', 'Moved house; new address not yet confirmed by post', 'Complained about the router speed again today', 'Happy with the service, may upgrade in spring'],
  phones: ['07700 900123', '+44 20 7946 0958', '(020) 7946 0000', '0161 496 0011', '+1 212-555-0199'],
  emails: ['ann@example.com', 'bob.ray@mail.example.org', 'cy@example.co.uk', 'di+crm@example.net', 'ed@example.de'],
  postcodes: ['SW1A 1AA', 'M1 1AA', 'EC1A 1BB', 'LS1 4AP', 'GIR 0AA'],
};

const suggest = (header: string, values: string[], kind: 'customers' | 'events' = 'customers') => suggestMapping(kind, [header], values.map((v) => [v]))[0]!;
const DATES = ['yyyymmdd', 'ddmmyyyy', 'mmddyyyy', 'iso', 'oracle'];

describe('a header is followed only when the values fit', () => {
  // header → the shapes that may feed it; every other shape must be withheld
  const fits: Record<string, string[]> = {
    Phone: ['sevenDigitIds', 'phones'], // 7 digits: a local number when the header says phone
    Email: ['emails'],
    Postcode: ['textIds', 'numericIds', 'sevenDigitIds', 'postcodes'], // short codes: postcodes of many countries
    DOB: DATES,
    'Opt in': ['yesNo', 'zeroOne'],
    'First name': [],
    Notes: Object.keys(SHAPES),
  };
  for (const [header, ok] of Object.entries(fits)) {
    it(`${header}: suggested for ${ok.length} of ${Object.keys(SHAPES).length} shapes`, () => {
      const got = Object.keys(SHAPES).filter((shape) => suggest(header, SHAPES[shape]!).attribute !== null);
      expect(got).toEqual(ok);
    });
  }

  it('PhoneService (Yes/No) is not a phone, and says why with the share that fits', () => {
    const s = suggest('PhoneService', SHAPES.yesNo!);
    expect(s.attribute).toBeNull();
    expect(s.why).toContain('header "PhoneService" contains "phone"');
    expect(s.why).toContain('0 of 5 sample values are phone numbers (0%)');
  });

  it('a suggestion carries the share of sample values that fit and both kinds of evidence', () => {
    const s = suggest('Mobile', ['07700 900123', '07700 900124', 'n/a', '07700 900125', '07700 900126']);
    expect(s).toMatchObject({ attribute: 'phone', fit: 0.8, checked: 5 });
    expect(s.why).toBe('header "Mobile" is a usual name for phone; 4 of 5 sample values are phone numbers (80%)');
    expect(s.confidence).toBeLessThan(suggest('Mobile', SHAPES.phones!).confidence);
  });

  it('dirty names are still names; a malformed email under an email header is still an email', () => {
    expect(suggest('Surname', ['Smith12', "O'Neil", 'van der Berg', 'Müller-Lüdenscheidt', 'Nguyễn', '山田']).attribute).toBe('family_name');
    expect(suggest('E-mail', ['ann@example.com', 'bob at example.com', 'cy@example', 'di@example.org']).fit).toBe(1);
  });

  it('events: amounts only for money, dates only for dates', () => {
    expect(['money', 'zeroOne', 'yesNo', 'freeText'].map((k) => suggest('Amount', SHAPES[k]!, 'events').attribute)).toEqual(['amount', 'amount', null, null]);
    expect(['iso', 'oracle', 'money', 'yesNo'].map((k) => suggest('Date', SHAPES[k]!, 'events').attribute)).toEqual(['at', 'at', null, null]);
  });
});

describe('a header that says nothing: only unmistakable shapes', () => {
  const expected: Record<string, string | null> = {
    yesNo: null,
    zeroOne: null,
    money: null,
    yyyymmdd: 'date_of_birth',
    ddmmyyyy: 'date_of_birth',
    mmddyyyy: 'date_of_birth',
    iso: 'date_of_birth',
    oracle: 'date_of_birth',
    textIds: null,
    numericIds: null,
    sevenDigitIds: null,
    freeText: null,
    phones: 'phone',
    emails: 'email',
    postcodes: 'postcode',
  };
  for (const [shape, attribute] of Object.entries(expected)) {
    it(`${shape} → ${attribute ?? 'nothing'}`, () => {
      const s = suggest('Column 7', SHAPES[shape]!);
      expect(s.attribute).toBe(attribute);
      if (attribute) {
        expect(s.fit).toBe(1);
        expect(s.confidence).toBeLessThan(0.8); // values alone are never "high"
      }
    });
  }

  it("FEBRL's soc_sec_id values (7-digit runs) and SSNs are not phones", () => {
    expect(suggest('X', SHAPES.sevenDigitIds!).attribute).toBeNull();
    expect(suggest('X', ['123-45-6789', '234-56-7890', '345-67-8901']).attribute).toBeNull();
  });
});

describe('detectDateFormat', () => {
  it('names the format of a column and its range', () => {
    const f = (k: string) => detectDateFormat(SHAPES[k]!);
    expect(f('yyyymmdd')).toMatchObject({ format: 'YYYYMMDD', dates: 5, checked: 5, min: 19560409, max: 19900228 });
    expect(f('ddmmyyyy')).toMatchObject({ format: 'DD/MM/YYYY', ambiguous: false, monthFirst: false, min: 19680615, max: 19900403 });
    expect(f('mmddyyyy')).toMatchObject({ format: 'MM/DD/YYYY', ambiguous: false, monthFirst: true, min: 19680615 });
    expect(f('iso')).toMatchObject({ format: 'YYYY-MM-DD', dates: 5 });
    expect(f('oracle')).toMatchObject({ format: 'DD-MON-YY', dates: 5 });
    expect(f('money')).toMatchObject({ format: null, dates: 0, checked: 5 });
  });

  it('reports d/m order it cannot decide, and timestamps', () => {
    expect(detectDateFormat(['01/02/1980', '03/04/1990', null, ''])).toMatchObject({ format: 'DD/MM/YYYY', ambiguous: true, checked: 2 });
    expect(detectDateFormat(['2024-01-04T10:22:00', '2024-01-05 00:00', '2024-01-06'])).toMatchObject({ dates: 3, timed: 1 });
  });
});
