// One set of date rules for import, profile, search and matching (engine/standardize/dates.ts).
import { describe, expect, it } from 'vitest';
import { compactDateKey, D, isoDateTime, isoOfKey, isoOfUtcDate, normalizeDate, parseDate, toIsoDate } from '../../../engine/standardize/dates.js';

describe('parseDate', () => {
  const iso = (t: string) => (parseDate(t) === 0 ? null : isoOfKey(D.a));
  it('parses ISO, day-first, month-first and Oracle formats', () => {
    expect(iso('1980-12-25')).toBe('1980-12-25');
    expect(iso('1980-12-25T10:11:12Z')).toBe('1980-12-25');
    expect(iso('25/12/1980')).toBe('1980-12-25');
    expect(D.evidence).toBe(1);
    expect(iso('12/25/1980')).toBe('1980-12-25');
    expect(D.evidence).toBe(2);
    expect(iso('25.12.1980')).toBe('1980-12-25');
    expect(iso('12-JAN-85')).toBe('1985-01-12');
    expect(iso('12-JAN-15')).toBe('2015-01-12'); // RR: 00-49 → 20xx
    expect(iso('01-Feb-1999 10:00:00')).toBe('1999-02-01');
    expect(iso('3 March 2001')).toBe('2001-03-03');
    expect(iso('Mar 3, 2001')).toBe('2001-03-03');
    expect(iso('31/02/2000')).toBeNull();
    expect(iso('2021-02-29')).toBeNull();
    expect(iso('2020-02-29')).toBe('2020-02-29');
    expect(iso('hello')).toBeNull();
  });

  it('keeps both readings of ambiguous day/month dates', () => {
    expect(parseDate('03/04/1990')).toBe(2);
    expect([isoOfKey(D.a), isoOfKey(D.b)]).toEqual(['1990-04-03', '1990-03-04']);
    expect(parseDate('04/04/1990')).toBe(1);
    expect(toIsoDate('03/04/1990', true)).toBe('1990-03-04');
    expect(toIsoDate('03/04/1990', false)).toBe('1990-04-03');
  });

  // Import read DD-MON-RR through an Oracle mask whose separators are optional; the profiler only
  // knew '-' and ' '. Both now read SAS / Oracle DDMONYYYY, DD/MON/YY and DD.MON.YYYY.
  it('reads Oracle and SAS month-name dates with any separator, or none', () => {
    expect(iso('12MAR1985')).toBe('1985-03-12');
    expect(D.format).toBe('DDMONYYYY');
    expect(iso('12/MAR/85')).toBe('1985-03-12');
    expect(iso('12.Mar.1985')).toBe('1985-03-12');
    expect(iso('12-MAR-1985')).toBe('1985-03-12');
    expect(D.format).toBe('DD-MON-YYYY');
    expect(iso('12MAR')).toBeNull();
  });

  // Oracle's mask reader refused impossible times; the free-format readers let 25:00 through.
  it('refuses a time of day that is not one', () => {
    expect(parseDate('2020-01-01T25:00')).toBe(0);
    expect(parseDate('2020-01-01 23:60')).toBe(0);
    expect(parseDate('01/02/2020 13:00 PM')).toBe(0);
    expect(parseDate('2020-01-01T23:59:59')).toBe(1);
  });

  it('reads an hour-only zone, as PostgreSQL writes timestamptz', () => {
    expect(iso('2023-01-15 10:30:00+00')).toBe('2023-01-15');
  });
});

