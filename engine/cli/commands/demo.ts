// aerie demo: create (if needed) and fill a workspace with the synthetic legacy CRM.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { AerieError } from '../../api/errors.js';
import { passphrase } from '../passphrase.js';
import { runCliJob } from '../progress.js';
import { checkTruthTarget, truthPathFor } from '../../demo/truth-file.js';
import { checkFolderExists, checkParams, wholeNumber } from '../options.js';
import { printJson, withEngine, workspacePath } from '../session.js';

export function registerDemoCommands(program: Command): void {
  program
    .command('demo <workspace>')
    .description('generate a synthetic messy legacy CRM (three overlapping sources, events, hidden truth written beside it)')
    .option('--customers <n>', 'customers to generate', '10000')
    .option('--seed <s>', 'random seed', '1')
    .option('--no-events', 'skip the orders, email events and support tickets')
    .option('--campaign', 'also run a retention campaign with a known true effect (a stored experiment; the effect in the truth folder)')
    .action(async (ws: string, o: { customers: string; seed: string; events: boolean; campaign?: boolean }) => {
      // Every option is checked before the workspace is created: a refusal leaves nothing behind.
      const params = { customers: wholeNumber('--customers', o.customers), seed: wholeNumber('--seed', o.seed), events: o.events, campaign: o.campaign === true };
      checkParams('demo.generate', params, { customers: '--customers', seed: '--seed' });
      const creating = !existsSync(ws);
      if (creating) checkFolderExists(ws);
      checkTruthTarget(truthPathFor(workspacePath(ws)));
      const pass = await passphrase({ confirm: creating });
      await withEngine(ws, async (client, path) => {
        if (existsSync(path)) await client.call('workspace.open', { path, passphrase: pass });
        else await client.call('workspace.create', { path, passphrase: pass });
        const { jobId, result } = await runCliJob(client, 'demo.generate', params);
        printJson({ job: jobId, result, info: await client.call('workspace.info', {}) });
      }, [], { thread: true });
    });

  program
    .command('jobs <workspace>')
    .description('recent jobs as JSON (opening fails interrupted jobs that cannot resume; resumable ones continue in `aerie serve` or the app)')
    .action(async (ws: string) => {
      const pass = await passphrase();
      await withEngine(ws, async (client, path) => {
        await client.call('workspace.open', { path, passphrase: pass });
        printJson(await client.call('jobs.list', { limit: 50 }));
      });
    });
}
