import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/catalog/load.ts";
import type { InstanceType } from "../../src/domain/catalog.ts";
import type { ModelProfile } from "../../src/domain/profile.ts";
import { projectPerformance } from "../../src/estimate/index.ts";
import { analyzeModel, buildBandwidthModel, readModel } from "../../src/onnx/index.ts";
import { makeCell, makeProfile } from "./fixtures.ts";

// A memory-bound model (the bench's own bandwidth probe: an elementwise Add over 8 M floats) projected onto two catalog
// types with the same vCPUs and different memory systems: with each type's bandwidth in the catalog, it now runs at
// their bandwidth ratio, not at their FP32 ratio (both were the measuring host's bandwidth per core before).
const catalog = loadCatalog();
const typeNamed = (name: string): InstanceType => catalog.instanceTypes.find((type) => type.instanceType === name)!;

function bandwidthProfile(): ModelProfile {
  const analysis = analyzeModel(readModel(buildBandwidthModel({ elements: 8_000_000 }), "bandwidth"), { batchSize: 1 });
  const base = makeProfile({
    architecture: "arm64",
    fp32Gflops: 200,
    memoryBandwidthGbPerSecond: 20,
    // At 1 thread the host moves 10 GB/s: the 32 MB written per call take 3.2 ms at the roof; measured 3.5 ms per item.
    measurements: [1, 4].map((batchSize) => makeCell({ batchSize, latencyMs: 0.05 + 3.5 * batchSize })),
  });
  return { ...base, model: { ...base.model, cost: analysis.cost } };
}

describe("a memory-bound model across types of different memory bandwidth", () => {
  it("follows the types' bandwidth, not their FP32 peaks", () => {
    const profile = bandwidthProfile();
    const graviton3 = typeNamed("c7g.4xlarge");
    const graviton4 = typeNamed("c8g.4xlarge");
    const capacity = (instance: InstanceType) => {
      const result = projectPerformance({ profiles: [profile], instance, accelerator: null, priors: [], precision: "fp32", batchSize: 4 });
      if (!result.ok) throw new Error(result.reason);
      expect(result.projection.memoryBound, instance.instanceType).toBe(true);
      return result.projection.capacityPerInstanceRps;
    };
    const bandwidthRatio = graviton4.peak.memoryBandwidthGbPerSecond!.value / graviton3.peak.memoryBandwidthGbPerSecond!.value;
    const fp32Ratio = graviton4.peak.cpuFp32Gflops.value / graviton3.peak.cpuFp32Gflops.value;
    expect(Math.abs(bandwidthRatio - fp32Ratio)).toBeGreaterThan(0.05);
    expect(capacity(graviton4) / capacity(graviton3)).toBeCloseTo(bandwidthRatio, 2);
  });
});
