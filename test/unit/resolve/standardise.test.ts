// Standardised forms: names (titles, suffixes, accents, compound), nicknames, e-mail, phone, dates,
// postcodes and addresses; original values are never changed.
import { describe, expect, it } from 'vitest';
import { nameLikeUser } from '../../../engine/resolve/comparisons.js';
import { isKnownGivenName, sameNickname } from '../../../engine/resolve/nicknames.js';
import { inferRoles } from '../../../engine/resolve/roles.js';
import { standardise, type DateColumn, type EmailColumn, type NameColumn, type PhoneColumn, type TextColumn } from '../../../engine/resolve/standardise.js';
import type { Table } from '../../../engine/resolve/types.js';
import { addressTokens, splitStreetLine } from '../../../engine/standardize/address.js';
import { cleanNameTokens, splitFullName } from '../../../engine/standardize/names.js';
import { phoneE164 } from '../../../engine/standardize/phones.js';
import { withinOneEdit } from '../../../engine/standardize/similarity.js';

function prepare(t: Table) {
  return standardise(t, inferRoles(t), { country: 'GB' });
}

describe('names', () => {
  it('drops titles and suffixes, folds case and accents, keeps compound parts', () => {
    expect(cleanNameTokens("Dr. Mary-Ann O'Neil Jr")).toEqual(['mary', 'ann', 'oneil']);
    expect(cleanNameTokens('ZOË')).toEqual(['zoe']);
    expect(cleanNameTokens('Major')).toEqual(['major']); // a title that is the whole name is a name
  });
  it('splits a whole name either way round', () => {
    expect(splitFullName('Smith, John A')).toEqual({ given: 'john a', family: 'smith' });
    expect(splitFullName('Mr John Smith')).toEqual({ given: 'john', family: 'smith' });
  });
  it('knows nicknames from the shipped table', () => {
    expect(sameNickname('bob', 'robert')).toBe(true);
    expect(sameNickname('bill', 'william')).toBe(true);
    expect(sameNickname('bob', 'william')).toBe(false);
    expect(isKnownGivenName('Elizabeth')).toBe(true);
  });
  it('keeps flattened and phonetic forms for comparison', () => {
    const p = prepare({ columns: ['first_name', 'last_name'], rows: [['Mary Ann', 'Mc Carthy'], ['Maryann', 'McCarthy'], [null, '']] });
    const [g, s] = p.columns as NameColumn[];
    expect(g!.flat.slice(0, 2)).toEqual(['maryann', 'maryann']);
    expect(s!.flat[0]).toBe(s!.flat[1]);
    expect(s!.phon[0]).toBe(s!.phon[1]);
    expect(g!.norm[2]).toBeNull();
    expect(s!.norm[2]).toBeNull();
  });
});

describe('contact fields', () => {
  it('e-mail: dots and +tags removed only in the comparison form', () => {
    const p = prepare({ columns: ['email'], rows: [['John.Smith+shop@Example.com '], ['johnsmith@example.com']] });
    const e = p.columns[0] as EmailColumn;
    expect(e.norm).toEqual(['john.smith+shop@example.com', 'johnsmith@example.com']);
    expect(e.canon[0]).toBe(e.canon[1]);
  });
  it('phones to E.164 with the default country; the last nine digits as a looser key', () => {
    expect(phoneE164('07700 900123', 'GB')).toBe('+447700900123');
    expect(phoneE164('+44 (0)7700-900123', 'GB')).toBe('+447700900123');
    expect(phoneE164('12', 'GB')).toBeNull();
    const p = prepare({ columns: ['phone'], rows: [['07700 900123'], ['0044 7700 900123']] });
    const ph = p.columns[0] as PhoneColumn;
    expect(ph.norm[0]).toBe(ph.norm[1]);
    expect(ph.tail[0]).toBe('700900123');
  });
  it('dates in several formats to one key; day-first or month-first decided by the column', () => {
    const dmy = prepare({ columns: ['dob'], rows: [['03/04/1980'], ['25/12/1975'], ['1980-04-03'], ['19800403'], ['3 April 1980']] }).columns[0] as DateColumn;
    expect(dmy.key).toEqual(['19800403', '19751225', '19800403', '19800403', '19800403']);
    const mdy = prepare({ columns: ['dob'], rows: [['03/04/1980'], ['12/25/1975']] }).columns[0] as DateColumn;
    expect(mdy.key[0]).toBe('19800304');
    // a corrupted date keeps its digits, so it still compares by edits
    const bad = prepare({ columns: ['dob'], rows: [['19560409'], ['19560431'], ['19700101']] }).columns[0] as DateColumn;
    expect(bad.key[1]).toBe('19560431');
    expect(Number.isNaN(bad.days[1])).toBe(true);
  });
  it('postcodes without spaces, with their district', () => {
    const p = prepare({ columns: ['postcode'], rows: [['sw1a 1aa'], ['2119']] }).columns[0] as TextColumn;
    expect(p.flat).toEqual(['SW1A1AA', '2119']);
    expect(p.part).toEqual(['SW1A', '211']);
  });
  it('addresses with abbreviations expanded', () => {
    expect(addressTokens('12 High St.')).toEqual(['12', 'high', 'street']);
    expect(splitStreetLine('Flat 3, 12 High St')).toEqual({ flat: '3', number: '12', street: 'high street' });
  });
  it('tells an e-mail user part spelled from the names', () => {
    expect(nameLikeUser('victoria.hughes', ['victoria', 'hughes'])).toBe(true);
    expect(nameLikeUser('jlopez77', ['james', 'lopez'])).toBe(true);
    expect(nameLikeUser('sunflower', ['james', 'lopez'])).toBe(false);
  });
  it('one edit or one transposition apart', () => {
    expect(withinOneEdit('1985', '1895')).toBe(true);
    expect(withinOneEdit('smith', 'smth')).toBe(true);
    expect(withinOneEdit('smith', 'smyth')).toBe(true);
    expect(withinOneEdit('1985', '1958')).toBe(true);
    expect(withinOneEdit('1985', '8915')).toBe(false);
    expect(withinOneEdit('abc', 'abcde')).toBe(false);
  });
});
