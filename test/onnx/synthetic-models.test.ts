import { describe, expect, it } from "vitest";
import { analyzeModel, buildBandwidthModel, buildCnn, buildMatMulModel, buildMlp, buildTransformerEncoder, readModel } from "../../src/onnx/index.ts";
import { floatTensor, ort, runModel } from "./ort.ts";

async function expectShapesMatchRuntime(bytes: Uint8Array, feeds: Record<string, ort.Tensor>, batchSize: number) {
  const analysis = analyzeModel(readModel(bytes, "synthetic"), { batchSize });
  const outputs = await runModel(bytes, feeds);
  for (const [name, tensor] of Object.entries(outputs)) expect(analysis.resolvedOutputShapes[name], name).toEqual(tensor.dims);
  expect(analysis.warnings).toEqual([]);
  return { analysis, outputs };
}

describe("synthetic models run in onnxruntime and their analysed shapes match its outputs", () => {
  it("MLP: FLOPs = Σ (2·in·out + out) + the Relus", async () => {
    const bytes = buildMlp({ inputSize: 20, hiddenSizes: [32, 16], outputSize: 5 });
    const { analysis } = await expectShapesMatchRuntime(bytes, { input: floatTensor([3, 20]) }, 3);
    expect(analysis.cost.flopsPerInference).toBe(2 * 20 * 32 + 32 + (2 * 32 * 16 + 16) + (2 * 16 * 5 + 5) + 32 + 16);
    expect(analysis.cost.parameterCount).toBe(20 * 32 + 32 + 32 * 16 + 16 + 16 * 5 + 5);
    expect(analysis.inputs).toEqual([{ name: "input", elementType: "float32", shape: ["batch", 20] }]);
  });

  it("CNN with strided stages and global pooling (fused and with BatchNormalization)", async () => {
    for (const batchNormalization of [false, true]) {
      const bytes = buildCnn({ imageSize: 20, stageChannels: [8, 16, 24], blocksPerStage: 2, classes: 7, batchNormalization, stemStride: 2 });
      const { analysis, outputs } = await expectShapesMatchRuntime(bytes, { input: floatTensor([2, 3, 20, 20]) }, 2);
      expect(outputs.logits.dims).toEqual([2, 7]);
      expect(analysis.cost.flopsByOperator.Conv).toBeGreaterThan(0);
      expect((analysis.cost.flopsByOperator.BatchNormalization ?? 0) > 0).toBe(batchNormalization);
    }
  });

  it("CNN stem conv FLOPs follow the formula", () => {
    // A stem and one block of two 3×3 convs at the same width: no projection, so three convs of known size.
    const bytes = buildCnn({ imageSize: 8, stageChannels: [4], blocksPerStage: 1, classes: 2 });
    const analysis = analyzeModel(readModel(bytes, "cnn"), { batchSize: 1 });
    const stem = 2 * 4 * 8 * 8 * 3 * 9 + 4 * 8 * 8;
    const blockConv = 2 * 4 * 8 * 8 * 4 * 9 + 4 * 8 * 8;
    expect(analysis.cost.flopsByOperator.Conv).toBe(stem + 2 * blockConv);
  });

  it("transformer encoder: attention through Reshape(0, 0, heads, d) / Transpose / MatMul / Softmax", async () => {
    const [sequence, width, heads, feedForward] = [12, 32, 4, 64];
    const bytes = buildTransformerEncoder({ sequenceLength: sequence, width, heads, layers: 2, feedForwardWidth: feedForward });
    const { analysis } = await expectShapesMatchRuntime(bytes, { input: floatTensor([2, sequence, width]) }, 2);
    const projections = 4 * 2 * sequence * width * width + 2 * 2 * sequence * width * feedForward;
    const attention = 2 * 2 * sequence * sequence * width; // scores and context, summed over heads
    expect(analysis.cost.flopsByOperator.MatMul).toBe(2 * (projections + attention));
    expect(analysis.cost.flopsByOperator.Softmax).toBe(2 * 5 * heads * sequence * sequence);
  });

  it("calibration models: MatMul (fp32), MatMulInteger (int8) and the bandwidth Add", async () => {
    const fp32 = buildMatMulModel({ m: 16, k: 32, n: 24, precision: "fp32" });
    const int8 = buildMatMulModel({ m: 16, k: 32, n: 24, precision: "int8" });
    await expectShapesMatchRuntime(fp32, { a: floatTensor([16, 32]) }, 1);
    const { analysis } = await expectShapesMatchRuntime(int8, { a: new ort.Tensor("uint8", new Uint8Array(16 * 32).fill(3), [16, 32]) }, 1);
    expect(analysis.cost.flopsByOperator.MatMulInteger).toBe(2 * 16 * 32 * 24);
    const bandwidth = buildBandwidthModel({ elements: 1000 });
    const sum = await runModel(bandwidth, { a: floatTensor([1000]), b: floatTensor([1000], 1) });
    expect(sum.sum.dims).toEqual([1000]);
  });

  it("the same seed builds the same bytes; another seed other weights", () => {
    const options = { inputSize: 4, hiddenSizes: [8], outputSize: 2 };
    expect(buildMlp({ ...options, seed: 3 })).toEqual(buildMlp({ ...options, seed: 3 }));
    expect(buildMlp({ ...options, seed: 3 })).not.toEqual(buildMlp({ ...options, seed: 4 }));
  });

  it("rejects sizes that cannot build a model", () => {
    expect(() => buildMlp({ inputSize: 0, hiddenSizes: [], outputSize: 2 })).toThrow(/positive integers/);
    expect(() => buildTransformerEncoder({ sequenceLength: 4, width: 30, heads: 4, layers: 1 })).toThrow(/not divisible/);
  });
});
