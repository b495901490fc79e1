// aerie experiment power | analyse | roi: experiment design, analysis and payback as JSON.
// power, analyse and roi need no workspace (the engine runs in-process only to keep the CLI and
// the API on one contract); the stored-experiment commands are in experiment-store.ts.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { AerieError } from '../../api/errors.js';
import { checkParams, choice } from '../options.js';
import { printJson, withEngine } from '../session.js';
import { registerExperimentStoreCommands } from './experiment-store.js';

function decimal(flag: string, value: string): number {
  const v = Number(value.trim());
  if (value.trim() === '' || !Number.isFinite(v)) throw new AerieError('INVALID_INPUT', `${flag} must be a number (got ${JSON.stringify(value)}).`);
  return v;
}
const opt = (flag: string, v: string | undefined) => (v === undefined ? undefined : decimal(flag, v));
const METRICS = ['rate', 'mean'] as const;
const SEQUENTIAL = ['obrien-fleming', 'pocock', 'msprt'] as const;

export function registerExperimentsCommands(program: Command): void {
  const exp = program.command('experiment').description('design, assign, analyse and cost A/B tests');
  registerExperimentStoreCommands(exp);

  exp
    .command('power')
    .description('units needed to detect an absolute effect (two-sided)')
    .requiredOption('--baseline <x>', 'base rate (rate) or control mean (mean)')
    .requiredOption('--mde <x>', 'minimum detectable effect, absolute (0.02 = 2 points)')
    .option('--metric <m>', 'rate or mean', 'rate')
    .option('--sd <x>', 'standard deviation of the outcome (mean)')
    .option('--alpha <x>', 'two-sided significance level', '0.05')
    .option('--power <x>', 'power', '0.8')
    .option('--allocation <x>', 'share of units in treatment', '0.5')
    .action(async (o: Record<string, string | undefined>) => {
      const params = {
        metric: choice('--metric', o.metric!, METRICS), baseline: decimal('--baseline', o.baseline!), mde: decimal('--mde', o.mde!),
        sd: opt('--sd', o.sd), alpha: decimal('--alpha', o.alpha!), power: decimal('--power', o.power!), allocation: decimal('--allocation', o.allocation!),
      };
      checkParams('experiments.power', params, { baseline: '--baseline', mde: '--mde', sd: '--sd', alpha: '--alpha', power: '--power', allocation: '--allocation' });
      await withEngine(process.cwd(), async (client) => printJson(await client.call('experiments.power', params)));
    });

  for (const name of ['analyse', 'analyze']) {
    exp
      .command(`${name} <file>`)
      .description('analyse a CSV with one row per unit: SRM, effect with CI, p-value, Bayesian view, CUPED, Holm')
      .requiredOption('--arm <column>', 'column holding the arm')
      .requiredOption('--outcome <column>', 'column holding the outcome (0/1 for a rate)')
      .option('--metric <m>', 'rate or mean', 'rate')
      .option('--control <value>', 'arm value of the control group (default: first in name order)')
      .option('--pre <column>', 'pre-period covariate for CUPED')
      .option('--covariate <column>', 'same as --pre')
      .option('--date <column>', 'ISO date of each unit\'s outcome: adds the sequential view (one look per date)')
      .option('--sequential <method>', 'sequential view with --date: obrien-fleming or pocock (group sequential, α spent over the file\'s dates) or msprt', 'obrien-fleming')
      .action(async (file: string, o: { arm: string; outcome: string; metric: string; control?: string; pre?: string; covariate?: string; date?: string; sequential: string }) => {
        const path = resolve(file);
        const params = { path, arm: o.arm, outcome: o.outcome, metric: choice('--metric', o.metric, METRICS), control: o.control, pre: o.pre ?? o.covariate, date: o.date, sequential: choice('--sequential', o.sequential, SEQUENTIAL) };
        checkParams('experiments.analyse', params, { path: '<file>', arm: '--arm', outcome: '--outcome', control: '--control', pre: '--pre', date: '--date' });
        await withEngine(path, async (client) => printJson(await client.call('experiments.analyse', params)), [path]);
      });
  }

  exp
    .command('roi')
    .description('payback, NPV and net benefit; with effect bounds, the range and a conservative scenario')
    .requiredOption('--implementation <x>', 'one-off implementation cost')
    .requiredOption('--run-cost <x>', 'run cost per year')
    .requiredOption('--revenue <x>', 'incremental revenue per year at the effect estimate')
    .option('--savings <x>', 'cost savings per year', '0')
    .option('--horizon <years>', 'years for NPV', '3')
    .option('--discount <rate>', 'discount rate per year', '0.08')
    .option('--revenue-effect <est,lo,hi>', 'effect behind revenue and its CI, e.g. 0.019,0.0079,0.0301')
    .option('--savings-effect <est,lo,hi>', 'effect behind savings and its CI')
    .action(async (o: Record<string, string | undefined>) => {
      const effect = (flag: string, v: string | undefined) => {
        if (v === undefined) return undefined;
        const p = v.split(',');
        if (p.length !== 3) throw new AerieError('INVALID_INPUT', `${flag} takes estimate,lower,upper (got ${JSON.stringify(v)}).`);
        return { estimate: decimal(flag, p[0]!), lower: decimal(flag, p[1]!), upper: decimal(flag, p[2]!) };
      };
      const params = {
        implementationCost: decimal('--implementation', o.implementation!), runCostPerYear: decimal('--run-cost', o.runCost!),
        revenuePerYear: decimal('--revenue', o.revenue!), savingsPerYear: decimal('--savings', o.savings!),
        horizonYears: decimal('--horizon', o.horizon!), discountRate: decimal('--discount', o.discount!),
        revenueEffect: effect('--revenue-effect', o.revenueEffect), savingsEffect: effect('--savings-effect', o.savingsEffect),
      };
      checkParams('experiments.roi', params, {
        implementationCost: '--implementation', runCostPerYear: '--run-cost', revenuePerYear: '--revenue', savingsPerYear: '--savings',
        horizonYears: '--horizon', discountRate: '--discount', revenueEffect: '--revenue-effect', savingsEffect: '--savings-effect',
      });
      await withEngine(process.cwd(), async (client) => printJson(await client.call('experiments.roi', params)));
    });
}
