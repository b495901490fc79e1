// aerie init | info | passwd
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { checkFolderExists } from '../options.js';
import { passphrase } from '../passphrase.js';
import { printJson, withEngine } from '../session.js';

export function registerWorkspaceCommands(program: Command): void {
  program
    .command('init <workspace>')
    .description('create a new encrypted workspace (passphrase from AERIE_PASSPHRASE or asked for)')
    .action(async (ws: string) => {
      checkFolderExists(ws);
      const pass = await passphrase({ confirm: true, prompt: 'New workspace passphrase: ' });
      await withEngine(ws, async (client, path) => printJson(await client.call('workspace.create', { path, passphrase: pass })));
    });

  program
    .command('info <workspace>')
    .description('print schema version, counts and cipher as JSON')
    .action(async (ws: string) => {
      const pass = await passphrase();
      await withEngine(ws, async (client, path) => {
        await client.call('workspace.open', { path, passphrase: pass });
        printJson(await client.call('workspace.info', {}));
      });
    });

  program
    .command('passwd <workspace>')
    .description('change the passphrase (new one from AERIE_NEW_PASSPHRASE or asked for); re-keys the file')
    .action(async (ws: string) => {
      const current = await passphrase();
      const next = await passphrase({ env: 'AERIE_NEW_PASSPHRASE', confirm: true, prompt: 'New passphrase: ' });
      await withEngine(ws, async (client, path) => {
        await client.call('workspace.open', { path, passphrase: current });
        const mib = (statSync(path).size / 2 ** 20).toFixed(1);
        process.stderr.write(`Re-keying ${basename(path)} (${mib} MiB): a verified copy replaces it; until then the current passphrase still opens it.\n`);
        printJson(await client.call('workspace.changePassphrase', { current, next }));
      });
    });
}
