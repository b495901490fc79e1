// aerie experiment create | list | status | assign | export | results | report <workspace>: stored
// experiments in a workspace, each printing JSON (the same methods as the Experiments screen).
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { AerieError } from '../../api/errors.js';
import { checkExportTarget } from '../../util/safe-write.js';
import { checkParams, choice, wholeNumber } from '../options.js';
import { passphrase } from '../passphrase.js';
import { runCliJob } from '../progress.js';
import { printJson, withEngine, workspacePath } from '../session.js';
import type { EngineClient } from '../../api/index.js';

/** control:1,treatment:1 → arms with shares. */
function parseArms(v: string): { name: string; share: number }[] {
  return v.split(',').map((part) => {
    const [name, share = '1'] = part.split(':');
    const s = Number(share);
    if (!name?.trim() || !Number.isFinite(s) || s <= 0) throw new AerieError('INVALID_INPUT', `--arms takes name:share pairs separated by commas, e.g. control:1,treatment:1 (got ${JSON.stringify(v)}).`);
    return { name: name.trim(), share: s };
  });
}

async function inWorkspace(ws: string, fn: (client: EngineClient) => Promise<unknown>, files: string[] = []): Promise<void> {
  const pass = await passphrase();
  await withEngine(ws, async (client, path) => {
    await client.call('workspace.open', { path, passphrase: pass });
    printJson(await fn(client));
  }, files);
}

export function registerExperimentStoreCommands(exp: Command): void {
  exp
    .command('create <workspace>')
    .description('store an experiment design; prints it as JSON')
    .requiredOption('--name <name>', 'a unique name')
    .requiredOption('--start <date>', 'start date, YYYY-MM-DD')
    .requiredOption('--end <date>', 'end date, YYYY-MM-DD')
    .option('--hypothesis <text>', 'what the experiment should show', '')
    .option('--unit <kind>', 'golden (one unit per golden record) or source (one per source account)', 'source')
    .option('--arms <list>', 'arms and shares, control first', 'control:1,treatment:1')
    .option('--holdout <share>', 'share held out of every arm', '0')
    .option('--stratify <column>', 'customer attribute to balance the arms within (e.g. city), or churn_decile (churn risk decile of the scored churn model)')
    .option('--metric <id>', 'primary metric: conversion, revenue or churn_<days>d', 'conversion')
    .option('--guardrail <id...>', 'guardrail metrics')
    .action(async (ws: string, o: { name: string; start: string; end: string; hypothesis: string; unit: string; arms: string; holdout: string; stratify?: string; metric: string; guardrail?: string[] }) => {
      const params = {
        name: o.name, hypothesis: o.hypothesis, unit: choice('--unit', o.unit, ['golden', 'source'] as const), arms: parseArms(o.arms), holdout: Number(o.holdout),
        stratify: o.stratify ?? null, primaryMetric: o.metric, guardrailMetrics: o.guardrail ?? [], startsOn: o.start, endsOn: o.end,
      };
      checkParams('experiments.create', params, { name: '--name', hypothesis: '--hypothesis', arms: '--arms', holdout: '--holdout', stratify: '--stratify', primaryMetric: '--metric', guardrailMetrics: '--guardrail', startsOn: '--start', endsOn: '--end' });
      await inWorkspace(ws, (c) => c.call('experiments.create', params));
    });
  exp
    .command('list <workspace>')
    .description('stored experiments as JSON, newest first')
    .action((ws: string) => inWorkspace(ws, (c) => c.call('experiments.list', {})));
  exp
    .command('status <workspace> <id> <status>')
    .description('move an experiment: draft → running → stopped → analysed')
    .action((ws: string, id: string, status: string) => {
      const s = choice('status', status, ['draft', 'running', 'stopped', 'analysed'] as const);
      return inWorkspace(ws, (c) => c.call('experiments.setStatus', { id: wholeNumber('<id>', id), status: s }));
    });
  exp
    .command('assign <workspace> <id>')
    .description('assign every unit not yet assigned (salted hash; assignments are fixed once made; a job: Ctrl-C cancels and stores nothing)')
    .action((ws: string, id: string) => inWorkspace(ws, async (c) => (await runCliJob(c, 'experiments.assign', { id: wholeNumber('<id>', id) })).result));
  exp
    .command('export <workspace> <id>')
    .description('write the assignments as CSV with source, source key and golden id')
    .requiredOption('--out <file>', 'the CSV to write (never over the workspace)')
    .option('--force', 'replace a file already at --out')
    .action((ws: string, id: string, o: { out: string; force?: boolean }) => {
      const n = wholeNumber('<id>', id);
      checkExportTarget(o.out, { overwrite: o.force, workspace: workspacePath(ws) });
      return inWorkspace(ws, (c) => c.call('experiments.exportAssignments', { id: n, path: resolve(o.out), overwrite: o.force === true }), [o.out]);
    });
  exp
    .command('results <workspace> <id>')
    .description('SRM, then per metric and arm: effect with CI, p-value, Bayesian view, CUPED, sequential view, Holm (from events, or --outcomes)')
    .option('--outcomes <file>', 'a CSV with one row per unit instead of the event store')
    .option('--unit-column <column>', 'unit id column of --outcomes', 'unit')
    .option('--outcome <column>', 'outcome column of --outcomes', 'outcome')
    .option('--pre <column>', 'pre-period column of --outcomes (CUPED)')
    .option('--metric <m>', 'rate or mean (for --outcomes)', 'rate')
    .option('--lower-is-better', 'the outcome in --outcomes is better when lower (e.g. churn)')
    .option('--sequential <method>', 'sequential view of rates: obrien-fleming or pocock (group sequential over the planned window) or msprt', 'obrien-fleming')
    .action((ws: string, id: string, o: { outcomes?: string; unitColumn: string; outcome: string; pre?: string; metric: string; lowerIsBetter?: boolean; sequential: string }) => {
      const n = wholeNumber('<id>', id);
      const outcomes = o.outcomes === undefined ? undefined : { path: resolve(o.outcomes), unit: o.unitColumn, outcome: o.outcome, pre: o.pre, metric: choice('--metric', o.metric, ['rate', 'mean'] as const), better: o.lowerIsBetter ? ('lower' as const) : ('higher' as const) };
      const sequential = choice('--sequential', o.sequential, ['obrien-fleming', 'pocock', 'msprt'] as const);
      return inWorkspace(ws, (c) => c.call('experiments.results', { id: n, outcomes, sequential }), o.outcomes ? [o.outcomes] : []);
    });
  exp
    .command('report <workspace> <id>')
    .description('write the self-contained HTML report (no scripts, no external requests)')
    .requiredOption('--out <file>', 'the HTML file to write')
    .option('--force', 'replace a file already at --out')
    .action((ws: string, id: string, o: { out: string; force?: boolean }) => {
      const n = wholeNumber('<id>', id);
      checkExportTarget(o.out, { overwrite: o.force, workspace: workspacePath(ws) });
      return inWorkspace(ws, (c) => c.call('experiments.report', { id: n, path: resolve(o.out), overwrite: o.force === true }), [o.out]);
    });
}
