// Passphrase from AERIE_PASSPHRASE, or asked for on the terminal without echo.
import { AerieError } from '../api/errors.js';
import { methods } from '../api/methods.js';

export async function askHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    throw new AerieError('INVALID_INPUT', 'No passphrase: set AERIE_PASSPHRASE, or run this in a terminal to be asked for it.');
  }
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let value = '';
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          done();
          resolve(value);
          return;
        }
        if (ch === '\u0003') {
          done();
          reject(new AerieError('CANCELLED', 'Cancelled.'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    const done = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    stdin.on('data', onData);
  });
}

/** Refuse a new passphrase the engine would refuse, before the workspace is opened (a slow KDF). */
function checkNew(p: string): string {
  const r = methods['workspace.changePassphrase'].input.shape.next.safeParse(p);
  if (!r.success) throw new AerieError('INVALID_INPUT', r.error.issues[0]?.message ?? 'This passphrase cannot be used.');
  return p;
}

/** `confirm`: a new passphrase, asked twice and checked (not blank, at least 8 characters). */
export async function passphrase(opts: { confirm?: boolean; env?: string; prompt?: string } = {}): Promise<string> {
  const fromEnv = process.env[opts.env ?? 'AERIE_PASSPHRASE'];
  if (fromEnv) return opts.confirm ? checkNew(fromEnv) : fromEnv;
  const first = await askHidden(opts.prompt ?? 'Workspace passphrase: ');
  if (opts.confirm) {
    checkNew(first);
    const again = await askHidden('Repeat the passphrase: ');
    // Compared as keyed (NFC): the same characters typed through another input method still match.
    if (again.normalize('NFC') !== first.normalize('NFC')) throw new AerieError('INVALID_INPUT', 'The two passphrases differ. Nothing was changed.');
  }
  return first;
}
