// aerie serve: the loopback host (UI + API on 127.0.0.1), engine in a worker thread.
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { startLoopbackHost } from '../../host/server.js';
import { startEngineWorker } from '../../worker/worker-transport.js';
import { AerieError } from '../../api/errors.js';
import { checkFolderExists, wholeNumber } from '../options.js';
import { passphrase } from '../passphrase.js';
import { caller } from '../session.js';

/** dist/renderer beside the bundle, or the repo build when running from source. */
function rendererDir(): string {
  for (const rel of ['./renderer', '../../dist/renderer']) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(p)) return p;
  }
  return fileURLToPath(new URL('./renderer', import.meta.url));
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve [workspace]')
    .description('serve the UI and API on 127.0.0.1 (prints the URL to open)')
    .option('--port <n>', 'port (random when omitted)')
    .option('--root <dir...>', 'extra folders the UI may create, open and import from')
    .action(async (ws: string | undefined, o: { port?: string; root?: string[] }) => {
      const port = o.port === undefined ? undefined : wholeNumber('--port', o.port);
      if (port !== undefined && (port < 0 || port > 65535)) throw new AerieError('INVALID_INPUT', `--port must be from 0 to 65535 (got ${port}).`);
      for (const r of o.root ?? []) {
        if (!statSync(r, { throwIfNoEntry: false })?.isDirectory()) throw new AerieError('NOT_FOUND', `--root ${r}: no such folder.`, { file: resolve(r) });
      }
      const path = ws ? resolve(ws) : null;
      if (path && !existsSync(path)) checkFolderExists(path);
      const roots = [...(o.root ?? []).map((r) => resolve(r)), ...(path ? [dirname(path)] : [process.cwd()])];
      const pass = path ? await passphrase({ confirm: !existsSync(path) }) : null;
      const { client, transport } = await startEngineWorker({ roots, caller: { ...caller(), host: 'loopback' } });
      if (path && pass) {
        if (existsSync(path)) await client.call('workspace.open', { path, passphrase: pass });
        else await client.call('workspace.create', { path, passphrase: pass });
      }
      const host = await startLoopbackHost({ client, rendererDir: rendererDir(), ...(port !== undefined ? { port } : {}) });
      process.stdout.write(`${JSON.stringify({ url: host.url, port: host.port, workspace: path })}\n`);
      process.stderr.write(`Aerie is serving on 127.0.0.1 only. Open ${host.url}\n`);
      const stop = async () => {
        await host.close();
        await transport.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
    });
}
