// Deleting a source / rolling back one import: everything derived from its rows goes, in one
// transaction; the other import stays whole; the audit log still verifies.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineClient } from '../../../engine/api/index.js';
import { openDatabase } from '../../../engine/db/open.js';
import type { DB } from '../../../engine/db/sqlite.js';
import { removeRows } from '../../../engine/ingest/remove.js';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { aerie } from '../../helpers/cli.js';
import { finishJob, resultOf } from '../../helpers/jobs.js';
import { CALLER, PASS, tempDir } from '../../helpers/tmp.js';

const t = tempDir();
const ws = join(t.dir, 'undo.aerie');
let c: EngineClient;
const MAPPING = { ID: 'source_key', NAME: 'full_name', MAIL: 'email' };
const file = (name: string, rows: string[]) => {
  const p = join(t.dir, name);
  writeFileSync(p, ['ID,NAME,MAIL', ...rows].join('\n') + '\n');
  return p;
};

async function importInto(source: string, path: string): Promise<number> {
  const j = await finishJob(c, (await c.call('ingest.start', { path, source, mapping: MAPPING })).jobId);
  return resultOf(j, 'ingest.import').importId;
}

/** Rows per table that reference any of these records / imports (the derived rows included). */
function footprint(db: DB, importIds: number[]): Record<string, number> {
  const imps = JSON.stringify(importIds);
  const recs = `(SELECT id FROM records WHERE import_id IN (SELECT value FROM json_each('${imps}')))`;
  const n = (sql: string) => db.prepare(sql).pluck().get() as number;
  return {
    imports: n(`SELECT count(*) FROM imports WHERE id IN (SELECT value FROM json_each('${imps}'))`),
    records: n(`SELECT count(*) FROM records WHERE id IN ${recs}`),
    rejects: n(`SELECT count(*) FROM rejects WHERE import_id IN (SELECT value FROM json_each('${imps}'))`),
    import_columns: n(`SELECT count(*) FROM import_columns WHERE import_id IN (SELECT value FROM json_each('${imps}'))`),
    record_vectors: n(`SELECT count(*) FROM record_vectors WHERE record_id IN ${recs}`),
    search_feedback: n(`SELECT count(*) FROM search_feedback WHERE record_id IN ${recs}`),
    resolve_members: n(`SELECT count(*) FROM resolve_members WHERE record_id IN ${recs}`),
    golden_members: n(`SELECT count(*) FROM golden_members WHERE record_id IN ${recs}`),
  };
}

/** Stand-in derived rows (search, resolve, golden) for every record, as those runs would write. */
function deriveEverything(db: DB): void {
  db.exec(`
    INSERT INTO embed_generations (id, model_id, model_name, model_kind, dims, recipe, state, created_at) VALUES (1, 'm', 'm', 'builtin', 2, 'r', 'active', '2026-01-01');
    INSERT INTO record_vectors (gen, record_id, text_hash, vec) SELECT 1, id, 0, x'0101' FROM records;
    INSERT INTO search_feedback (at, actor, query, record_id, kind) SELECT '2026-01-01', 't', 'q', id, 'click' FROM records;
    INSERT INTO resolve_members (run_id, record_id, entity_id) SELECT 1, id, 'E' || source_key FROM records;
    INSERT INTO resolve_entities (run_id, id, size) SELECT 1, 'E' || source_key, count(*) FROM records GROUP BY source_key;
    INSERT INTO golden_members (build_id, record_id, golden_id) SELECT 1, id, 'G' || source_key FROM records;
    INSERT INTO golden_records (build_id, id, size) SELECT 1, 'G' || source_key, count(*) FROM records GROUP BY source_key;
    INSERT INTO golden_values (build_id, golden_id, attribute, value, rule, confidence, records)
      SELECT 1, 'G' || source_key, 'email', max(email), 'r', 1, json_group_array(id) FROM records GROUP BY source_key;
  `);
}

let first: number;
let second: number;
let other: number;

beforeAll(async () => {
  c = startInProcessEngine({ roots: [t.dir] }, CALLER).client;
  await c.call('workspace.create', { path: ws, passphrase: PASS });
  first = await importInto('CRM', file('crm-1.csv', ['A1,Ann One,a1@example.com', 'A2,Bob Two,b2@example.com', 'A3,"bad']));
  // A2 is in both imports: the entity/golden record it forms survives the rollback of import 2, smaller
  second = await importInto('CRM', file('crm-2.csv', ['A2,Bob Two,bob@example.com', 'B1,Cy Three,c3@example.com']));
  other = await importInto('Shop', file('shop.csv', ['S1,Di Four,d4@example.com']));
  await finishJob(c, (await c.call('profile.run', { scope: { kind: 'workspace' } })).jobId);
  await c.call('workspace.close', {});
  const db = openDatabase(ws, PASS, { create: false });
  deriveEverything(db);
  db.close();
  await c.call('workspace.open', { path: ws, passphrase: PASS });
}, 60_000);
afterAll(async () => {
  await c.close();
  t.cleanup();
});

