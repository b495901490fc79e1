// A labelled table of text cells (as the import readers give them: trimmed, blank = null) turned
// into a numeric Matrix. Column types are inferred: a column is numeric when at least 99% of its
// non-blank cells read as numbers (numbers stored as text, "1,234.5" thousands separators; the rest
// become missing), otherwise categorical, one-hot encoded (categories seen on at least
// MIN_CATEGORY_ROWS rows, at most MAX_CATEGORIES, the rest pooled as "(other)"; a blank cell is
// missing in every indicator). Constant columns and text with very many distinct values (names,
// free text, ids) are left out with the reason. Category lists use no labels, so fitting them on
// the whole table before cross-validation leaks nothing about the label.

import { AerieError } from '../api/errors.js';
import type { Matrix } from './matrix.js';

export const MAX_CATEGORIES = 32;
export const MIN_CATEGORY_ROWS = 10;
const NUMERIC_SHARE = 0.99;

export interface TextTable {
  columns: string[];
  rows: (string | null)[][];
}

export type ColumnEncoding =
  | { column: string; kind: 'numeric'; unreadable: number }
  | { column: string; kind: 'categorical'; categories: string[]; other: boolean }
  | { column: string; kind: 'left-out'; reason: string };

export interface FrameOptions {
  label: string;
  positive: string;
  id?: string;
  ignore?: string[];
  /** For messages. */
  file?: string;
}

export interface LabelledFrame {
  m: Matrix;
  y: Uint8Array;
  /** Row of the table each matrix row came from. */
  tableRow: Uint32Array;
  encodings: ColumnEncoding[];
  rowsWithoutLabel: number;
}

const NUM = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** A cell as a number, or NaN when it is blank or not a number. */
export function parseNumber(v: string | null): number {
  if (v === null) return NaN;
  const s = v.trim();
  if (NUM.test(s)) return Number(s);
  if (THOUSANDS.test(s)) return Number(s.replace(/,/g, ''));
  return NaN;
}

function columnIndex(t: TextTable, name: string, flag: string, file?: string): number {
  const k = t.columns.indexOf(name);
  if (k < 0) {
    throw new AerieError('INVALID_INPUT', `No column named ${JSON.stringify(name)}${file ? ` in ${file}` : ''} (${flag}).`, { ...(file ? { file } : {}), column: name, hint: `Columns: ${t.columns.join(', ')}.` });
  }
  return k;
}

