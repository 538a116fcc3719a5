// What bench builds and measures for the reduced precisions: static INT8 for a CNN, INT8 cells copied from FP32 when
// nothing was quantized, FP16's drift without an FP16 timing, and a one-line warning for NaN outputs.
import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bench, type BenchOptions } from "../../src/bench/index.ts";
import { int8IsaClassOfFlags, int8WeightBitsFor } from "../../src/domain/int8-isa.ts";
import { buildCnn } from "../../src/onnx/index.ts";
import { GraphBuilder } from "../../src/onnx/build/graph-builder.ts";
import { DataType } from "../../src/onnx/proto.ts";

let directory: string;
const paths: Record<string, string> = {};

/** A model with no weight product at all: y = relu(x) + 1, on a batch axis. */
function elementwiseModel(operator: "Relu" | "Log"): Uint8Array {
  const graph = new GraphBuilder("elementwise");
  const input = graph.addInput("input", DataType.FLOAT, ["batch", 64]);
  graph.addNode("Add", [graph.addNode(operator, [input]), graph.addFloatScalar("one", 1)], {}, ["output"]);
  graph.addOutput("output", DataType.FLOAT, ["batch", 64]);
  return graph.serialize();
}

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "wattplan-precisions-"));
  const models = {
    cnn: buildCnn({ imageSize: 16, stageChannels: [8, 16], blocksPerStage: 1, classes: 10, seed: 12 }),
    elementwise: elementwiseModel("Relu"),
    logarithm: elementwiseModel("Log"),
  };
  for (const [name, bytes] of Object.entries(models)) {
    paths[name] = join(directory, `${name}.onnx`);
    await writeFile(paths[name], bytes);
  }
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

const quick: BenchOptions = { threads: [1], budgetSeconds: 0.5 };

describe("the files bench builds per precision", () => {
  it("times static QDQ INT8 for a CNN, whose products are convolutions, with its calibration recorded", async () => {
    const profile = await bench(paths.cnn, { ...quick, batchSizes: [2], precisions: ["fp32", "int8"], powercapRoot: directory });
    const hostBits = int8WeightBitsFor([int8IsaClassOfFlags(profile.host.isaFlags)]);
    expect(profile.quantization).toMatchObject({ transform: "static-int8-qdq", weightBits: hostBits, quantizedNodes: 7 }); // 6 Conv and the Gemm
    expect(profile.quantization!.drift.cosineSimilarity).toBeGreaterThan(0.99);
    const int8 = profile.measurements.find((measurement) => measurement.precision === "int8")!;
    expect(int8).toMatchObject({ transform: "static-int8-qdq", weightBits: hostBits });
    expect(int8.copiedFrom).toBeUndefined();
    const cpuFiles = profile.artifacts!.filter((artifact) => artifact.recipe.transform === "static-int8-qdq" && artifact.recipe.activations === "uint8-asymmetric");
    expect(cpuFiles.map((artifact) => "weightBits" in artifact.recipe && artifact.recipe.weightBits)).toEqual([7, 8]);
    // 7-bit drift is measured on every host; 8-bit only where the host computes it correctly.
    expect(cpuFiles[0].drift).not.toBeNull();
    if (hostBits === 7) expect(cpuFiles[1]).toMatchObject({ drift: null, driftNote: expect.stringMatching(/^not measurable on this host: its INT8 class is/) });
    else expect(cpuFiles[1].drift!.cosineSimilarity).toBeGreaterThan(0.99);
    expect(cpuFiles[0].driftNote).toMatch(/synthesized inputs \(seed 42\), batch 2/);
    expect(cpuFiles[0].recipe).toMatchObject({ calibration: { method: "min/max", samples: 16, seed: 43 } });
  });

  it("copies the FP32 cells as the INT8 ones when the transform quantized nothing: no speed-up, and the profile says so", async () => {
    const profile = await bench(paths.elementwise, { ...quick, batchSizes: [1, 4], precisions: ["fp32", "int8"], powercapRoot: directory });
    const fp32 = profile.measurements.filter((measurement) => measurement.precision === "fp32");
    const int8 = profile.measurements.filter((measurement) => measurement.precision === "int8");
    expect(int8).toHaveLength(fp32.length);
    int8.forEach((cell, index) => {
      expect(cell.copiedFrom).toBe("fp32");
      expect(cell.latencyMs).toEqual(fp32[index].latencyMs);
      expect(cell.throughputInferencesPerSecond).toBe(fp32[index].throughputInferencesPerSecond);
    });
    expect(profile.quantization!.quantizedNodes).toBe(0);
    expect(profile.quantization!.speedRatio).toBe(1);
    expect(profile.quantization!.drift).toMatchObject({ maxAbsDifference: 0, cosineSimilarity: 1 });
    expect(profile.warnings).toContain("INT8: the transform quantized no node, so the INT8 cells are the FP32 measurement copied: no INT8 speed-up");
  });

  it("measures FP16's drift on an FP16 conversion, times nothing in FP16, and says how the CPU computed it", async () => {
    const profile = await bench(paths.cnn, { ...quick, batchSizes: [1], precisions: ["fp16", "fp32"], powercapRoot: directory });
    expect(profile.measurements.map((measurement) => measurement.precision)).toEqual(["fp32"]);
    const fp16 = profile.artifacts!.find((artifact) => artifact.precision === "fp16")!;
    expect(fp16.recipe).toEqual({ transform: "none" });
    expect(fp16.sha256).toBe(profile.model.sha256);
    expect(fp16.drift!.cosineSimilarity).toBeGreaterThan(0.999);
    expect(fp16.driftNote).toMatch(/computes FP16 MatMul\/Conv in FP32 arithmetic/);
    expect(fp16.driftNote).toMatch(/no CPU FP16 timing is recorded/);
  });

  it("calibrates on the user's samples when given a calibration file, and records the file's sha256", async () => {
    const samples = Array.from({ length: 3 }, (_, sample) => ({ input: Array.from({ length: 3 * 16 * 16 }, (_, index) => Math.sin(index * 0.1 + sample)) }));
    const text = JSON.stringify(samples);
    const calibrationPath = join(directory, "calibration.json");
    await writeFile(calibrationPath, text);
    const profile = await bench(paths.cnn, { ...quick, batchSizes: [1], precisions: ["fp32", "int8"], powercapRoot: directory, calibration: { inputsFile: calibrationPath } });
    const recipe = profile.artifacts!.find((artifact) => artifact.recipe.transform === "static-int8-qdq")!.recipe;
    expect(recipe).toMatchObject({ calibration: { method: "min/max", samples: 3, inputsFileSha256: createHash("sha256").update(text).digest("hex") } });
    await writeFile(calibrationPath, '{"input": [1, 2]}');
    await expect(bench(paths.cnn, { ...quick, precisions: ["int8"], powercapRoot: directory, calibration: { inputsFile: calibrationPath } })).rejects.toThrow(
      /^calibration inputs file .* must hold a non-empty JSON array of samples$/,
    );
  });

  it("warns in one line when the FP32 model's outputs are NaN or Inf on the benchmark inputs", async () => {
    // log of synthesized normal values: about half are negative.
    const profile = await bench(paths.logarithm, { ...quick, batchSizes: [1], precisions: ["fp32"], powercapRoot: directory });
    const warning = profile.warnings.find((line) => line.includes("NaN/Inf"))!;
    expect(warning).toMatch(/^the FP32 model's outputs hold \d+ NaN\/Inf value\(s\) of 64 on the benchmark inputs: the inputs are probably not what the model expects/);
    expect(warning).not.toContain("\n");
  });
});
