import { describe, expect, it } from "vitest";
import { projectPerformance, type ProjectionResult } from "../../src/estimate/index.ts";
import { mixedPrecisionPeak, quantizedFlopShare } from "../../src/estimate/quantized-share.ts";
import type { ModelProfile } from "../../src/domain/profile.ts";
import { a10gSpec, fractionPriors, linearCurveProfile, makeCell, makeInstance } from "./fixtures.ts";

const g5 = makeInstance({ instanceType: "g5.xlarge", vcpus: 4, accelerator: { model: "A10G", count: 1, memoryGb: 24 } });

/** A profile measured in FP32 and INT8 whose FLOPs are split between Conv and Gemm as given. */
function profileWith(flopsByOperator: Record<string, number>, quantizedNodes: number, skippedOperators: string[], staticFileNodes?: number): ModelProfile {
  const measurements = ["fp32", "int8"].flatMap((precision) =>
    [1, 4, 16].map((batchSize) => makeCell({ batchSize, latencyMs: 1 + 10 * batchSize, precision: precision as "fp32" | "int8" })),
  );
  const profile = linearCurveProfile({ measurements });
  const flopsPerInference = Object.values(flopsByOperator).reduce((sum, flops) => sum + flops, 0);
  profile.model.cost = { ...profile.model.cost, flopsPerInference, flopsByOperator };
  profile.quantization = {
    method: "dynamic",
    quantizedNodes,
    skipped: skippedOperators.map((operator, index) => ({ node: `n${index}`, operator, reason: "fixture" })),
    weightBytes: profile.model.cost.weightBytes / 4,
    drift: { maxAbsDifference: 0.01, cosineSimilarity: 0.999, top1Agreement: 1 },
    speedRatio: 1,
  };
  if (staticFileNodes !== undefined) {
    const recipe = { transform: "static-int8-qdq", weightBits: 8, activations: "int8-symmetric", activationRanges: {}, calibration: { method: "min/max", samples: 8, seed: 1 } } as const;
    profile.artifacts = [{ precision: "int8", recipe, sha256: "0".repeat(64), bytes: 1000, quantizedNodes: staticFileNodes, drift: null, driftNote: "fixture" }];
  }
  return profile;
}

function capacity(result: ProjectionResult): number {
  if (!result.ok) throw new Error(result.reason);
  return result.projection.capacityPerInstanceRps;
}

describe("INT8 on accelerators follows what the quantizer rewrote", () => {
  it("counts, for dynamic INT8, only the MatMul/Gemm share, scaled by the share of those nodes rewritten", () => {
    expect(quantizedFlopShare(profileWith({ Conv: 9e8, Gemm: 1e8 }, 1, ["Conv", "Conv"]), "dynamic-int8")).toBeCloseTo(0.1);
    expect(quantizedFlopShare(profileWith({ MatMul: 8e8, Add: 2e8 }, 3, ["MatMul"]), "dynamic-int8")).toBeCloseTo(0.6);
    expect(quantizedFlopShare(profileWith({ MatMul: 1e9 }, 0, ["MatMul"]), "dynamic-int8")).toBe(0);
  });

  it("counts, for static QDQ INT8, the convolutions too, from the profile's static file", () => {
    const cnn = profileWith({ Conv: 9e8, Gemm: 1e8 }, 1, ["Conv", "Conv"], 12);
    expect(quantizedFlopShare(cnn, "static-int8-qdq")).toBeCloseTo(1);
    expect(quantizedFlopShare(profileWith({ Conv: 9e8, Gemm: 1e8 }, 1, []), "static-int8-qdq")).toBe(0);
  });

  it("combines the two peaks like Amdahl: all quantized = the INT8 peak, none = the FP32 peak", () => {
    expect(mixedPrecisionPeak(30, 250, 1)).toBeCloseTo(250);
    expect(mixedPrecisionPeak(30, 250, 0)).toBeCloseTo(30);
    expect(mixedPrecisionPeak(30, 250, 0.5)).toBeGreaterThan(30);
    expect(mixedPrecisionPeak(30, 250, 0.5)).toBeLessThan(60);
  });

  it("projects INT8 on a GPU faster only where the profile has the static file TensorRT builds its engine from", () => {
    const project = (profile: ModelProfile, precision: "fp32" | "int8") =>
      capacity(projectPerformance({ profiles: [profile], instance: g5, accelerator: a10gSpec, priors: fractionPriors, precision, batchSize: 16 }));
    const cnnDynamicOnly = profileWith({ Conv: 1.59e9, Gemm: 2.6e5 }, 1, Array(12).fill("Conv"));
    expect(project(cnnDynamicOnly, "int8") / project(cnnDynamicOnly, "fp32")).toBeLessThan(1.1);
    const cnnWithStatic = profileWith({ Conv: 1.59e9, Gemm: 2.6e5 }, 1, Array(12).fill("Conv"), 13);
    expect(project(cnnWithStatic, "int8") / project(cnnWithStatic, "fp32")).toBeGreaterThan(2);
    const transformer = profileWith({ MatMul: 1.8e9, Softmax: 1e7 }, 48, [], 48);
    expect(project(transformer, "int8") / project(transformer, "fp32")).toBeGreaterThan(2);
  });
});
