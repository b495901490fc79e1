// A rejected row keeps its whole source text, however long: in every reader, in the workspace,
// in `ingest.rejects` and in the rejects export (issue 9, item 5: rows over 8 KiB were cut short).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineClient } from '../../../engine/api/index.js';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { finishJob, resultOf } from '../../helpers/jobs.js';
import { CALLER, PASS, tempDir } from '../../helpers/tmp.js';
import { fixtureDir, readAll } from './helpers.js';

const fx = fixtureDir('whole-text');
/** 40 KiB of text with no delimiter or quote in it, ending in a marker so a cut shows. */
const long = (tag: string) => `${'abcdefghij'.repeat(4096)}<end of ${tag}>`;

describe('rejected rows keep their whole text', () => {
  it('CSV: a row with the wrong field count', async () => {
    const bad = `2,${long('csv')},x,y`;
    const r = await readAll(fx('long.csv', `ID,NOTE\n1,ok\n${bad}\n3,fine\n`));
    expect(r.rejects).toHaveLength(1);
    expect(r.rejects[0]!.raw).toBe(bad);
  });

  it('CSV: a quoting error resynchronised at the next line', async () => {
    const bad = `2,"${long('quoted')}"oops`;
    const r = await readAll(fx('long-quote.csv', `ID,NOTE\n1,ok\n${bad}\n3,fine\n`));
    expect(r.rejects.map((x) => x.raw)).toEqual([bad]);
  });

  it('Oracle script: an INSERT that does not parse', async () => {
    const bad = `Insert into T (A,B) values ('2','${long('sql')}', 'one too many');`;
    const r = await readAll(fx('long.sql', `Insert into T (A,B) values ('1','ok');\n${bad}\n`));
    expect(r.rejects).toHaveLength(1);
    expect(r.rejects[0]!.raw).toBe(bad);
  });

  it('SQL*Loader: a record with extra fields', async () => {
    const bad = `2,${long('dat')},extra`;
    fx('long.dat', `1,ok\n${bad}\n`);
    const ctl = fx('long.ctl', "LOAD DATA\nINFILE 'long.dat'\nINTO TABLE T\nFIELDS TERMINATED BY ','\n(id, note)\n");
    const r = await readAll(ctl);
    expect(r.rejects).toHaveLength(1);
    expect(r.rejects[0]!.raw).toBe(bad);
  });

  it('through the engine: stored, listed and exported whole', async () => {
    const t = tempDir();
    const c: EngineClient = startInProcessEngine({ roots: [t.dir] }, CALLER).client;
    try {
      await c.call('workspace.create', { path: join(t.dir, 'w.aerie'), passphrase: PASS });
      const bad = `C2,${long('engine')},surplus`;
      const path = join(t.dir, 'crm.csv');
      writeFileSync(path, `ID,NAME\nC1,Ann\n${bad}\nC3,Cy\n`);
      const j = await finishJob(c, (await c.call('ingest.start', { path, source: 'crm', mapping: { ID: 'source_key', NAME: 'full_name' } })).jobId);
      expect(j.state, j.error?.message).toBe('succeeded');
      const importId = resultOf(j, 'ingest.import').importId;
      const listed = await c.call('ingest.rejects', { importId });
      expect(listed.rows.map((x) => x.raw)).toEqual([bad]);
      const out = join(t.dir, 'rejects.csv');
      await c.call('ingest.exportRejects', { importId, path: out });
      expect(readFileSync(out, 'utf8')).toContain(`"${bad}"`);
    } finally {
      await c.close();
      t.cleanup();
    }
  });
});
