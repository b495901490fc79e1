// aerie churn-cv: cross-validate the churn models on a labelled snapshot table (no workspace).
// The file is read with the import readers (encoding, delimiter, quoting detected); a row that
// cannot be read is reported on stderr with its line and left out.
import type { Command } from 'commander';
import { AerieError } from '../../api/errors.js';
import { tabularCv } from '../../churn/tabular-cv.js';
import { readTable } from './resolve.js';

interface Opts {
  label: string;
  positive: string;
  id?: string;
  ignore?: string;
  folds: string;
  seed: string;
}

function wholeNumber(flag: string, v: string, min: number, max: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new AerieError('INVALID_INPUT', `${flag} ${JSON.stringify(v)} is not a whole number from ${min} to ${max}.`, { hint: `For example ${flag} ${flag === '--folds' ? 5 : 42}.` });
  }
  return n;
}

export function registerChurnCommands(program: Command): void {
  program
    .command('churn-cv <file>')
    .description('cross-validate gradient-boosted trees (and a logistic baseline) on a labelled table; prints AUC per fold as JSON')
    .requiredOption('--label <column>', 'the column that says whether the customer churned')
    .requiredOption('--positive <value>', 'the --label value that means churned (every other value: stayed)')
    .option('--id <column>', 'the customer identifier column (never used as a feature)')
    .option('--ignore <columns>', 'comma-separated columns that take no part')
    .option('--folds <k>', 'stratified folds', '5')
    .option('--seed <n>', 'seed of the fold shuffle and the trainer', '42')
    .action(async (file: string, o: Opts) => {
      const folds = wholeNumber('--folds', o.folds, 2, 100);
      const seed = wholeNumber('--seed', o.seed, 0, 2 ** 31 - 1);
      const r = await readTable(file, (line, reason) => process.stderr.write(`${file}: line ${line} left out: ${reason}\n`));
      process.stderr.write(`${file}: ${r.table.rows.length.toLocaleString('en')} rows read${r.rejected ? `, ${r.rejected.toLocaleString('en')} left out (see above)` : ''}\n`);
      const ignore = (o.ignore ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      const t0 = performance.now();
      const res = tabularCv(r.table, {
        file,
        label: o.label,
        positive: o.positive,
        ...(o.id ? { id: o.id } : {}),
        ignore,
        folds,
        seed,
        baseline: true,
        onFold: (f, auc) => process.stderr.write(`churn-cv: fold ${f + 1}/${folds} AUC ${auc.toFixed(4)} (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`),
      });
      const { fold_of_row: _f, table_rows: _t, ...out } = res;
      process.stdout.write(`${JSON.stringify({ file, rows_left_out: r.rejected, ...out }, null, 2)}\n`);
    });
}
