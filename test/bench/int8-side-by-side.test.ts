// FP32 and INT8 measured side by side on a model built in code: the quantization report is filled in and the
// drift stays within what per-column int8 weights should give.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bench } from "../../src/bench/index.ts";
import { int8IsaClassOfFlags, int8WeightBitsFor } from "../../src/domain/int8-isa.ts";
import { buildArtifact, buildMlp } from "../../src/onnx/index.ts";

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
    // A Gemm-only model takes the dynamic transform, timed in the range that computes correctly on this host.
    const hostBits = int8WeightBitsFor([int8IsaClassOfFlags(profile.host.isaFlags)]);
    expect(quantization).toMatchObject({ transform: "dynamic-int8", weightBits: hostBits });
    for (const cell of profile.measurements.filter((measurement) => measurement.precision === "int8")) {
      expect(cell).toMatchObject({ transform: "dynamic-int8", weightBits: hostBits });
      expect(cell.copiedFrom).toBeUndefined();
    }
    expect(quantization.quantizedNodes).toBe(3);
    expect(quantization.skipped).toEqual([]);
    // Three 64→128→128→10 layers: int8 weights take about a quarter of the FP32 bytes (plus scales and float biases).
    expect(quantization.weightBytes).toBeLessThan(profile.model.cost.weightBytes / 2);
    expect(quantization.drift.maxAbsDifference).toBeGreaterThan(0);
    expect(quantization.drift.maxAbsDifference).toBeLessThan(0.5);
    expect(quantization.drift.cosineSimilarity).toBeGreaterThan(0.99);
    expect(quantization.drift.nonFiniteMismatches).toBe(0);
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

  it("records every file it built with a sha256 that a rebuild from the model and the recipe reproduces", async () => {
    const profile = await bench(modelPath, { batchSizes: [4], threads: [1], precisions: ["fp32", "int8"], budgetSeconds: 0.5, powercapRoot: directory });
    const modelBytes = new Uint8Array(await readFile(modelPath));
    const artifacts = profile.artifacts!;
    expect(artifacts.map((artifact) => `${artifact.precision} ${artifact.recipe.transform}${"weightBits" in artifact.recipe ? ` ${artifact.recipe.weightBits}` : ""}${"activations" in artifact.recipe ? ` ${artifact.recipe.activations}` : ""}`)).toEqual([
      "fp32 none",
      "int8 dynamic-int8 7",
      "int8 dynamic-int8 8",
      ...(int8WeightBitsFor([int8IsaClassOfFlags(profile.host.isaFlags)]) === 7 ? ["int8 static-int8-qdq 7 int8-symmetric"] : []),
      "int8 static-int8-qdq 8 int8-symmetric",
    ]);
    for (const artifact of artifacts) expect(buildArtifact(modelBytes, artifact.recipe).sha256).toBe(artifact.sha256);
    expect(artifacts[0].sha256).toBe(profile.model.sha256);
    // The timed file is one of them, and its drift is the quantization report's.
    const timed = artifacts.find((artifact) => artifact.recipe.transform === "dynamic-int8" && artifact.recipe.weightBits === profile.quantization!.weightBits)!;
    expect(timed.drift).toEqual(profile.quantization!.drift);
    // The static recipe says how its activations were calibrated: synthesized samples, not the drift inputs.
    const staticRecipe = artifacts.find((artifact) => artifact.recipe.transform === "static-int8-qdq")!.recipe;
    expect(staticRecipe).toMatchObject({ calibration: { method: "min/max", samples: 16, seed: 43 } });
  });

  it("with several passes keeps one measurement per cell, the lower median, and says so", async () => {
    const profile = await bench(modelPath, { batchSizes: [1, 4], threads: [1], budgetSeconds: 0.6, passes: 3, powercapRoot: directory });
    expect(profile.measurements.map((measurement) => measurement.batchSize)).toEqual([1, 4]);
    expect(profile.warnings).toContain("each cell was measured in 3 passes and keeps the one with the lower median latency (other load only slows runs down)");
  });
});
