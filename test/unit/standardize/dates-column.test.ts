// Dates decided per column (engine/standardize/dates-column.ts): Excel serials only where the
// header names a date or the analyst says so, day/month order from the values or the override.
import { describe, expect, it } from 'vitest';
import { columnDateIso, decideColumnDates, excelSerialKey, isDateHeader } from '../../../engine/standardize/dates-column.js';
import { isoOfKey } from '../../../engine/standardize/dates.js';

describe('Excel serial dates', () => {
  it('read as Excel counts them, its 29 February 1900 included', () => {
    const iso = (t: string) => {
      const k = excelSerialKey(t);
      return k === null ? null : isoOfKey(k);
    };
    expect(iso('1')).toBe('1900-01-01');
    expect(iso('59')).toBe('1900-02-28');
    expect(iso('60')).toBeNull(); // Excel's 1900-02-29, which never was
    expect(iso('61')).toBe('1900-03-01');
    expect(iso('20558')).toBe('1956-04-13');
    expect(iso('25569')).toBe('1970-01-01'); // the Unix epoch
    expect(iso('45292')).toBe('2024-01-01');
    expect(iso('45292.75')).toBe('2024-01-01'); // a time of day
    expect(iso('0')).toBeNull();
    expect(iso('-3')).toBeNull();
    expect(iso('12a')).toBeNull();
  });

  it('make a column of dates only when its header names a date, or the analyst says so', () => {
    const serials = ['20558', '31145', '', '29000', '33970'];
    expect(decideColumnDates('date_of_birth', serials).mode).toBe('EXCEL');
    expect(decideColumnDates('CREATED_AT', serials).mode).toBe('EXCEL');
    expect(decideColumnDates('Geburtsdatum', serials).mode).toBe('EXCEL');
    // the same numbers under another header are amounts or ids, not dates
    const amount = decideColumnDates('balance', serials);
    expect(amount.mode).not.toBe('EXCEL');
    expect(columnDateIso('31145', amount)).toBe('31145');
    expect(decideColumnDates('balance', serials, 'EXCEL').mode).toBe('EXCEL');
    expect(columnDateIso('31145', decideColumnDates('dob', serials))).toBe('1985-04-08');
    // a date header over mostly non-serial values stays as the values say
    expect(decideColumnDates('date', ['1980-01-02', '31145', '1999-12-31']).mode).toBe('DMY');
  });

  it('recognise headers that name a date in several languages and styles', () => {
    for (const h of ['date_of_birth', 'DOB', 'SignupDate', 'created_at', 'UPDATED_ON', 'fecha_nacimiento', 'Geboortedatum', 'date naissance']) expect(isDateHeader(h), h).toBe(true);
    for (const h of ['balance', 'account_no', 'data_source', 'days_open', 'customer_at_risk', 'updater']) expect(isDateHeader(h), h).toBe(false);
  });
});

describe('day/month order per column', () => {
  it('is settled by a value that reads only one way, else ambiguous values are kept as written', () => {
    const dmy = decideColumnDates('DOB', ['03/04/1980', '25/12/1975']);
    expect(dmy).toMatchObject({ mode: 'DMY', orderUnknown: false });
    expect(columnDateIso('03/04/1980', dmy)).toBe('1980-04-03');
    const mdy = decideColumnDates('DOB', ['03/04/1980', '12/25/1975']);
    expect(columnDateIso('03/04/1980', mdy)).toBe('1980-03-04');
    const unknown = decideColumnDates('DOB', ['03/04/1980', '05/06/1975']);
    expect(unknown.orderUnknown).toBe(true);
    expect(columnDateIso(' 03/04/1980 ', unknown)).toBe('03/04/1980'); // not guessed
    expect(columnDateIso('1980-04-03', unknown)).toBe('1980-04-03');
    expect(columnDateIso('25/12/1980', unknown)).toBe('1980-12-25'); // reads one way only
  });

  it('follows the analyst override over what the values suggest', () => {
    expect(columnDateIso('03/04/1980', decideColumnDates('DOB', ['03/04/1980', '25/12/1975'], 'MDY'))).toBe('1980-03-04');
    expect(columnDateIso('19560409', decideColumnDates('DOB', ['19560409'], 'NONE'))).toBe('19560409');
    expect(columnDateIso(' 19560409', decideColumnDates('DOB', [' 19560409']))).toBe('1956-04-09');
    expect(columnDateIso('12-MAR-85', decideColumnDates('DOB', ['12-MAR-85']))).toBe('1985-03-12');
    expect(columnDateIso('', decideColumnDates('DOB', []))).toBeNull();
  });
});
