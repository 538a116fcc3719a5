// The FP16 conversion that measures FP16's drift: FP32 at the boundaries, sensitive operators kept in FP32, and
// outputs close to FP32's.
import { describe, expect, it } from "vitest";
import { buildCnn, buildTransformerEncoder, convertToFloat16, float16Bits, readModel } from "../../src/onnx/index.ts";
import { DataType } from "../../src/onnx/proto.ts";
import { cosineSimilarity, floatTensor, runModel } from "./ort.ts";

describe("float16Bits", () => {
  it("rounds to the nearest binary16, ties to even, with subnormals, overflow to infinity and NaN", () => {
    expect(float16Bits(1)).toBe(0x3c00);
    expect(float16Bits(-2.5)).toBe(0xc100);
    expect(float16Bits(0.1)).toBe(0x2e66); // 0.0999755859375
    expect(float16Bits(65504)).toBe(0x7bff); // the largest finite half
    expect(float16Bits(65520)).toBe(0x7c00); // rounds up to infinity
    expect(float16Bits(1 + 2 ** -11)).toBe(0x3c00); // a tie rounds to the even mantissa
    expect(float16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02);
    expect(float16Bits(2 ** -24)).toBe(0x0001); // the smallest subnormal
    expect(float16Bits(2 ** -26)).toBe(0x0000);
    expect(float16Bits(Number.NaN) & 0x7fff).toBeGreaterThan(0x7c00);
    expect(float16Bits(-0)).toBe(0x8000);
  });
});

describe("convertToFloat16", () => {
  it("keeps FP32 inputs and outputs, and LayerNormalization and Softmax in FP32", () => {
    const transformer = buildTransformerEncoder({ sequenceLength: 8, width: 32, heads: 2, layers: 1 });
    const conversion = convertToFloat16(transformer);
    expect(conversion.keptInFloat32).toEqual(["LayerNormalization", "Softmax"]);
    const graph = readModel(conversion.bytes, "fp16").proto.graph!;
    expect(graph.input!.map((input) => input.type?.tensorType?.elemType)).toEqual([DataType.FLOAT]);
    expect(graph.output!.map((output) => output.type?.tensorType?.elemType)).toEqual([DataType.FLOAT]);
    const matMulWeights = graph.initializer!.filter((tensor) => tensor.name!.endsWith(".weight"));
    expect(matMulWeights.length).toBeGreaterThan(0);
    expect(matMulWeights.every((tensor) => tensor.dataType === DataType.FLOAT16)).toBe(true);
    const layerNormalization = graph.node!.find((node) => node.opType === "LayerNormalization")!;
    const scale = graph.initializer!.find((tensor) => tensor.name === layerNormalization.input![1])!;
    expect(scale.dataType).toBe(DataType.FLOAT);
  });

  it.each([
    { name: "CNN", bytes: buildCnn({ imageSize: 16, stageChannels: [8, 16], blocksPerStage: 1, classes: 10 }), dims: [2, 3, 16, 16] },
    { name: "transformer", bytes: buildTransformerEncoder({ sequenceLength: 8, width: 32, heads: 2, layers: 2 }), dims: [2, 8, 32] },
  ])("gives the $name's outputs within FP16 rounding of FP32's, as FP32 tensors", async ({ bytes, dims }) => {
    const feeds = { input: floatTensor(dims) };
    const [reference] = Object.values(await runModel(bytes, feeds));
    const [half] = Object.values(await runModel(convertToFloat16(bytes).bytes, feeds));
    expect(half.type).toBe("float32");
    expect(half.dims).toEqual(reference.dims);
    expect(cosineSimilarity(reference.data as Float32Array, half.data as Float32Array)).toBeGreaterThan(0.9999);
  });
});
