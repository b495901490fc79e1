// `aerie churn-cv` end to end through the built CLI on a small generated CSV: numbers stored as
// text (thousands separators, blanks), categorical columns, a free-text column left out, a label
// with words; the JSON keys; located errors that print no customer data.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rng } from '../../../engine/ml/random.js';
import { aerie } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/tmp.js';

const t = tempDir();
afterAll(() => t.cleanup());

function churnCsv(n: number, seed: number): string {
  const r = rng(seed);
  const lines = ['customer_id,plan,monthly_spend,tenure_months,region,notes,churned'];
  const plans = ['basic', 'plus', 'premium'];
  const regions = ['north', 'south', 'east', 'west'];
  for (let i = 0; i < n; i++) {
    const plan = plans[Math.floor(r() * 3)]!;
    const spend = Math.round(r() * 3000 * 100) / 100;
    const tenure = Math.floor(r() * 60);
    const region = r() < 0.1 ? '' : regions[Math.floor(r() * 4)]!;
    // churn: short tenure on the basic plan, or a blank region
    const risk = (plan === 'basic' && tenure < 20 ? 0.85 : 0.05) + (region === '' ? 0.5 : 0);
    const churned = r() < risk ? 'yes' : 'no';
    const spendText = r() < 0.05 ? '' : spend >= 1000 ? `"${spend.toLocaleString('en', { maximumFractionDigits: 2 })}"` : ` ${spend} `;
    lines.push([`C${1000 + i}`, plan, spendText, String(tenure), region, `note ${i} ${Math.floor(r() * 1e6)}`, churned].join(','));
  }
  return lines.join('\n') + '\n';
}

describe('aerie churn-cv', () => {
  const file = join(t.dir, 'snapshot.csv');
  writeFileSync(file, churnCsv(800, 7));

  it('prints AUC per fold and the inferred column types as JSON', () => {
    const r = aerie(['churn-cv', file, '--label', 'churned', '--positive', 'yes', '--id', 'customer_id', '--folds', '3', '--seed', '3']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown> & { auc_folds: number[]; columns: { column: string; kind: string }[]; logistic: { auc_mean: number } };
    for (const k of ['auc_mean', 'auc_std', 'auc_folds', 'fit_ms_mean', 'pr_auc_mean', 'brier_mean', 'trees_folds', 'importance', 'params', 'logistic']) expect(out).toHaveProperty(k);
    expect(out.auc_folds).toHaveLength(3);
    expect(out.auc_mean as number).toBeGreaterThan(0.75);
    expect(out).toMatchObject({ rows: 800, folds: 3, seed: 3, rows_left_out: 0 });
    const kinds = Object.fromEntries(out.columns.map((c) => [c.column, c.kind]));
    expect(kinds).toEqual({ plan: 'categorical', monthly_spend: 'numeric', tenure_months: 'numeric', region: 'categorical', notes: 'left-out' });
    expect(r.stderr).toMatch(/churn-cv: fold 3\/3 AUC/);
    // the same seed gives the same folds and models
    const again = aerie(['churn-cv', file, '--label', 'churned', '--positive', 'yes', '--id', 'customer_id', '--folds', '3', '--seed', '3']);
    expect((JSON.parse(again.stdout) as { auc_folds: number[] }).auc_folds).toEqual(out.auc_folds);
  });

  it('says what is wrong with a bad --label, --positive, --ignore or --folds, without printing cells', () => {
    const noLabel = aerie(['churn-cv', file, '--label', 'left', '--positive', 'yes']);
    expect(noLabel.code).toBe(1);
    expect(noLabel.stderr).toMatch(/No column named "left" in .*snapshot.csv \(--label\)/);
    expect(noLabel.stderr).toMatch(/Columns: customer_id, plan/);
    const noPos = aerie(['churn-cv', file, '--label', 'churned', '--positive', 'Yes']);
    expect(noPos.code).toBe(1);
    expect(noPos.stderr).toMatch(/No row of column "churned" has the --positive value "Yes": it holds "(no|yes)", "(no|yes)"/);
    const idLabel = aerie(['churn-cv', file, '--label', 'customer_id', '--positive', 'X']);
    expect(idLabel.code).toBe(1);
    expect(idLabel.stderr).toMatch(/\(800 distinct values\)/);
    expect(idLabel.stderr).not.toMatch(/C1001/); // a column of many values (ids) is never listed
    const badIgnore = aerie(['churn-cv', file, '--label', 'churned', '--positive', 'yes', '--ignore', 'nope']);
    expect(badIgnore.stderr).toMatch(/No column named "nope".*\(--ignore\)/);
    const badFolds = aerie(['churn-cv', file, '--label', 'churned', '--positive', 'yes', '--folds', '1']);
    expect(badFolds.code).toBe(1);
    expect(badFolds.stderr).toMatch(/--folds "1" is not a whole number from 2 to 100/);
  });
});
