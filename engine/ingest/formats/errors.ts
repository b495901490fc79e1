import { AerieError } from '../../api/errors.js';
import { RAW_CAP } from './types.js';

/**
 * A whole-file problem: BAD_DATA with where it is and what the user should do. Where, never what:
 * these errors are printed and logged, so they carry no text from the file (customer data).
 */
export function badData(
  file: string,
  message: string,
  hint: string,
  where: { row?: number; line?: number; column?: string } = {},
): AerieError {
  const details: Record<string, unknown> = { file, hint };
  if (where.row !== undefined) details.row = where.row;
  if (where.line !== undefined) details.line = where.line;
  if (where.column !== undefined) details.column = where.column;
  return new AerieError('BAD_DATA', message, details);
}

export function cancelled(file: string): AerieError {
  return new AerieError('CANCELLED', 'Reading the file was cancelled.', { file });
}

export function throwIfAborted(signal: AbortSignal | undefined, file: string): void {
  if (signal?.aborted) throw cancelled(file);
}

/** Cap text quoted in a message (never used on raw row text, which is kept whole). */
export function clip(s: string, max: number = RAW_CAP): string {
  return s.length > max ? s.slice(0, max) + '…' : s;
}

/** Quote a short value for a message. */
export function show(s: string, max = 40): string {
  return JSON.stringify(clip(s, max));
}