describe('undo the big steps', () => {
  it('rolls back import 2 with everything derived from it and leaves import 1 whole', async () => {
    const job = await finishJob(c, (await c.call('ingest.remove', { source: 'CRM', importId: second })).jobId);
    const r = resultOf(job, 'ingest.remove');
    expect(r).toMatchObject({ sourceDeleted: false, importIds: [second], records: 2, imports: 1, vectors: 2, feedback: 2 });
    expect(r.stale).toEqual(expect.arrayContaining(['golden', 'profile', 'resolve']));
    const src = (await c.call('sources.list', {})).find((s) => s.name === 'CRM')!;
    expect(src.imports.map((i) => i.importId)).toEqual([first]);
    expect(src.records).toBe(2);
    await c.call('workspace.close', {});
    const db = openDatabase(ws, PASS, { create: false, readOnly: true });
    try {
      expect(Object.values(footprint(db, [second])).every((n) => n === 0)).toBe(true);
      expect(footprint(db, [first])).toEqual({ imports: 1, records: 2, rejects: 1, import_columns: 3, record_vectors: 2, search_feedback: 2, resolve_members: 2, golden_members: 2 });
      // entity A2 lost its import-2 member; entity B1 (only in import 2) is gone; the golden value from the removed record went
      expect(db.prepare("SELECT id, size FROM resolve_entities WHERE run_id = 1 ORDER BY id").all()).toEqual([{ id: 'EA1', size: 1 }, { id: 'EA2', size: 1 }, { id: 'ES1', size: 1 }]);
      expect(db.prepare("SELECT golden_id FROM golden_values ORDER BY golden_id").pluck().all()).toEqual(['GA1', 'GS1']);
      expect(db.prepare("SELECT count(*) FROM profiles WHERE scope = 'workspace'").pluck().get()).toBe(0);
    } finally {
      db.close();
    }
    await c.call('workspace.open', { path: ws, passphrase: PASS });
    // the removal is audited and verify does not take the removed import for one deleted outside Aerie
    const v = await c.call('audit.verify', {});
    expect(v.problems).toEqual([]);
    expect((await c.call('audit.list', { limit: 5 })).some((e) => e.method === 'ingest.remove')).toBe(true);
  });

  it('changes nothing when the removal fails part-way (one transaction)', async () => {
    await c.call('workspace.close', {});
    const db = openDatabase(ws, PASS, { create: false });
    try {
      const before = footprint(db, [first, other]);
      db.exec("CREATE TEMP TRIGGER boom BEFORE DELETE ON main.sources BEGIN SELECT RAISE(ABORT, 'boom'); END");
      expect(() => db.transaction(() => removeRows(db, { source: 'CRM' }, 'job-x'))()).toThrow(/boom/);
      expect(footprint(db, [first, other])).toEqual(before);
      expect(before.records).toBe(3);
    } finally {
      db.close();
    }
    await c.call('workspace.open', { path: ws, passphrase: PASS });
  });

  it('deletes a whole source, refuses an unknown one, and leaves the other source alone', async () => {
    const bad = await finishJob(c, (await c.call('ingest.remove', { source: 'CRM', importId: other })).jobId);
    expect(bad.state).toBe('failed');
    expect(bad.error?.message).toMatch(/not an import of source "CRM"/);
    const r = resultOf(await finishJob(c, (await c.call('ingest.remove', { source: 'CRM' })).jobId), 'ingest.remove');
    expect(r).toMatchObject({ sourceDeleted: true, importIds: [first], records: 2, rejects: 1 });
    const sources = await c.call('sources.list', {});
    expect(sources.map((s) => s.name)).toEqual(['Shop']);
    expect(sources[0]!.records).toBe(1);
    expect((await c.call('audit.verify', {})).problems).toEqual([]);
  });

  it('aerie remove deletes a source from the command line, and names a missing one', async () => {
    await c.call('workspace.close', {});
    const env = { AERIE_PASSPHRASE: PASS };
    const missing = aerie(['remove', ws, '--source', 'Nope'], env);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/No source named "Nope"/);
    const ok = aerie(['remove', ws, '--source', 'Shop'], env);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ source: 'Shop', sourceDeleted: true, records: 1 });
    await c.call('workspace.open', { path: ws, passphrase: PASS });
    expect(await c.call('sources.list', {})).toEqual([]);
  }, 60_000);
});
