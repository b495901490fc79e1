// Ids are never handed out twice: after the rows with the highest ids are removed, the next import's
// records, import and source take ids above every id the workspace ever used, so ledgers that keep
// ids (review labels, golden decisions, the removed-imports list) never point at someone else.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openDatabase } from '../../../engine/db/open.js';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { finishJob, resultOf } from '../../helpers/jobs.js';
import { CALLER, PASS, tempDir } from '../../helpers/tmp.js';

const t = tempDir();
afterAll(() => t.cleanup());

it('does not reuse record, import or source ids after a removal', async () => {
  const ws = join(t.dir, 'ids.aerie');
  const c = startInProcessEngine({ roots: [t.dir] }, CALLER).client;
  await c.call('workspace.create', { path: ws, passphrase: PASS });
  const MAPPING = { ID: 'source_key', NAME: 'full_name' };
  const file = (name: string, rows: string[]) => {
    const p = join(t.dir, name);
    writeFileSync(p, ['ID,NAME', ...rows].join('\n') + '\n');
    return p;
  };
  const load = async (source: string, path: string) => resultOf(await finishJob(c, (await c.call('ingest.start', { path, source, mapping: MAPPING })).jobId), 'ingest.import').importId;
  const ids = () => {
    const db = openDatabase(ws, PASS, { create: false, readOnly: true });
    try {
      return {
        records: db.prepare('SELECT id FROM records ORDER BY id').pluck().all() as number[],
        imports: db.prepare('SELECT id FROM imports ORDER BY id').pluck().all() as number[],
        sources: db.prepare('SELECT id FROM sources ORDER BY id').pluck().all() as number[],
      };
    } finally {
      db.close();
    }
  };

  await load('CRM', file('crm.csv', ['A1,Ann One', 'A2,Bob Two']));
  await load('Shop', file('shop.csv', ['S1,Cy Three', 'S2,Di Four', 'S3,Ed Five']));
  await c.call('workspace.close', {});
  const before = ids();
  await c.call('workspace.open', { path: ws, passphrase: PASS });
  await finishJob(c, (await c.call('ingest.remove', { source: 'Shop' })).jobId);
  await load('Web', file('web.csv', ['W1,Flo Six', 'W2,Gus Seven']));
  await load('Web', file('web-2.csv', ['W3,Hal Eight']));
  await c.call('workspace.close', {});
  const after = ids();

  const fresh = (k: keyof typeof before) => after[k].filter((id) => !before[k].includes(id));
  expect(fresh('records')).toHaveLength(3);
  expect(Math.min(...fresh('records'))).toBeGreaterThan(Math.max(...before.records));
  expect(fresh('imports')).toHaveLength(2);
  expect(Math.min(...fresh('imports'))).toBeGreaterThan(Math.max(...before.imports));
  expect(fresh('sources')).toHaveLength(1);
  expect(Math.min(...fresh('sources'))).toBeGreaterThan(Math.max(...before.sources));
  // ids stay contiguous after the first one above the floor
  expect(fresh('records')).toEqual([before.records.at(-1)! + 1, before.records.at(-1)! + 2, before.records.at(-1)! + 3]);
});
