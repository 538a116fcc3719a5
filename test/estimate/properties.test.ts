// Properties users rely on, over random inputs.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  estimateCandidate,
  latencyP95Ms,
  projectPerformance,
  sizeFleet,
  type CandidateEstimateInput,
  type PerformanceProjection,
  type ProjectionResult,
} from "../../src/estimate/index.ts";
import { figure, makeCell, makeEstimateInput, makeInstance, makeProfile, makeProjection, makeRegion } from "./fixtures.ts";

const runs = { numRuns: 200 };

function projection(capacityPerInstanceRps: number, serviceTimeMs = 20, replicas = 4): PerformanceProjection {
  return makeProjection({
    serviceTimeMs,
    serviceTimeRangeMs: { low: serviceTimeMs * 0.9, high: serviceTimeMs * 1.1 },
    replicas,
    capacityPerInstanceRps,
    capacityRangeRps: { low: capacityPerInstanceRps / 1.1, high: capacityPerInstanceRps / 0.9 },
    batchSize: Math.max(1, Math.round((capacityPerInstanceRps * serviceTimeMs) / (replicas * 1000))),
  });
}

function input(overrides: Partial<CandidateEstimateInput> = {}): CandidateEstimateInput {
  return makeEstimateInput({ projection: projection(200), cacheHitRate: 0.2, ...overrides });
}

function withIntensity(gCo2ePerKwh: number) {
  const region = makeRegion();
  return { ...region, intensity: { ...region.intensity, lifecycle: { ...region.intensity.lifecycle, value: gCo2ePerKwh } } };
}

