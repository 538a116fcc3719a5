// Dynamic INT8 quantization: every MatMul / Gemm with a constant float weight becomes
//   DynamicQuantizeLinear(A) → MatMulInteger(A_u8, W_s8, A_zero) → Cast(float) → Mul(A_scale · W_scale) [→ Add bias]
// with W quantized once, here, to int8, symmetric, one scale per output column. This is the graph onnxruntime's
// own dynamic quantizer writes, which its optimizer fuses into one DynamicQuantizeMatMul kernel that runs on the
// VNNI (u8 × s8) dot-product instructions. Activations are quantized at run time, so no calibration data is needed.
// The weight range is the caller's choice (src/domain/int8-isa.ts decides it): 7-bit weights (±63) wherever the
// artifact may run on a CPU without VNNI, whose u8 × s8 kernels saturate with full-range (±127) weights.
import type { Int8WeightBits } from "../../domain/int8-isa.ts";
import { INT8_REWRITTEN_OPERATORS } from "../../domain/serving.ts";
import type { QuantizationResult } from "../contract.ts";
import { DataType, type GraphProto, type NodeProto, type TensorProto } from "../proto.ts";
import { opsetUpgradeBlocker, upgradeNote, upgradeOpset } from "../opset-upgrade.ts";
import { readModel, serializeModel, type OnnxModel } from "../read-model.ts";
import { floatTensorValues, tensorDims } from "../tensor-data.ts";
import { tensorProto } from "../build/graph-builder.ts";
import { allWeights } from "../weights.ts";
import { attributeFloat, attributeInt, constantHeldBy, constantTensors, countUsage, forEachNode, largestWeight, symmetricPerChannel, type Skipped } from "./common.ts";

/**
 * Convolutions stay in float. Measured with onnxruntime-node 1.30, one thread, on an AVX-512 VNNI host: a 64→64
 * 3×3 convolution over 56×56 took 1.6 ms as float Conv, 2.3 ms as ConvInteger with uint8 weights and 18 ms with
 * int8 weights, before counting the activation quantization. Dynamic ConvInteger would make CNNs slower.
 */
const convolutionSkipReason = "convolutions stay in float: onnxruntime's CPU ConvInteger measured slower than float Conv";
const recurrentSkipReason = "recurrent layers stay in float: the standard ONNX LSTM/GRU/RNN operators have no integer form";

/** Weighted operators this transform leaves alone, reported as skipped so the profile says what stayed FP32. */
const keptInFloat: Record<string, string> = {
  Conv: convolutionSkipReason,
  ConvTranspose: convolutionSkipReason,
  LSTM: recurrentSkipReason,
  GRU: recurrentSkipReason,
  RNN: recurrentSkipReason,
};

const rewrittenOperators = INT8_REWRITTEN_OPERATORS["dynamic-int8"];

/** DynamicQuantizeLinear appeared in opset 11. */
const minimumOpset = 11;

export function dynamicQuantizationMethod(weightBits: Int8WeightBits): string {
  return `dynamic: MatMul/Gemm weights to ${weightBits}-bit int8 (symmetric, ±${largestWeight(weightBits)}, one scale per output column), activations through DynamicQuantizeLinear + MatMulInteger`;
}

export interface DynamicQuantizationOptions {
  /** 7: weights in ±63, safe on every CPU; 8: ±127, only where the CPUs it runs on have VNNI, AMX or Arm dot products. */
  weightBits: Int8WeightBits;
}