/** Decide how each feature column is encoded, from its cells alone (no labels). */
export function inferEncodings(t: TextTable, featureCols: number[]): ColumnEncoding[] {
  const n = t.rows.length;
  return featureCols.map((k): ColumnEncoding => {
    const column = t.columns[k]!;
    let present = 0;
    let numeric = 0;
    const counts = new Map<string, number>();
    for (const row of t.rows) {
      const v = row[k] ?? null;
      if (v === null || v === '') continue;
      present++;
      if (!Number.isNaN(parseNumber(v))) numeric++;
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    if (present === 0) return { column, kind: 'left-out', reason: 'every cell is blank' };
    if (counts.size === 1 && present === n) return { column, kind: 'left-out', reason: 'the same value on every row' };
    if (numeric >= NUMERIC_SHARE * present) return { column, kind: 'numeric', unreadable: present - numeric };
    if (counts.size > 100 && counts.size > 0.05 * n) {
      return { column, kind: 'left-out', reason: `text with ${counts.size} distinct values (a name, id or free text); not used as a category` };
    }
    const ranked = [...counts.entries()].filter(([, c]) => c >= MIN_CATEGORY_ROWS).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const categories = ranked.slice(0, MAX_CATEGORIES).map(([v]) => v);
    if (categories.length === 0) return { column, kind: 'left-out', reason: `no value appears on ${MIN_CATEGORY_ROWS} or more rows` };
    return { column, kind: 'categorical', categories, other: categories.length < counts.size };
  });
}

/** Feature names and columns of the encoded table (rows in `rowIdx` order). */
export function encode(t: TextTable, encodings: ColumnEncoding[], rowIdx: ArrayLike<number>): Matrix {
  const names: string[] = [];
  const columns: Float64Array[] = [];
  for (const e of encodings) {
    const k = t.columns.indexOf(e.column);
    if (e.kind === 'numeric') {
      const c = new Float64Array(rowIdx.length);
      for (let i = 0; i < rowIdx.length; i++) c[i] = parseNumber(t.rows[rowIdx[i]!]![k] ?? null);
      names.push(e.column);
      columns.push(c);
    } else if (e.kind === 'categorical') {
      const cats = e.other ? [...e.categories, '(other)'] : e.categories;
      const at = new Map(e.categories.map((c, j) => [c, j]));
      const cols = cats.map(() => new Float64Array(rowIdx.length));
      for (let i = 0; i < rowIdx.length; i++) {
        const v = t.rows[rowIdx[i]!]![k] ?? null;
        if (v === null || v === '') {
          for (const c of cols) c[i] = NaN;
          continue;
        }
        const j = at.get(v) ?? (e.other ? cats.length - 1 : -1);
        if (j >= 0) cols[j]![i] = 1;
      }
      cats.forEach((c, j) => {
        names.push(`${e.column}=${c}`);
        columns.push(cols[j]!);
      });
    }
  }
  return { rows: rowIdx.length, columns, names };
}

/** The label, the features (everything but label, id and ignored columns) and their encodings. */
export function labelledFrame(t: TextTable, o: FrameOptions): LabelledFrame {
  const labelAt = columnIndex(t, o.label, '--label', o.file);
  const skip = new Set([labelAt]);
  if (o.id) skip.add(columnIndex(t, o.id, '--id', o.file));
  for (const c of o.ignore ?? []) skip.add(columnIndex(t, c, '--ignore', o.file));
  const featureCols = t.columns.map((_, k) => k).filter((k) => !skip.has(k));
  const keep: number[] = [];
  const y: number[] = [];
  const labelValues = new Map<string, number>();
  let rowsWithoutLabel = 0;
  t.rows.forEach((row, i) => {
    const v = row[labelAt]?.trim() ?? '';
    if (v === '') {
      rowsWithoutLabel++;
      return;
    }
    labelValues.set(v, (labelValues.get(v) ?? 0) + 1);
    keep.push(i);
    y.push(v === o.positive.trim() ? 1 : 0);
  });
  const pos = y.reduce((s, v) => s + v, 0);
  if (pos === 0 || pos === y.length) {
    // label values are class codes, shown only when there are few (never a column of customer data)
    const seen = labelValues.size <= 10 ? `: it holds ${[...labelValues.keys()].map((v) => JSON.stringify(v)).join(', ')}` : ` (${labelValues.size} distinct values)`;
    throw new AerieError('INVALID_INPUT', pos === 0 ? `No row of column ${JSON.stringify(o.label)} has the --positive value ${JSON.stringify(o.positive)}${seen}.` : `Every labelled row of column ${JSON.stringify(o.label)} has the --positive value: a model needs both classes.`, {
      ...(o.file ? { file: o.file } : {}),
      column: o.label,
      hint: 'Give --positive the value that marks a churned customer, and a --label column with both outcomes.',
    });
  }
  const encodings = inferEncodings({ columns: t.columns, rows: keep.map((i) => t.rows[i]!) }, featureCols);
  if (!encodings.some((e) => e.kind !== 'left-out')) {
    throw new AerieError('INVALID_INPUT', 'No column is left to learn from: every feature column was ignored or left out.', { ...(o.file ? { file: o.file } : {}), hint: 'Check --id and --ignore; columns left out and why are in the output of a smaller run.' });
  }
  const tableRow = Uint32Array.from(keep);
  return { m: encode(t, encodings, tableRow), y: Uint8Array.from(y), tableRow, encodings, rowsWithoutLabel };
}