describe("properties", () => {
  it("higher grid intensity never lowers carbon", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1500, noNaN: true }), fc.double({ min: 0, max: 1500, noNaN: true }), fc.double({ min: 1, max: 5000, noNaN: true }), (a, b, meanRps) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const traffic = { meanRps, peakRps: meanRps * 2, quietestRps: meanRps / 2 };
        const lower = estimateCandidate(input({ region: withIntensity(low), traffic }));
        const higher = estimateCandidate(input({ region: withIntensity(high), traffic }));
        expect(higher.gCo2ePerInference).toBeGreaterThanOrEqual(lower.gCo2ePerInference);
        expect(higher.sciGCo2ePerInference).toBeGreaterThanOrEqual(lower.sciGCo2ePerInference);
        expect(higher.monthlyKgCo2e).toBeGreaterThanOrEqual(lower.monthlyKgCo2e);
      }),
      runs,
    );
  });

  it("more traffic never needs fewer instances", () => {
    const traffic = fc.record({ quietestRps: fc.double({ min: 0, max: 1e4, noNaN: true }), meanRps: fc.double({ min: 0, max: 1e4, noNaN: true }), peakRps: fc.double({ min: 0, max: 1e5, noNaN: true }) });
    fc.assert(
      fc.property(
        traffic,
        fc.double({ min: 1, max: 10, noNaN: true }),
        fc.double({ min: 0.5, max: 5000, noNaN: true }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.95, noNaN: true }),
        (base, factor, capacityPerInstanceRps, targetUtilization, cacheHitRate) => {
          const more = { quietestRps: base.quietestRps * factor, meanRps: base.meanRps * factor, peakRps: base.peakRps * factor };
          const options = { capacityPerInstanceRps, targetUtilization, cacheHitRate };
          const before = sizeFleet({ traffic: base, ...options });
          const after = sizeFleet({ traffic: more, ...options });
          expect(after.min).toBeGreaterThanOrEqual(before.min);
          expect(after.desired).toBeGreaterThanOrEqual(before.desired);
          expect(after.max).toBeGreaterThanOrEqual(before.max);
          expect(before.min).toBeGreaterThanOrEqual(1);
          expect(before.min).toBeLessThanOrEqual(before.desired);
          expect(before.desired).toBeLessThanOrEqual(before.max);
        },
      ),
      runs,
    );
  });

  it("a memory-bound model's throughput does not follow peak FLOPS", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 50, max: 5000, noNaN: true }), // instance peak GFLOPS
        fc.double({ min: 5, max: 500, noNaN: true }), // instance bandwidth GB/s
        fc.double({ min: 1e7, max: 1e10, noNaN: true }), // FLOPs per inference
        fc.integer({ min: 1, max: 64 }),
        (peakGflops, bandwidth, flops, batchSize) => {
          // Weights of 4 bytes per FLOP: intensity below 0.25 FLOP/byte, left of any ridge here (≥ 0.1 × 10 … ).
          const weightBytes = Math.round(flops * 4);
          const intensity = (batchSize * flops) / (weightBytes + batchSize * 1e3);
          fc.pre(intensity * bandwidth < peakGflops);
          // Measured at half the host's memory roof (100 GFLOPS and 10 GB/s per thread): truly memory-bound.
          const hostIntensity = flops / (weightBytes + 1e3);
          const hostRoofMs = flops / (Math.min(100, hostIntensity * 10) * 1e6);
          const profile = makeProfile({ flopsPerInference: flops, weightBytes, activationBytesPerInference: 1e3, measurements: [makeCell({ batchSize: 1, latencyMs: 2 * hostRoofMs })] });
          const at = (peak: number): ProjectionResult =>
            projectPerformance({
              profiles: [profile],
              instance: makeInstance({ instanceType: "m.test", memoryGb: 4096, peak: { cpuFp32Gflops: figure(peak), cpuInt8Gops: figure(peak * 4), memoryBandwidthGbPerSecond: figure(bandwidth) } }),
              accelerator: null,
              priors: [],
              precision: "fp32",
              batchSize,
            });
          const base = at(peakGflops);
          const doubled = at(peakGflops * 2);
          if (!base.ok || !doubled.ok) throw new Error("expected projections");
          expect(base.projection.memoryBound).toBe(true);
          expect(doubled.projection.capacityPerInstanceRps).toBeCloseTo(base.projection.capacityPerInstanceRps, 6);
        },
      ),
      runs,
    );
  });

  it("a compute-bound model's throughput does follow peak FLOPS (the contrast)", () => {
    const profile = makeProfile({ flopsPerInference: 1e9, weightBytes: 4e6, measurements: [makeCell({ batchSize: 1, latencyMs: 10 })] });
    const at = (peak: number) =>
      projectPerformance({ profiles: [profile], instance: makeInstance({ instanceType: "c.test", peak: { cpuFp32Gflops: figure(peak), cpuInt8Gops: figure(peak * 4), memoryBandwidthGbPerSecond: figure(200) } }), accelerator: null, priors: [], precision: "fp32", batchSize: 1 });
    const base = at(800);
    const doubled = at(1600);
    if (!base.ok || !doubled.ok) throw new Error("expected projections");
    expect(base.projection.memoryBound).toBe(false);
    expect(doubled.projection.capacityPerInstanceRps).toBeGreaterThan(base.projection.capacityPerInstanceRps * 1.5);
  });

  it("p95 grows without bound as utilisation approaches 1", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.double({ min: 0.1, max: 500, noNaN: true }), fc.oneof(fc.constant(1), fc.integer({ min: 2, max: 32 })), fc.double({ min: 1e3, max: 1e9, noNaN: true }), (replicas, serviceTimeMs, batchSize, bound) => {
        const capacityRps = (replicas * batchSize * 1000) / serviceTimeMs;
        const p95At = (utilization: number) => latencyP95Ms({ serviceTimeMs, replicas, batchSize, arrivalRps: utilization * capacityRps, maxQueueDelayMs: 10 }).latencyP95Ms;
        // Without batching the p95 only rises with load (with it, the fill wait shrinks as traffic grows).
        if (batchSize === 1) {
          let previous = p95At(0.5);
          for (const utilization of [0.9, 0.99, 0.999, 0.9999]) {
            const next = p95At(utilization);
            expect(next).toBeGreaterThanOrEqual(previous - 1e-9);
            previous = next;
          }
        }
        // Beyond any bound: there is a utilisation below 1 whose p95 exceeds it.
        let utilization = 0.9;
        while (p95At(utilization) <= bound && utilization < 1 - 1e-15) utilization = 1 - (1 - utilization) / 10;
        expect(p95At(utilization)).toBeGreaterThan(bound);
        expect(p95At(1)).toBe(Number.POSITIVE_INFINITY);
      }),
      runs,
    );
  });

  it("energy per inference falls (or holds) as utilisation rises", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1, noNaN: true }), fc.double({ min: 0.01, max: 1, noNaN: true }), fc.double({ min: 1, max: 5000, noNaN: true }), (a, b, capacity) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        // One instance at target utilisation 1: the mean traffic sets its utilisation directly.
        const at = (utilization: number) => {
          const meanRps = utilization * capacity;
          return estimateCandidate(input({ projection: projection(capacity), targetUtilization: 1, cacheHitRate: 0, traffic: { meanRps, peakRps: meanRps, quietestRps: meanRps } }));
        };
        const quiet = at(low);
        const busy = at(high);
        expect(quiet.instances.desired).toBe(1);
        expect(busy.utilization).toBeCloseTo(high, 9);
        expect(busy.energyPerInferenceJ).toBeLessThanOrEqual(quiet.energyPerInferenceJ * (1 + 1e-12));
      }),
      runs,
    );
  });
});
