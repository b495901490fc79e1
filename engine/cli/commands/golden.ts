// aerie golden build | golden export; aerie crosswalk export
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { checkExportTarget } from '../../util/safe-write.js';
import { choice } from '../options.js';
import { passphrase } from '../passphrase.js';
import { runCliJob } from '../progress.js';
import { printJson, withEngine, workspacePath } from '../session.js';

export function registerGoldenCommands(program: Command): void {
  const golden = program.command('golden').description('golden records: one trusted record per resolved customer, every value traceable');
  golden
    .command('build <workspace>')
    .description('build golden records from the latest resolve run and the steward decisions (a job; Ctrl-C cancels and undoes it); prints a JSON summary')
    .action(async (ws: string) => {
      const pass = await passphrase();
      await withEngine(ws, async (client, path) => {
        await client.call('workspace.open', { path, passphrase: pass });
        const { jobId, result } = await runCliJob(client, 'golden.build', {});
        printJson({ job: jobId, ...result });
      }, [], { thread: true });
    });
  golden
    .command('export <workspace>')
    .description('write the golden records with provenance columns (rule, confidence, source rows)')
    .requiredOption('--out <file>', 'the file to write (never over the workspace)')
    .option('--format <format>', 'csv or xlsx', 'csv')
    .option('--pseudonymise', 'keyed tokens (per-workspace secret) instead of direct identifiers; source-row columns left out')
    .option('--force', 'replace a file already at --out')
    .action(async (ws: string, o: { out: string; format: string; pseudonymise?: boolean; force?: boolean }) => {
      const format = choice('--format', o.format, ['csv', 'xlsx'] as const);
      // refused before the passphrase is asked; the engine checks again when it writes
      checkExportTarget(o.out, { overwrite: o.force, workspace: workspacePath(ws) });
      const pass = await passphrase();
      await withEngine(ws, async (client, path) => {
        await client.call('workspace.open', { path, passphrase: pass });
        printJson(await client.call('golden.export', { path: resolve(o.out), format, pseudonymise: o.pseudonymise === true, overwrite: o.force === true }));
      }, [o.out]);
    });

  program
    .command('crosswalk')
    .description('the crosswalk from every source record to its golden id')
    .command('export <workspace>')
    .description('write source, source_key, import_id, row_no, record_id, golden_id for every record (CSV)')
    .requiredOption('--out <file>', 'the CSV to write (never over the workspace)')
    .option('--force', 'replace a file already at --out')
    .action(async (ws: string, o: { out: string; force?: boolean }) => {
      checkExportTarget(o.out, { overwrite: o.force, workspace: workspacePath(ws) });
      const pass = await passphrase();
      await withEngine(ws, async (client, path) => {
        await client.call('workspace.open', { path, passphrase: pass });
        printJson(await client.call('golden.exportCrosswalk', { path: resolve(o.out), overwrite: o.force === true }));
      }, [o.out]);
    });
}
