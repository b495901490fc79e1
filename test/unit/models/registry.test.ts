// The model registry on a real encrypted workspace: versions per kind, one live entry per kind,
// a training job's rollback restoring the previous live model, and rerankers stored before the
// registry existed carried over by its migration.
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import * as sqliteVec from 'sqlite-vec';
import { applyKey } from '../../../engine/db/cipher.js';
import { migrate } from '../../../engine/db/migrate.js';
import { migrations } from '../../../engine/db/migrations/index.js';
import { openDatabase } from '../../../engine/db/open.js';
import { Database } from '../../../engine/db/sqlite.js';
import { createGeneration, activateGeneration, dropGeneration } from '../../../engine/embed/store.js';
import { getModel, listModels, liveModel, modelArtefact, registerModel, removeModelsOfJob, setModelStatus } from '../../../engine/models/registry.js';
import { loadRanker } from '../../../engine/search/ranker.js';
import { FEATURES } from '../../../engine/search/features.js';
import { PASS, tempDir } from '../../helpers/tmp.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('model registry', () => {
  it('numbers versions per kind and keeps one live entry per kind', () => {
    const db = openDatabase(join(tmp.dir, 'a.aerie'), PASS, { create: true });
    try {
      const a = registerModel(db, { kind: 'churn.gbdt', status: 'live', schema: { features: ['x'] }, metrics: { auc: 0.8 }, dataWindow: { from: '2025-01-01', to: '2025-06-30', rows: 10 }, jobId: 'j1' });
      const b = registerModel(db, { kind: 'churn.gbdt', status: 'candidate', schema: { features: ['x', 'y'] }, jobId: 'j2', artefact: Buffer.from('tree') });
      const other = registerModel(db, { kind: 'resolve.match', status: 'live', schema: {} });
      expect([a.version, b.version, other.version]).toEqual([1, 2, 1]);
      expect(liveModel(db, 'churn.gbdt')!.id).toBe(a.id);
      expect(getModel(db, a.id)!.dataWindow).toEqual({ from: '2025-01-01', to: '2025-06-30', rows: 10 });
      expect(modelArtefact(db, b.id)!.toString()).toBe('tree');

      setModelStatus(db, b.id, 'live');
      expect(liveModel(db, 'churn.gbdt')!.id).toBe(b.id);
      expect(getModel(db, a.id)!.status).toBe('retired');
      expect(getModel(db, a.id)!.retiredAt).not.toBeNull();
      expect(liveModel(db, 'resolve.match')!.id).toBe(other.id);

      // rolling back the job that trained b brings a back
      removeModelsOfJob(db, 'j2');
      expect(getModel(db, b.id)).toBeNull();
      expect(liveModel(db, 'churn.gbdt')!.id).toBe(a.id);
      expect(listModels(db).map((m) => m.kind)).toEqual(['churn.gbdt', 'resolve.match']);
    } finally {
      db.close();
    }
  });

  it('mirrors embedding generations: building, live, retired, dropped', () => {
    const db = openDatabase(join(tmp.dir, 'b.aerie'), PASS, { create: true });
    try {
      const spec = { modelId: 'm@1', modelName: 'builtin', kind: 'builtin', sha256: null, dims: 4, recipe: 'r1' };
      const g1 = createGeneration(db, { ...spec, jobId: 'e1' });
      expect(listModels(db, { kind: 'embed.generation' }).map((m) => m.status)).toEqual(['building']);
      activateGeneration(db, g1.id);
      const g2 = createGeneration(db, { ...spec, jobId: 'e2' });
      activateGeneration(db, g2.id);
      expect(listModels(db, { kind: 'embed.generation' }).map((m) => [m.version, m.status, m.ref])).toEqual([
        [2, 'live', `embed_generations:${g2.id}`],
        [1, 'retired', `embed_generations:${g1.id}`],
      ]);
      const g3 = createGeneration(db, { ...spec, jobId: 'e3' });
      dropGeneration(db, g3.id);
      expect(listModels(db, { kind: 'embed.generation' })).toHaveLength(2);
    } finally {
      db.close();
    }
  });

  it('its migration carries over the rerankers and generations stored before it', () => {
    const path = join(tmp.dir, 'old.aerie');
    const registry = migrations.findIndex((m) => m.name === 'model registry');
    const db = new Database(path);
    applyKey(db, PASS);
    db.loadExtension(sqliteVec.getLoadablePath());
    migrate(db, path, migrations.slice(0, registry));
    const weights = { bias: 0.5, weights: FEATURES.map((_, i) => i / 10), mean: FEATURES.map(() => 0), scale: FEATURES.map(() => 1) };
    const ins = db.prepare('INSERT INTO search_rerankers (created_at, kind, features, weights, trained_on, job_id, active) VALUES (?, ?, ?, ?, ?, ?, ?)');
    ins.run('2026-01-01T00:00:00Z', 'logreg', JSON.stringify(FEATURES), JSON.stringify({ ...weights, bias: 9 }), '{"pairs":3}', 'old', 0);
    ins.run('2026-02-01T00:00:00Z', 'logreg', JSON.stringify(FEATURES), JSON.stringify(weights), '{"pairs":7}', 'new', 1);
    db.prepare(
      "INSERT INTO embed_generations (model_id, model_name, model_kind, model_sha256, dims, recipe, state, job_id, created_at) VALUES ('m@1', 'builtin', 'builtin', NULL, 384, 'r1', 'active', 'e', '2026-01-01')",
    ).run();
    migrate(db, path, migrations);
    const rankers = listModels(db, { kind: 'search.reranker' });
    expect(rankers.map((m) => [m.version, m.status, m.jobId, m.metrics])).toEqual([
      [2, 'live', 'new', { pairs: 7 }],
      [1, 'retired', 'old', { pairs: 3 }],
    ]);
    const r = loadRanker(db);
    expect(r.id).toBe(2);
    expect(r.bias).toBe(0.5);
    expect(r.weights).toEqual(weights.weights);
    expect(listModels(db, { kind: 'embed.generation' }).map((m) => [m.status, m.schema, m.params.modelId])).toEqual([['live', { dims: 384, recipe: 'r1' }, 'm@1']]);
    db.close();
  });
});
