// aerie import | rejects
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { AerieError } from '../../api/errors.js';
import { ImportFormat, ImportKind, Mapping } from '../../api/ingest-schemas.js';
import { passphrase } from '../passphrase.js';
import { followJob } from '../progress.js';
import { printJson, withEngine } from '../session.js';

interface ImportOptions {
  kind: string;
  source?: string;
  format: string;
  encoding: string;
  mapping?: string;
  eventType?: string;
  allowDuplicate?: boolean;
}

function readMapping(file: string): Mapping {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new AerieError('INVALID_INPUT', `The mapping file is not JSON: ${(e as Error).message}`, { file, hint: 'Write it as {"SOURCE COLUMN": "canonical attribute" or null, ...}.' });
  }
  const r = Mapping.safeParse(json);
  if (!r.success) throw new AerieError('INVALID_INPUT', 'The mapping file must map column names to attribute names or null.', { file });
  return r.data;
}

export function registerIngestCommands(program: Command): void {
  program
    .command('import <workspace> <file>')
    .description('import an export (CSV, Oracle INSERT script, SQL*Loader .ctl + data, XLSX) into a source')
    .option('--kind <kind>', 'customers | events', 'customers')
    .option('--source <name>', 'source name (default: the file name without extension)')
    .option('--format <format>', 'auto | csv | oracle-sql | sqlldr | xlsx', 'auto')
    .option('--encoding <name>', 'auto or an encoding name (utf-8, windows-1252, utf-16le, …)', 'auto')
    .option('--mapping <file>', 'JSON mapping {column: attribute|null} (default: the saved mapping of the source, else suggestions)')
    .option('--event-type <type>', 'event type for every row when no column holds it (events)')
    .option('--allow-duplicate', 'import even if the same file was imported before')
    .action(async (ws: string, file: string, o: ImportOptions) => {
      const kind = ImportKind.parse(o.kind);
      const format = ImportFormat.parse(o.format);
      const path = resolve(file);
      const source = o.source ?? path.split(/[\\/]/).pop()!.replace(/\.[^.]+$/, '');
      const mapping = o.mapping ? readMapping(resolve(o.mapping)) : undefined;
      const pass = await passphrase();
      await withEngine(ws, async (client, wsPath) => {
        await client.call('workspace.open', { path: wsPath, passphrase: pass });
        const { jobId } = await client.call('ingest.start', {
          path,
          source,
          kind,
          read: { format, encoding: o.encoding },
          ...(mapping ? { mapping } : {}),
          ...(o.eventType ? { eventType: o.eventType } : {}),
          allowDuplicate: Boolean(o.allowDuplicate),
        });
        const job = await followJob(client, jobId);
        if (job.state !== 'succeeded') {
          throw new AerieError((job.error?.code as never) ?? 'CANCELLED', job.error?.message ?? `Import ${job.state}; nothing was kept.`, { file: path, ...(job.error?.details ?? {}) });
        }
        const { import_id } = job.result as { import_id: number };
        printJson(await client.call('ingest.summary', { importId: import_id }));
      }, [path], { thread: true });
    })
    .addHelpText('after', '\nPrints {import_id, format, encoding, delimiter, columns, rows_read, rows_imported, rows_rejected, …}.');

  program
    .command('rejects <workspace>')
    .description('rows that could not be imported, as JSON lines')
    .option('--import <id>', 'only this import')
    .option('--out <file>', 'write a CSV instead (formula-like cells neutralised)')
    .action(async (ws: string, o: { import?: string; out?: string }) => {
      const pass = await passphrase();
      await withEngine(ws, async (client, wsPath) => {
        await client.call('workspace.open', { path: wsPath, passphrase: pass });
        const importId = o.import !== undefined ? Number(o.import) : undefined;
        if (o.out) {
          printJson(await client.call('ingest.exportRejects', { path: resolve(o.out), ...(importId !== undefined ? { importId } : {}) }));
          return;
        }
        for (let offset = 0; ; offset += 5000) {
          const page = await client.call('ingest.rejects', { offset, limit: 5000, ...(importId !== undefined ? { importId } : {}) });
          for (const r of page.rows) process.stdout.write(`${JSON.stringify(r)}\n`);
          if (offset + page.rows.length >= page.total || page.rows.length === 0) break;
        }
      }, o.out ? [o.out] : []);
    });
}
