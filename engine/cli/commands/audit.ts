// aerie audit verify | list
import type { Command } from 'commander';
import { passphrase } from '../passphrase.js';
import { printJson, withEngine } from '../session.js';

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('the hash-chained audit log');
  audit
    .command('verify <workspace>')
    .description('re-check the hash chain; exit 1 and name the entries if any was changed or deleted')
    .action(async (ws: string) => {
      const pass = await passphrase();
      const report = await withEngine(ws, async (client, path) => {
        await client.call('workspace.open', { path, passphrase: pass });
        return client.call('audit.verify', {});
      });
      printJson(report);
      if (!report.ok) {
        for (const p of report.problems) process.stderr.write(`audit: ${p.message}\n`);
        process.exitCode = 1;
      }
    });
  audit
    .command('list <workspace>')
    .option('--limit <n>', 'entries', '100')
    .description('newest audit entries as JSON')
    .action(async (ws: string, o: { limit: string }) => {
      const pass = await passphrase();
      await withEngine(ws, async (client, path) => {
        await client.call('workspace.open', { path, passphrase: pass });
        printJson(await client.call('audit.list', { limit: Number(o.limit) }));
      });
    });
}
