// aerie churn-cv: cross-validate the churn models on a labelled snapshot table (no workspace).
// The file is read with the import readers (encoding, delimiter, quoting detected); a row that
// cannot be read is reported on stderr with its line and left out.
// aerie churn train | score | models | card: the workspace flow (jobs through the engine, JSON out).
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { ChurnDefinition, ChurnUnitChoice } from '../../api/churn.js';
import { AerieError } from '../../api/errors.js';
import { tabularCv } from '../../churn/tabular-cv.js';
import { checkParams, choice, wholeNumber as wholeNumberFlag } from '../options.js';
import { passphrase } from '../passphrase.js';
import { runCliJob } from '../progress.js';
import { checkExportTarget } from '../../util/safe-write.js';
import { printJson, withEngine, workspacePath } from '../session.js';
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

  const churn = program.command('churn').description('churn risk in a workspace: train, score, list models (churn-cv: a labelled table, no workspace)');
  churn
    .command('train <workspace>')
    .description('train a churn model on the workspace events (a job; Ctrl-C cancels and undoes it); prints the held-out figures as JSON')
    .option('--cutoff <date>', 'features use events before this day, labels the horizon after it (default: latest event date - horizon)')
    .option('--horizon <days>', 'churned within this many days after the cutoff', '90')
    .option('--definition <d>', `what churned means: ${ChurnDefinition.options.join(', ')}`, 'noOrder')
    .option('--unit <u>', `one row per: ${ChurnUnitChoice.options.join(', ')} (auto: golden entity where built)`, 'auto')
    .option('--seed <n>', 'seed of the split and the trainer', '42')
    .action(async (ws: string, o: { cutoff?: string; horizon: string; definition: string; unit: string; seed: string }) => {
      const params = {
        ...(o.cutoff ? { cutoff: o.cutoff } : {}),
        horizonDays: wholeNumberFlag('--horizon', o.horizon),
        definition: choice('--definition', o.definition, ChurnDefinition.options),
        unit: choice('--unit', o.unit, ChurnUnitChoice.options),
        seed: wholeNumberFlag('--seed', o.seed),
      };
      checkParams('churn.train', params, { cutoff: '--cutoff', horizonDays: '--horizon', definition: '--definition', unit: '--unit', seed: '--seed' });
      const pass = await passphrase();
      await withEngine(ws, async (client, path) => {
        await client.call('workspace.open', { path, passphrase: pass });
        const { jobId, result } = await runCliJob(client, 'churn.train', params);
        printJson({ job: jobId, ...result });
      }, [], { thread: true });
    });
  churn
    .command('score <workspace>')
    .description('score every customer with a churn model (default: the live one, else the newest); prints a JSON summary')
    .option('--model <id>', 'the churn model id (aerie churn models)')
    .action(async (ws: string, o: { model?: string }) => {
      const params = o.model === undefined ? {} : { modelId: wholeNumberFlag('--model', o.model) };
      const pass = await passphrase();
      await withEngine(ws, async (client, path) => {
        await client.call('workspace.open', { path, passphrase: pass });
        const { jobId, result } = await runCliJob(client, 'churn.score', params);
        printJson({ job: jobId, ...result });
      }, [], { thread: true });
    });
  churn
    .command('card <workspace>')
    .description("write a churn model's card (self-contained HTML, no customer rows) to a file; prints where and how many bytes as JSON")
    .requiredOption('--model <id>', 'the churn model id (aerie churn models)')
    .requiredOption('--out <file>', 'the HTML file to write (never over the workspace)')
    .option('--force', 'replace a file already there')
    .action(async (ws: string, o: { model: string; out: string; force?: boolean }) => {
      const id = wholeNumberFlag('--model', o.model);
      // refused before the passphrase is asked; checked again when written
      checkExportTarget(o.out, { overwrite: o.force === true, workspace: workspacePath(ws) });
      const pass = await passphrase();
      await withEngine(ws, async (client, path) => {
        await client.call('workspace.open', { path, passphrase: pass });
        printJson(await client.call('churn.exportCard', { id, path: resolve(o.out), overwrite: o.force === true }));
      }, [o.out]);
    });
  churn
    .command('models <workspace>')
    .description('list the churn models (newest first) with status and held-out figures, as JSON')
    .action(async (ws: string) => {
      const pass = await passphrase();
      await withEngine(ws, async (client, path) => {
        await client.call('workspace.open', { path, passphrase: pass });
        printJson(await client.call('churn.models', {}));
      });
    });
}
