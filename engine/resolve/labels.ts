// The analyst's labels, read each time they are evaluated (nothing is stored: the source column
// lives in the workspace already, and a pairs file stays where the analyst keeps it). Either a
// source column holding a true entity id per record, or a CSV of labelled record pairs whose keys
// are the records' source keys (or a named source column). Errors name the file, row and column,
// never a value: labels are customer data.
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { CUSTOMER_ATTRIBUTES } from '../api/ingest.js';
import { AerieError } from '../api/errors.js';
import type { ResolveLabels } from '../api/resolve-evaluation.js';
import type { DB } from '../db/sqlite.js';
import { IN_COLUMN } from '../records/raw-values.js';

type PairsSpec = Extract<ResolveLabels, { kind: 'pairs' }>;

const MAX_FILE = 512 * 1024 * 1024;

function sourceId(db: DB, name: string): number {
  const id = db.prepare('SELECT id FROM sources WHERE name = ?').pluck().get(name) as number | undefined;
  if (id !== undefined) return id;
  const names = db.prepare("SELECT name FROM sources WHERE kind = 'customers' ORDER BY name").pluck().all() as string[];
  throw new AerieError('NOT_FOUND', `There is no source named "${name}".`, { hint: names.length ? `Sources: ${names.join(', ')}.` : 'Import a file first.' });
}

/**
 * Value of a source column for every record of the source that has the column (record id →
 * trimmed value, null when blank): its verbatim value in records.raw, or the canonical column it
 * feeds (see records/raw-values.ts).
 */
export function sourceColumnValues(db: DB, source: string, column: string): Map<number, string | null> {
  const sid = sourceId(db, source);
  const imports = db
    .prepare("SELECT c.import_id, c.position, c.canonical FROM import_columns c JOIN imports i ON i.id = c.import_id WHERE i.source_id = ? AND c.name = ? AND i.kind = 'customers'")
    .all(sid, column) as { import_id: number; position: number; canonical: string | null }[];
  if (imports.length === 0) {
    const cols = db.prepare("SELECT DISTINCT c.name FROM import_columns c JOIN imports i ON i.id = c.import_id WHERE i.source_id = ? AND i.kind = 'customers' ORDER BY c.name").pluck().all(sid) as string[];
    throw new AerieError('NOT_FOUND', `Source "${source}" has no column "${column}".`, { column, hint: cols.length ? `Its columns: ${cols.join(', ')}.` : 'The source has no customer imports.' });
  }
  const out = new Map<number, string | null>();
  for (const imp of imports) {
    const attr = imp.canonical && (CUSTOMER_ATTRIBUTES as readonly string[]).includes(imp.canonical) ? imp.canonical : 'NULL';
    const stmt = db.prepare(`SELECT id, json_extract(raw, '$[${imp.position - 1}]'), ${attr} FROM records WHERE import_id = ?`).raw();
    for (const [id, x, c] of stmt.iterate(imp.import_id) as Iterable<[number, unknown, unknown]>) {
      const v = x === IN_COLUMN ? c : x;
      const t = typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
      out.set(id, t.length ? t : null);
    }
  }
  return out;
}

/** A cluster column's labels: record id → true entity (null: no label). */
export function columnLabels(db: DB, source: string, column: string): Map<number, string | null> {
  return sourceColumnValues(db, source, column);
}

