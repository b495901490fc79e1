// Experiment records and assignments on a real encrypted workspace file (migration 0013).
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as sqliteVec from 'sqlite-vec';
import { applyKey } from '../../../engine/db/cipher.js';
import { migrate } from '../../../engine/db/migrate.js';
import { migrations } from '../../../engine/db/migrations/index.js';
import { Database } from '../../../engine/db/sqlite.js';
import { assignUnits, assignments, createExperiment, getExperiment } from '../../../engine/experiments/store.js';
import { PASS, tempDir } from '../../helpers/tmp.js';

const tmp = tempDir('aerie-exp-store-');
afterAll(() => tmp.cleanup());

function open(name: string) {
  const db = new Database(join(tmp.dir, name));
  applyKey(db, PASS);
  db.loadExtension(sqliteVec.getLoadablePath());
  migrate(db, 'test', migrations);
  return db;
}

describe('experiment store', () => {
  it('stores a design; assignments persist, are fixed once made, and new units join without moving old ones', () => {
    const path = 'exp.aerie';
    let db = open(path);
    const id = createExperiment(db, { name: 'retention-offer', unitKind: 'golden', arms: [{ name: 'control', share: 1 }, { name: 'offer', share: 1 }], holdout: 0.05, primaryMetric: 'churn_90d' }, 'tester');
    const first = Array.from({ length: 1000 }, (_, i) => ({ unit: `G${i}` }));
    expect(assignUnits(db, id, first)).toBe(1000);
    const before = assignments(db, id);
    expect(assignUnits(db, id, [...first, { unit: 'G-new' }])).toBe(1);
    expect(() => db.prepare("UPDATE experiment_assignments SET arm = 'offer'").run()).toThrow(/fixed once made/);
    expect(() => db.prepare('DELETE FROM experiment_assignments').run()).toThrow(/fixed once made/);
    db.close();
    db = new Database(join(tmp.dir, path));
    applyKey(db, PASS);
    const after = assignments(db, id);
    expect(after.filter((a) => a.unit !== 'G-new')).toEqual(before);
    expect(getExperiment(db, id)).toMatchObject({ name: 'retention-offer', holdout: 0.05, status: 'draft', stratifyColumn: null });
    expect(getExperiment(db, id)!.salt).toMatch(/^[0-9a-f]{32}$/);
    db.close();
  });

  it('refuses a design with one arm before writing anything', () => {
    const db = open('bad.aerie');
    expect(() => createExperiment(db, { name: 'x', unitKind: 'source', arms: [{ name: 'a', share: 1 }], primaryMetric: 'conversion' }, 't')).toThrow(/two arms/);
    expect(db.prepare('SELECT count(*) FROM experiments').pluck().get()).toBe(0);
    db.close();
  });
});
