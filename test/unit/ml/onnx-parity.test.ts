// The exported ai.onnx.ml TreeEnsembleClassifier, run by onnxruntime-node, scores every row as the
// TypeScript tree walk does (max abs difference < 1e-5), missing values and thresholds at the bin
// edges included.
import { describe, expect, it } from 'vitest';
import onnxProto from 'onnx-proto';
import { trainGbdt } from '../../../engine/ml/gbdt.js';
import { onnxScorer } from '../../../engine/ml/onnx-serve.js';
import { ensembleToOnnx } from '../../../engine/ml/onnx-trees.js';
import { predictProba } from '../../../engine/ml/tree.js';
import { rng } from '../../../engine/ml/random.js';
import { missingData, xorData } from './synth.js';

describe('ONNX export', () => {
  it('matches the TypeScript walk within 1e-5 on rows with missing values, edge values and unseen values', async () => {
    const a = missingData(3000, 31);
    const b = xorData(3000, 32);
    // four features: blanks, an interaction, and integer-valued x3 (values sit exactly on the edges)
    const r = rng(33);
    const x3 = Float64Array.from({ length: 3000 }, () => Math.floor(r() * 20));
    const y = Uint8Array.from(a.y, (v, i) => (v | (b.y[i]! & (x3[i]! > 10 ? 1 : 0))) as number);
    const m = { rows: 3000, columns: [a.m.columns[0]!, b.m.columns[0]!, b.m.columns[1]!, x3], names: ['blanky', 'x0', 'x1', 'x3'] };
    const fit = trainGbdt(m, y, { rounds: 300, maxDepth: 5, seed: 5 });
    expect(fit.trees).toBeGreaterThan(20);
    const bytes = ensembleToOnnx(fit.model);
    // the graph is one TreeEnsembleClassifier, no ZipMap
    const decoded = onnxProto.onnx.ModelProto.decode(bytes);
    expect(decoded.graph!.node!.map((n) => `${n.domain}:${n.opType}`)).toEqual(['ai.onnx.ml:TreeEnsembleClassifier']);
    expect(ensembleToOnnx(fit.model)).toEqual(bytes); // deterministic

    // test rows: training rows, unseen values, every-feature-missing, values beyond the range
    const extra = 6;
    const n = m.rows + extra;
    const cols = m.columns.map((c) => {
      const out = new Float64Array(n);
      out.set(c);
      return out;
    });
    const special = [NaN, -1e9, 1e9, 10, 10.000001, 0.5];
    for (let k = 0; k < extra; k++) for (const c of cols) c[m.rows + k] = special[k]!;
    const test = { rows: n, columns: cols, names: m.names };
    const want = predictProba(fit.model, test);
    const scorer = await onnxScorer(bytes);
    try {
      const got = await scorer.score(test);
      let maxDiff = 0;
      for (let i = 0; i < n; i++) maxDiff = Math.max(maxDiff, Math.abs(got[i]! - want[i]!));
      expect(maxDiff).toBeLessThan(1e-5);
    } finally {
      await scorer.close();
    }
  });
});
