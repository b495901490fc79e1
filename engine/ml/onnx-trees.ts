// The tree ensemble as an ONNX model: one ai.onnx.ml TreeEnsembleClassifier (no ZipMap), input X
// float [N, features], outputs label int64 [N] and probabilities float [N, 2] (stayed, churned).
// Nodes are BRANCH_LEQ on the float32 thresholds the trainer chose, missing values follow
// nodes_missing_value_tracks_true (= the learned default side), so onnxruntime walks each row to
// the same leaf as tree.ts. Encoding is deterministic: the same model gives the same bytes.

import onnxProto from 'onnx-proto';
import type { TreeEnsemble } from './tree.js';

const onnx = onnxProto.onnx;
const AT = onnx.AttributeProto.AttributeType;
const enc = new TextEncoder();

const ints = (name: string, v: number[]): onnxProto.onnx.IAttributeProto => ({ name, type: AT.INTS, ints: v });
const floats = (name: string, v: number[]): onnxProto.onnx.IAttributeProto => ({ name, type: AT.FLOATS, floats: v });
const strings = (name: string, v: string[]): onnxProto.onnx.IAttributeProto => ({ name, type: AT.STRINGS, strings: v.map((s) => enc.encode(s)) });
const str = (name: string, v: string): onnxProto.onnx.IAttributeProto => ({ name, type: AT.STRING, s: enc.encode(v) });

function tensorInfo(name: string, elemType: number, dims: (number | string)[]): onnxProto.onnx.IValueInfoProto {
  return { name, type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } } };
}

export function ensembleToOnnx(model: TreeEnsemble, meta: Record<string, string> = {}): Uint8Array {
  const n = { treeIds: [] as number[], nodeIds: [] as number[], featureIds: [] as number[], values: [] as number[], modes: [] as string[], trueIds: [] as number[], falseIds: [] as number[], missingTrue: [] as number[] };
  const c = { treeIds: [] as number[], nodeIds: [] as number[], classIds: [] as number[], weights: [] as number[] };
  model.trees.forEach((t, ti) => {
    for (let k = 0; k < t.feature.length; k++) {
      const leaf = t.feature[k]! < 0;
      n.treeIds.push(ti);
      n.nodeIds.push(k);
      n.featureIds.push(leaf ? 0 : t.feature[k]!);
      n.values.push(leaf ? 0 : t.threshold[k]!);
      n.modes.push(leaf ? 'LEAF' : 'BRANCH_LEQ');
      n.trueIds.push(leaf ? 0 : t.left[k]!);
      n.falseIds.push(leaf ? 0 : t.right[k]!);
      n.missingTrue.push(leaf ? 0 : t.defaultLeft[k]!);
      if (leaf) {
        // one score per row (class 1's margin); onnxruntime's binary case adds class 0 as 1 - p
        c.treeIds.push(ti);
        c.nodeIds.push(k);
        c.classIds.push(0);
        c.weights.push(t.value[k]!);
      }
    }
  });
  const node: onnxProto.onnx.INodeProto = {
    opType: 'TreeEnsembleClassifier',
    domain: 'ai.onnx.ml',
    name: 'churn_trees',
    input: ['X'],
    output: ['label', 'probabilities'],
    attribute: [
      ints('nodes_treeids', n.treeIds),
      ints('nodes_nodeids', n.nodeIds),
      ints('nodes_featureids', n.featureIds),
      floats('nodes_values', n.values),
      strings('nodes_modes', n.modes),
      ints('nodes_truenodeids', n.trueIds),
      ints('nodes_falsenodeids', n.falseIds),
      ints('nodes_missing_value_tracks_true', n.missingTrue),
      ints('class_treeids', c.treeIds),
      ints('class_nodeids', c.nodeIds),
      ints('class_ids', c.classIds),
      floats('class_weights', c.weights),
      ints('classlabels_int64s', [0, 1]),
      floats('base_values', [model.baseScore]),
      str('post_transform', 'LOGISTIC'),
    ],
  };
  const F = model.featureNames.length;
  const m = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [
      { domain: '', version: 13 },
      { domain: 'ai.onnx.ml', version: 3 },
    ],
    producerName: 'aerie',
    producerVersion: '0',
    graph: {
      name: 'churn_gbdt',
      node: [node],
      input: [tensorInfo('X', onnx.TensorProto.DataType.FLOAT, ['N', F])],
      output: [tensorInfo('label', onnx.TensorProto.DataType.INT64, ['N']), tensorInfo('probabilities', onnx.TensorProto.DataType.FLOAT, ['N', 2])],
    },
    metadataProps: Object.entries({ features: JSON.stringify(model.featureNames), ...meta }).map(([key, value]) => ({ key, value })),
  });
  return onnx.ModelProto.encode(m).finish();
}
