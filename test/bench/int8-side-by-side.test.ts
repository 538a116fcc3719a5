// FP32 and INT8 measured side by side on a model built in code: the quantization report is filled in and the
// drift stays within what per-column int8 weights should give.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bench } from "../../src/bench/index.ts";
import { buildMlp } from "../../src/onnx/index.ts";

let directory: string;
let modelPath: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "wattplan-int8-"));
  modelPath = join(directory, "classifier.onnx");
  await writeFile(modelPath, buildMlp({ inputSize: 64, hiddenSizes: [128, 128], outputSize: 10, seed: 11 }));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("INT8 next to FP32", () => {
  it("measures both precisions and reports quantized nodes, drift, top-1 agreement and the speed ratio", async () => {
    const profile = await bench(modelPath, { batchSizes: [1, 16], threads: [1], precisions: ["int8", "fp32"], budgetSeconds: 1, powercapRoot: directory });
    expect(profile.measurements.map((measurement) => `${measurement.precision}/${measurement.batchSize}`)).toEqual(["fp32/1", "fp32/16", "int8/1", "int8/16"]);
    const quantization = profile.quantization!;
    expect(quantization.quantizedNodes).toBe(3);
    expect(quantization.skipped).toEqual([]);
    // Three 64→128→128→10 layers: int8 weights take about a quarter of the FP32 bytes (plus scales and float biases).
    expect(quantization.weightBytes).toBeLessThan(profile.model.cost.weightBytes / 2);
    expect(quantization.drift.maxAbsDifference).toBeGreaterThan(0);
    expect(quantization.drift.maxAbsDifference).toBeLessThan(0.5);
    expect(quantization.drift.cosineSimilarity).toBeGreaterThan(0.99);
    // [16, 10] class scores from the largest batch: 16 rows to agree on.
    expect(quantization.drift.top1Agreement).toBeGreaterThanOrEqual(0.75);
    const fp32 = profile.measurements.filter((measurement) => measurement.precision === "fp32");
    const int8 = profile.measurements.filter((measurement) => measurement.precision === "int8");
    const expectedRatio = Math.sqrt(
      (int8[0].throughputInferencesPerSecond / fp32[0].throughputInferencesPerSecond) * (int8[1].throughputInferencesPerSecond / fp32[1].throughputInferencesPerSecond),
    );
    expect(quantization.speedRatio).toBeCloseTo(expectedRatio, 9);
    for (const measurement of int8) {
      expect(measurement.efficiency).toBeCloseTo(measurement.achievedGflops / profile.host.calibration.byThreads![0].int8Gops, 9);
    }
  });

  it("with several passes keeps one measurement per cell, the lower median, and says so", async () => {
    const profile = await bench(modelPath, { batchSizes: [1, 4], threads: [1], budgetSeconds: 0.6, passes: 3, powercapRoot: directory });
    expect(profile.measurements.map((measurement) => measurement.batchSize)).toEqual([1, 4]);
    expect(profile.warnings).toContain("each cell was measured in 3 passes and keeps the one with the lower median latency (other load only slows runs down)");
  });
});
