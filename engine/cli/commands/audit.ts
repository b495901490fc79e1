// aerie audit verify | anchor | list
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { AerieError } from '../../api/errors.js';
import { anchorFileText, parseAnchorFile, parseExpectValue, type AuditAnchor } from '../../audit/anchor.js';
import { checkExportTarget, writeExportText } from '../../util/safe-write.js';
import { passphrase } from '../passphrase.js';
import { checkParams, wholeNumber } from '../options.js';
import { printJson, withEngine, workspacePath } from '../session.js';

/** `--expect`: a hash, SEQ:HASH, or the file `aerie audit anchor` wrote. Checked before the passphrase is asked. */
function readExpect(value: string): AuditAnchor {
  const direct = parseExpectValue(value);
  if (direct) return direct;
  const path = resolve(value);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new AerieError('NOT_FOUND', `--expect: ${path} is not a file, and the value is not a 64-digit hex hash or SEQ:HASH.`, {
      file: path,
      hint: 'Pass the head hash `aerie audit verify` printed, or the file `aerie audit anchor --out` wrote.',
    });
  }
  try {
    return parseAnchorFile(text, path);
  } catch (e) {
    throw new AerieError('INVALID_INPUT', `--expect: ${(e as Error).message}`, { file: path });
  }
}

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('the hash-chained audit log');
  audit
    .command('verify <workspace>')
    .description('re-check the hash chain and cross-check it with the jobs and imports; print the head; exit 1 naming each problem')
    .option('--expect <head>', 'a head recorded earlier (the hash verify printed, SEQ:HASH, or a file from `aerie audit anchor`): exit 1 if the log no longer holds it')
    .action(async (ws: string, o: { expect?: string }) => {
      const expect = o.expect !== undefined ? readExpect(o.expect) : undefined;
      const pass = await passphrase();
      const report = await withEngine(ws, async (client, path) => {
        await client.call('workspace.open', { path, passphrase: pass });
        return client.call('audit.verify', expect ? { expect } : {});
      });
      printJson(report);
      process.stderr.write(`audit: ${report.checked} entries, head ${report.head.seq} ${report.head.hash}\n`);
      if (!report.ok) {
        for (const p of report.problems) process.stderr.write(`audit: ${p.message}\n`);
        process.exitCode = 1;
      } else if (!expect) {
        process.stderr.write('audit: keep this head outside the workspace (or write it with `aerie audit anchor`); `--expect` it later to detect a rewritten or wiped log.\n');
      }
    });
  audit
    .command('anchor <workspace>')
    .description('write the audit head to a file to keep outside the workspace (owner-only; later `aerie audit verify --expect FILE`)')
    .requiredOption('--out <file>', 'where to write it (never over the workspace)')
    .option('--force', 'replace a file already there')
    .action(async (ws: string, o: { out: string; force?: boolean }) => {
      const workspace = workspacePath(ws);
      checkExportTarget(o.out, { overwrite: o.force, workspace });
      const pass = await passphrase();
      const report = await withEngine(ws, async (client, path) => {
        await client.call('workspace.open', { path, passphrase: pass });
        return client.call('audit.verify', {});
      });
      if (!report.ok) {
        for (const p of report.problems) process.stderr.write(`audit: ${p.message}\n`);
        throw new AerieError('BAD_DATA', 'The audit log does not verify, so its head is not worth anchoring. Nothing was written.', {
          file: workspace,
          hint: 'Resolve the problems above first (restore a backup), then anchor.',
        });
      }
      const written = await writeExportText(o.out, anchorFileText(report.head, basename(workspace)), { overwrite: o.force, workspace });
      printJson({ path: written.path, seq: report.head.seq, hash: report.head.hash });
    });
  audit
    .command('list <workspace>')
    .option('--limit <n>', 'entries', '100')
    .description('newest audit entries as JSON')
    .action(async (ws: string, o: { limit: string }) => {
      const limit = wholeNumber('--limit', o.limit);
      checkParams('audit.list', { limit }, { limit: '--limit' });
      const pass = await passphrase();
      await withEngine(ws, async (client, path) => {
        await client.call('workspace.open', { path, passphrase: pass });
        printJson(await client.call('audit.list', { limit }));
      });
    });
}
