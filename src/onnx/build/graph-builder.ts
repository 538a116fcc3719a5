// A small helper for writing ONNX graphs in code: named tensors, nodes with typed attributes, weights as raw bytes.
import { DataType, type AttributeProto, type GraphProto, type ModelProto, type NodeProto, type TensorProto, type ValueInfoProto } from "../proto.ts";
import { serializeModel } from "../read-model.ts";

/** ONNX IR 8 with opset 17: LayerNormalization is there, and onnxruntime 1.30 runs every operator we emit. */
export const builderIrVersion = 8;
export const builderOpset = 17;

export type Dimension = number | string;
export type AttributeValue = number | number[] | string | TensorProto | GraphProto | { floats: number[] } | { float: number };

type NumericArray = Float32Array | Int8Array | Uint8Array | Int32Array | BigInt64Array;

export class GraphBuilder {
  readonly nodes: NodeProto[] = [];
  readonly initializers: TensorProto[] = [];
  readonly inputs: ValueInfoProto[] = [];
  readonly outputs: ValueInfoProto[] = [];
  private counter = 0;

  constructor(readonly name: string) {}

  /** A fresh tensor name with a readable prefix. */
  uniqueName(prefix: string): string {
    this.counter += 1;
    return `${prefix}_${this.counter}`;
  }

  addInput(name: string, elementType: number, shape: Dimension[]): string {
    this.inputs.push(valueInfo(name, elementType, shape));
    return name;
  }

  addOutput(name: string, elementType: number, shape: Dimension[]): string {
    this.outputs.push(valueInfo(name, elementType, shape));
    return name;
  }

  addInitializer(name: string, dims: number[], values: NumericArray): string {
    this.initializers.push(tensorProto(name, dims, values));
    return name;
  }

  /** A small int64 initializer (shapes, axes, perms). */
  addInt64(name: string, values: number[], dims: number[] = [values.length]): string {
    return this.addInitializer(name, dims, BigInt64Array.from(values.map((value) => BigInt(value))));
  }

  addFloatScalar(name: string, value: number): string {
    return this.addInitializer(name, [], Float32Array.of(value));
  }

  /** Adds a node and returns its (first) output name; outputs default to fresh names. */
  addNode(opType: string, inputs: string[], attributes: Record<string, AttributeValue> = {}, outputs?: string[], domain?: string): string {
    const outputNames = outputs ?? [this.uniqueName(opType.toLowerCase())];
    this.nodes.push({
      opType,
      domain: domain ?? "",
      name: this.uniqueName(`${opType}_node`),
      input: inputs,
      output: outputNames,
      attribute: Object.entries(attributes).map(([name, value]) => attribute(name, value)),
    });
    return outputNames[0];
  }

  graph(): GraphProto {
    return { name: this.name, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs };
  }

  model(opset = builderOpset): ModelProto {
    return {
      irVersion: builderIrVersion,
      producerName: "wattplan",
      opsetImport: [{ domain: "", version: opset }],
      graph: this.graph(),
    };
  }

  serialize(opset = builderOpset): Uint8Array {
    return serializeModel(this.model(opset));
  }
}

export function valueInfo(name: string, elementType: number, shape: Dimension[]): ValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: elementType,
        shape: { dim: shape.map((dimension) => (typeof dimension === "number" ? { dimValue: dimension } : { dimParam: dimension })) },
      },
    },
  };
}

export function tensorProto(name: string, dims: number[], values: NumericArray): TensorProto {
  return {
    name,
    dims,
    dataType: dataTypeOf(values),
    rawData: new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength)),
  };
}

function dataTypeOf(values: NumericArray): number {
  if (values instanceof Float32Array) return DataType.FLOAT;
  if (values instanceof Int8Array) return DataType.INT8;
  if (values instanceof Uint8Array) return DataType.UINT8;
  if (values instanceof Int32Array) return DataType.INT32;
  return DataType.INT64;
}

// AttributeProto.AttributeType: FLOAT=1, INT=2, STRING=3, TENSOR=4, GRAPH=5, FLOATS=6, INTS=7.
function attribute(name: string, value: AttributeValue): AttributeProto {
  if (typeof value === "number") return { name, type: 2, i: value };
  if (typeof value === "string") return { name, type: 3, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) return { name, type: 7, ints: value };
  if ("floats" in value) return { name, type: 6, floats: value.floats };
  if ("float" in value) return { name, type: 1, f: value.float };
  if ("node" in value || "input" in value || "output" in value) return { name, type: 5, g: value as GraphProto };
  return { name, type: 4, t: value as TensorProto };
}
