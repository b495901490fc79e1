// `aerie passwd` killed with SIGKILL at each step of the re-key and at spread moments while it
// re-encrypts: after every kill one of the two passphrases opens the workspace,
// `PRAGMA integrity_check` is ok and every row is still there (issue 9, item 2).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AerieError } from '../../engine/api/errors.js';
import { openDatabase } from '../../engine/db/open.js';
import { REKEY_STEPS } from '../../engine/db/rekey.js';
import { aerie, CLI } from '../helpers/cli.js';
import { PASS, tempDir } from '../helpers/tmp.js';

const OLD = PASS;
const NEW = 'a brand new passphrase';
const TABLES = ['sources', 'imports', 'records', 'events', 'rejects', 'jobs'];

let t: ReturnType<typeof tempDir>;
let base: string;
let baseline: Record<string, number>;
let n = 0;

/** Open through the engine's own open path; null if the passphrase does not open it. */
function state(path: string, passphrase: string): Record<string, number> | null {
  let db;
  try {
    db = openDatabase(path, passphrase, { create: false });
  } catch (e) {
    if (e instanceof AerieError && e.code === 'WRONG_PASSPHRASE') return null;
    throw e;
  }
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    return Object.fromEntries(TABLES.map((tb) => [tb, db.prepare(`SELECT count(*) FROM ${tb}`).pluck().get() as number]));
  } finally {
    db.close();
  }
}

/** One of the passphrases opens it, the file is whole and no row was lost; which one opened. */
function expectIntact(ws: string): 'old' | 'new' {
  const old = state(ws, OLD);
  const neu = old ?? state(ws, NEW); // a key derivation fewer: both cannot open it
  expect(neu, 'neither passphrase opens the workspace').not.toBeNull();
  expect(neu).toEqual(baseline);
  // the open removed whatever the killed re-key left beside it
  expect(existsSync(`${ws}-rekey`)).toBe(false);
  return old ? 'old' : 'new';
}

function freshCopy(): string {
  const ws = join(t.dir, `ws${n++}.aerie`);
  copyFileSync(base, ws);
  return ws;
}

const env = (extra: Record<string, string> = {}) => ({ ...process.env, AERIE_PASSPHRASE: OLD, AERIE_NEW_PASSPHRASE: NEW, ...extra });

/** Bytes in the rollback journal of the file being re-encrypted (in place, or the staging copy). */
function journalBytes(ws: string): number {
  let most = 0;
  for (const f of [`${ws}-journal`, `${ws}-rekey-journal`]) {
    try {
      most = Math.max(most, statSync(f).size);
    } catch {
      // not there (yet)
    }
  }
  return most;
}

/** The workspace file's identity: changes when it is written in place or replaced by a rename. */
function identity(ws: string): string {
  const st = statSync(ws, { bigint: true });
  return `${st.ino}:${st.size}:${st.mtimeNs}`;
}

/**
 * Run `aerie passwd` and SIGKILL it once re-encryption is under way (its journal holds 64 KiB):
 * `after` ms later, or, with 'file-change', the moment the workspace file itself changes. Resolves
 * with how long it ran after re-encryption started and whether it was killed.
 */
async function passwdKilled(ws: string, after: number | 'file-change' | null): Promise<{ ranAfterStartMs: number | null; killed: boolean }> {
  const child = spawn(process.execPath, [CLI, 'passwd', ws], { env: env(), stdio: 'ignore' });
  let exited = false;
  const exit = new Promise<void>((r) => child.once('exit', () => ((exited = true), r())));
  const tick = () => new Promise((r) => setTimeout(r, 1)); // polls; leaves the CPU to the child
  while (!exited && journalBytes(ws) < 65536) await tick();
  if (exited) return { ranAfterStartMs: null, killed: false };
  const started = performance.now();
  if (after === 'file-change') {
    const before = identity(ws);
    while (!exited && identity(ws) === before) await tick();
    child.kill('SIGKILL');
  } else if (after !== null) {
    await new Promise((r) => setTimeout(r, after));
    child.kill('SIGKILL');
  }
  await exit;
  return { ranAfterStartMs: performance.now() - started, killed: child.signalCode === 'SIGKILL' };
}

beforeAll(() => {
  t = tempDir();
  base = join(t.dir, 'base.aerie');
  const demo = aerie(['demo', base, '--customers', '6000', '--seed', '9'], { AERIE_PASSPHRASE: OLD });
  expect(demo.code, demo.stderr).toBe(0);
  baseline = state(base, OLD)!;
  expect(baseline.records).toBe(6000);
});
afterAll(() => t.cleanup());

describe('aerie passwd killed at any moment', () => {
  it.each(REKEY_STEPS.map((s) => [s]))('after step %s: the workspace opens with one passphrase, whole', (step) => {
    const ws = freshCopy();
    const r = spawnSync(process.execPath, [CLI, 'passwd', ws], { env: env({ AERIE_REKEY_CRASH_AT: step }), encoding: 'utf8' });
    expect(r.signal, r.stderr).toBe('SIGKILL');
    if (step === 'verified') {
      // What the user sees: the new passphrase is refused with a hint, and the change can simply be
      // run again over what the killed one left.
      expect(existsSync(`${ws}-rekey`)).toBe(true);
      const wrong = aerie(['info', ws], { AERIE_PASSPHRASE: NEW });
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toMatch(/interrupted.*previous passphrase/);
      const again = aerie(['passwd', ws], { AERIE_PASSPHRASE: OLD, AERIE_NEW_PASSPHRASE: NEW });
      expect(again.code, again.stderr).toBe(0);
      expect(expectIntact(ws)).toBe('new');
      return;
    }
    // Until the rename the old file is untouched; from it on, the re-keyed copy is the workspace.
    expect(expectIntact(ws)).toBe(step === 'renamed' ? 'new' : 'old');
  });

  it('the moment the workspace file itself changes', async () => {
    // Re-keying in place started overwriting the file here, with the old pages in a hot journal
    // that neither key could roll back; now the first change is the rename of the verified copy.
    const ws = freshCopy();
    expect((await passwdKilled(ws, 'file-change')).killed).toBe(true);
    expectIntact(ws); // 'new' in practice: what changes the file is the rename
  });

  it('at spread moments while it re-encrypts, verifies and replaces the file', async () => {
    // How long the re-key runs once re-encryption has started, on this machine now.
    const cal = freshCopy();
    const { ranAfterStartMs } = await passwdKilled(cal, null);
    expect(ranAfterStartMs, 're-encryption was too quick to observe: use more rows').not.toBeNull();
    expect(expectIntact(cal)).toBe('new');

    const seen = new Set<string>();
    const points = 4;
    for (let i = 0; i < points; i++) {
      const ws = freshCopy();
      const r = await passwdKilled(ws, Math.round((ranAfterStartMs! * i) / points));
      seen.add(`${r.killed ? 'killed' : 'finished'}:${expectIntact(ws)}`);
    }
    // at least one kill landed while it re-encrypted, when only the old passphrase may open it
    expect(seen.has('killed:old')).toBe(true);
  });
});
