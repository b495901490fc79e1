// Comparison levels: exact down to "else", nulls as no evidence, swapped names seen through.
import { describe, expect, it } from 'vitest';
import { buildComparisons } from '../../../engine/resolve/comparisons.js';
import { inferRoles } from '../../../engine/resolve/roles.js';
import { standardise } from '../../../engine/resolve/standardise.js';
import type { Table } from '../../../engine/resolve/types.js';

function levelsOf(t: Table) {
  const p = standardise(t, inferRoles(t, { id: 'id' }));
  const comps = buildComparisons(p);
  return (i: number, j: number) => Object.fromEntries(comps.map((c) => [c.name, c.level(i, j) < 0 ? 'missing' : c.levels[c.level(i, j)]]));
}

const people: Table = {
  columns: ['id', 'first_name', 'last_name', 'dob', 'email', 'phone'],
  rows: [
    ['1', 'Robert', 'Smith', '1980-04-03', 'rob.smith@example.com', '07700 900123'],
    ['2', 'Bob', 'Smith', '1980-04-03', 'robsmith+x@example.com', '+44 7700 900123'],
    ['3', 'Robrt', 'Smyth', '1980-03-04', null, '07700 900124'],
    ['4', 'Smith', 'Robert', '1981-04-03', 'rob.smith@other.example', null],
    ['5', 'R', 'Smithson', '1990-01-01', 'zz@example.com', '01234 567890'],
    ['6', null, 'Jones', null, 'robert.smith@example.org', null],
    ['7', 'Robert', 'Smith', '1980-04-03', 'robert.smith@example.net', '07700 900123'],
    ['8', 'Robert', 'Smith', '1980-04-03', 'robert.smith@other.example', null],
  ],
};

describe('comparison levels', () => {
  const lv = levelsOf(people);
  it('names: exact, nickname, typo, initial, else', () => {
    expect(lv(0, 1).first_name).toBe('nickname');
    expect(lv(0, 1).last_name).toBe('exact');
    expect(lv(0, 2).first_name).toBe('jaro-winkler ≥ 0.92 or one typo');
    expect(lv(0, 2).last_name).toBe('jaro-winkler ≥ 0.92 or one typo');
    expect(lv(0, 4).first_name).toBe('initial or shared part');
    expect(lv(0, 5).last_name).toBe('else');
  });
  it('given and family names written the other way round compare crosswise', () => {
    expect(lv(0, 3)).toMatchObject({ first_name: 'exact', last_name: 'exact' });
  });
  it('dates: day and month swapped, one typo, else', () => {
    expect(lv(0, 2).dob).toBe('one typo or day/month swapped');
    expect(lv(0, 3).dob).toBe('one typo or day/month swapped'); // 1980 → 1981
    expect(lv(0, 4).dob).toBe('else');
  });
  it('e-mail and phone levels; a missing value is no evidence', () => {
    expect(lv(0, 1).email).toBe('same without dots and +tags');
    expect(lv(0, 1).phone).toBe('exact');
    expect(lv(0, 2).email).toBe('missing');
    expect(lv(0, 2).phone).toBe('one typo');
    expect(lv(0, 5).first_name).toBe('missing');
    expect(lv(0, 5).dob).toBe('missing');
  });
  it('a shared e-mail user part that only spells the names adds nothing', () => {
    expect(lv(6, 7).email).toBe('missing'); // robert.smith at two providers: the names already say it
    expect(lv(0, 3).email).toBe('same user, other domain'); // "rob" is not spelled from the names
    expect(lv(0, 4).email).toBe('else');
  });
  it('levels are symmetric', () => {
    for (let i = 0; i < people.rows.length; i++) for (let j = 0; j < people.rows.length; j++) if (i !== j) expect(lv(i, j)).toEqual(lv(j, i));
  });
});
