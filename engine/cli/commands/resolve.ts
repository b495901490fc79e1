// aerie dedupe / aerie link: one-shot identity resolution of CSV files, no workspace and no
// settings (roles inferred, model learned without labels). Files are read with the import readers
// (encoding, delimiter and quoting detected); a row that cannot be read is reported on stderr with
// its line and left out, every readable row is in the output.
import { resolve as resolvePath } from 'node:path';
import type { Command } from 'commander';
import { AerieError } from '../../api/errors.js';
import { detect, readRowBatches } from '../../ingest/formats/index.js';
import { csvCell } from '../../util/spreadsheet-safety.js';
import { dedupe, link, type ResolveOptions } from '../../resolve/pipeline.js';
import type { Table } from '../../resolve/types.js';
import { checkExportTarget, writeExport } from '../../util/safe-write.js';

export interface ReadTable {
  table: Table;
  /** File line of each row (for messages). */
  lines: number[];
  rejected: number;
}

/** A file's readable rows as a table: values trimmed, empty values null. Rejects go to `onReject`. */
export async function readTable(file: string, onReject: (line: number, reason: string) => void): Promise<ReadTable> {
  const d = await detect(file);
  const rows: (string | null)[][] = [];
  const lines: number[] = [];
  let rejected = 0;
  for await (const batch of readRowBatches(file, d)) {
    for (const item of batch) {
      if (item.kind === 'row') {
        rows.push(item.row.values.map((v) => {
          if (v === null) return null;
          const t = v.trim();
          return t.length > 0 ? t : null;
        }));
        lines.push(item.row.line);
      } else if (item.kind === 'reject') {
        rejected++;
        onReject(item.reject.line, item.reject.reason);
      }
    }
  }
  return { table: { columns: d.columns, rows }, lines, rejected };
}

function idColumn(file: string, t: Table, id: string): number {
  const k = t.columns.indexOf(id);
  if (k < 0) throw new AerieError('INVALID_INPUT', `No column named ${JSON.stringify(id)} in ${file}.`, { file, column: id, hint: `Columns: ${t.columns.join(', ')}. Name the record identifier with --id.` });
  return k;
}

/** The --ignore columns; each must be a column of at least one of the files. */
function ignored(list: string | undefined, files: [string, Table][]): string[] {
  const cols = (list ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const c of cols) {
    if (!files.some(([, t]) => t.columns.includes(c))) {
      const [file, t] = files[0]!;
      throw new AerieError('INVALID_INPUT', `--ignore names ${JSON.stringify(c)}, which is not a column of ${files.map(([f]) => f).join(' or ')}.`, { file, column: c, hint: `Columns: ${t.columns.join(', ')}.` });
    }
  }
  return cols;
}

async function load(file: string, label: string): Promise<ReadTable> {
  const r = await readTable(file, (line, reason) => process.stderr.write(`${label}: line ${line} left out: ${reason}\n`));
  process.stderr.write(`${label}: ${r.table.rows.length.toLocaleString('en')} rows read${r.rejected ? `, ${r.rejected.toLocaleString('en')} left out (see above)` : ''}\n`);
  return r;
}

// stdout carries the JSON summary only (as session.ts printJson, without pulling in the engine)
const printJson = (v: unknown) => process.stdout.write(`${JSON.stringify(v, null, 2)}\n`);

