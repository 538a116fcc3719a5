import { describe, expect, it } from "vitest";
import { analyzeModel, buildCnn, buildMlp, buildTransformerEncoder, quantizeDynamic, readModel } from "../../src/onnx/index.ts";
import { cosineSimilarity, floatTensor, runModel } from "./ort.ts";

async function drift(fp32: Uint8Array, int8: Uint8Array, dims: number[]) {
  const feeds = { input: floatTensor(dims) };
  const [reference] = Object.values(await runModel(fp32, feeds));
  const [quantized] = Object.values(await runModel(int8, feeds));
  expect(quantized.dims).toEqual(reference.dims);
  const left = reference.data as Float32Array;
  const right = quantized.data as Float32Array;
  let maxAbsDifference = 0;
  for (let index = 0; index < left.length; index++) maxAbsDifference = Math.max(maxAbsDifference, Math.abs(left[index] - right[index]));
  return { cosine: cosineSimilarity(left, right), maxAbsDifference };
}

describe("quantizeDynamic", () => {
  it("rewrites every Gemm of an MLP and stays close to FP32", async () => {
    const fp32 = buildMlp({ inputSize: 64, hiddenSizes: [128, 64], outputSize: 10 });
    const result = quantizeDynamic(fp32);
    expect(result.quantizedNodes).toBe(3);
    expect(result.skipped).toEqual([]);
    // int8 weights: about a quarter of the float bytes (plus per-column scales and the float biases).
    const floatWeightBytes = analyzeModel(readModel(fp32, "mlp"), { batchSize: 1 }).cost.weightBytes;
    expect(result.weightBytes).toBeLessThan(0.3 * floatWeightBytes);
    const { cosine } = await drift(fp32, result.bytes, [4, 64]);
    expect(cosine).toBeGreaterThan(0.99);
  });

  it("rewrites the transformer's weight MatMuls, skips the attention MatMuls with a reason, stays close to FP32", async () => {
    const fp32 = buildTransformerEncoder({ sequenceLength: 16, width: 64, heads: 4, layers: 2 });
    const result = quantizeDynamic(fp32);
    expect(result.quantizedNodes).toBe(2 * 6);
    expect(result.skipped).toHaveLength(2 * 2);
    expect(result.skipped[0]).toMatchObject({ operator: "MatMul", reason: expect.stringMatching(/both operands are computed at run time/) });
    const { cosine } = await drift(fp32, result.bytes, [2, 16, 64]);
    expect(cosine).toBeGreaterThan(0.99);
    // The analysis reads the quantized graph: the products are now integer MatMuls of the same size.
    const analysis = analyzeModel(readModel(result.bytes, "int8"), { batchSize: 2 });
    const reference = analyzeModel(readModel(fp32, "fp32"), { batchSize: 2 });
    expect(analysis.cost.flopsByOperator.MatMulInteger + analysis.cost.flopsByOperator.MatMul).toBe(reference.cost.flopsByOperator.MatMul);
    expect(analysis.warnings).toEqual([]);
  });

  it("leaves convolutions in float, reported as skipped, and the model still runs", async () => {
    const fp32 = buildCnn({ imageSize: 12, stageChannels: [8], blocksPerStage: 1, classes: 5 });
    const result = quantizeDynamic(fp32);
    expect(result.quantizedNodes).toBe(1); // the Gemm classifier
    expect(result.skipped).toHaveLength(3);
    expect(result.skipped.every((entry) => entry.operator === "Conv" && /stay in float/.test(entry.reason))).toBe(true);
    const { cosine } = await drift(fp32, result.bytes, [1, 3, 12, 12]);
    expect(cosine).toBeGreaterThan(0.99);
  });

  it("does not modify the model it was given", () => {
    const fp32 = buildMlp({ inputSize: 8, hiddenSizes: [8], outputSize: 2 });
    const model = readModel(fp32, "mlp");
    quantizeDynamic(model);
    expect(model.proto.graph?.node?.map((node) => node.opType)).toEqual(["Gemm", "Relu", "Gemm"]);
  });
});
