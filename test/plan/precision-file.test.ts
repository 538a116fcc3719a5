// The file a CPU serves INT8 from follows the transform bench timed: dynamic INT8 for the bundled example (a profile
// measured before static INT8 existed), in the weight range the type's CPUs need, gated on that file's own drift.
import { describe, expect, it } from "vitest";
import type { ArtifactRecord } from "../../src/domain/artifact.ts";
import type { ModelProfile } from "../../src/domain/profile.ts";
import { precisionFile } from "../../src/plan/precision-artifact.ts";
import { cnnProfile } from "./helpers.ts";

const drift = (cosineSimilarity: number) => ({ maxAbsDifference: 0.05, cosineSimilarity, top1Agreement: 0.99, nonFiniteMismatches: 0 });

function dynamicProfile(cosine7: number, cosine8: number | null): ModelProfile {
  const base = cnnProfile();
  const record = (weightBits: 7 | 8, cosine: number | null): ArtifactRecord => ({
    precision: "int8",
    recipe: { transform: "dynamic-int8", weightBits },
    sha256: String(weightBits).repeat(64),
    bytes: 25_600_000,
    quantizedNodes: 54,
    ...(cosine === null ? { drift: null, driftNote: "not measurable on this host" } : { drift: drift(cosine), driftNote: "measured" }),
  });
  return { ...base, schemaVersion: 2, quantization: { ...base.quantization!, transform: "dynamic-int8", weightBits: 8 }, artifacts: [record(7, cosine7), record(8, cosine8)] };
}

describe("precisionFile for dynamic INT8 on CPUs", () => {
  it("gives each weight range its own file and judges it on its own drift", () => {
    const profile = dynamicProfile(0.98, 0.999);
    const sevenBit = precisionFile([profile], "cpu", "int8", 7, 0.99);
    expect(sevenBit.artifact).toEqual({ recipe: { transform: "dynamic-int8", weightBits: 7 }, sha256: "7".repeat(64), bytes: 25_600_000 });
    expect(sevenBit.exclusion).toMatch(/^INT8 \(dynamic-int8, 7-bit weights\) excluded: its outputs' cosine similarity to FP32 is 0\.9800/);
    const eightBit = precisionFile([profile], "cpu", "int8", 8, 0.99);
    expect(eightBit.artifact?.sha256).toBe("8".repeat(64));
    expect(eightBit.exclusion).toBeNull();
    expect(eightBit.unchecked).toBeNull();
  });

  it("lets the 7-bit file's drift stand in where 8-bit could not be measured, and says so", () => {
    const file = precisionFile([dynamicProfile(0.98, null)], "cpu", "int8", 8, 0.99);
    expect(file.exclusion).toContain("the 7-bit file's, standing in where 8-bit could not be measured");
    expect(precisionFile([dynamicProfile(0.995, null)], "cpu", "int8", 8, 0.99).exclusion).toBeNull();
  });

  it("never judges FP32, and serves no FP16 on CPUs", () => {
    const profile = dynamicProfile(0.5, 0.5);
    expect(precisionFile([profile], "cpu", "fp32", 7, 0.99)).toMatchObject({ exclusion: null, unchecked: null });
    expect(precisionFile([profile], "cpu", "fp16", 7, 0.99)).toEqual({ artifact: null, exclusion: null, unchecked: null });
  });
});
