import { describe, expect, it } from "vitest";
import { noteTexts, projectPerformance, type PerformanceProjection, type ProjectionInput, type ProjectionResult } from "../../src/estimate/index.ts";
import { memoryShortfall } from "../../src/plan/candidate-parts.ts";
import { a10gSpec, figure, fractionPriors, linearCurveProfile, makeCell, makeInstance, makeProfile } from "./fixtures.ts";

const c7i = makeInstance({ instanceType: "c7i.2xlarge" });

function project(overrides: Partial<ProjectionInput>): ProjectionResult {
  return projectPerformance({ profiles: [linearCurveProfile()], instance: c7i, accelerator: null, priors: fractionPriors, precision: "fp32", batchSize: 1, ...overrides });
}

function expectProjection(result: ProjectionResult): PerformanceProjection {
  if (!result.ok) throw new Error(`expected a projection, got: ${result.reason}`);
  return result.projection;
}

describe("projectPerformance on CPUs (calibrated roofline)", () => {
  it("fits overhead + per-item time from the batch curve and rescales the per-item part to the instance's roof", () => {
    // Host: 200 GFLOPS over 2 logical cores → 100 GFLOPS per thread; the 1-GFLOP model takes 10 ms per item at the
    // roof, and the measured curve is 1 ms + 10 ms × batch: efficiency 1, overhead 1 ms.
    const same = expectProjection(project({}));
    expect(same.method).toBe("roofline");
    expect(same.overheadMs).toBeCloseTo(1, 9);
    expect(same.efficiency).toBeCloseTo(1, 9);
    expect(same.serviceTimeMs).toBeCloseTo(11, 9); // c7i fixture: 800 GFLOPS / 8 vCPUs = 100 per vCPU
    expect(same.replicas).toBe(8);
    expect(same.capacityPerInstanceRps).toBeCloseTo((8 * 1000) / 11, 6);
    expect(noteTexts(same.assumptions).join("\n")).toMatch(/8 model replicas × 1 thread on 8 vCPUs/);

    const faster = expectProjection(project({ instance: makeInstance({ instanceType: "c7i.fast", peak: { cpuFp32Gflops: figure(1600), cpuInt8Gops: figure(6400), memoryBandwidthGbPerSecond: figure(80) } }) }));
    expect(faster.serviceTimeMs).toBeCloseTo(1 + 5, 9);
  });

  it("gives a low/high range around the figure, wider across architectures", () => {
    const x86 = expectProjection(project({}));
    const arm = expectProjection(project({ instance: makeInstance({ instanceType: "c7g.2xlarge", architecture: "arm64" }) }));
    expect(x86.serviceTimeRangeMs.low).toBeLessThan(x86.serviceTimeMs);
    expect(x86.serviceTimeRangeMs.high).toBeGreaterThan(x86.serviceTimeMs);
    expect(arm.serviceTimeRangeMs.high - arm.serviceTimeRangeMs.low).toBeGreaterThan(x86.serviceTimeRangeMs.high - x86.serviceTimeRangeMs.low);
    expect(x86.capacityRangeRps.low).toBeLessThan(x86.capacityPerInstanceRps);
  });

  it("uses a profile measured on the same instance type as it is: method measured", () => {
    const measured = makeProfile({ instanceType: "c7i.2xlarge", logicalCores: 8, fp32Gflops: 800, measurements: [makeCell({ batchSize: 1, latencyMs: 7, intraOpThreads: 2 })] });
    const projection = expectProjection(project({ profiles: [linearCurveProfile(), measured] }));
    expect(projection.method).toBe("measured");
    expect(projection.serviceTimeMs).toBe(7);
    expect(projection.threadsPerReplica).toBe(2);
    expect(projection.replicas).toBe(4);
  });

  it("picks the measured thread count with the most throughput per instance", () => {
    // 1 thread: 10 ms per call → 8 replicas → 800/s; 4 threads: 4 ms → 2 replicas → 500/s.
    const profile = makeProfile({
      logicalCores: 4,
      fp32Gflops: 400,
      measurements: [makeCell({ batchSize: 1, latencyMs: 10, intraOpThreads: 1 }), makeCell({ batchSize: 1, latencyMs: 4, intraOpThreads: 4 })],
    });
    const projection = expectProjection(project({ profiles: [profile] }));
    expect(projection.threadsPerReplica).toBe(1);
  });

  it("refuses INT8 without an INT8 measurement, naming the fix", () => {
    const result = project({ precision: "int8" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/no int8 measurement.*bench the model at int8/);
  });

  it("refuses when the model does not fit in memory", () => {
    const huge = linearCurveProfile({ weightBytes: 40e9 });
    const result = project({ profiles: [huge] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/GB per replica.*c7i.2xlarge has 16 GB/);
  });

  it("limits replicas to what fits in memory", () => {
    // 4 GB per replica; 16 GB × 0.9 usable → 3 replicas although 8 vCPUs would allow 8.
    const large = linearCurveProfile({ weightBytes: 4e9 - 1e6 });
    const projection = expectProjection(project({ profiles: [large] }));
    expect(projection.replicas).toBe(3);
  });

  it("caps replicas at the instance's roof when a lone thread beat its share of the host", () => {
    // The 1-thread curve reaches twice its per-thread share (an idle SMT sibling): efficiency 2.
    const smt = makeProfile({ measurements: [1, 4].map((batchSize) => makeCell({ batchSize, latencyMs: 5 * batchSize })) });
    const projection = expectProjection(project({ profiles: [smt] }));
    expect(projection.efficiency).toBeCloseTo(2, 9);
    // 8 replicas × 1 GFLOP / 800 GFLOPS = 10 ms per call at best, not 5.
    expect(projection.serviceTimeMs).toBeCloseTo(10, 9);
  });
});

describe("projectPerformance on accelerators (published priors)", () => {
  const g5 = makeInstance({ instanceType: "g5.xlarge", vcpus: 4, accelerator: { model: "A10G", count: 1, memoryGb: 24 } });

  it("scales the matching prior's fraction of peak by the roofline: method prior", () => {
    const projection = expectProjection(project({ instance: g5, accelerator: a10gSpec }));
    expect(projection.method).toBe("prior");
    expect(projection.source).toContain("mlperf-a10-resnet50");
    expect(projection.replicas).toBe(1);
    // No prior names the A10G here: the median of the three (0.45). 1 GFLOP of Conv at AI 200 (compute-bound: ridge
    // 31.2 TFLOPS / 600 GB/s = 52) → 1e9 / (31.2e12 × 0.45) s, plus the 0.5 ms assumed for the device; none of the
    // CPU curve's 1 ms per call.
    expect(projection.serviceTimeMs).toBeCloseTo(0.5 + 1e3 / (31.2e3 * 0.45), 6);
    expect(projection.serviceTimeRangeMs.low).toBeLessThan(projection.serviceTimeMs);
    expect(projection.serviceTimeRangeMs.high).toBeGreaterThan(projection.serviceTimeMs);
  });

  it("says so when no prior exists", () => {
    const result = project({ instance: g5, accelerator: a10gSpec, priors: [] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/no published efficiency prior/);
  });

  it("checks device memory", () => {
    const result = project({ instance: g5, accelerator: a10gSpec, profiles: [linearCurveProfile({ weightBytes: 30e9 })] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/device memory/);
  });

  // The catalog's attachment memory is per device: g5.12xlarge is 4 × A10G of 24 GB each, one replica per device.
  it("gives each replica of a multi-device type a whole device's memory", () => {
    const g5x12 = makeInstance({ instanceType: "g5.12xlarge", vcpus: 48, memoryGb: 192, accelerator: { model: "A10G", count: 4, memoryGb: 24 } });
    const tenGigabyteModel = [linearCurveProfile({ weightBytes: 10e9 })];
    const projection = expectProjection(project({ instance: g5x12, accelerator: a10gSpec, profiles: tenGigabyteModel }));
    expect(projection.replicas).toBe(4);
    expect(memoryShortfall(projection, g5x12)).toBeNull();
  });

  // Azure NV6ads_A10_v5 gets a sixth of one A10: 4 of its 24 GB.
  it("gives a fractional partition only its share of the device's memory", () => {
    const a10Spec = { ...a10gSpec, model: "A10" };
    const nv6 = makeInstance({ instanceType: "Standard_NV6ads_A10_v5", provider: "azure", vcpus: 6, memoryGb: 55, accelerator: { model: "A10", count: 1 / 6, memoryGb: 24 } });
    const fits = expectProjection(project({ instance: nv6, accelerator: a10Spec, profiles: [linearCurveProfile({ weightBytes: 3e9 })] }));
    expect(memoryShortfall(fits, nv6)).toBeNull();
    const tooBig = project({ instance: nv6, accelerator: a10Spec, profiles: [linearCurveProfile({ weightBytes: 10e9 })] });
    expect(tooBig.ok).toBe(false);
    if (!tooBig.ok) expect(tooBig.reason).toMatch(/has 4 GB per replica/);
    // The plan's own check agrees, whatever produced the projection.
    expect(memoryShortfall({ ...fits, modelMemoryGb: 10 }, nv6)).toMatch(/4 GB per replica/);
  });

  it("checks a measured device's memory per replica the same way", () => {
    const g5x12 = makeInstance({ instanceType: "g5.12xlarge", vcpus: 48, memoryGb: 192, accelerator: { model: "A10G", count: 4, memoryGb: 24 } });
    const measured = makeProfile({
      weightBytes: 10e9,
      instanceType: "g5.12xlarge",
      measurements: [1, 8].map((batchSize) => makeCell({ batchSize, latencyMs: 0.5 + 0.1 * batchSize, executionProvider: "webgpu" })),
    });
    const projection = expectProjection(project({ instance: g5x12, accelerator: a10gSpec, profiles: [measured] }));
    expect(projection.method).toBe("measured");
  });
});
