import { describe, expect, it } from "vitest";
import { noteTexts, projectPerformance, type PerformanceProjection, type ProjectionResult } from "../../src/estimate/index.ts";
import { fractionPriors, makeCell, makeInstance, makeProfile } from "./fixtures.ts";

function expectProjection(result: ProjectionResult): PerformanceProjection {
  if (!result.ok) throw new Error(`expected a projection, got: ${result.reason}`);
  return result.projection;
}

const c7i = makeInstance({ instanceType: "c7i.2xlarge" });

describe("a measurement faster than the host's memory roof", () => {
  it("is projected on compute alone (its working set stays in cache)", () => {
    // 1 GFLOP with 100 MB of activations: 10 FLOP/byte × 10 GB/s = 100 GFLOPS… the memory roof allows 10 ms per
    // item at 1 thread; the cell took 5 ms, so memory was not the limit.
    const profile = makeProfile({ activationBytesPerInference: 1e8, fp32Gflops: 400, measurements: [makeCell({ batchSize: 1, latencyMs: 5 })] });
    const projection = expectProjection(projectPerformance({ profiles: [profile], instance: c7i, accelerator: null, priors: [], precision: "fp32", batchSize: 1 }));
    expect(projection.memoryBound).toBe(false);
    expect(noteTexts(projection.assumptions).join("\n")).toMatch(/beats the host's memory roof/);
  });
});

describe("a chosen thread count per replica", () => {
  it("runs fewer, faster replicas with the measured efficiency carried over", () => {
    const profile = makeProfile({ measurements: [makeCell({ batchSize: 1, latencyMs: 10 })] });
    const projection = expectProjection(projectPerformance({ profiles: [profile], instance: c7i, accelerator: null, priors: [], precision: "fp32", batchSize: 1, threadsPerReplica: 4 }));
    expect(projection.threadsPerReplica).toBe(4);
    expect(projection.replicas).toBe(2);
    expect(projection.serviceTimeMs).toBeCloseTo(2.5, 9); // 4 vCPUs × 100 GFLOPS at efficiency 1
    expect(noteTexts(projection.assumptions).join("\n")).toMatch(/4 threads per replica not measured/);
  });
});

describe("a profile measured on the accelerator type itself", () => {
  it("overrides the prior: method measured, from the device's own batch curve", () => {
    const g5 = makeInstance({ instanceType: "g5.xlarge", vcpus: 4, accelerator: { model: "A10G", count: 1, memoryGb: 24 } });
    const onDevice = makeProfile({
      instanceType: "g5.xlarge",
      measurements: [1, 8].map((batchSize) => makeCell({ batchSize, latencyMs: 0.8 + 0.1 * batchSize, executionProvider: "webgpu" })),
    });
    const projection = expectProjection(projectPerformance({ profiles: [onDevice], instance: g5, accelerator: null, priors: fractionPriors, precision: "fp32", batchSize: 4 }));
    expect(projection.method).toBe("measured");
    expect(projection.serviceTimeMs).toBeCloseTo(0.8 + 0.4, 9);
    expect(projection.overheadMs).toBeCloseTo(0.8, 9);
  });
});
