// aerie export: a source with every column its files had (or a workspace table), optionally
// filtered, as CSV — the same rows and columns the Data browser shows (data.export).
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { AerieError } from '../../api/errors.js';
import type { Filter } from '../../api/data.js';
import { checkExportTarget } from '../../util/safe-write.js';
import { passphrase } from '../passphrase.js';
import { printJson, withEngine, workspacePath } from '../session.js';

interface ExportOptions {
  source?: string;
  table?: string;
  where: string[];
  out: string;
  force?: boolean;
}

export function registerDataCommands(program: Command): void {
  program
    .command('export <workspace>')
    .description("a source's records with every column as imported (or a workspace table), as CSV")
    .option('--source <name>', "the source's table: every column of its files, mapped or not")
    .option('--table <name>', 'a workspace table instead: records, events, rejects, imports, audit_log')
    .option('--where <column=value>', 'keep rows whose column (its header) equals the value; repeatable', (v: string, all: string[]) => [...all, v], [] as string[])
    .requiredOption('--out <file>', 'the CSV to write (formula-like cells neutralised; never over the workspace)')
    .option('--force', 'replace a file already there')
    .action(async (ws: string, o: ExportOptions) => {
      if ((o.source === undefined) === (o.table === undefined)) throw new AerieError('INVALID_INPUT', 'Give either --source NAME or --table NAME.');
      const where = o.where.map((w) => {
        const i = w.indexOf('=');
        if (i <= 0) throw new AerieError('INVALID_INPUT', `--where ${JSON.stringify(w)} is not COLUMN=VALUE.`);
        return { column: w.slice(0, i), value: w.slice(i + 1) };
      });
      checkExportTarget(o.out, { overwrite: o.force, workspace: workspacePath(ws) });
      const pass = await passphrase();
      await withEngine(
        ws,
        async (client, wsPath) => {
          await client.call('workspace.open', { path: wsPath, passphrase: pass });
          let table = o.table!;
          if (o.source !== undefined) {
            const s = (await client.call('sources.list', {})).find((x) => x.name === o.source);
            if (!s) throw new AerieError('NOT_FOUND', `No source named ${JSON.stringify(o.source)}. \`aerie info\` or the Sources screen lists them.`);
            table = `source:${s.id}`;
          }
          const info = (await client.call('data.tables', {})).find((t) => t.name === table);
          if (!info) throw new AerieError('NOT_FOUND', `No table ${JSON.stringify(table)} to export.`);
          const filters: Filter[] = where.map((w) => {
            const col = info.columns.find((c) => c.label === w.column) ?? info.columns.find((c) => c.name === w.column);
            if (!col) throw new AerieError('INVALID_INPUT', `--where: ${info.label} has no column ${JSON.stringify(w.column)}.`);
            return { column: col.name, op: 'equals', value: w.value };
          });
          printJson(await client.call('data.export', { table, filters, path: resolve(o.out), overwrite: o.force === true }));
        },
        [o.out],
      );
    })
    .addHelpText('after', '\nPrints {path, rows, columns}. Example: aerie export ws.aerie --source churn --where Contract=Month-to-month --out m2m.csv');
}
