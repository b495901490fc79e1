// aerie profile: profile a source or the whole workspace; JSON figures, optional HTML report.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { AerieError } from '../../api/errors.js';
import { ColumnType } from '../../api/profile-types.js';
import { passphrase } from '../passphrase.js';
import { runCliJob } from '../progress.js';
import { checkExportTarget } from '../../util/safe-write.js';
import { checkParams } from '../options.js';
import { printJson, withEngine, workspacePath } from '../session.js';

export function registerProfileCommands(program: Command): void {
  program
    .command('profile <workspace>')
    .description('profile a source (or the whole workspace): types, nulls, distincts, shapes, validity, PII classes, duplicates')
    .option('--source <name>', 'only this source')
    .option('--country <cc>', "default country for phone numbers without a country code (default: the workspace's saved one, else GB)")
    .option('--out <file>', 'also write a self-contained HTML report with charts (never over the workspace)')
    .option('--force', 'with --out: replace a file already there')
    .option('--type <column=type>', `set a column's type before profiling (${ColumnType.options.join(', ')}, or auto to infer it again); repeatable, saved with the workspace`, collectType, [])
    .action(async (ws: string, o: { source?: string; country?: string; out?: string; force?: boolean; type: { column: string; type: ColumnType | null }[] }) => {
      const defaultCountry = o.country?.toUpperCase();
      checkParams('profile.run', { scope: { kind: 'workspace' }, ...(defaultCountry && { defaultCountry }) }, { defaultCountry: '--country' });
      // Refused before the passphrase is asked and before profiling runs; checked again when written.
      if (o.out) checkExportTarget(o.out, { overwrite: o.force, workspace: workspacePath(ws) });
      const pass = await passphrase();
      await withEngine(ws, async (client, path) => {
        await client.call('workspace.open', { path, passphrase: pass });
        let scope: { kind: 'workspace' } | { kind: 'source'; sourceId: number } = { kind: 'workspace' };
        if (o.source) {
          const sources = await client.call('sources.list', {});
          const s = sources.find((x) => x.name === o.source);
          if (!s) throw new AerieError('NOT_FOUND', `No source named ${o.source}.`, { hint: `Sources: ${sources.map((x) => x.name).join(', ') || 'none yet'}` });
          scope = { kind: 'source', sourceId: s.id };
        }
        for (const columnType of o.type) await client.call('profile.setSettings', { columnType });
        await runCliJob(client, 'profile.run', { scope, ...(defaultCountry && { defaultCountry }) });
        const report = await client.call('profile.get', { scope });
        if (o.out) {
          const written = await client.call('profile.exportHtml', { scope, path: resolve(o.out), overwrite: o.force === true });
          process.stderr.write(`HTML report: ${written.path}\n`);
        }
        printJson(report);
      }, o.out ? [o.out] : []);
    });
}

/** --type NAME=TYPE (repeatable): the column's name as the file writes it; `auto` clears the type. */
function collectType(v: string, all: { column: string; type: ColumnType | null }[]): { column: string; type: ColumnType | null }[] {
  const at = v.lastIndexOf('=');
  const column = at > 0 ? v.slice(0, at) : '';
  const name = v.slice(at + 1).trim().toLowerCase();
  const type = name === 'auto' ? null : ColumnType.safeParse(name).data;
  if (!column || type === undefined) {
    throw new AerieError('INVALID_INPUT', `--type ${v}: expected COLUMN=TYPE with TYPE one of ${ColumnType.options.join(', ')} or auto.`, {
      column: '--type',
      hint: 'For example --type ZIP=text --type ACTIVE=boolean.',
    });
  }
  return [...all, { column, type }];
}
