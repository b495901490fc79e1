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
  filter: string[];
  columns?: string;
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
    .option('--filter <column=filter>', "keep rows whose column matches a filter in the Data browser's syntax (>3000, 1..9, blank, not blank, /regex/, =exact, text); repeatable", (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--columns <list>', 'only these columns (headers, comma-separated), in this order')
    .requiredOption('--out <file>', 'the CSV, or XLSX when it ends in .xlsx, to write (formula-like cells neutralised; never over the workspace)')
    .option('--force', 'replace a file already there')
    .action(async (ws: string, o: ExportOptions) => {
      if ((o.source === undefined) === (o.table === undefined)) throw new AerieError('INVALID_INPUT', 'Give either --source NAME or --table NAME.');
      const split = (flag: string, op: 'equals' | 'match') => (w: string) => {
        const i = w.indexOf('=');
        if (i <= 0) throw new AerieError('INVALID_INPUT', `${flag} ${JSON.stringify(w)} is not COLUMN=${op === 'equals' ? 'VALUE' : 'FILTER'}.`);
        return { column: w.slice(0, i), value: w.slice(i + 1), op, flag };
      };
      const where = [...o.where.map(split('--where', 'equals')), ...o.filter.map(split('--filter', 'match'))];
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
          const column = (flag: string, name: string) => {
            const col = info.columns.find((c) => c.label === name) ?? info.columns.find((c) => c.name === name);
            if (!col) throw new AerieError('INVALID_INPUT', `${flag}: ${info.label} has no column ${JSON.stringify(name)}.`, { hint: `Columns: ${info.columns.map((c) => c.label).join(', ')}` });
            return col.name;
          };
          const filters: Filter[] = where.map((w) => ({ column: column(w.flag, w.column), op: w.op, value: w.value }));
          const columns = o.columns?.split(',').map((c) => column('--columns', c.trim()));
          const format = /\.xlsx$/i.test(o.out) ? 'xlsx' : 'csv';
          printJson(await client.call('data.export', { table, filters, ...(columns && { columns }), format, path: resolve(o.out), overwrite: o.force === true }));
        },
        [o.out],
      );
    })
    .addHelpText('after', "\nPrints {path, rows, columns}. Examples:\n  aerie export ws.aerie --source churn --where Contract=Month-to-month --out m2m.csv\n  aerie export ws.aerie --source churn --filter 'MonthlyCharges=>70' --filter 'email=not blank' --columns customerID,Contract --out high.xlsx");
}
