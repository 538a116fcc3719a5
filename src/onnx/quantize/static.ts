// Static INT8 in QDQ form: QuantizeLinear → DequantizeLinear pairs around the weights and activations of Conv,
// MatMul and Gemm, with activation scales calibrated ahead of time on sample inputs. One file serves two runtimes:
//  - onnxruntime's CPU provider fuses DequantizeLinear → Conv → QuantizeLinear into QLinearConv (and MatMul/Gemm
//    into their integer forms), so convolutions run on integer kernels, which the dynamic transform cannot do;
//  - TensorRT builds INT8 engines from explicit QDQ, which asks for symmetric int8 (zero point 0) activations and
//    weights, a DequantizeLinear per consumer, and float biases (it rejects DequantizeLinear on an int32 bias).
// So: activations int8 symmetric per tensor (scale = calibrated max |x| / 127), weights int8 symmetric per output
// channel at the caller's range (7 or 8 bits, src/domain/int8-isa.ts), biases left in float.
//
// Which tensors carry a Q/DQ pair ("quantization points"): the activation input of each rewritten node, and the
// output of each Conv, taken after its Relu when a lone Relu follows (onnxruntime folds the Relu into the
// quantization's range). MatMul and Gemm outputs stay float: onnxruntime runs DequantizeLinear → MatMul/Gemm with
// a float output as one integer kernel with a float result. Graph outputs are never quantized. Only the top-level
// graph is rewritten. Each BatchNormalization that follows a Conv is folded into it first (./fold-batch-norm.ts),
// so that the points are the normalised tensors; a model with nothing to quantize comes back as it was.
import type { Int8WeightBits } from "../../domain/int8-isa.ts";
import { INT8_REWRITTEN_OPERATORS } from "../../domain/serving.ts";
import { WattplanError } from "../../errors.ts";
import { tensorProto } from "../build/graph-builder.ts";
import type { QuantizationResult } from "../contract.ts";
import { DataType, type GraphProto, type NodeProto, type TensorProto } from "../proto.ts";
import { opsetUpgradeBlocker, upgradeNote, upgradeOpset } from "../opset-upgrade.ts";
import { readModel, serializeModel, type OnnxModel } from "../read-model.ts";
import { floatTensorValues, tensorDims } from "../tensor-data.ts";
import { allWeights } from "../weights.ts";
import { attributeFloat, attributeInt, constantHeldBy, constantTensors, countUsage, forEachNode, largestWeight, symmetricPerChannel, type Skipped } from "./common.ts";
import { foldBatchNormalizations } from "./fold-batch-norm.ts";

/** DequantizeLinear's `axis` (per-channel weights) appeared in opset 13. */
const minimumOpset = 13;

export function staticQuantizationMethod(weightBits: Int8WeightBits, activations: ActivationEncoding = "int8-symmetric"): string {
  const activationForm = activations === "int8-symmetric" ? "int8 symmetric per tensor from calibrated max |x|" : "uint8 asymmetric per tensor from the calibrated [min, max]";
  return `static QDQ: Conv/MatMul/Gemm weights to ${weightBits}-bit int8 (symmetric, ±${largestWeight(weightBits)}, one scale per output channel), activations ${activationForm}, biases in float`;
}

/**
 * How activations are stored. "int8-symmetric": zero point 0, scale = max |x| / 127, the only form TensorRT takes.
 * "uint8-asymmetric": the calibrated [min, max] (widened to hold 0) over 0..255, the form onnxruntime's x86 kernels
 * fuse into QLinearConv wherever a tensor is read (its int8 → uint8 rewrite skips tensors with several readers), and
 * whose zero point 0 on a Relu's output lets onnxruntime drop the Relu into the quantization.
 */
export type ActivationEncoding = "int8-symmetric" | "uint8-asymmetric";

