import { describe, expect, it } from "vitest";
import { estimateCandidate } from "../../src/estimate/index.ts";
import { a10gSpec, figure, makeEstimateInput as input, makeInstance, makeProjection as projection, makeRegion } from "./fixtures.ts";



describe("estimateCandidate", () => {
  it("sizes for quietest, mean and peak at the target utilisation and prices the month", () => {
    const estimate = estimateCandidate(input());
    // 120 instances-worth: 120 / (200 × 0.6) = 1; 400 / 120 → 4; 30 / 120 → 1.
    expect(estimate.instances).toEqual({ min: 1, desired: 1, max: 4 });
    expect(estimate.utilization).toBeCloseTo(0.6, 12);
    expect(estimate.monthlyCostUsd).toBeCloseTo(0.357 * 730, 9);
    expect(estimate.costPerMillionInferencesUsd).toBeCloseTo(((0.357 * 730) / (120 * 3600 * 730)) * 1e6, 9);
    // IT power: 8 × (0.74 + 2.76 × 0.6) + 16 × 0.392; energy per request = × PUE / 120 requests/s.
    const itWatts = 8 * (0.74 + 2.76 * 0.6) + 16 * 0.392;
    expect(estimate.powerWattsPerInstance).toBeCloseTo(itWatts, 9);
    expect(estimate.energyPerInferenceJ).toBeCloseTo((itWatts * 1.135) / 120, 9);
    expect(estimate.perfPerWatt).toBeCloseTo(1 / estimate.energyPerInferenceJ, 12);
    expect(estimate.gCo2ePerInference).toBeCloseTo((estimate.energyPerInferenceJ / 3.6e6) * 379.069, 12);
    // 1,000 kg over 35,040 h on one instance, shared by 432,000 requests an hour.
    expect(estimate.embodiedGCo2ePerInference).toBeCloseTo(1e6 / 35040 / (120 * 3600), 12);
    expect(estimate.monthlyKgCo2e).toBeCloseTo((estimate.sciGCo2ePerInference * 120 * 3600 * 730) / 1000, 9);
  });

  it("orders every range around its figure", () => {
    const estimate = estimateCandidate(input());
    for (const [value, range] of [
      [estimate.latencyP95Ms, estimate.latencyP95RangeMs],
      [estimate.energyPerInferenceJ, estimate.energyPerInferenceRangeJ],
      [estimate.sciGCo2ePerInference, estimate.sciRangeGCo2ePerInference],
      [estimate.monthlyKgCo2e, estimate.monthlyKgCo2eRange],
    ] as const) {
      expect(range.low).toBeLessThanOrEqual(value);
      expect(range.high).toBeGreaterThanOrEqual(value);
    }
    expect(estimate.latencyP95RangeMs.high).toBeGreaterThan(estimate.latencyP95RangeMs.low);
  });

  it("lets cache hits skip the model: fewer instances, less energy per request, and says so", () => {
    const without = estimateCandidate(input({ traffic: { meanRps: 1000, peakRps: 2000, quietestRps: 500 } }));
    const withCache = estimateCandidate(input({ traffic: { meanRps: 1000, peakRps: 2000, quietestRps: 500 }, cacheHitRate: 0.5 }));
    expect(withCache.instances.desired).toBeLessThan(without.instances.desired);
    expect(withCache.energyPerInferenceJ).toBeLessThan(without.energyPerInferenceJ);
    expect(withCache.assumptions.join("\n")).toMatch(/cache hits cost nothing/);
  });

  it("adds the network round trip to p95", () => {
    const near = estimateCandidate(input());
    const far = estimateCandidate(input({ networkRoundTripMs: 80 }));
    expect(far.latencyP95Ms).toBeCloseTo(near.latencyP95Ms + 80, 9);
    expect(far.latencyBreakdownMs.network).toBe(80);
  });

  it("buys headroom when a p95 budget is given and missed at the target utilisation", () => {
    const relaxed = estimateCandidate(input({ targetUtilization: 0.95, traffic: { meanRps: 760, peakRps: 760, quietestRps: 760 } }));
    const budget = relaxed.latencyP95Ms * 0.8;
    const tight = estimateCandidate(input({ targetUtilization: 0.95, traffic: { meanRps: 760, peakRps: 760, quietestRps: 760 }, latencyP95BudgetMs: budget }));
    expect(tight.latencyP95Ms).toBeLessThanOrEqual(budget);
    expect(tight.instances.desired).toBeGreaterThan(relaxed.instances.desired);
    expect(tight.assumptions.join("\n")).toMatch(/target utilisation lowered/);
  });

  it("counts accelerators at idle + (max − idle) × utilisation per device", () => {
    const instance = makeInstance({
      instanceType: "g5.xlarge",
      vcpus: 4,
      memoryGb: 16,
      accelerator: { model: "A10G", count: 1, memoryGb: 24 },
      power: { cpuMinWattsPerVcpu: figure(0.74), cpuMaxWattsPerVcpu: figure(3.5), memoryWattsPerGb: figure(0), acceleratorIdleWatts: figure(25), acceleratorMaxWatts: figure(300) },
    });
    const estimate = estimateCandidate(input({ instance, accelerator: a10gSpec, projection: projection({ replicas: 1, capacityPerInstanceRps: 200, serviceTimeMs: 5 }), traffic: { meanRps: 100, peakRps: 100, quietestRps: 100 }, targetUtilization: 0.5 }));
    // utilisation 0.5; host CPU: one feeding thread of 4 vCPUs busy half the time.
    expect(estimate.powerWattsPerInstance).toBeCloseTo(25 + 275 * 0.5 + 4 * (0.74 + 2.76 * 0.125), 9);
  });

  it("falls back to the lifecycle intensity where the operational basis is missing, and says so", () => {
    const region = makeRegion();
    const lifecycleOnly = { ...region, intensity: { lifecycle: { ...region.intensity.lifecycle, value: 100 } } };
    const estimate = estimateCandidate(input({ region: lifecycleOnly, intensityBasis: "operational" }));
    expect(estimate.gridIntensityGCo2ePerKwh).toBe(100);
    expect(estimate.assumptions.join("\n")).toMatch(/no operational grid intensity/);
  });
});
