// The one writer every export goes through: never onto the open workspace or its companion files
// (however the path is spelt), never over a file unasked, all or nothing, owner-only.
import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAerieError } from '../../../engine/api/errors.js';
import { openDatabase } from '../../../engine/db/open.js';
import type { DB } from '../../../engine/db/sqlite.js';
import { checkExportTarget, writeExport, writeExportText } from '../../../engine/util/safe-write.js';
import { PASS, tempDir } from '../../helpers/tmp.js';

const t = tempDir('aerie-safe-write-');
const ws = join(t.dir, 'ws.aerie');
let db: DB;
const digest = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const mode = (p: string) => statSync(p).mode & 0o777;

async function refused(p: Promise<unknown>, code: string): Promise<Error & { code: string; details?: Record<string, unknown> }> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(isAerieError(e), String(e)).toBe(true);
  expect((e as { code: string }).code).toBe(code);
  return e as Error & { code: string };
}

beforeAll(() => {
  // A real open workspace: its -wal and -shm files exist while it is open.
  db = openDatabase(ws, PASS, { create: true });
  db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
});
afterAll(() => {
  db.close();
  t.cleanup();
});

describe('safe writer: the workspace and its companion files', () => {
  it('refuses the workspace however the path is spelt, even with overwrite, and leaves it intact', async () => {
    expect(existsSync(`${ws}-wal`)).toBe(true);
    const before = digest(ws);
    mkdirSync(join(t.dir, 'sub'));
    symlinkSync(ws, join(t.dir, 'link.csv'));
    symlinkSync(t.dir, join(t.dir, 'dirlink'));
    linkSync(ws, join(t.dir, 'hardlink.csv'));
    const spellings = [
      ws,
      relative(process.cwd(), ws), // ./ws.aerie from wherever the command runs
      join(t.dir, 'sub', '..', 'ws.aerie'),
      `${t.dir}//ws.aerie`,
      join(t.dir, 'link.csv'), // a symlink onto it
      join(t.dir, 'dirlink', 'ws.aerie'), // through a symlinked folder
      join(t.dir, 'hardlink.csv'), // the same inode under another name
    ];
    for (const p of spellings) {
      for (const overwrite of [false, true]) {
        const e = await refused(writeExportText(p, 'a,b\r\n', { workspace: ws, overwrite }), 'PATH_NOT_ALLOWED');
        expect(e.message, p).toMatch(/open workspace; an export never writes over it/);
      }
    }
    expect(digest(ws)).toBe(before);
    expect(db.prepare('SELECT x FROM t').pluck().get()).toBe(1);
  });

  it('refuses every companion file, present (-wal, -shm) or not yet (-journal, -lock, -rekey)', async () => {
    const wal = digest(`${ws}-wal`);
    for (const suffix of ['-wal', '-shm', '-journal', '-lock', '-rekey', '-rekey-wal']) {
      for (const p of [`${ws}${suffix}`, join(t.dir, 'dirlink', `ws.aerie${suffix}`)]) {
        const e = await refused(writeExportText(p, 'x', { workspace: ws, overwrite: true }), 'PATH_NOT_ALLOWED');
        expect(e.message).toContain(`open workspace's ${suffix} file`);
      }
    }
    expect(digest(`${ws}-wal`)).toBe(wal);
    expect(existsSync(`${ws}-journal`)).toBe(false);
  });

  it('never takes a workspace name, open or not', async () => {
    await refused(writeExportText(join(t.dir, 'other.aerie'), 'x', {}), 'PATH_NOT_ALLOWED');
    await refused(writeExportText(join(t.dir, 'other.aerie-wal'), 'x', {}), 'PATH_NOT_ALLOWED');
    expect(existsSync(join(t.dir, 'other.aerie'))).toBe(false);
  });
});

describe('safe writer: existing files, folders, modes', () => {
  it('refuses to replace an existing file unless asked, then replaces it owner-only', async () => {
    const p = join(t.dir, 'report.csv');
    writeFileSync(p, 'precious', { mode: 0o644 });
    const e = await refused(writeExportText(p, 'new', { workspace: ws }), 'CONFLICT');
    expect(e.message).toContain('already exists');
    expect(e.details).toMatchObject({ file: p, replaceable: true });
    expect(readFileSync(p, 'utf8')).toBe('precious');
    const w = await writeExportText(p, 'new', { workspace: ws, overwrite: true });
    expect(w).toEqual({ path: p, bytes: 3 });
    expect(readFileSync(p, 'utf8')).toBe('new');
    expect(mode(p)).toBe(0o600);
  });

  it('creates new files readable by the owner only', async () => {
    const p = join(t.dir, 'fresh.html');
    await writeExportText(p, '<!doctype html>', { workspace: ws });
    expect(mode(p)).toBe(0o600);
  });

  it('says plainly when the folder is missing or the path is a folder', async () => {
    const e = await refused(writeExportText(join(t.dir, 'nope', 'x.csv'), 'x', {}), 'NOT_FOUND');
    expect(e.message).toBe(`The folder ${join(t.dir, 'nope')} does not exist.`);
    await refused(writeExportText(join(t.dir, 'sub'), 'x', { overwrite: true }), 'INVALID_INPUT');
    expect(() => checkExportTarget(join(t.dir, 'sub'), {})).toThrow(/is a folder/);
  });
});

describe('safe writer: all or nothing', () => {
  const entries = () => readdirSync(t.dir).sort();

  it('streams into a hidden temporary file and renames it into place', async () => {
    const p = join(t.dir, 'big.csv');
    const before = entries();
    let seenDuring: string[] = [];
    const w = await writeExport(p, { workspace: ws }, async (out) => {
      for (let i = 0; i < 50_000; i++) await out.write(`${i},row ${i}\r\n`);
      seenDuring = entries();
    });
    // While writing, the target did not exist yet; only a hidden temp file beside it.
    const extra = seenDuring.filter((n) => !before.includes(n));
    expect(extra).toHaveLength(1);
    expect(extra[0]).toMatch(/^\.big\.csv\.[0-9a-f]{12}\.aerie-tmp$/);
    expect(entries()).toEqual([...before, 'big.csv'].sort());
    expect(w.bytes).toBe(statSync(p).size);
    expect(readFileSync(p, 'utf8').split('\r\n')[49_999]).toBe('49999,row 49999');
  });

  it('leaves no temporary file and the old file intact when the producer fails or is cancelled', async () => {
    const p = join(t.dir, 'keep.csv');
    writeFileSync(p, 'old');
    const before = entries();
    const boom = writeExport(p, { workspace: ws, overwrite: true }, async (out) => {
      await out.write('x'.repeat(1 << 20));
      throw new Error('disk on fire');
    });
    await expect(boom).rejects.toThrow('disk on fire');
    const ac = new AbortController();
    const cancelled = writeExport(p, { workspace: ws, overwrite: true, signal: ac.signal }, async (out) => {
      await out.write('y'.repeat(1 << 20));
      ac.abort();
      await out.write('y'.repeat(1 << 20));
    });
    await expect(cancelled).rejects.toThrow();
    expect(entries()).toEqual(before);
    expect(readFileSync(p, 'utf8')).toBe('old');
  });

  it('does not replace a file that appeared while the export was being written', async () => {
    const p = join(t.dir, 'race.csv');
    const before = entries();
    const race = writeExport(p, { workspace: ws }, async (out) => {
      await out.write('export');
      writeFileSync(p, 'someone else');
    });
    await refused(race, 'CONFLICT');
    expect(readFileSync(p, 'utf8')).toBe('someone else');
    expect(entries()).toEqual([...before, 'race.csv'].sort());
  });
});