export interface StaticQuantizationOptions {
  weightBits: Int8WeightBits;
  activations: ActivationEncoding;
  /** The calibrated [min, max] of every quantization point (staticQuantizationPoints names them). */
  activationRanges: Readonly<Record<string, readonly [number, number]>>;
}

interface WeightPlan {
  weightName: string;
  weight: TensorProto;
  /** The output-channel axis of the stored weight. */
  axis: number;
}

interface StaticPlan {
  nodes: Map<NodeProto, WeightPlan>;
  /** Tensor names to quantize, in order of first appearance. */
  points: string[];
  skipped: Skipped[];
}

/** The activation tensors whose ranges calibration must measure for this model, in a stable order. */
export function staticQuantizationPoints(input: Uint8Array | OnnxModel): string[] {
  return planStatic(foldedCopy(input).model).points;
}

export function quantizeStatic(input: Uint8Array | OnnxModel, options: StaticQuantizationOptions): QuantizationResult {
  const { model, folded } = foldedCopy(input);
  const plan = planStatic(model);
  const method = staticQuantizationMethod(options.weightBits, options.activations);
  // Nothing to quantize: the model as it was, unfolded (a transform that changes nothing gives the same file).
  if (plan.nodes.size === 0) {
    const unchanged = readModel(input instanceof Uint8Array ? input : serializeModel(input.proto), model.label).proto;
    return { bytes: serializeModel(unchanged), quantizedNodes: 0, skipped: plan.skipped, weightBytes: allWeights(unchanged.graph ?? {}).weightBytes, method };
  }
  const originalOpset = model.opset;
  // Nodes are kept by identity through the upgrade (it rewrites none of the quantized operators).
  const upgraded = originalOpset < minimumOpset ? upgradeOpset(model) : [];
  const graph = model.proto.graph ?? {};
  rewrite(graph, plan, options);
  return {
    bytes: serializeModel(model.proto),
    quantizedNodes: plan.nodes.size,
    skipped: plan.skipped,
    weightBytes: allWeights(graph).weightBytes,
    method: method + (folded > 0 ? `; ${folded} BatchNormalization node(s) folded into their Conv first` : "") + upgradeNote(originalOpset, model.opset, upgraded),
    ...(model.opset !== originalOpset ? { opsetRaised: { from: originalOpset, to: model.opset, rewritten: upgraded } } : {}),
  };
}

/** A fresh decode of the model (the caller's is never modified) with its BatchNormalizations folded into their Convs. */
function foldedCopy(input: Uint8Array | OnnxModel): { model: OnnxModel; folded: number } {
  const model = readModel(input instanceof Uint8Array ? input : serializeModel(input.proto), input instanceof Uint8Array ? "model" : input.label);
  return { model, folded: foldBatchNormalizations((model.proto.graph ??= {})) };
}

function planStatic(model: OnnxModel): StaticPlan {
  const graph = model.proto.graph ?? {};
  const skipped: Skipped[] = [];
  const nodes = new Map<NodeProto, WeightPlan>();
  const points: string[] = [];
  const topLevel = new Set(graph.node ?? []);
  forEachNode(graph, (node) => {
    if (!topLevel.has(node) && quantizable(node)) skipped.push(skip(node, "inside a subgraph: static quantization rewrites the top-level graph only"));
    if (["LSTM", "GRU", "RNN"].includes(node.opType ?? "")) skipped.push(skip(node, "recurrent layers stay in float: the standard ONNX LSTM/GRU/RNN operators have no integer form"));
  });
  // An older model is declared opset 13 when every operator in it has an opset-13 form (../opset-upgrade.ts).
  const blocker = model.opset < minimumOpset ? opsetUpgradeBlocker(model) : null;
  if (blocker) {
    for (const node of graph.node ?? []) if (quantizable(node)) skipped.push(skip(node, `opset ${model.opset} < ${minimumOpset} (per-channel DequantizeLinear), and not upgraded: ${blocker}`));
    return { nodes, points, skipped };
  }
  const constants = constantTensors(graph);
  const consumers = consumersOf(graph);
  const graphOutputs = new Set((graph.output ?? []).map((output) => output.name ?? ""));
  const addPoint = (name: string) => {
    if (!graphOutputs.has(name) && !constants.has(name) && !points.includes(name)) points.push(name);
  };
  for (const node of graph.node ?? []) {
    if (!quantizable(node)) continue;
    const weightPlan = planWeight(node, constants);
    if ("reason" in weightPlan) {
      skipped.push(skip(node, weightPlan.reason));
      continue;
    }
    nodes.set(node, weightPlan);
    addPoint((node.input ?? [])[0]);
    if (node.opType === "Conv") addPoint(convolutionOutputPoint(node, consumers, graphOutputs));
  }
  return { nodes, points, skipped };
}

