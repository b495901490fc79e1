import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { detect, readRows, type DetectOptions, type DetectResult, type ReadItem, type ReadOptions, type RowRecord, type RowReject } from '../../../engine/ingest/formats/index.js';

/** A temp folder removed after the test file. */
export function fixtureDir(prefix: string): (name: string, content: string | Buffer) => string {
  const dir = mkdtempSync(join(tmpdir(), `aerie-ingest-${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return (name, content) => {
    const p = join(dir, name);
    writeFileSync(p, content);
    return p;
  };
}

export interface ReadAll {
  detected: DetectResult;
  rows: RowRecord[];
  rejects: RowReject[];
  notes: string[];
  items: ReadItem[];
}

export async function readAll(file: string, opts: DetectOptions = {}, ropts: ReadOptions = {}): Promise<ReadAll> {
  const detected = await detect(file, opts);
  const items: ReadItem[] = [];
  for await (const it of readRows(file, detected, ropts)) items.push(it);
  return {
    detected,
    items,
    rows: items.flatMap((i) => (i.kind === 'row' ? [i.row] : [])),
    rejects: items.flatMap((i) => (i.kind === 'reject' ? [i.reject] : [])),
    notes: items.flatMap((i) => (i.kind === 'note' ? [i.note.message] : [])),
  };
}

/** Run fn, expect an AerieError, return it. */
export async function caught(fn: () => Promise<unknown>): Promise<{ code: string; message: string; details: Record<string, unknown> }> {
  try {
    await fn();
  } catch (e) {
    return e as { code: string; message: string; details: Record<string, unknown> };
  }
  throw new Error('expected an error');
}
