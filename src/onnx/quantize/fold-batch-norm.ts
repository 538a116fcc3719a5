// BatchNormalization folded into the Conv before it, ahead of static quantization, as post-training quantization
// tools do first. Left unfolded, the Conv's raw output is a quantization point: its range can be thousands of
// times the normalised one (PP-OCRv4's detection head: ±11,000 where the BatchNormalization brings it back to a few
// units), and 256 levels over it erase the signal; onnxruntime also cannot fold a BatchNormalization that a Q/DQ
// pair separates from its Conv. Folded, the Conv computes the normalised output itself:
//   W'[c] = W[c] · γ[c] / √(σ²[c] + ε)     b'[c] = (b[c] − μ[c]) · γ[c] / √(σ²[c] + ε) + β[c]
// A BatchNormalization is folded only where its input is a Conv's output that nothing else reads, and the
// weights, bias and statistics are constants. The FP32 reference the quantized file's drift is measured against
// stays the model as exported.
import { tensorProto } from "../build/graph-builder.ts";
import { DataType, type GraphProto, type NodeProto, type TensorProto } from "../proto.ts";
import { floatTensorValues, tensorDims } from "../tensor-data.ts";
import { attributeFloat, attributeInt, constantHeldBy, constantTensors, countUsage } from "./common.ts";

/** Folds every foldable BatchNormalization of the top-level graph into its Conv; returns how many it folded. */
export function foldBatchNormalizations(graph: GraphProto): number {
  const constants = constantTensors(graph);
  const usage = countUsage(graph);
  const producers = new Map<string, NodeProto>();
  for (const node of graph.node ?? []) for (const output of node.output ?? []) if (output) producers.set(output, node);
  const folded = new Set<NodeProto>();
  const added: TensorProto[] = [];
  const released: string[] = [];
  for (const normalization of graph.node ?? []) {
    const fold = foldable(normalization, producers, usage, constants);
    if (!fold) continue;
    const { conv, weight, bias, parameters } = fold;
    const [gamma, beta, mean, variance] = parameters;
    const epsilon = attributeFloat(normalization, "epsilon", 1e-5);
    const dims = tensorDims(weight.tensor);
    const channels = dims[0];
    const perChannel = weight.values.length / channels;
    const foldedWeight = new Float32Array(weight.values.length);
    const foldedBias = new Float32Array(channels);
    for (let channel = 0; channel < channels; channel++) {
      const factor = gamma[channel] / Math.sqrt(variance[channel] + epsilon);
      for (let index = channel * perChannel; index < (channel + 1) * perChannel; index++) foldedWeight[index] = weight.values[index] * factor;
      foldedBias[channel] = ((bias ? bias[channel] : 0) - mean[channel]) * factor + beta[channel];
    }
    const output = (normalization.output ?? [])[0];
    const [weightName, biasName] = [`${output}/folded_weight`, `${output}/folded_bias`];
    added.push(tensorProto(weightName, dims, foldedWeight), tensorProto(biasName, [channels], foldedBias));
    released.push(...(conv.input ?? []).slice(1), ...(normalization.input ?? []).slice(1));
    conv.input = [(conv.input ?? [])[0] ?? "", weightName, biasName];
    conv.output = [output];
    folded.add(normalization);
  }
  if (folded.size === 0) return 0;
  graph.node = (graph.node ?? []).filter((node) => !folded.has(node));
  graph.initializer = [...(graph.initializer ?? []), ...added];
  dropUnread(graph, new Set(released));
  return folded.size;
}

interface Fold {
  conv: NodeProto;
  weight: { tensor: TensorProto; values: Float32Array };
  bias: Float32Array | null;
  /** γ, β, μ, σ², one value per output channel. */
  parameters: Float32Array[];
}

function foldable(node: NodeProto, producers: Map<string, NodeProto>, usage: Map<string, number>, constants: Map<string, TensorProto>): Fold | null {
  if (node.opType !== "BatchNormalization" || (node.domain && node.domain !== "ai.onnx")) return null;
  // Inference form only: one output, spatial statistics (before opset 9), not training mode (opset 14 on).
  if ((node.output ?? []).filter(Boolean).length !== 1) return null;
  if (attributeInt(node, "spatial", 1) !== 1 || attributeInt(node, "training_mode", 0) !== 0) return null;
  const [input, ...parameterNames] = node.input ?? [];
  const conv = producers.get(input ?? "");
  if (!conv || conv.opType !== "Conv" || (conv.domain && conv.domain !== "ai.onnx") || usage.get(input ?? "") !== 1) return null;
  const floats = (name: string | undefined) => {
    const tensor = name ? constants.get(name) : undefined;
    return tensor && (tensor.dataType ?? 0) === DataType.FLOAT ? (floatTensorValues(tensor) ?? null) : null;
  };
  const weightTensor = constants.get((conv.input ?? [])[1] ?? "");
  const weightValues = floats((conv.input ?? [])[1]);
  if (!weightTensor || !weightValues) return null;
  const channels = tensorDims(weightTensor)[0];
  const biasName = (conv.input ?? [])[2];
  const bias = biasName ? floats(biasName) : null;
  if (biasName && bias?.length !== channels) return null;
  const parameters = parameterNames.map(floats);
  if (parameters.length !== 4 || parameters.some((values) => values?.length !== channels)) return null;
  return { conv, weight: { tensor: weightTensor, values: weightValues }, bias, parameters: parameters as Float32Array[] };
}

/** The constants among `names` that no node, subgraph or graph output reads any more, gone with their Constant nodes. */
function dropUnread(graph: GraphProto, names: Set<string>): void {
  const usage = countUsage(graph);
  const unread = (name: string | null | undefined) => !!name && names.has(name) && !usage.get(name);
  graph.initializer = (graph.initializer ?? []).filter((tensor) => !unread(tensor.name));
  graph.input = (graph.input ?? []).filter((input) => !unread(input.name));
  graph.node = (graph.node ?? []).filter((node) => !(constantHeldBy(node) && unread((node.output ?? [])[0])));
}
