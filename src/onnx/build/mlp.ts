// A multi-layer perceptron: Gemm + Relu layers ending in class scores. Gemm (not MatMul + Add) so the quantizer's
// Gemm path has a model to run on.
import { WattplanError } from "../../errors.ts";
import type { MlpOptions } from "../contract.ts";
import { DataType } from "../proto.ts";
import { GraphBuilder } from "./graph-builder.ts";
import { seededRandom, seededWeights } from "./seeded-random.ts";

export function buildMlp(options: MlpOptions): Uint8Array {
  const sizes = [options.inputSize, ...options.hiddenSizes, options.outputSize];
  requirePositiveIntegers("buildMlp", { sizes });
  const random = seededRandom(options.seed ?? 1);
  const graph = new GraphBuilder("wattplan_mlp");
  let current = graph.addInput("input", DataType.FLOAT, ["batch", options.inputSize]);
  for (let layer = 0; layer + 1 < sizes.length; layer++) {
    const [fanIn, fanOut] = [sizes[layer], sizes[layer + 1]];
    const weight = graph.addInitializer(`layer${layer}.weight`, [fanIn, fanOut], seededWeights(random, fanIn * fanOut, fanIn, Math.SQRT2));
    const bias = graph.addInitializer(`layer${layer}.bias`, [fanOut], seededWeights(random, fanOut, 1, 0.1));
    const isLast = layer + 2 === sizes.length;
    current = graph.addNode("Gemm", [current, weight, bias], {}, isLast ? ["logits"] : undefined);
    if (!isLast) current = graph.addNode("Relu", [current]);
  }
  graph.addOutput("logits", DataType.FLOAT, ["batch", options.outputSize]);
  return graph.serialize();
}

export function requirePositiveIntegers(builder: string, values: Record<string, number | number[]>): void {
  for (const [name, value] of Object.entries(values)) {
    const list = Array.isArray(value) ? value : [value];
    if (list.length === 0 || list.some((entry) => !Number.isInteger(entry) || entry <= 0)) {
      throw new WattplanError("INVALID_INPUT", `${builder}: ${name} must be positive integers, got ${JSON.stringify(value)}`);
    }
  }
}