describe('dates of birth (normalizeDate, toIsoDate)', () => {
  // search read d/m/y day-first without a calendar check ("12/25/1985" → 19852512, which matches
  // nothing); profile and import now agree: the only valid reading is taken.
  it('takes the only valid reading of a d/m/y date', () => {
    expect(normalizeDate('12/25/1985')).toBe('19851225');
    expect(normalizeDate('25/12/1985')).toBe('19851225');
    expect(normalizeDate('03/04/1985')).toBe('19850403'); // ambiguous: day-first
  });

  // The demo CRM (as Oracle exports do) writes births as DD-MON-YY; the RR rule put "47" in 2047,
  // a birth in the future that a correctly typed date could never match.
  it('places a two-digit birth year in the past', () => {
    expect(normalizeDate('10-DEC-47')).toBe('19471210');
    expect(normalizeDate('28-JUL-04')).toBe('20040728');
    expect(normalizeDate('10/12/47')).toBe('19471210');
    expect(normalizeDate('10-DEC-2047')).toBe('20471210'); // written in full: as written
    expect(normalizeDate('29-FEB-48')).toBe('19480229');
  });

  it('is calendar-checked: impossible dates and eight-digit ids are not dates', () => {
    expect(normalizeDate('1985-02-30')).toBeNull();
    expect(normalizeDate('19851345')).toBeNull();
    expect(normalizeDate('12345678')).toBeNull();
    expect(compactDateKey('17991231')).toBeNull();
    expect(compactDateKey('19850312')).toBe(19850312);
  });

  it('reads every format parseDate reads, compact yyyymmdd, and ISO dates with any time after them', () => {
    expect(normalizeDate('12-MAR-85')).toBe('19850312');
    expect(normalizeDate('12 March 1985')).toBe('19850312');
    expect(normalizeDate(' 1985-03-12 ')).toBe('19850312');
    expect(normalizeDate('19850312')).toBe('19850312');
    expect(normalizeDate('1985-03-12 00:00:00.000 +00:00')).toBe('19850312');
    expect(normalizeDate('')).toBeNull();
    expect(normalizeDate(null)).toBeNull();
    expect(normalizeDate('not a date')).toBeNull();
  });

  // the profiler's name + date-of-birth duplicate key read compact dates as text
  it('gives one ISO date for the same day however written', () => {
    expect(['19850312', '1985-03-12', '12/03/1985', '12-MAR-85'].map((t) => toIsoDate(t, false))).toEqual(['1985-03-12', '1985-03-12', '1985-03-12', '1985-03-12']);
  });
});

describe('timestamps (isoDateTime, what import stores for events)', () => {
  it('keeps ISO timestamps as written, and formats others as ISO', () => {
    expect(isoDateTime('2023-01-15')).toBe('2023-01-15');
    expect(isoDateTime('2023-01-15 10:30')).toBe('2023-01-15T10:30');
    expect(isoDateTime('2023-01-15T10:30:00.123+0100')).toBe('2023-01-15T10:30:00.123+0100');
    expect(isoDateTime('2023-01-15 10:30:00+00')).toBe('2023-01-15T10:30:00+00:00');
    expect(isoDateTime('15/01/2023 10:30')).toBe('2023-01-15T10:30:00');
    expect(isoDateTime('15/01/2023  9:05:07')).toBe('2023-01-15T09:05:07');
    expect(isoDateTime('01/02/2020 01:02 PM')).toBe('2020-02-01T13:02:00');
    expect(isoDateTime('01/02/2020 12:02 am')).toBe('2020-02-01T00:02:00');
    expect(isoDateTime('20230115')).toBe('2023-01-15');
    expect(isoDateTime('15-JAN-23')).toBe('2023-01-15');
    expect(isoDateTime('15-JAN-2023 14.05.06')).toBe('2023-01-15T14:05:06');
    expect(isoDateTime('03/04/2023')).toBe('2023-04-03');
    expect(isoDateTime('03/04/2023', true)).toBe('2023-03-04');
  });

  // import read d/m/y day-first without a calendar check and stored "2023-25-12"
  it('stores a month-first date as the date it is, and refuses impossible ones', () => {
    expect(isoDateTime('12/25/2023')).toBe('2023-12-25');
    expect(isoDateTime('2023-02-30')).toBeNull();
    expect(isoDateTime('31/04/2023 10:00')).toBeNull();
    expect(isoDateTime('2023-01-15T24:00')).toBeNull();
    expect(isoDateTime('')).toBeNull();
    expect(isoDateTime('soon')).toBeNull();
  });

  it('writes spreadsheet dates (UTC parts) as ISO', () => {
    expect(isoOfUtcDate(new Date(Date.UTC(1985, 2, 12)))).toBe('1985-03-12');
    expect(isoOfUtcDate(new Date(Date.UTC(1985, 2, 12, 10, 5, 7, 30)))).toBe('1985-03-12T10:05:07.030');
    expect(isoOfUtcDate(new Date(NaN))).toBeNull();
  });
});