export function quantizeDynamic(input: Uint8Array | OnnxModel, options: DynamicQuantizationOptions): QuantizationResult {
  // Work on a fresh decode so the caller's model is never modified.
  const bytes = input instanceof Uint8Array ? input : serializeModel(input.proto);
  const model = readModel(bytes, input instanceof Uint8Array ? "model" : input.label);
  const proto = model.proto;
  const skipped: Skipped[] = [];
  let quantizedNodes = 0;
  const originalOpset = model.opset;
  // An older model is declared opset 13 when every operator in it has an opset-13 form (../opset-upgrade.ts).
  const blocker = originalOpset < minimumOpset ? opsetUpgradeBlocker(model) : null;
  let upgraded: string[] = [];
  if (blocker) {
    forEachNode(proto.graph ?? {}, (node) => {
      if (rewrittenOperators.includes(node.opType ?? "")) {
        skipped.push({ node: node.name ?? "", operator: node.opType ?? "", reason: `opset ${originalOpset} < ${minimumOpset} (DynamicQuantizeLinear), and not upgraded: ${blocker}` });
      }
    });
  } else {
    const usage = countUsage(proto.graph ?? {});
    quantizedNodes = quantizeGraph(proto.graph ?? {}, [], usage, skipped, { next: 0 }, largestWeight(options.weightBits));
    // The nodes written above (DynamicQuantizeLinear, MatMulInteger, Cast, Mul, Add) mean the same at 13.
    if (quantizedNodes > 0 && originalOpset < minimumOpset) upgraded = upgradeOpset(model);
  }
  const quantizedBytes = serializeModel(proto);
  return {
    bytes: quantizedBytes,
    quantizedNodes,
    skipped,
    weightBytes: allWeights(proto.graph ?? {}).weightBytes,
    method: dynamicQuantizationMethod(options.weightBits) + upgradeNote(originalOpset, model.opset, upgraded),
    ...(model.opset !== originalOpset ? { opsetRaised: { from: originalOpset, to: model.opset, rewritten: upgraded } } : {}),
  };
}

interface Counter {
  next: number;
}

function quantizeGraph(graph: GraphProto, enclosing: Map<string, TensorProto>[], usage: Map<string, number>, skipped: Skipped[], counter: Counter, largest: number): number {
  const initializers = constantTensors(graph);
  const scopes = [initializers, ...enclosing];
  const findWeight = (name: string) => scopes.map((scope) => scope.get(name)).find((tensor) => tensor !== undefined);
  let quantized = 0;
  const rewritten: NodeProto[] = [];
  const removedConstants = new Set<TensorProto>();
  for (const node of graph.node ?? []) {
    for (const attribute of node.attribute ?? []) if (attribute.g) quantized += quantizeGraph(attribute.g, scopes, usage, skipped, counter, largest);
    const keptReason = keptInFloat[node.opType ?? ""];
    if (keptReason) skipped.push({ node: node.name ?? "", operator: node.opType ?? "", reason: keptReason });
    if (!rewrittenOperators.includes(node.opType ?? "")) {
      rewritten.push(node);
      continue;
    }
    const plan = planNode(node, findWeight);
    if ("reason" in plan) {
      skipped.push({ node: node.name ?? "", operator: node.opType ?? "", reason: plan.reason });
      rewritten.push(node);
      continue;
    }
    const prefix = `${node.name || `${node.opType}_${counter.next}`}_quant${counter.next++}`;
    const { quantizedWeight, columnScales } = quantizeColumns(plan.weightValues, plan.rows, plan.columns, plan.transposed, largest);
    graph.initializer ??= [];
    graph.initializer.push(tensorProto(`${prefix}.weight_int8`, [plan.rows, plan.columns], quantizedWeight));
    graph.initializer.push(tensorProto(`${prefix}.weight_scale`, [plan.columns], columnScales.map((scale) => scale * plan.alpha)));
    const output = (node.output ?? [])[0];
    const [activation, activationScale, activationZero] = [`${prefix}.a_u8`, `${prefix}.a_scale`, `${prefix}.a_zero`];
    const make = (opType: string, inputs: string[], outputs: string[], attribute: NodeProto["attribute"] = []): NodeProto => ({
      opType, domain: "", name: `${prefix}.${opType}_${outputs[0].split(".").pop()}`, input: inputs, output: outputs, attribute,
    });
    rewritten.push(
      make("DynamicQuantizeLinear", [plan.activation], [activation, activationScale, activationZero]),
      make("MatMulInteger", [activation, `${prefix}.weight_int8`, activationZero], [`${prefix}.product_i32`]),
      make("Cast", [`${prefix}.product_i32`], [`${prefix}.product_f32`], [{ name: "to", type: 2, i: DataType.FLOAT }]),
      make("Mul", [activationScale, `${prefix}.weight_scale`], [`${prefix}.scale`]),
    );
    if (plan.bias) {
      rewritten.push(make("Mul", [`${prefix}.product_f32`, `${prefix}.scale`], [`${prefix}.scaled`]), make("Add", [`${prefix}.scaled`, plan.bias], [output]));
    } else {
      rewritten.push(make("Mul", [`${prefix}.product_f32`, `${prefix}.scale`], [output]));
    }
    // The float weight goes when nothing else reads it; otherwise both forms stay.
    const weightName = plan.weightName;
    usage.set(weightName, (usage.get(weightName) ?? 1) - 1);
    if ((usage.get(weightName) ?? 0) <= 0) removeWeight(graph, scopes, weightName, removedConstants);
    quantized += 1;
  }
  graph.node = rewritten.filter((node) => !removedConstants.has(constantHeldBy(node) as TensorProto));
  return quantized;
}