/** Small RFC 4180 reader: delimiter from the header line (comma, semicolon, tab or bar), quoted fields, CRLF. */
export function parseDelimited(text: string): string[][] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = body.slice(0, Math.max(0, body.search(/\r?\n/)) || body.length);
  const counts = [',', ';', '\t', '|'].map((d) => [d, firstLine.split(d).length] as const);
  const delim = counts.reduce((x, y) => (y[1] > x[1] ? y : x))[0];
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"') {
        if (body[i + 1] === '"') (field += '"'), i++;
        else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delim) row.push(field), (field = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const stem = (h: string) => h.toLowerCase().replace(/([_ .-]?(l|r|a|b|left|right|1|2))$/, '');
const TRUE = new Set(['1', 'true', 't', 'yes', 'y', 'match', 'same']);
const FALSE = new Set(['0', 'false', 'f', 'no', 'n', 'nonmatch', 'non-match', 'different', '']);

/** The header columns of a pairs file: given by name, or detected (key_l/key_r-style pairs, else the first two; a match/label/score column). */
export function pairColumns(header: string[], spec: Pick<PairsSpec, 'columnA' | 'columnB' | 'matchColumn'>, file: string): { a: number; b: number; match: number } {
  const idx = (name: string | undefined, what: string) => {
    if (name === undefined) return -1;
    const k = header.indexOf(name);
    if (k < 0) throw new AerieError('BAD_DATA', `${file} has no column "${name}" (${what}).`, { file, column: name, hint: `Its columns: ${header.join(', ')}.` });
    return k;
  };
  let a = idx(spec.columnA, 'first key');
  let b = idx(spec.columnB, 'second key');
  let match = idx(spec.matchColumn, 'match');
  if (a < 0) a = 0;
  if (b < 0) {
    b = header.findIndex((h, k) => k !== a && stem(h) === stem(header[a]!) && h !== header[a]);
    if (b < 0) b = a === 0 ? 1 : 0;
  }
  if (match < 0 && spec.matchColumn === undefined) match = header.findIndex((h, k) => k !== a && k !== b && /match|label|same|truth|score|is_dup|duplicate/i.test(h));
  if (header.length < 2 || a === b) throw new AerieError('BAD_DATA', `${file} needs two key columns (one record key each) on every row.`, { file, hint: 'Name them with columnA and columnB.' });
  return { a, b, match };
}

/** Whether a match cell says "one person"; undefined when it cannot be read. */
export function isMatchValue(v: string): boolean | undefined {
  const t = v.trim().toLowerCase();
  if (TRUE.has(t)) return true;
  if (FALSE.has(t)) return false;
  const n = Number(t);
  return Number.isFinite(n) ? n >= 0.5 : undefined;
}

export interface PairLabels {
  /** Labelled-true pairs of record ids. */
  pairs: [number, number][];
  /** Rows read (header aside) and rows labelled true whose keys name no record (or several). */
  rows: number;
  unmatched: number;
}

/** A pairs file's true pairs as record ids; `path` already checked against the allowed roots. */
export function pairLabels(db: DB, path: string, spec: PairsSpec): PairLabels {
  const file = basename(path);
  let bytes: number;
  try {
    bytes = statSync(path).size;
  } catch {
    throw new AerieError('NOT_FOUND', `${file} was not found.`, { file: path, hint: 'Check the path of the labels file.' });
  }
  if (bytes > MAX_FILE) throw new AerieError('BAD_DATA', `${file} is over 512 MB; a labels file lists pairs, not records.`, { file: path });
  const rows = parseDelimited(readFileSync(path, 'utf8'));
  const header = rows[0];
  if (!header) throw new AerieError('BAD_DATA', `${file} is empty.`, { file: path, hint: 'A header row, then one labelled pair per row.' });
  const cols = pairColumns(header, spec, file);
  // key → record id; a key several records share (without a source to tell them apart) is ambiguous (-1)
  const keys = new Map<string, number>();
  const add = (k: string | null, id: number) => {
    if (k === null) return;
    keys.set(k, keys.has(k) ? -1 : id);
  };
  if (spec.keyColumn !== undefined) {
    if (spec.source === undefined) throw new AerieError('INVALID_INPUT', 'A key column belongs to a source: name the source too.', { column: spec.keyColumn });
    for (const [id, v] of sourceColumnValues(db, spec.source, spec.keyColumn)) add(v, id);
  } else {
    const sql = spec.source === undefined ? 'SELECT source_key, id FROM records WHERE source_key IS NOT NULL' : 'SELECT source_key, id FROM records WHERE source_key IS NOT NULL AND source_id = ?';
    const args = spec.source === undefined ? [] : [sourceId(db, spec.source)];
    for (const [k, id] of db.prepare(sql).raw().iterate(...args) as Iterable<[string, number]>) add(k.trim(), id);
  }
  const pairs: [number, number][] = [];
  let unmatched = 0;
  let labelledTrue = 0;
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    if (cols.match >= 0) {
      const m = isMatchValue(row[cols.match] ?? '');
      if (m === undefined) {
        throw new AerieError('BAD_DATA', `${file}, row ${r + 1}, column ${header[cols.match]}: not a match value.`, { file: path, row: r + 1, column: header[cols.match], hint: 'Use 1/0, true/false, yes/no or a score from 0 to 1.' });
      }
      if (!m) continue;
    }
    labelledTrue++;
    const a = keys.get((row[cols.a] ?? '').trim());
    const b = keys.get((row[cols.b] ?? '').trim());
    if (a === undefined || b === undefined || a < 0 || b < 0) {
      unmatched++;
      continue;
    }
    if (a !== b) pairs.push([a, b]);
  }
  if (labelledTrue > 0 && unmatched === labelledTrue) {
    throw new AerieError('BAD_DATA', `No row of ${file} names two records: its keys (columns ${header[cols.a]} and ${header[cols.b]}) match no ${spec.keyColumn ? `value of column ${spec.keyColumn}` : 'source key'}.`, {
      file: path,
      hint: 'Pick the source column that holds these keys (keyColumn), or the source (when several sources reuse keys).',
    });
  }
  return { pairs, rows: rows.length - 1, unmatched };
}

/**
 * The review desk's labels in force (table review_labels): per pair of records its latest match or
 * non-match that no undo reversed. Unlike a pairs file, only these pairs are judged. A label naming a
 * record removed since (ingest.remove keeps the label row, ids only) is left out, as the desk does
 * (review/labels-store.ts labelState).
 */
export function reviewLabels(db: DB): { matches: [number, number][]; nonMatches: [number, number][] } {
  const latest = new Map<string, [number, number, string]>();
  const rows = db
    .prepare(`SELECT a, b, verdict FROM review_labels l WHERE verdict <> 'undo' AND id NOT IN (SELECT reverses FROM review_labels WHERE verdict = 'undo' AND reverses IS NOT NULL)
       AND EXISTS (SELECT 1 FROM records WHERE id = l.a) AND EXISTS (SELECT 1 FROM records WHERE id = l.b) ORDER BY id`)
    .raw()
    .iterate() as Iterable<[number, number, string]>;
  for (const [a, b, v] of rows) latest.set(`${a}-${b}`, [a, b, v]);
  const matches: [number, number][] = [];
  const nonMatches: [number, number][] = [];
  for (const [a, b, v] of latest.values()) {
    if (v === 'match') matches.push([a, b]);
    else if (v === 'nonMatch') nonMatches.push([a, b]);
  }
  return { matches, nonMatches };
}
