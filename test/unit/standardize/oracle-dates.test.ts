// Oracle datetime format masks (TO_DATE, SQL*Loader DATE "mask") read as ISO 8601.
import { describe, expect, it } from 'vitest';
import { oracleDateToIso } from '../../../engine/standardize/oracle-dates.js';

describe('oracleDateToIso', () => {
  it.each([
    ['12-JAN-01', 'DD-MON-RR', 'date', '2001-01-12'],
    ['12-JAN-99', 'DD-MON-RR', 'date', '1999-01-12'],
    ['12-jan-1999', 'DD-MON-YYYY', 'date', '1999-01-12'],
    ['31.12.2023 23:59:58', 'DD.MM.YYYY HH24:MI:SS', 'date', '2023-12-31T23:59:58'],
    ['20240229', 'YYYYMMDD', 'date', '2024-02-29'],
    ['05/07/2020 01:02:03 PM', 'MM/DD/YYYY HH:MI:SS AM', 'date', '2020-05-07T13:02:03'],
    ['03-FEB-21 14.05.06.120000000', 'DD-MON-RR HH24.MI.SSXFF', 'timestamp', '2021-02-03T14:05:06.120000000'],
    ['2021-02-03 14:05:06 +02:00', 'YYYY-MM-DD HH24:MI:SS TZH:TZM', 'timestamp', '2021-02-03T14:05:06+02:00'],
    ['Monday 01 January 2024', 'Day DD Month YYYY', 'date', '2024-01-01'],
    ['2021 "Q" 1', 'YYYY "Q" J', 'date', null],
    ['31/02/2020', 'DD/MM/YYYY', 'date', null],
    ['12-XYZ-01', 'DD-MON-RR', 'date', null],
    ['2020-01-01 extra', 'YYYY-MM-DD', 'date', null],
  ] as const)('%s with %s', (value, mask, kind, expected) => {
    expect(oracleDateToIso(value, mask, kind)).toBe(expected);
  });
});
