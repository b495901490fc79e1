// aerie import | remove | rejects
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { AerieError } from '../../api/errors.js';
import { ImportFormat, ImportKind, Mapping } from '../../api/ingest.js';
import { passphrase } from '../passphrase.js';
import { runCliJob } from '../progress.js';
import { checkExportTarget } from '../../util/safe-write.js';
import { checkParams, choice, wholeNumber } from '../options.js';
import { printJson, withEngine, workspacePath } from '../session.js';

interface ImportOptions {
  kind: string;
  source?: string;
  format: string;
  encoding: string;
  delimiter?: string;
  quote?: string;
  header: string;
  skipRows?: string;
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
    .option('--delimiter <char>', "CSV: the field delimiter (',', ';', '|', tab; default: detected)")
    .option('--quote <char>', "CSV: the quote character, or none (default: \")")
    .option('--header <choice>', 'auto | yes | no: whether the first row holds column names', 'auto')
    .option('--skip-rows <n>', 'CSV: rows above the header to skip (a title or banner)')
    .option('--mapping <file>', 'JSON mapping {column: attribute|null} (default: the saved mapping of the source, else suggestions)')
    .option('--event-type <type>', 'event type for every row when no column holds it (events)')
    .option('--allow-duplicate', 'import even if the same file was imported before')
    .action(async (ws: string, file: string, o: ImportOptions) => {
      const kind = choice('--kind', o.kind, ImportKind.options);
      const format = choice('--format', o.format, ImportFormat.options);
      const path = resolve(file);
      const source = o.source ?? path.split(/[\\/]/).pop()!.replace(/\.[^.]+$/, '');
      const mapping = o.mapping ? readMapping(resolve(o.mapping)) : undefined;
      const header = choice('--header', o.header, ['auto', 'yes', 'no'] as const);
      const read = {
        format,
        encoding: o.encoding,
        ...(o.delimiter !== undefined ? { delimiter: o.delimiter } : {}),
        ...(o.quote !== undefined ? { quote: o.quote } : {}),
        ...(header !== 'auto' ? { hasHeader: header === 'yes' } : {}),
        ...(o.skipRows !== undefined ? { skipRows: wholeNumber('--skip-rows', o.skipRows) } : {}),
      };
      checkParams('ingest.start', { path, source, kind, read, ...(o.eventType !== undefined ? { eventType: o.eventType } : {}) }, { source: '--source', 'read.format': '--format', 'read.encoding': '--encoding', 'read.delimiter': '--delimiter', 'read.quote': '--quote', 'read.skipRows': '--skip-rows', eventType: '--event-type' });
      const pass = await passphrase();
      await withEngine(ws, async (client, wsPath) => {
        await client.call('workspace.open', { path: wsPath, passphrase: pass });
        const { result } = await runCliJob(client, 'ingest.import', {
          path,
          source,
          kind,
          read,
          ...(mapping ? { mapping } : {}),
          ...(o.eventType ? { eventType: o.eventType } : {}),
          allowDuplicate: Boolean(o.allowDuplicate),
        });
        // What the import decided and skipped goes to stderr, so it is seen and stdout stays JSON.
        if (result.encodingReason) process.stderr.write(`encoding: ${result.encodingReason}\n`);
        for (const n of result.notes ?? []) process.stderr.write(`note: ${n}\n`);
        if (result.rowsRejected > 0) process.stderr.write(`${result.rowsRejected.toLocaleString('en')} ${result.rowsRejected === 1 ? 'row' : 'rows'} rejected: list them with \`aerie rejects ${ws} --import ${result.importId}\`.\n`);
        printJson(await client.call('ingest.summary', { importId: result.importId }));
      }, [path], { thread: true });
    })
    .addHelpText('after', '\nPrints {importId, format, encoding, delimiter, columns, rowsRead, rowsImported, rowsRejected, …}.');

  program
    .command('remove <workspace>')
    .description('delete a source, or roll back one of its imports, with everything derived from it (one transaction, audited)')
    .requiredOption('--source <name>', 'the source')
    .option('--import <id>', 'roll back only this import of the source')
    .action(async (ws: string, o: { source: string; import?: string }) => {
      const importId = o.import !== undefined ? wholeNumber('--import', o.import) : undefined;
      const params = { source: o.source, ...(importId !== undefined ? { importId } : {}) };
      checkParams('ingest.remove', params, { source: '--source', importId: '--import' });
      const pass = await passphrase();
      await withEngine(ws, async (client, wsPath) => {
        await client.call('workspace.open', { path: wsPath, passphrase: pass });
        const { result } = await runCliJob(client, 'ingest.remove', params);
        if (result.stale.length) process.stderr.write(`re-run to bring up to date: ${result.stale.join(', ')}\n`);
        printJson(result);
      });
    })
    .addHelpText('after', '\nPrints {source, sourceDeleted, importIds, records, events, rejects, imports, vectors, feedback, profiles, stale}.');

  program
    .command('rejects <workspace>')
    .description('rows that could not be imported, as JSON lines')
    .option('--import <id>', 'only this import')
    .option('--out <file>', 'write a CSV instead (formula-like cells neutralised; never over the workspace)')
    .option('--force', 'with --out: replace a file already there')
    .action(async (ws: string, o: { import?: string; out?: string; force?: boolean }) => {
      const importId = o.import !== undefined ? wholeNumber('--import', o.import) : undefined;
      // Refused before the passphrase is asked; the engine checks again when it writes.
      if (o.out) checkExportTarget(o.out, { overwrite: o.force, workspace: workspacePath(ws) });
      const pass = await passphrase();
      await withEngine(ws, async (client, wsPath) => {
        await client.call('workspace.open', { path: wsPath, passphrase: pass });
        if (o.out) {
          printJson(await client.call('ingest.exportRejects', { path: resolve(o.out), overwrite: o.force === true, ...(importId !== undefined ? { importId } : {}) }));
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
