// What the INT8 transforms share: the weight range, symmetric per-channel weight quantization, reading node
// attributes, and walking graphs with their subgraphs.
import type { Int8WeightBits } from "../../domain/int8-isa.ts";
import type { QuantizationResult } from "../contract.ts";
import { toNumber, type GraphProto, type NodeProto, type TensorProto } from "../proto.ts";

export type Skipped = QuantizationResult["skipped"][number];

/** The largest quantized weight magnitude of a range: 2^(bits − 1) − 1 (63 or 127). */
export function largestWeight(weightBits: Int8WeightBits): number {
  return 2 ** (weightBits - 1) - 1;
}

/**
 * Symmetric int8 with one scale per slice along `axis` (an output channel or column): scale = max|w| / largest,
 * q = round(w / scale), zero point 0. Scales are float32 values, so the file's numbers are exactly these.
 */
export function symmetricPerChannel(values: Float32Array, dims: readonly number[], axis: number, largest: number): { quantized: Int8Array; scales: Float32Array } {
  const channels = dims[axis];
  const inner = dims.slice(axis + 1).reduce((product, dimension) => product * dimension, 1);
  const channelOf = (index: number) => Math.floor(index / inner) % channels;
  const magnitudes = new Float32Array(channels);
  for (let index = 0; index < values.length; index++) {
    const channel = channelOf(index);
    magnitudes[channel] = Math.max(magnitudes[channel], Math.abs(values[index]));
  }
  const scales = magnitudes.map((magnitude) => (magnitude > 0 ? magnitude / largest : 1));
  const quantized = new Int8Array(values.length);
  for (let index = 0; index < values.length; index++) {
    quantized[index] = Math.max(-largest, Math.min(largest, Math.round(values[index] / scales[channelOf(index)])));
  }
  return { quantized, scales };
}

export function attributeInt(node: NodeProto, name: string, fallback: number): number {
  const attribute = (node.attribute ?? []).find((entry) => entry.name === name);
  return attribute ? toNumber(attribute.i) : fallback;
}

export function attributeFloat(node: NodeProto, name: string, fallback: number): number {
  const attribute = (node.attribute ?? []).find((entry) => entry.name === name);
  return attribute ? (attribute.f ?? fallback) : fallback;
}

export function forEachNode(graph: GraphProto, visit: (node: NodeProto, graph: GraphProto) => void): void {
  for (const node of graph.node ?? []) {
    visit(node, graph);
    for (const attribute of node.attribute ?? []) if (attribute.g) forEachNode(attribute.g, visit);
  }
}

/** How many node inputs (in any graph) read each name: a weight read elsewhere too must be kept in float. */
export function countUsage(graph: GraphProto): Map<string, number> {
  const usage = new Map<string, number>();
  const read = (name: string) => usage.set(name, (usage.get(name) ?? 0) + 1);
  const countGraph = (current: GraphProto) => {
    for (const node of current.node ?? []) {
      for (const name of node.input ?? []) if (name) read(name);
      for (const attribute of node.attribute ?? []) if (attribute.g) countGraph(attribute.g);
    }
    // A subgraph's outputs read their tensors too: a branch may return a weight it also multiplies by.
    for (const output of current.output ?? []) read(output.name ?? "");
  };
  countGraph(graph);
  return usage;
}

/** The tensor a default-domain Constant node holds in its `value`, if it is one. */
export function constantHeldBy(node: NodeProto): TensorProto | undefined {
  if (node.opType !== "Constant" || (node.domain && node.domain !== "ai.onnx")) return undefined;
  return (node.attribute ?? []).find((attribute) => attribute.name === "value")?.t ?? undefined;
}

/**
 * The graph's constant tensors by name: its initializers, and the tensors of its Constant nodes, where some exporters
 * (paddle2onnx among them) keep every weight.
 */
export function constantTensors(graph: GraphProto): Map<string, TensorProto> {
  const constants = new Map<string, TensorProto>();
  for (const node of graph.node ?? []) {
    const value = constantHeldBy(node);
    const output = (node.output ?? [])[0];
    if (value && output) constants.set(output, value);
  }
  for (const tensor of graph.initializer ?? []) constants.set(tensor.name ?? "", tensor);
  return constants;
}
