// BatchNormalization folded into its Conv before static INT8: the FP32 function is kept (to float rounding), only a
// Conv whose output nothing else reads and whose statistics are constants is folded, and the quantization points
// are the normalised tensors, not the raw Conv outputs whose range BatchNormalization would have shrunk.
import { describe, expect, it } from "vitest";
import { calibrateActivationRanges } from "../../src/bench/calibrate-activations.ts";
import { buildCnn, quantizeStatic, readModel, staticQuantizationPoints } from "../../src/onnx/index.ts";
import { foldBatchNormalizations } from "../../src/onnx/quantize/fold-batch-norm.ts";
import { serializeModel } from "../../src/onnx/read-model.ts";
import { DataType, GraphBuilder } from "./graphs.ts";
import { cosineSimilarity, floatTensor, runModel } from "./ort.ts";

const withNormalization = buildCnn({ imageSize: 24, stageChannels: [8, 16], blocksPerStage: 1, classes: 10, seed: 5, batchNormalization: true });
const dims = [2, 3, 24, 24];

const operatorsOf = (bytes: Uint8Array) => readModel(bytes, "model").proto.graph!.node!.map((node) => node.opType);

async function outputOf(bytes: Uint8Array): Promise<Float32Array> {
  const [output] = Object.values(await runModel(bytes, { input: floatTensor(dims, 4) }));
  return output.data as Float32Array;
}

describe("folding BatchNormalization into its Conv", () => {
  it("removes every BatchNormalization after a Conv and keeps the outputs to float rounding", async () => {
    const model = readModel(withNormalization, "cnn");
    const normalizations = operatorsOf(withNormalization).filter((operator) => operator === "BatchNormalization").length;
    expect(normalizations).toBeGreaterThan(0);
    expect(foldBatchNormalizations(model.proto.graph!)).toBe(normalizations);
    const folded = serializeModel(model.proto);
    expect(operatorsOf(folded)).not.toContain("BatchNormalization");
    expect(operatorsOf(folded).filter((operator) => operator === "Conv")).toHaveLength(operatorsOf(withNormalization).filter((operator) => operator === "Conv").length);
    const [before, after] = [await outputOf(withNormalization), await outputOf(folded)];
    const largest = Math.max(...before.map(Math.abs));
    expect(Math.max(...before.map((value, index) => Math.abs(value - after[index])))).toBeLessThan(largest * 1e-5);
  });

  it("leaves a Conv whose output is read elsewhere too, and statistics that are computed", () => {
    const graph = new GraphBuilder("shared");
    const x = graph.addInput("x", DataType.FLOAT, [1, 2, 3, 3]);
    const weight = graph.addInitializer("w", [2, 2, 1, 1], Float32Array.of(0.5, -1, 2, 0.25));
    const parameters = ["scale", "bias", "mean", "var"].map((name) => graph.addInitializer(name, [2], Float32Array.of(1, 2)));
    const read = graph.addNode("Conv", [x, weight], {}, ["read twice"]);
    graph.addNode("BatchNormalization", [read, ...parameters], {}, ["normalised"]);
    graph.addOutput("read twice", DataType.FLOAT, [1, 2, 3, 3]);
    const computedMean = graph.addInput("mean of the batch", DataType.FLOAT, [2]);
    const other = graph.addNode("Conv", [x, weight]);
    graph.addNode("BatchNormalization", [other, parameters[0], parameters[1], computedMean, parameters[3]], {}, ["computed"]);
    for (const name of ["normalised", "computed"]) graph.addOutput(name, DataType.FLOAT, [1, 2, 3, 3]);
    const model = readModel(graph.serialize(), "shared");
    expect(foldBatchNormalizations(model.proto.graph!)).toBe(0);
    expect(model.proto.graph!.node!.filter((node) => node.opType === "BatchNormalization")).toHaveLength(2);
  });

  it("gives static INT8 the normalised tensors as its points, and a file close to FP32 with no BatchNormalization left", async () => {
    const points = staticQuantizationPoints(withNormalization);
    const graph = readModel(withNormalization, "cnn").proto.graph!;
    const readByNormalization = new Set(graph.node!.filter((node) => node.opType === "BatchNormalization").map((node) => node.input![0]));
    expect(points.filter((point) => readByNormalization.has(point))).toEqual([]);
    const samples = Array.from({ length: 8 }, (_, index) => ({ input: floatTensor([1, 3, 24, 24], index) }));
    const ranges = await calibrateActivationRanges(withNormalization, points, samples, "cnn", { intraOpThreads: 1, executionProvider: "cpu" });
    const result = quantizeStatic(withNormalization, { weightBits: 7, activations: "uint8-asymmetric", activationRanges: ranges });
    expect(result.method).toMatch(/BatchNormalization node\(s\) folded into their Conv first/);
    expect(operatorsOf(result.bytes)).not.toContain("BatchNormalization");
    expect(cosineSimilarity(await outputOf(withNormalization), await outputOf(result.bytes))).toBeGreaterThan(0.99);
  });
});

describe("weights the quantizer cannot read", () => {
  it("leaves a Conv whose weight is external data in float, with the reason, and folds nothing into it", () => {
    const graph = new GraphBuilder("external");
    const x = graph.addInput("input", DataType.FLOAT, [1, 2, 3, 3]);
    graph.initializers.push({ name: "w", dims: [2, 2, 1, 1], dataType: DataType.FLOAT, dataLocation: 1, externalData: [{ key: "location", value: "weights.bin" }] });
    const parameters = ["scale", "bias", "mean", "var"].map((name) => graph.addInitializer(name, [2], Float32Array.of(1, 2)));
    graph.addNode("BatchNormalization", [graph.addNode("Conv", [x, "w"]), ...parameters], {}, ["y"]);
    graph.addOutput("y", DataType.FLOAT, [1, 2, 3, 3]);
    const bytes = graph.serialize();
    expect(foldBatchNormalizations(readModel(bytes, "external").proto.graph!)).toBe(0);
    const result = quantizeStatic(bytes, { weightBits: 7, activations: "uint8-asymmetric", activationRanges: {} });
    expect(result.quantizedNodes).toBe(0);
    expect(result.skipped).toEqual([expect.objectContaining({ operator: "Conv", reason: expect.stringMatching(/stored outside the model file \(external data\)/) })]);
  });
});
