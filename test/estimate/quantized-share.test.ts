import { describe, expect, it } from "vitest";
import { projectPerformance, type ProjectionResult } from "../../src/estimate/index.ts";
import { mixedPrecisionPeak, quantizedFlopShare } from "../../src/estimate/quantized-share.ts";
import type { ModelProfile } from "../../src/domain/profile.ts";
import { a10gSpec, fractionPriors, linearCurveProfile, makeCell, makeInstance } from "./fixtures.ts";

const g5 = makeInstance({ instanceType: "g5.xlarge", vcpus: 4, accelerator: { model: "A10G", count: 1, memoryGb: 24 } });

/** A profile measured in FP32 and INT8 whose FLOPs are split between Conv and Gemm as given. */
function profileWith(flopsByOperator: Record<string, number>, quantizedNodes: number, skippedOperators: string[]): ModelProfile {
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
  return profile;
}

function capacity(result: ProjectionResult): number {
  if (!result.ok) throw new Error(result.reason);
  return result.projection.capacityPerInstanceRps;
}

describe("INT8 on accelerators follows what the quantizer rewrote", () => {
  it("counts only the MatMul/Gemm share, scaled by the share of those nodes rewritten", () => {
    expect(quantizedFlopShare(profileWith({ Conv: 9e8, Gemm: 1e8 }, 1, ["Conv", "Conv"]))).toBeCloseTo(0.1);
    expect(quantizedFlopShare(profileWith({ MatMul: 8e8, Add: 2e8 }, 3, ["MatMul"]))).toBeCloseTo(0.6);
    expect(quantizedFlopShare(profileWith({ MatMul: 1e9 }, 0, ["MatMul"]))).toBe(0);
  });

  it("combines the two peaks like Amdahl: all quantized = the INT8 peak, none = the FP32 peak", () => {
    expect(mixedPrecisionPeak(30, 250, 1)).toBeCloseTo(250);
    expect(mixedPrecisionPeak(30, 250, 0)).toBeCloseTo(30);
    expect(mixedPrecisionPeak(30, 250, 0.5)).toBeGreaterThan(30);
    expect(mixedPrecisionPeak(30, 250, 0.5)).toBeLessThan(60);
  });

  it("projects a Conv-dominated INT8 model on a GPU no faster than its FP32 share allows, and a MatMul model much faster", () => {
    const project = (profile: ModelProfile, precision: "fp32" | "int8") =>
      capacity(projectPerformance({ profiles: [profile], instance: g5, accelerator: a10gSpec, priors: fractionPriors, precision, batchSize: 16 }));
    const cnn = profileWith({ Conv: 1.59e9, Gemm: 2.6e5 }, 1, Array(12).fill("Conv"));
    expect(project(cnn, "int8") / project(cnn, "fp32")).toBeLessThan(1.1);
    const transformer = profileWith({ MatMul: 1.8e9, Softmax: 1e7 }, 48, []);
    expect(project(transformer, "int8") / project(transformer, "fp32")).toBeGreaterThan(2);
  });
});