function quantizable(node: NodeProto): boolean {
  return INT8_REWRITTEN_OPERATORS["static-int8-qdq"].includes(node.opType ?? "");
}

function skip(node: NodeProto, reason: string): Skipped {
  return { node: node.name ?? "", operator: node.opType ?? "", reason };
}

function planWeight(node: NodeProto, constants: Map<string, TensorProto>): WeightPlan | { reason: string } {
  const [activation, weightName] = node.input ?? [];
  const weight = constants.get(weightName ?? "");
  if (!weight) {
    return constants.has(activation ?? "")
      ? { reason: "the constant operand is on the left; only a constant right-hand weight is quantized" }
      : { reason: "no constant weight: both operands are computed at run time (e.g. attention scores)" };
  }
  if ((weight.dataType ?? 0) !== DataType.FLOAT) return { reason: `weight '${weightName}' is not float32` };
  if (!floatTensorValues(weight)) return { reason: `weight '${weightName}' is stored outside the model file (external data) or unreadably: left in float` };
  const rank = tensorDims(weight).length;
  if (node.opType === "Conv") return { weightName, weight, axis: 0 };
  if (rank !== 2) return { reason: `weight '${weightName}' has rank ${rank}; a per-column scale needs a 2-D weight` };
  if (node.opType === "MatMul") return { weightName, weight, axis: 1 };
  if (attributeInt(node, "transA", 0) !== 0) return { reason: "Gemm with transA = 1 is left in float" };
  if ((node.input ?? [])[2] && attributeFloat(node, "beta", 1) !== 1) return { reason: "Gemm with beta ≠ 1 is left in float" };
  return { weightName, weight, axis: attributeInt(node, "transB", 0) === 1 ? 0 : 1 };
}

function consumersOf(graph: GraphProto): Map<string, NodeProto[]> {
  const consumers = new Map<string, NodeProto[]>();
  for (const node of graph.node ?? []) {
    for (const name of new Set(node.input ?? [])) {
      if (!name) continue;
      const list = consumers.get(name) ?? [];
      list.push(node);
      consumers.set(name, list);
    }
  }
  return consumers;
}

/** A Conv's output, or its lone Relu's output: the tensor whose quantization closes the QLinearConv pattern. */
function convolutionOutputPoint(node: NodeProto, consumers: Map<string, NodeProto[]>, graphOutputs: Set<string>): string {
  const output = (node.output ?? [])[0];
  const readers = consumers.get(output) ?? [];
  if (readers.length === 1 && readers[0].opType === "Relu" && !graphOutputs.has(output)) return (readers[0].output ?? [])[0];
  return output;
}

