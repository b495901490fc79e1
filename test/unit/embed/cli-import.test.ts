// `aerie embed --import-model / --model / --remove-model` through the built CLI (the import is a job
// it waits for, printing the job's result).
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { modelCacheDir } from '../../../engine/embed/model-cache.js';
import { aerie } from '../../helpers/cli.js';
import { PASS, tempDir } from '../../helpers/tmp.js';
import { writeTinyBert } from './tiny-bert.js';

const t = tempDir();
let sha = '';
afterAll(() => {
  if (sha) rmSync(join(modelCacheDir(), sha), { recursive: true, force: true });
  t.cleanup();
});
const env = { AERIE_PASSPHRASE: PASS };

describe('aerie embed with a model imported into the workspace', () => {
  it('imports a folder, embeds with it, and refuses to remove it while it is live', async () => {
    const ws = join(t.dir, 'cli.aerie');
    const file = join(t.dir, 'people.csv');
    const model = join(t.dir, 'elsewhere', 'tiny-bert');
    await writeTinyBert(model, 8);
    writeFileSync(file, 'ID,FIRST_NM,LAST_NM,CITY\nA1,John,Smith,Leeds\nA2,Mary,Brown,York\n');
    expect(aerie(['init', ws], env).code).toBe(0);
    expect(aerie(['import', ws, file, '--source', 'crm'], env).code).toBe(0);

    // a folder that is not a model is refused before any copy starts
    const bad = aerie(['embed', ws, '--import-model', t.dir], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Cannot import .* as an embedding model: it has neither config\.json/);

    const imp = aerie(['embed', ws, '--import-model', model], env);
    expect(imp.code, imp.stderr).toBe(0);
    const out = JSON.parse(imp.stdout) as { id: string; kind: string; dims: number; sha256: string };
    expect(out).toMatchObject({ id: 'tiny-bert', kind: 'transformers', dims: 8, files: 4, alreadyImported: false });
    sha = out.sha256;

    const emb = aerie(['embed', ws, '--model', 'tiny-bert'], env);
    expect(emb.code, emb.stderr).toBe(0);
    expect(JSON.parse(emb.stdout)).toMatchObject({ result: { model: 'tiny-bert', embedded: 2 }, status: { active: { model: 'tiny-bert' } } });

    const rm = aerie(['embed', ws, '--remove-model', 'tiny-bert'], env);
    expect(rm.code).toBe(1);
    expect(rm.stderr).toMatch(/tiny-bert made the live search vectors/);
    expect(rm.stderr).toMatch(/CONFLICT/);
  }, 120_000);

  it('imports a Hugging Face cache snapshot, whose files are links into its blobs folder', async () => {
    mkdirSync(join(t.dir, 'ws'));
    const ws = join(t.dir, 'ws', 'hf.aerie'); // not above the hub: the CLI allows the workspace's folder too
    const repo = join(t.dir, 'hub', 'models--acme--tiny-bert');
    const snap = join(repo, 'snapshots', 'abc123');
    await writeTinyBert(snap, 8);
    // move every file to blobs/<n> and leave a relative link in its place, as huggingface_hub does
    mkdirSync(join(repo, 'blobs'), { recursive: true });
    let n = 0;
    const relink = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) relink(p);
        else {
          const blob = join(repo, 'blobs', `blob${n++}`);
          renameSync(p, blob);
          symlinkSync(relative(dir, blob), p);
        }
      }
    };
    relink(snap);
    expect(aerie(['init', ws], env).code).toBe(0);
    const imp = aerie(['embed', ws, '--import-model', snap], env);
    expect(imp.code, imp.stderr).toBe(0);
    expect(JSON.parse(imp.stdout)).toMatchObject({ kind: 'transformers', dims: 8, files: 4, alreadyImported: false });
  }, 120_000);
});
