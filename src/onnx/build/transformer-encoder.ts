// Pre-norm transformer encoder layers: LayerNormalization → multi-head self-attention (MatMul, Softmax, MatMul) →
// residual → LayerNormalization → feed-forward (MatMul, GELU or Relu, MatMul) → residual. Projections are
// MatMul + Add with constant weights, the form the dynamic quantizer rewrites.
import { WattplanError } from "../../errors.ts";
import type { TransformerEncoderOptions } from "../contract.ts";
import { DataType } from "../proto.ts";
import { GraphBuilder } from "./graph-builder.ts";
import { requirePositiveIntegers } from "./mlp.ts";
import { seededRandom, seededWeights } from "./seeded-random.ts";

export function buildTransformerEncoder(options: TransformerEncoderOptions): Uint8Array {
  const { sequenceLength, width, heads, layers } = options;
  const feedForwardWidth = options.feedForwardWidth ?? 4 * width;
  requirePositiveIntegers("buildTransformerEncoder", { sequenceLength, width, heads, layers, feedForwardWidth });
  if (width % heads !== 0) {
    throw new WattplanError("INVALID_INPUT", `buildTransformerEncoder: width ${width} is not divisible by heads ${heads}`);
  }
  const headWidth = width / heads;
  const random = seededRandom(options.seed ?? 1);
  const graph = new GraphBuilder("wattplan_transformer_encoder");

  const linear = (input: string, name: string, fanIn: number, fanOut: number): string => {
    const weight = graph.addInitializer(`${name}.weight`, [fanIn, fanOut], seededWeights(random, fanIn * fanOut, fanIn));
    const bias = graph.addInitializer(`${name}.bias`, [fanOut], seededWeights(random, fanOut, 1, 0.02));
    return graph.addNode("Add", [graph.addNode("MatMul", [input, weight]), bias]);
  };
  const layerNorm = (input: string, name: string): string => {
    const scale = graph.addInitializer(`${name}.scale`, [width], Float32Array.from({ length: width }, () => 0.9 + 0.2 * random()));
    const bias = graph.addInitializer(`${name}.bias`, [width], seededWeights(random, width, 1, 0.02));
    return graph.addNode("LayerNormalization", [input, scale, bias], { axis: -1, epsilon: { float: 1e-5 } });
  };

  // Reshape targets use 0 ("keep this dimension") so the batch dimension stays symbolic.
  const splitHeadsShape = graph.addInt64("shape.split_heads", [0, 0, heads, headWidth]);
  const mergeHeadsShape = graph.addInt64("shape.merge_heads", [0, 0, width]);
  const attentionScale = graph.addFloatScalar("attention.scale", 1 / Math.sqrt(headWidth));
  const half = graph.addFloatScalar("gelu.half", 0.5);
  const one = graph.addFloatScalar("gelu.one", 1);
  const sqrtTwo = graph.addFloatScalar("gelu.sqrt_two", Math.SQRT2);

  let hidden = graph.addInput("input", DataType.FLOAT, ["batch", sequenceLength, width]);
  for (let layer = 0; layer < layers; layer++) {
    const prefix = `layer${layer}`;
    const normed = layerNorm(hidden, `${prefix}.attention_norm`);
    const heads4d = (name: string, perm: number[]): string =>
      graph.addNode("Transpose", [graph.addNode("Reshape", [linear(normed, `${prefix}.${name}`, width, width), splitHeadsShape])], { perm });
    const query = heads4d("query", [0, 2, 1, 3]); // [batch, heads, seq, headWidth]
    const keyTransposed = heads4d("key", [0, 2, 3, 1]); // [batch, heads, headWidth, seq]
    const value = heads4d("value", [0, 2, 1, 3]);
    const scores = graph.addNode("Mul", [graph.addNode("MatMul", [query, keyTransposed]), attentionScale]);
    const probabilities = graph.addNode("Softmax", [scores], { axis: -1 });
    const context = graph.addNode("MatMul", [probabilities, value]); // [batch, heads, seq, headWidth]
    const merged = graph.addNode("Reshape", [graph.addNode("Transpose", [context], { perm: [0, 2, 1, 3] }), mergeHeadsShape]);
    hidden = graph.addNode("Add", [hidden, linear(merged, `${prefix}.attention_output`, width, width)]);

    const feedForwardInput = layerNorm(hidden, `${prefix}.feed_forward_norm`);
    let expanded = linear(feedForwardInput, `${prefix}.feed_forward_in`, width, feedForwardWidth);
    if ((options.activation ?? "gelu") === "gelu") {
      // GELU(x) = x·(1 + erf(x/√2))·0.5, in the order PyTorch exports it, which onnxruntime fuses into one Gelu.
      const erf = graph.addNode("Erf", [graph.addNode("Div", [expanded, sqrtTwo])]);
      expanded = graph.addNode("Mul", [graph.addNode("Mul", [expanded, graph.addNode("Add", [erf, one])]), half]);
    } else {
      expanded = graph.addNode("Relu", [expanded]);
    }
    const isLast = layer + 1 === layers;
    const contracted = linear(expanded, `${prefix}.feed_forward_out`, feedForwardWidth, width);
    hidden = graph.addNode("Add", [hidden, contracted], {}, isLast ? ["output"] : undefined);
  }
  graph.addOutput("output", DataType.FLOAT, ["batch", sequenceLength, width]);
  return graph.serialize();
}
