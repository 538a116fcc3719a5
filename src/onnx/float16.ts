// The model in FP16, to measure how far FP16 serving strays from FP32 before planning it on GPUs. Inputs and
// outputs stay FP32 (Cast at the boundaries); the matrix products, convolutions, elementwise arithmetic,
// activations, pooling and data movement run in FP16; numerically sensitive operators (Softmax, normalisations,
// reductions, Exp/Log/Pow/Sqrt, everything not listed below) stay FP32, as mixed-precision converters keep them.
// Only the top-level graph is converted; tensors a subgraph reads stay FP32.
//
// This file is for measuring, not serving: GPUs serve FP16 by building TensorRT engines from the FP32 model
// (src/domain/serving.ts). onnxruntime's CPU provider has few FP16 kernels and computes FP16 MatMul/Conv in FP32
// arithmetic between casts, so the drift measured with it is the rounding of weights and activations to FP16 at
// every converted operator, not FP16 accumulation.
import { WattplanError } from "../errors.ts";
import { analyzeModel } from "./analyze-model.ts";
import type { AnalysisOptions } from "./contract.ts";
import { DataType, type GraphProto, type NodeProto, type TensorProto } from "./proto.ts";
import { readModel, serializeModel, type OnnxModel } from "./read-model.ts";
import { floatTensorValues, tensorDims } from "./tensor-data.ts";

/** Operators that run in FP16: each float input and output of theirs is converted. */
const float16Operators = new Set([
  "Conv", "ConvTranspose", "MatMul", "Gemm", "Add", "Sub", "Mul", "Div", "Relu", "LeakyRelu", "Sigmoid", "Tanh", "Erf",
  "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "Transpose", "Reshape", "Flatten", "Squeeze", "Unsqueeze",
  "Concat", "Split", "Slice", "Gather", "Identity", "Expand", "Tile",
]);

export const float16Method =
  "FP16 weights and activations for Conv, MatMul, Gemm, elementwise arithmetic, activations, pooling and data movement; " +
  "Softmax, normalisations, reductions, Exp/Log/Pow/Sqrt and every other operator in FP32; FP32 inputs and outputs";

export interface Float16Conversion {
  bytes: Uint8Array;
  /** Nodes converted to FP16, and the operator types kept in FP32 (for the profile). */
  convertedNodes: number;
  keptInFloat32: string[];
}

/** `inputs`: the shapes and control values the model's analysis needs where its inputs have symbolic dimensions. */
export function convertToFloat16(input: Uint8Array | OnnxModel, inputs: Omit<AnalysisOptions, "batchSize"> = {}): Float16Conversion {
  const bytes = input instanceof Uint8Array ? input : serializeModel(input.proto);
  const model = readModel(bytes, input instanceof Uint8Array ? "model" : input.label);
  // Element types of the top-level tensors, from the analysis (a batch of one: types do not depend on it).
  const types = analyzeModel(model, { ...inputs, batchSize: 1 }).tensorElementTypes;
  const graph = model.proto.graph ?? {};
  const isFloat = (name: string) => types[name] === DataType.FLOAT;
  const converted = new Set((graph.node ?? []).filter((node) => float16Operators.has(node.opType ?? "") && !hasSubgraph(node) && (node.input ?? []).some(isFloat)));
  const keptInFloat32 = [...new Set((graph.node ?? []).filter((node) => !converted.has(node) && ((node.input ?? []).some(isFloat) || (node.output ?? []).some(isFloat))).map((node) => node.opType ?? ""))].sort();
  rewrite(graph, converted, isFloat);
  // Declared intermediate types would now be wrong; onnxruntime infers them again.
  graph.valueInfo = [];
  return { bytes: serializeModel(model.proto), convertedNodes: converted.size, keptInFloat32 };
}

function hasSubgraph(node: NodeProto): boolean {
  return (node.attribute ?? []).some((attribute) => attribute.g || (attribute.graphs?.length ?? 0) > 0);
}