function rewrite(graph: GraphProto, plan: StaticPlan, options: StaticQuantizationOptions): void {
  const largest = largestWeight(options.weightBits);
  const initializers = (graph.initializer ??= []);
  const usage = countUsage(graph);
  const points = new Set(plan.points);
  const removed = new Set<TensorProto>();
  const rewritten: NodeProto[] = [];
  for (const name of plan.points) {
    const range = options.activationRanges[name];
    if (!range || !range.every(Number.isFinite)) {
      throw new WattplanError("INVALID_INPUT", `static quantization: no calibrated range for tensor '${name}'`, "calibrate every tensor staticQuantizationPoints names");
    }
    const { scale, zeroPoint } = activationQuantization(range, options.activations);
    initializers.push(tensorProto(`${name}/scale`, [], Float32Array.of(scale)), tensorProto(`${name}/zero_point`, [], zeroPoint));
  }
  // A Q/DQ pair per reader, placed just before it (TensorRT's preferred form; onnxruntime merges identical ones).
  const quantizePair = (name: string, pair: string) => [
    node("QuantizeLinear", `${pair}/quantize`, [name, `${name}/scale`, `${name}/zero_point`], [`${pair}/int8`]),
    node("DequantizeLinear", `${pair}/dequantize`, [`${pair}/int8`, `${name}/scale`, `${name}/zero_point`], [`${pair}/dequantized`]),
  ];
  for (const original of graph.node ?? []) {
    const weightPlan = plan.nodes.get(original);
    const prefix = original.name || `${original.opType}_${rewritten.length}`;
    const inputs = [...(original.input ?? [])];
    inputs.forEach((name, index) => {
      if (!points.has(name)) return;
      const pair = `${name}/${prefix}`;
      if (!inputs.slice(0, index).includes(name)) rewritten.push(...quantizePair(name, pair));
      inputs[index] = `${pair}/dequantized`;
    });
    if (weightPlan) {
      const { weightName, weight, axis } = weightPlan;
      const dims = tensorDims(weight);
      const values = floatTensorValues(weight);
      if (!values) throw new WattplanError("INVALID_MODEL", `weight '${weightName}' is stored externally or unreadably`);
      const { quantized, scales } = symmetricPerChannel(values, dims, axis, largest);
      const stem = `${weightName}/${prefix}`;
      initializers.push(tensorProto(`${stem}/int8`, dims, quantized), tensorProto(`${stem}/scale`, [scales.length], scales), tensorProto(`${stem}/zero_point`, [scales.length], new Int8Array(scales.length)));
      rewritten.push(node("DequantizeLinear", `${stem}/dequantize`, [`${stem}/int8`, `${stem}/scale`, `${stem}/zero_point`], [`${stem}/dequantized`], axis));
      inputs[1] = `${stem}/dequantized`;
      usage.set(weightName, (usage.get(weightName) ?? 1) - 1);
      // The float weight goes when nothing else reads it (before IR 4 it was also listed as a graph input), with
      // the Constant node that held it, if one did.
      if ((usage.get(weightName) ?? 0) <= 0) {
        removed.add(weight);
        graph.input = (graph.input ?? []).filter((input) => input.name !== weightName);
      }
    }
    rewritten.push({ ...original, input: inputs });
  }
  graph.initializer = initializers.filter((tensor) => !removed.has(tensor));
  graph.node = rewritten.filter((node) => !removed.has(constantHeldBy(node) as TensorProto));
}

/** Scale and zero point of one activation tensor from its calibrated range. */
export function activationQuantization([low, high]: readonly [number, number], encoding: ActivationEncoding): { scale: number; zeroPoint: Int8Array | Uint8Array } {
  if (encoding === "int8-symmetric") {
    const magnitude = Math.max(Math.abs(low), Math.abs(high));
    return { scale: magnitude > 0 ? magnitude / 127 : 1, zeroPoint: new Int8Array(1) };
  }
  const [rangeLow, rangeHigh] = [Math.min(0, low), Math.max(0, high)];
  const scale = rangeHigh > rangeLow ? (rangeHigh - rangeLow) / 255 : 1;
  return { scale, zeroPoint: Uint8Array.of(Math.max(0, Math.min(255, Math.round(-rangeLow / scale)))) };
}

function node(opType: string, name: string, input: string[], output: string[], axis?: number): NodeProto {
  return { opType, domain: "", name, input, output, attribute: axis === undefined ? [] : [{ name: "axis", type: 2, i: axis }] };
}
