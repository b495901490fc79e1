// Command-line option checks, run before a passphrase is asked for or anything is created or opened:
// one line naming the option, what it accepts and what was given (no stack), then exit 1.
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AerieError } from '../api/errors.js';
import { methods, type MethodInput, type MethodName } from '../api/methods.js';

function invalid(message: string, hint?: string): AerieError {
  return new AerieError('INVALID_INPUT', message, hint ? { hint } : undefined);
}

/** One of a fixed set (an API enum's `.options`), named in the error. */
export function choice<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw invalid(`${flag} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)}).`);
}

/** A whole number written in decimal; the range is left to the method's schema (checkParams). */
export function wholeNumber(flag: string, value: string): number {
  if (!/^[+-]?\d{1,15}$/.test(value.trim())) throw invalid(`${flag} must be a whole number (got ${JSON.stringify(value)}).`);
  return Number(value);
}

/**
 * Check a method's params against its own API schema before anything runs, naming the option that
 * carries each param (`flags`: param path → option, e.g. { customers: '--customers' }), so the CLI
 * and the API can never disagree on what is valid.
 */
export function checkParams<M extends MethodName>(method: M, params: MethodInput<M>, flags: Record<string, string>): void {
  const r = methods[method].input.safeParse(params);
  if (r.success) return;
  const issue = r.error.issues[0]!;
  const path = issue.path.join('.');
  const flag = flags[path] ?? flags[String(issue.path[0])] ?? path;
  const given = issue.path.reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown> | undefined)?.[k as PropertyKey], params);
  throw invalid(`${flag}: ${issue.message}${given === undefined ? '' : ` (got ${JSON.stringify(given)})`}.`);
}

/** The folder a new file goes into must exist (said plainly, before a passphrase is asked). */
export function checkFolderExists(file: string): void {
  const dir = dirname(resolve(file));
  const st = statSync(dir, { throwIfNoEntry: false });
  if (!st) throw new AerieError('NOT_FOUND', `The folder ${dir} does not exist.`, { file: resolve(file), hint: 'Create the folder first, or choose one that exists.' });
  if (!st.isDirectory()) throw new AerieError('INVALID_INPUT', `${dir} is not a folder.`, { file: resolve(file) });
}
