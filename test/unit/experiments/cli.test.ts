// `aerie experiment …` prints JSON; errors name the file, row and column and never echo a cell.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { aerie } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/tmp.js';

const t = tempDir('aerie-experiment-');
afterAll(() => t.cleanup());

/** The issue 14 conversion test as unit rows: 390/5000 control, 485/5000 treatment, pre-period spend. */
function writeOutcomes(file: string): void {
  const lines = ['unit,group,converted,spend_before,day'];
  for (let i = 0; i < 10_000; i++) {
    const treat = i >= 5000, k = treat ? i - 5000 : i;
    lines.push(`u${i},${treat ? 'B' : 'A'},${k < (treat ? 485 : 390) ? 1 : 0},${(i * 37) % 101},2026-03-${String(1 + (i % 20)).padStart(2, '0')}`);
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}

describe('aerie experiment', () => {
  it('analyse prints arms, the difference with its CI, p-value, SRM and CUPED', () => {
    const file = join(t.dir, 'outcomes.csv');
    writeOutcomes(file);
    const r = aerie(['experiment', 'analyse', file, '--arm', 'group', '--outcome', 'converted', '--control', 'A', '--pre', 'spend_before', '--date', 'day']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.arms).toEqual([{ arm: 'A', n: 5000, value: 0.078, successes: 390 }, { arm: 'B', n: 5000, value: 0.097, successes: 485 }]);
    expect(j.srm.mismatch).toBe(false);
    expect(j.comparisons[0].comparison.pValue).toBeCloseTo(0.0007736833806692777, 12); // statsmodels proportions_ztest
    expect(j.comparisons[0].comparison.absoluteCi.lower).toBeCloseTo(0.007929863848059882, 12);
    expect(j.comparisons[0].bayes.probTreatmentBeats).toBeGreaterThan(0.999);
    expect(j.comparisons[0].cuped.comparison.test).toBe("Welch's t-test");
    const seq = j.comparisons[0].sequential;
    expect(seq.method).toMatch(/^Group sequential \(Lan–DeMets alpha spending, O’Brien–Fleming type/);
    expect(seq.steps).toHaveLength(20);
    // the last date is the planned end: all of α spent there, and its z is the fixed-horizon z
    expect(seq.steps.at(-1)).toMatchObject({ difference: expect.closeTo(0.019, 12), spent: expect.closeTo(0.05, 12), z: expect.closeTo(j.comparisons[0].comparison.statistic, 9) });
    const msprt = aerie(['experiment', 'analyse', file, '--arm', 'group', '--outcome', 'converted', '--date', 'day', '--sequential', 'msprt']);
    expect(msprt.code, msprt.stderr).toBe(0);
    expect(JSON.parse(msprt.stdout).comparisons[0].sequential.method).toMatch(/mSPRT/);
  });

  it('power and roi', () => {
    const p = aerie(['experiment', 'power', '--baseline', '0.1', '--mde', '0.02']);
    expect(p.code, p.stderr).toBe(0);
    expect(JSON.parse(p.stdout)).toMatchObject({ control: 3841, treatment: 3841, total: 7682 });
    const r = aerie(['experiment', 'roi', '--implementation', '850000', '--run-cost', '280000', '--revenue', '520000', '--savings', '160000']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.estimate.simplePaybackYears).toBe(1.25);
    expect(j.estimate.netPaybackYears).toBeCloseTo(2.125, 12);
  });

  it('a bad cell fails naming file, row and column, without echoing the value', () => {
    const file = join(t.dir, 'bad.csv');
    writeFileSync(file, 'group,converted\nA,1\nB,secret-value\n');
    const r = aerie(['experiment', 'analyze', file, '--arm', 'group', '--outcome', 'converted']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not a number[\s\S]*row 3, column converted/);
    expect(r.stderr).not.toContain('secret-value');
    const bad = aerie(['experiment', 'power', '--baseline', '0.1', '--mde', '0.02', '--alpha', '1.5']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--alpha/);
  });
});