/** A line on stderr as each stage ends, with the seconds since the run began. */
function progress(): ResolveOptions['onProgress'] {
  const t0 = performance.now();
  return (stage) => process.stderr.write(`resolve: ${stage} done (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
}

const fmtP = (p: number) => (p >= 0.999999 ? '1' : p.toFixed(6).replace(/0+$/, '').replace(/\.$/, ''));

interface Opts {
  id: string;
  ignore?: string;
  out: string;
  force?: boolean;
  country: string;
  nearest?: string | boolean;
}

/** --nearest [k]: also each record's k nearest neighbours by embedding as candidates (default 10). */
function nearestOption(v: string | boolean | undefined): { k: number } | undefined {
  if (v === undefined || v === false) return undefined;
  if (v === true) return { k: 10 };
  const k = /^\d{1,3}$/.test(v.trim()) ? Number(v) : NaN;
  if (!(k >= 1 && k <= 50)) throw new AerieError('INVALID_INPUT', `--nearest must be a whole number of neighbours from 1 to 50 (got ${JSON.stringify(v)}).`);
  return { k };
}

function summary(res: ReturnType<typeof dedupe>) {
  return {
    columns: res.roles.map((r) => ({ column: r.column, role: r.role, reason: r.reason })),
    blocking_rules: res.rules,
    candidate_pairs: res.pairs.a.length,
    matches: res.pairs.probability.reduce((s, p) => s + (p >= res.threshold ? 1 : 0), 0),
    threshold: res.threshold,
    entities: res.clusters.entities,
    seconds: res.seconds,
  };
}

export function registerResolveCommands(program: Command): void {
  program
    .command('dedupe <file>')
    .description('find the records of one file that are the same person; writes id,entity_id for every readable row')
    .requiredOption('--id <column>', 'the record identifier column (written out, never compared)')
    .option('--ignore <columns>', 'comma-separated columns that take no part')
    .requiredOption('--out <file>', 'the CSV to write (id,entity_id)')
    .option('--force', 'replace a file already at --out')
    .option('--country <cc>', 'country of phone numbers written without a country code', 'GB')
    .option('--nearest [k]', "also each record's k nearest neighbours by embedding as candidates (default 10): reaches duplicates with a typo in every blocking key")
    .action(async (file: string, o: Opts) => {
      checkExportTarget(o.out, { overwrite: o.force });
      const r = await load(file, file);
      const idx = idColumn(file, r.table, o.id);
      const res = dedupe(r.table, { id: o.id, ignore: ignored(o.ignore, [[file, r.table]]), country: o.country, nearest: nearestOption(o.nearest), onProgress: progress() });
      const written = await writeExport(resolvePath(o.out), { overwrite: o.force }, async (out) => {
        await out.write('id,entity_id\n');
        for (let i = 0; i < r.table.rows.length; i++) await out.write(`${csvCell(r.table.rows[i]![idx] ?? '')},${res.clusters.entity[i]! + 1}\n`);
      });
      printJson({ file, records: r.table.rows.length, rows_left_out: r.rejected, ...summary(res), out: written.path });
    });

  program
    .command('link <a> <b>')
    .description('find the records of two files that are the same person; writes id_a,id_b,probability for predicted matches')
    .requiredOption('--id <column>', 'the record identifier column of both files (written out, never compared)')
    .option('--ignore <columns>', 'comma-separated columns that take no part')
    .requiredOption('--out <file>', 'the CSV to write (id_a,id_b,probability)')
    .option('--force', 'replace a file already at --out')
    .option('--country <cc>', 'country of phone numbers written without a country code', 'GB')
    .option('--nearest [k]', "also each record's k nearest neighbours by embedding as candidates (default 10)")
    .action(async (fa: string, fb: string, o: Opts) => {
      checkExportTarget(o.out, { overwrite: o.force });
      const ra = await load(fa, fa);
      const rb = await load(fb, fb);
      const ia = idColumn(fa, ra.table, o.id);
      const ib = idColumn(fb, rb.table, o.id);
      const ignore = ignored(o.ignore, [[fa, ra.table], [fb, rb.table]]);
      const res = link(ra.table, rb.table, { id: o.id, ignore, country: o.country, nearest: nearestOption(o.nearest), onProgress: progress() });
      const written = await writeExport(resolvePath(o.out), { overwrite: o.force }, async (out) => {
        await out.write('id_a,id_b,probability\n');
        for (const l of res.links) await out.write(`${csvCell(ra.table.rows[l.a]![ia] ?? '')},${csvCell(rb.table.rows[l.b]![ib] ?? '')},${fmtP(l.probability)}\n`);
      });
      printJson({ files: [fa, fb], records: [ra.table.rows.length, rb.table.rows.length], rows_left_out: ra.rejected + rb.rejected, alignment: res.alignment, ...summary(res), links: res.links.length, out: written.path });
    });

  program
    .command('resolve <workspace>')
    .description("resolve the workspace's records into entities (a job; Ctrl-C cancels and undoes it); prints a JSON summary")
    .option('--threshold <p>', 'match probability at or above which two records link', '0.5')
    .option('--country <cc>', 'country of phone numbers written without a country code', 'GB')
    .option('--incremental', "match only the records imported since the latest run against its entities (its model, threshold and country; existing entity ids stay)")
    .option('--link <A,B>', 'link the records of source A to those of source B (no merging within a source) instead of resolving the whole workspace')
    .action(async (ws: string, o: { threshold: string; country: string; incremental?: boolean; link?: string }) => {
      // the engine is loaded only here: dedupe and link run without it
      const [{ checkParams }, { passphrase }, { runCliJob }, { withEngine }] = await Promise.all([import('../options.js'), import('../passphrase.js'), import('../progress.js'), import('../session.js')]);
      const sources = o.link?.split(',').map((x) => x.trim());
      if (sources && (sources.length !== 2 || !sources[0] || !sources[1])) throw new AerieError('INVALID_INPUT', `--link takes two source names separated by a comma; got ${JSON.stringify(o.link)}.`, { hint: 'For example: aerie resolve shop.aerie --link crm,web' });
      if (sources && o.incremental) throw new AerieError('INVALID_INPUT', '--link and --incremental cannot be combined.', { hint: 'Incremental runs extend a full run of the whole workspace.' });
      const mode = sources ? ('link' as const) : o.incremental ? ('incremental' as const) : ('full' as const);
      const params = { threshold: Number(o.threshold), country: o.country, mode, ...(sources ? { sources: sources as [string, string] } : {}) };
      checkParams('resolve.run', params, { threshold: '--threshold', country: '--country', sources: '--link' });
      const pass = await passphrase();
      await withEngine(ws, async (client, path) => {
        await client.call('workspace.open', { path, passphrase: pass });
        const { jobId, result } = await runCliJob(client, 'resolve.run', params);
        const s = await client.call('resolve.summary', {});
        printJson({ job: jobId, ...result, clusterSizes: s.clusterSizes, matchesByRule: s.matchesByRule });
      }, [], { thread: true });
    });
}
