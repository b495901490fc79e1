// Reads a CSV of unit-level outcomes (one row per unit: arm, outcome, optional pre-period value).
// Errors name the file, row (1 = header), column and what to do; they never echo other cells.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { AerieError } from '../api/errors.js';
import type { Row } from './analyse.js';

export function readOutcomes(file: string, o: { arm: string; outcome: string; pre?: string; date?: string; metric: 'rate' | 'mean' }): Row[] {
  const records = parse(readFileSync(file, 'utf8'), { bom: true, skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
  const header = records[0]?.record.map((h) => h.trim());
  if (!header) throw new AerieError('INVALID_INPUT', 'The outcome file is empty.', { file, hint: 'Give a CSV with a header row and one row per unit.' });
  const col = (name: string, flag: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new AerieError('INVALID_INPUT', `Column ${JSON.stringify(name)} (${flag}) is not in the header.`, { file, row: 1, column: name, hint: `The header has: ${header.join(', ')}.` });
    return i;
  };
  const iArm = col(o.arm, '--arm'), iOut = col(o.outcome, '--outcome'), iPre = o.pre === undefined ? -1 : col(o.pre, '--pre'), iDate = o.date === undefined ? -1 : col(o.date, '--date');
  const rows: Row[] = [];
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    const arm = (record[iArm] ?? '').trim();
    if (!arm) throw new AerieError('INVALID_INPUT', 'A row has no arm.', { file, row: line, column: o.arm, hint: 'Every unit needs the arm it was assigned to.' });
    const num = (i: number, name: string) => {
      const raw = (record[i] ?? '').trim();
      const v = Number(raw);
      // the value is not echoed: outcome files hold customer data
      if (raw === '' || !Number.isFinite(v)) throw new AerieError('INVALID_INPUT', `Column ${JSON.stringify(name)} is not a number on this row.`, { file, row: line, column: name, hint: 'Fix or remove the row; blanks are not allowed.' });
      return v;
    };
    const outcome = num(iOut, o.outcome);
    if (o.metric === 'rate' && outcome !== 0 && outcome !== 1) throw new AerieError('INVALID_INPUT', `Column ${JSON.stringify(o.outcome)} must be 0 or 1 for a rate.`, { file, row: line, column: o.outcome, hint: 'Use --metric mean for amounts.' });
    const row: Row = iPre < 0 ? { arm, outcome } : { arm, outcome, pre: num(iPre, o.pre!) };
    if (iDate >= 0) {
      const date = (record[iDate] ?? '').trim();
      if (!/^\d{4}-\d{2}-\d{2}/.test(date)) throw new AerieError('INVALID_INPUT', `Column ${JSON.stringify(o.date)} must hold an ISO date (YYYY-MM-DD) on every row.`, { file, row: line, column: o.date, hint: 'Dates order the daily looks of the sequential test.' });
      row.date = date.slice(0, 10);
    }
    rows.push(row);
  }
  return rows;
}
