// Hashed assignment: deterministic per unit and salt, balanced, holdout independent of arm,
// stratified deal balanced within every stratum; the CSV export neutralises formula-like ids.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assign, unitHash } from '../../../engine/experiments/assignment.js';
import { exportAssignments } from '../../../engine/experiments/assignment-export.js';
import { sampleRatioMismatch } from '../../../engine/experiments/frequentist.js';
import { tempDir } from '../../helpers/tmp.js';

const t = tempDir('aerie-assign-');
afterAll(() => t.cleanup());
const units = Array.from({ length: 20_000 }, (_, i) => ({ unit: `C${i}`, stratum: `decile-${i % 10}` }));
const arms = [{ name: 'control', share: 1 }, { name: 'offer', share: 1 }];

describe('assignment', () => {
  it('the same unit always gets the same arm, whatever else is in the list; another salt reshuffles', () => {
    const a = assign(units, { salt: 'exp-1', arms });
    const b = assign([...units].reverse().slice(0, 5000), { salt: 'exp-1', arms });
    const byUnit = new Map(a.map((x) => [x.unit, x.arm]));
    expect(b.every((x) => byUnit.get(x.unit) === x.arm)).toBe(true);
    const c = assign(units, { salt: 'exp-2', arms });
    const same = c.filter((x, i) => x.arm === a[i]!.arm).length / units.length;
    expect(same).toBeGreaterThan(0.45);
    expect(same).toBeLessThan(0.55);
    expect(unitHash('s', 'u')).toBe(unitHash('s', 'u'));
  });

  it('arm counts pass the SRM check at the planned 70/30 shares', () => {
    const r = assign(units, { salt: 'exp-3', arms: [{ name: 'control', share: 0.7 }, { name: 'offer', share: 0.3 }] });
    const n = (arm: string) => r.filter((x) => x.arm === arm).length;
    expect(sampleRatioMismatch([n('control'), n('offer')], [0.7, 0.3]).pValue).toBeGreaterThan(0.001);
  });

  it('holdout takes its share and is independent of the arm split', () => {
    const r = assign(units, { salt: 'exp-4', arms, holdout: 0.1 });
    const held = r.filter((x) => x.arm === 'holdout').length / units.length;
    expect(held).toBeGreaterThan(0.09);
    expect(held).toBeLessThan(0.11);
    // units kept out of the holdout keep the arm they get with no holdout at all
    const plain = new Map(assign(units, { salt: 'exp-4', arms }).map((x) => [x.unit, x.arm]));
    expect(r.filter((x) => x.arm !== 'holdout').every((x) => plain.get(x.unit) === x.arm)).toBe(true);
  });

  it('stratified: every stratum within one unit of its target split', () => {
    const r = assign(units.slice(0, 2003), { salt: 'exp-5', arms: [{ name: 'a', share: 1 }, { name: 'b', share: 1 }, { name: 'c', share: 2 }], stratified: true });
    for (let d = 0; d < 10; d++) {
      const inS = r.filter((x) => x.stratum === `decile-${d}`);
      for (const [arm, share] of [['a', 0.25], ['b', 0.25], ['c', 0.5]] as const) {
        expect(Math.abs(inS.filter((x) => x.arm === arm).length - inS.length * share)).toBeLessThanOrEqual(1);
      }
    }
    expect(assign(units.slice(0, 2003), { salt: 'exp-5', arms: [{ name: 'a', share: 1 }, { name: 'b', share: 1 }, { name: 'c', share: 2 }], stratified: true })).toEqual(r);
  });

  it('exports CSV through the safe writer with the crosswalk keys and formula-like cells neutralised', async () => {
    const path = join(t.dir, 'assign.csv');
    const units = new Map([['crm:=HYPERLINK("x")', { unit: 'crm:=HYPERLINK("x")', stratum: null, accounts: [{ sourceId: 1, source: 'crm', key: '=HYPERLINK("x")', goldenId: 'G-1' }] }]]);
    const r = await exportAssignments(path, 'retention', assign([{ unit: 'crm:=HYPERLINK("x")' }, { unit: 'gone' }], { salt: 's', arms }), units);
    const text = readFileSync(path, 'utf8');
    expect(r.rows).toBe(2);
    expect(text.split('\r\n')[0]).toBe('experiment,unit,source,source_key,golden_id,stratum,arm');
    expect(text).toContain(`retention,"crm:=HYPERLINK(""x"")",crm,"'=HYPERLINK(""x"")",G-1,,`);
    // a unit no longer in the workspace keeps its row, without keys
    expect(text).toMatch(/retention,gone,,,,,(control|offer)/);
    await expect(exportAssignments(path, 'retention', [], new Map())).rejects.toThrow(/exists|already/i);
  });

  it('refuses bad designs', () => {
    expect(() => assign(units, { salt: 's', arms: [arms[0]!] })).toThrow(/two arms/);
    expect(() => assign(units, { salt: 's', arms, holdout: 1 })).toThrow(/holdout/);
    expect(() => assign([{ unit: 'x' }, { unit: 'x' }], { salt: 's', arms })).toThrow(/twice/);
  });
});
