// aerie check: is the workspace file whole (every page, its size) and is its audit chain intact?
import type { Command } from 'commander';
import { passphrase } from '../passphrase.js';
import { printJson, withEngine } from '../session.js';

export function registerCheckCommand(program: Command): void {
  program
    .command('check <workspace>')
    .description('read every page of the workspace and re-check its audit chain; writes nothing; exit 1 if it is damaged')
    .action(async (ws: string) => {
      const pass = await passphrase();
      const report = await withEngine(ws, async (client, path) => client.call('workspace.check', { path, passphrase: pass }, { timeoutMs: 0 }));
      printJson(report);
      process.stderr.write(`${report.ok ? '' : 'aerie: '}${report.message}\n`);
      if (!report.ok) {
        for (const d of report.damage.slice(0, 10)) process.stderr.write(`  ${d}\n`);
        for (const p of report.audit?.problems.slice(0, 10) ?? []) process.stderr.write(`  audit: ${p.message}\n`);
        if (report.damage.length) process.stderr.write('  (WORKSPACE_DAMAGED)\n');
        process.exitCode = 1;
      }
    });
}
