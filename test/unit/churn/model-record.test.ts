// A churn model kept in the model registry of a real encrypted workspace: stored, read back, the
// ensemble restored from its artefact scores (and exports) exactly as before, and its model card.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { modelCardHtml } from '../../../engine/churn/model-card.js';
import { CHURN_MODEL_KIND, churnMetrics, churnModelEntry, churnModelFromArtefact } from '../../../engine/churn/model-record.js';
import { openDatabase } from '../../../engine/db/open.js';
import { GBDT_DEFAULTS, stratifiedHoldout, trainGbdt } from '../../../engine/ml/gbdt.js';
import { takeLabels, takeRows } from '../../../engine/ml/matrix.js';
import { ensembleToOnnx } from '../../../engine/ml/onnx-trees.js';
import { predictProba } from '../../../engine/ml/tree.js';
import { getModel, liveModel, modelArtefact, registerModel, setModelStatus } from '../../../engine/models/registry.js';
import { PASS, tempDir } from '../../helpers/tmp.js';
import { missingData } from '../ml/synth.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('churn.model in the registry', () => {
  it('stores the model with schema, params and metrics, restores it exactly, and writes a model card', () => {
    const d = missingData(3000, 41);
    d.m.names = ['days <since> order', 'x1']; // a name that must be escaped in the card
    const { train, holdout } = stratifiedHoldout(d.y, 0.25, 1);
    const fit = trainGbdt(takeRows(d.m, train), takeLabels(d.y, train), { seed: 1 });
    const mTest = takeRows(d.m, holdout);
    const yTest = takeLabels(d.y, holdout);
    const p = predictProba(fit.model, mTest);
    const metrics = churnMetrics(fit.model, yTest, p, mTest);
    expect(metrics.auc).toBeGreaterThan(0.8);
    expect(metrics.lift).toHaveLength(10);

    const db = openDatabase(join(tmp.dir, 'w.aerie'), PASS, { create: true });
    try {
      const e = registerModel(
        db,
        churnModelEntry({
          model: fit.model,
          encodings: [{ column: 'days <since> order', kind: 'numeric', unreadable: 0 }, { column: 'x1', kind: 'numeric', unreadable: 0 }],
          params: { ...GBDT_DEFAULTS, seed: 1 },
          metrics,
          unit: 'table row',
          label: { column: 'churned', positive: 'yes' },
          dataWindow: { from: null, to: null, rows: train.length },
          trees: fit.trees,
          createdBy: 'analyst',
        }),
      );
      expect(e).toMatchObject({ kind: CHURN_MODEL_KIND, version: 1, status: 'candidate', createdBy: 'analyst' });
      setModelStatus(db, e.id, 'live');
      const live = liveModel(db, CHURN_MODEL_KIND)!;
      expect(live.id).toBe(e.id);
      expect(live.schema).toMatchObject({ unit: 'table row', features: ['days <since> order', 'x1'] });
      expect((live.metrics as { auc: number }).auc).toBe(metrics.auc);

      const restored = churnModelFromArtefact(modelArtefact(db, e.id)!);
      expect(Array.from(predictProba(restored, mTest))).toEqual(Array.from(p));
      expect(ensembleToOnnx(restored)).toEqual(ensembleToOnnx(fit.model));

      const card = modelCardHtml(getModel(db, e.id)!);
      expect(card).toContain('churn.model version 1');
      expect(card).toContain(metrics.auc.toFixed(4));
      expect(card).toContain('days &lt;since&gt; order');
      expect(card).not.toContain('<since>');
      expect(card).not.toMatch(/<script|https?:/);
    } finally {
      db.close();
    }
  });
});