function rewrite(graph: GraphProto, converted: Set<NodeProto>, isFloat: (name: string) => boolean): void {
  const initializers = new Map((graph.initializer ?? []).map((tensor) => [tensor.name ?? "", tensor]));
  // Tensors that must stay FP32 under their own name: graph outputs and names a subgraph reads.
  const pinned = new Set((graph.output ?? []).map((output) => output.name ?? ""));
  for (const node of graph.node ?? []) if (hasSubgraph(node)) for (const name of namesReadInSubgraphs(node)) pinned.add(name);
  const readers = new Map<string, NodeProto[]>();
  for (const node of graph.node ?? []) for (const name of node.input ?? []) readers.set(name, [...(readers.get(name) ?? []), node]);
  // Float initializers read only by FP16 nodes are stored in FP16; the others stay FP32 and are cast where needed.
  const halfInitializers = new Set<string>();
  for (const [name, tensor] of initializers) {
    const readBy = readers.get(name) ?? [];
    if (tensor.dataType === DataType.FLOAT && readBy.length > 0 && readBy.every((node) => converted.has(node)) && !pinned.has(name)) {
      halfInitializers.add(name);
      initializers.set(name, toHalfTensor(tensor));
    }
  }
  graph.initializer = [...initializers.values()];
  const half = new Set<string>(halfInitializers); // tensors whose values are FP16 under their own name
  const casts = new Map<string, string>();
  const rewritten: NodeProto[] = [];
  const castOf = (name: string, to: "float16" | "float32"): string => {
    const key = `${name}|${to}`;
    let castName = casts.get(key);
    if (!castName) {
      castName = `${name}/${to}`;
      casts.set(key, castName);
      rewritten.push(castNode(name, castName, to));
    }
    return castName;
  };
  for (const node of graph.node ?? []) {
    const toHalf = converted.has(node);
    const inputs = (node.input ?? []).map((name) => {
      if (!name || !isFloat(name)) return name;
      if (toHalf && !half.has(name)) return castOf(name, "float16");
      if (!toHalf && half.has(name)) return castOf(name, "float32");
      return name;
    });
    const outputs = [...(node.output ?? [])];
    const restore: NodeProto[] = [];
    if (toHalf) {
      outputs.forEach((name, index) => {
        if (!isFloat(name)) return;
        if (pinned.has(name)) {
          // Kept FP32 under its own name: the node writes an FP16 twin, cast back at once.
          outputs[index] = `${name}/float16`;
          restore.push(castNode(outputs[index], name, "float32"));
          half.add(outputs[index]);
          casts.set(`${name}|float16`, outputs[index]);
        } else {
          half.add(name);
        }
      });
    }
    rewritten.push({ ...node, input: inputs, output: outputs }, ...restore);
  }
  graph.node = rewritten;
}

function castNode(input: string, output: string, to: "float16" | "float32"): NodeProto {
  return { opType: "Cast", domain: "", name: `${output}/cast`, input: [input], output: [output], attribute: [{ name: "to", type: 2, i: to === "float16" ? DataType.FLOAT16 : DataType.FLOAT }] };
}

function namesReadInSubgraphs(node: NodeProto): string[] {
  const names: string[] = [];
  const visit = (graph: GraphProto) => {
    for (const inner of graph.node ?? []) {
      names.push(...(inner.input ?? []));
      for (const attribute of inner.attribute ?? []) {
        if (attribute.g) visit(attribute.g);
        for (const nested of attribute.graphs ?? []) visit(nested);
      }
    }
  };
  for (const attribute of node.attribute ?? []) {
    if (attribute.g) visit(attribute.g);
    for (const nested of attribute.graphs ?? []) visit(nested);
  }
  return names;
}

function toHalfTensor(tensor: TensorProto): TensorProto {
  const values = floatTensorValues(tensor);
  if (!values) throw new WattplanError("INVALID_MODEL", `weight '${tensor.name}' is stored externally or unreadably`);
  const halves = new Uint16Array(values.length);
  for (let index = 0; index < values.length; index++) halves[index] = float16Bits(values[index]);
  return { name: tensor.name, dims: tensorDims(tensor), dataType: DataType.FLOAT16, rawData: new Uint8Array(halves.buffer) };
}

/** IEEE 754 binary16 bits of a number, rounded to nearest even, with subnormals, infinities and NaN. */
export function float16Bits(value: number): number {
  const floats = new Float32Array([value]);
  const bits = new Uint32Array(floats.buffer)[0];
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  const mantissa = bits & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0);
  const halfExponent = exponent - 127 + 15;
  if (halfExponent >= 0x1f) return sign | 0x7c00;
  if (halfExponent <= 0) {
    if (halfExponent < -10) return sign;
    // Subnormal: the mantissa with its implicit 1, shifted into place, rounded to nearest even.
    const full = mantissa | 0x800000;
    const shift = 14 - halfExponent;
    const truncated = full >>> shift;
    const remainder = full & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    return sign | (truncated + (remainder > halfway || (remainder === halfway && truncated & 1) ? 1 : 0));
  }
  const roundBit = mantissa & 0x1000;
  const sticky = mantissa & 0xfff;
  let result = sign | (halfExponent << 10) | (mantissa >>> 13);
  if (roundBit && (sticky || result & 1)) result += 1; // a carry into the exponent is the correct rounding
  return result;
}
