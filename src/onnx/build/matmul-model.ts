// Single-operator models for the host calibration: a large MatMul for achieved peak FLOPS (FP32) or integer ops
// (INT8), and an elementwise Add whose speed is set by memory bandwidth, not arithmetic.
import type { BandwidthModelOptions, MatMulModelOptions } from "../contract.ts";
import { DataType } from "../proto.ts";
import { GraphBuilder } from "./graph-builder.ts";
import { requirePositiveIntegers } from "./mlp.ts";
import { seededRandom, seededWeights } from "./seeded-random.ts";

/**
 * Input `a` [m, k] times a constant `b` [k, n]. The weight is an initializer, as in real models, so onnxruntime
 * pre-packs it. INT8 uses uint8 activations × int8 weights: the u8·s8 pairing the VNNI dot-product instructions take.
 */
export function buildMatMulModel(options: MatMulModelOptions): Uint8Array {
  requirePositiveIntegers("buildMatMulModel", { m: options.m, k: options.k, n: options.n });
  const { m, k, n } = options;
  const random = seededRandom(options.seed ?? 7);
  const graph = new GraphBuilder(`wattplan_matmul_${options.precision}`);
  if (options.precision === "fp32") {
    graph.addInput("a", DataType.FLOAT, [m, k]);
    graph.addInitializer("b", [k, n], seededWeights(random, k * n, k));
    graph.addNode("MatMul", ["a", "b"], {}, ["product"]);
    graph.addOutput("product", DataType.FLOAT, [m, n]);
  } else {
    graph.addInput("a", DataType.UINT8, [m, k]);
    graph.addInitializer("b", [k, n], Int8Array.from({ length: k * n }, () => Math.floor(random() * 255) - 127));
    graph.addNode("MatMulInteger", ["a", "b"], {}, ["product"]);
    graph.addOutput("product", DataType.INT32, [m, n]);
  }
  return graph.serialize();
}

/** `a + b` over two float32 vectors: 12 bytes moved per FLOP, far below any CPU's balance point. */
export function buildBandwidthModel(options: BandwidthModelOptions): Uint8Array {
  requirePositiveIntegers("buildBandwidthModel", { elements: options.elements });
  const graph = new GraphBuilder("wattplan_bandwidth");
  graph.addInput("a", DataType.FLOAT, [options.elements]);
  graph.addInput("b", DataType.FLOAT, [options.elements]);
  graph.addNode("Add", ["a", "b"], {}, ["sum"]);
  graph.addOutput("sum", DataType.FLOAT, [options.elements]);
  return graph.serialize();
}