/** Drops an unread float weight: an initializer of this graph, or the tensor of one of its Constant nodes (collected in `removedConstants`). */
function removeWeight(graph: GraphProto, scopes: Map<string, TensorProto>[], name: string, removedConstants: Set<TensorProto>): void {
  const owner = scopes.find((scope) => scope.has(name));
  const tensor = owner?.get(name);
  owner?.delete(name);
  if (!tensor) return;
  // Only the current graph's lists are at hand; an enclosing graph's unused weight just stays (harmless).
  if (graph.initializer?.includes(tensor)) {
    graph.initializer = graph.initializer.filter((entry) => entry !== tensor);
    // Before IR 4 initializers were also listed as graph inputs; a removed weight must not linger as one.
    graph.input = (graph.input ?? []).filter((input) => input.name !== name);
  } else if (owner === scopes[0]) {
    removedConstants.add(tensor);
  }
}

interface NodePlan {
  activation: string;
  weightName: string;
  weightValues: Float32Array;
  rows: number;
  columns: number;
  /** The stored weight is [columns, rows] (Gemm transB): read it transposed. */
  transposed: boolean;
  alpha: number;
  bias?: string;
}

function planNode(node: NodeProto, findWeight: (name: string) => TensorProto | undefined): NodePlan | { reason: string } {
  const [activation, weightName, bias] = node.input ?? [];
  const weight = findWeight(weightName ?? "");
  if (!weight) {
    return findWeight(activation ?? "")
      ? { reason: "the constant operand is on the left; only a constant right-hand weight is quantized" }
      : { reason: "no constant weight: both operands are computed at run time (e.g. attention scores)" };
  }
  if ((weight.dataType ?? 0) !== DataType.FLOAT) return { reason: `weight '${weightName}' is not float32` };
  const dims = tensorDims(weight);
  if (dims.length !== 2) return { reason: `weight '${weightName}' has rank ${dims.length}; MatMulInteger takes a 2-D weight here` };
  const values = floatTensorValues(weight);
  if (!values) return { reason: `weight '${weightName}' is stored externally or unreadably` };
  if (node.opType === "MatMul") {
    return { activation, weightName, weightValues: values, rows: dims[0], columns: dims[1], transposed: false, alpha: 1 };
  }
  if (attributeInt(node, "transA", 0) !== 0) return { reason: "Gemm with transA = 1 is left in float" };
  if (bias && attributeFloat(node, "beta", 1) !== 1) return { reason: "Gemm with beta ≠ 1 is left in float" };
  const transposed = attributeInt(node, "transB", 0) === 1;
  const [rows, columns] = transposed ? [dims[1], dims[0]] : dims;
  return { activation, weightName, weightValues: values, rows, columns, transposed, alpha: attributeFloat(node, "alpha", 1), bias: bias || undefined };
}

/** Symmetric int8 per output column of the [rows, columns] weight MatMulInteger reads (a transB weight is turned). */
function quantizeColumns(values: Float32Array, rows: number, columns: number, transposed: boolean, largest: number): { quantizedWeight: Int8Array; columnScales: Float32Array } {
  const laidOut = transposed ? Float32Array.from({ length: rows * columns }, (_, index) => values[(index % columns) * rows + Math.floor(index / columns)]) : values;
  const { quantized, scales } = symmetricPerChannel(laidOut, [rows, columns], 1, largest);
  return { quantizedWeight: quantized, columnScales: scales };
}
