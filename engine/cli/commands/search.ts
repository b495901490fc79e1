// aerie search / aerie embed: hybrid search over a workspace, the embedding jobs and the models
// imported into a workspace.
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { AerieError } from '../../api/errors.js';
import { passphrase } from '../passphrase.js';
import { modelFolderRoots } from '../model-folder.js';
import { runCliJob } from '../progress.js';
import { checkParams, wholeNumber } from '../options.js';
import { printJson, withEngine } from '../session.js';

export function registerSearchCommands(program: Command): void {
  program
    .command('search <workspace> <query>')
    .description('hybrid fuzzy search over customer records; fielded parts: name: email: phone: postcode: city: address: id: dob:')
    .option('--limit <n>', 'results', '10')
    .option('--lexical-only', 'skip the vector channel')
    .action(async (ws: string, q: string, o: { limit: string; lexicalOnly?: boolean }) => {
      const query = { q, limit: wholeNumber('--limit', o.limit), lexicalOnly: o.lexicalOnly === true, waitMs: 600_000 };
      checkParams('search.query', query, { q: 'the query', limit: '--limit' });
      const pass = await passphrase();
      await withEngine(ws, async (client, path) => {
        await client.call('workspace.open', { path, passphrase: pass });
        // A one-shot command: wait for the indexes to warm rather than answer from half of them.
        printJson(await client.call('search.query', query, { timeoutMs: 0 }));
      });
    });

  program
    .command('embed <workspace>')
    .description('embed new and changed records (--full: re-embed everything into a new generation)')
    .option('--full', 'full re-index (e.g. after switching model)')
    .option('--model <id>', 'embedding model id (see --list)')
    .option('--list', 'list available models and the vector store status, embed nothing')
    .option('--import-model <folder>', 'copy a model folder into the workspace (then use it with --model ID), embed nothing')
    .option('--remove-model <id>', 'remove a model imported into the workspace, embed nothing')
    .action(async (ws: string, o: { full?: boolean; model?: string; list?: boolean; importModel?: string; removeModel?: string }) => {
      const pass = await passphrase();
      // the folder named on the command line is the user's choice: allow it and where its links point
      // (withEngine allows the folder of each named file, so name one inside each)
      const folder = o.importModel ? resolve(o.importModel) : undefined;
      await withEngine(
        ws,
        async (client, path) => {
          await client.call('workspace.open', { path, passphrase: pass });
          if (folder) {
            // checked at once (a folder that is not a model fails here), then copied as a job
            printJson((await runCliJob(client, 'embed.importModel', { path: folder })).result);
            return;
          }
          if (o.removeModel) {
            printJson(await client.call('embed.removeModel', { id: o.removeModel }));
            return;
          }
          if (o.list) {
            printJson({ models: await client.call('embed.models', {}), status: await client.call('embed.status', {}) });
            return;
          }
          const { jobId, result } = await runCliJob(client, o.full ? 'embed.reindex' : 'embed.index', o.model ? { model: o.model } : {});
          printJson({ job: jobId, result, status: await client.call('embed.status', {}) });
        },
        folder ? modelFolderRoots(folder) : [],
      );
    });

  program
    .command('search-train <workspace>')
    .description('train the search reranker on feedback and on records sharing a key')
    .option('--key <k...>', 'deterministic keys: email, phone, raw.<column>', ['email', 'phone'])
    .action(async (ws: string, o: { key: string[] }) => {
      checkParams('search.train', { keys: o.key }, { keys: '--key' });
      const pass = await passphrase();
      await withEngine(ws, async (client, path) => {
        await client.call('workspace.open', { path, passphrase: pass });
        const { jobId, result } = await runCliJob(client, 'search.train', { keys: o.key });
        printJson({ job: jobId, result });
      });
    });
}
