/**
 * Small helpers for writing ONNX graphs with onnx-proto (ModelProto encoder).
 * Encoding is deterministic: the same inputs always give the same bytes.
 */
import onnxProto from 'onnx-proto';

export const onnx = onnxProto.onnx;
export const DT = onnx.TensorProto.DataType;

type AttrValue = number | number[] | string | { ints: number[] } | { float: number } | { int: number };

export function node(
  opType: string,
  inputs: string[],
  outputs: string[],
  attrs: Record<string, AttrValue> = {},
  name?: string,
): onnxProto.onnx.INodeProto {
  const attribute: onnxProto.onnx.IAttributeProto[] = [];
  for (const [key, v] of Object.entries(attrs)) {
    if (typeof v === 'string') {
      attribute.push({ name: key, type: onnx.AttributeProto.AttributeType.STRING, s: new TextEncoder().encode(v) });
    } else if (Array.isArray(v)) {
      attribute.push({ name: key, type: onnx.AttributeProto.AttributeType.INTS, ints: v });
    } else if (typeof v === 'number') {
      attribute.push({ name: key, type: onnx.AttributeProto.AttributeType.INT, i: v });
    } else if ('ints' in v) {
      attribute.push({ name: key, type: onnx.AttributeProto.AttributeType.INTS, ints: v.ints });
    } else if ('float' in v) {
      attribute.push({ name: key, type: onnx.AttributeProto.AttributeType.FLOAT, f: v.float });
    } else {
      attribute.push({ name: key, type: onnx.AttributeProto.AttributeType.INT, i: v.int });
    }
  }
  return { opType, input: inputs, output: outputs, attribute, name: name ?? `${opType}_${outputs[0] ?? ''}` };
}

/** A dimension is a fixed size or a symbolic name. */
export type Dim = number | string;

export function valueInfo(name: string, elemType: number, dims: Dim[]): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function bytesOf(data: ArrayBufferView): Uint8Array {
  // ONNX raw_data is little-endian; every platform Node runs on here is little-endian.
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

export function tensor(
  name: string,
  elemType: number,
  dims: number[],
  data: Float32Array | Int8Array | Int32Array | BigInt64Array | Uint16Array,
): onnxProto.onnx.ITensorProto {
  return { name, dataType: elemType, dims, rawData: bytesOf(data) };
}

export function floatTensor(name: string, dims: number[], values: number[] | Float32Array): onnxProto.onnx.ITensorProto {
  return tensor(name, DT.FLOAT, dims, values instanceof Float32Array ? values : Float32Array.from(values));
}

export function int64Tensor(name: string, dims: number[], values: number[]): onnxProto.onnx.ITensorProto {
  return tensor(name, DT.INT64, dims, BigInt64Array.from(values.map((v) => BigInt(v))));
}

export interface ModelSpec {
  graphName: string;
  nodes: onnxProto.onnx.INodeProto[];
  inputs: onnxProto.onnx.IValueInfoProto[];
  outputs: onnxProto.onnx.IValueInfoProto[];
  initializers: onnxProto.onnx.ITensorProto[];
  opset?: number;
  producerName?: string;
  producerVersion?: string;
  docString?: string;
  metadata?: Record<string, string>;
}

/** Encode a ModelProto (IR version 8, default-domain opset 13 unless given). */
export function encodeModel(spec: ModelSpec): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: spec.opset ?? 13 }],
    producerName: spec.producerName ?? 'aerie',
    producerVersion: spec.producerVersion ?? '0',
    docString: spec.docString ?? '',
    graph: {
      name: spec.graphName,
      node: spec.nodes,
      input: spec.inputs,
      output: spec.outputs,
      initializer: spec.initializers,
    },
    metadataProps: Object.entries(spec.metadata ?? {}).map(([key, value]) => ({ key, value })),
  });
  return onnx.ModelProto.encode(model).finish();
}
