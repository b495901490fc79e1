// Tabular input without the CLI: column types inferred from text cells, one-hot categories, blanks
// as missing, and refusals that say what to do.
import { describe, expect, it } from 'vitest';
import { tabularCv } from '../../../engine/churn/tabular-cv.js';
import { labelledFrame, parseNumber } from '../../../engine/ml/frame.js';
import { trainGbdt } from '../../../engine/ml/gbdt.js';
import { predictProba } from '../../../engine/ml/tree.js';

describe('labelled frame', () => {
  it('reads numbers stored as text, thousands separators and blanks', () => {
    expect([' 42 ', '-1.5e3', '1,234.5', '.5', '', null, '12,5', 'n/a', '1 000'].map(parseNumber)).toEqual([42, -1500, 1234.5, 0.5, NaN, NaN, NaN, NaN, NaN]);
  });

  it('infers numeric, one-hot categorical and left-out columns; blanks are missing', () => {
    const rows: (string | null)[][] = [];
    for (let i = 0; i < 300; i++) {
      rows.push([`id${i}`, i % 3 === 0 ? 'gold' : i % 3 === 1 ? 'silver' : null, i % 50 === 0 ? null : String(i * 10), `free text ${i}`, 'same', i === 7 ? 'rare' : 'common', i % 4 === 0 ? 'Y' : 'N']);
    }
    const t = { columns: ['id', 'tier', 'spend', 'note', 'constant', 'mostly', 'churned'], rows };
    const f = labelledFrame(t, { label: 'churned', positive: 'Y', id: 'id' });
    expect(f.encodings).toEqual([
      { column: 'tier', kind: 'categorical', categories: ['gold', 'silver'], other: false },
      { column: 'spend', kind: 'numeric', unreadable: 0 },
      { column: 'note', kind: 'left-out', reason: 'text with 300 distinct values (a name, id or free text); not used as a category' },
      { column: 'constant', kind: 'left-out', reason: 'the same value on every row' },
      { column: 'mostly', kind: 'categorical', categories: ['common'], other: true },
    ]);
    expect(f.m.names).toEqual(['tier=gold', 'tier=silver', 'spend', 'mostly=common', 'mostly=(other)']);
    expect([f.m.columns[0]![0], f.m.columns[1]![0], f.m.columns[0]![2]]).toEqual([1, 0, NaN]);
    expect(f.m.columns[2]![0]).toBeNaN();
    expect(f.m.columns[4]![7]).toBe(1);
    expect(f.y.reduce((s, v) => s + v, 0)).toBe(75);
  });

  it('cross-validates a table and names the features that carry the signal', () => {
    const rows: (string | null)[][] = [];
    for (let i = 0; i < 600; i++) {
      const plan = ['basic', 'plus', 'premium'][i % 3]!;
      const noise = String((i * 7919) % 101);
      rows.push([plan, noise, plan === 'basic' ? (i % 5 === 0 ? 'no' : 'yes') : i % 7 === 0 ? 'yes' : 'no']);
    }
    const cv = tabularCv({ columns: ['plan', 'noise', 'left'], rows }, { label: 'left', positive: 'yes', folds: 3, seed: 2, baseline: true });
    expect(cv.auc_folds).toHaveLength(3);
    expect(cv.auc_mean).toBeGreaterThan(0.7); // the best possible here is about 0.82
    expect(cv.importance[0]!.feature).toBe('plan=basic');
    expect(cv.logistic!.auc_mean).toBeGreaterThan(0.7);
    expect(cv.fold_of_row).toHaveLength(600);
  });

  it('refuses too few rows of a class for the folds, a bad label and feature-less tables', () => {
    const t = { columns: ['x', 'y'], rows: Array.from({ length: 40 }, (_, i) => [String(i), i < 3 ? 'yes' : 'no']) };
    expect(() => tabularCv(t, { label: 'y', positive: 'yes', folds: 5, seed: 1 })).toThrow(/5 folds need at least 5 rows of each class; the table has 3 with the --positive value and 37 without/);
    expect(() => labelledFrame(t, { label: 'y', positive: 'maybe' })).toThrow(/has the --positive value "maybe": it holds "yes", "no"/);
    expect(() => labelledFrame(t, { label: 'y', positive: 'yes', ignore: ['x'] })).toThrow(/No column is left to learn from/);
  });

  it('refuses labels other than 0/1 and rows with the wrong number of features', () => {
    const m = { rows: 3, columns: [Float64Array.of(1, 2, 3)], names: ['a'] };
    expect(() => trainGbdt(m, [0, 1, 2])).toThrow(/label of row 2 is 2; labels must be 0 or 1/);
    const fit = trainGbdt(m, [0, 1, 1], { rounds: 2, validationFraction: 0, minChildWeight: 0 });
    expect(() => predictProba(fit.model, { rows: 1, columns: [Float64Array.of(1), Float64Array.of(2)], names: ['a', 'b'] })).toThrow(/takes 1 features \(a\) but the rows have 2/);
  });
});
