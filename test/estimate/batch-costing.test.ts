// Batch work is costed as the schedule runs it: the active fleet at the target utilisation for the whole hours the
// day's volume needs, scaled to 0 otherwise (not an always-on fleet at the daily mean).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { estimateCandidate } from "../../src/estimate/estimate-candidate.ts";
import type { CandidateEstimateInput, PerformanceProjection, TrafficShape } from "../../src/estimate/contract.ts";
import { makeEstimateInput, makeInstance, makeProjection } from "./fixtures.ts";

const daysPerMonth = 730 / 24;

function projection(capacityPerInstanceRps: number): PerformanceProjection {
  return makeProjection({
    serviceTimeMs: 10,
    serviceTimeRangeMs: { low: 10, high: 10 },
    replicas: 1,
    threadsPerReplica: 1,
    capacityPerInstanceRps,
    capacityRangeRps: { low: capacityPerInstanceRps, high: capacityPerInstanceRps },
    modelMemoryGb: 0.1,
  });
}

function batchTraffic(inferencesPerDay: number, windowHours: number): TrafficShape {
  const peakRps = inferencesPerDay / (windowHours * 3600);
  return { meanRps: inferencesPerDay / 86_400, peakRps, quietestRps: windowHours < 24 ? 0 : peakRps, batch: { inferencesPerDay, windowHours } };
}

function input(overrides: Partial<CandidateEstimateInput> & { traffic: TrafficShape }): CandidateEstimateInput {
  return makeEstimateInput({ projection: projection(100), instance: makeInstance({ instanceType: "c5.2xlarge" }), pue: 1.2, usdPerHour: 0.5, ...overrides });
}

describe("batch costing", () => {
  // 1e6 a day in an 8 h window on 100 inferences/s per instance at 60 %: 1 instance, 4.63 h of work → 5 whole hours.
  const estimate = estimateCandidate(input({ traffic: batchTraffic(1_000_000, 8) }));

  it("runs the active fleet at the target utilisation for the whole hours the volume needs", () => {
    expect(estimate.batch).toMatchObject({ activeInstances: 1, utilization: 0.6, billedHoursPerDay: 5 });
    expect(estimate.batch!.hoursNeededPerDay).toBeCloseTo(1_000_000 / (100 * 0.6 * 3600), 9);
    expect(estimate.utilization).toBe(0.6);
  });

  it("costs instances × hours × 730/24 days × price, and cost per million inferences agrees", () => {
    expect(estimate.monthlyCostUsd).toBeCloseTo(1 * 5 * daysPerMonth * 0.5, 9);
    expect(estimate.costPerMillionInferencesUsd).toBeCloseTo((estimate.monthlyCostUsd / (1_000_000 * daysPerMonth)) * 1e6, 9);
    // An always-on fleet would be 730 h × 0.5 = $365.
    expect(estimate.monthlyCostUsd).toBeLessThan(0.5 * 730);
  });

  it("operational carbon = the day's volume × energy per inference (PUE applied once) × intensity", () => {
    // IT power at 60 %: 8 vCPUs × (0.74 + (3.5 − 0.74) × 0.6) W + 16 GB × 0.392 W/GB = 25.44 W; × PUE 1.2 over 60 inferences/s.
    const energyPerInferenceJ = (25.44 * 1.2) / 60;
    expect(estimate.energyPerInferenceJ).toBeCloseTo(energyPerInferenceJ, 9);
    expect(estimate.gCo2ePerInference).toBeCloseTo((energyPerInferenceJ * 379.069) / 3.6e6, 12);
    expect(estimate.monthlyOperationalKgCo2e).toBeCloseTo((1_000_000 * daysPerMonth * energyPerInferenceJ * 379.069) / 3.6e6 / 1000, 9);
    expect(estimate.monthlyEnergyKwh).toBeCloseTo((1_000_000 * daysPerMonth * energyPerInferenceJ) / 3.6e6, 9);
  });

  it("embodied carbon follows the instance-hours run, and SCI per inference adds both", () => {
    const gramsPerInstanceHour = (1000 * 1000) / 35040;
    expect(estimate.monthlyEmbodiedKgCo2e).toBeCloseTo((5 * daysPerMonth * gramsPerInstanceHour) / 1000, 9);
    expect(estimate.embodiedGCo2ePerInference).toBeCloseTo((5 * gramsPerInstanceHour) / 1_000_000, 12);
    expect(estimate.sciGCo2ePerInference).toBeCloseTo(estimate.gCo2ePerInference + estimate.embodiedGCo2ePerInference, 12);
    expect(estimate.monthlyKgCo2e).toBeCloseTo(estimate.monthlyOperationalKgCo2e + estimate.monthlyEmbodiedKgCo2e, 12);
    expect(estimate.assumptions.some((line) => line.startsWith("batch costing:") && line.includes("scaled to 0"))).toBe(true);
  });

  it("takes a few more instances for fewer hours when that wastes less of the last hour", () => {
    // 2.03 instance-hours in a 2 h window: 2 instances × 2 h = 4, but 3 instances × 1 h = 3.
    const volume = 2.03 * 100 * 0.6 * 3600;
    const result = estimateCandidate(input({ traffic: batchTraffic(volume, 2) }));
    expect(result.batch).toMatchObject({ activeInstances: 3, billedHoursPerDay: 1 });
    expect(result.instances.max).toBe(3);
    expect(result.monthlyCostUsd).toBeCloseTo(3 * daysPerMonth * 0.5, 9);
  });

  it("property: doubling the window (same volume) never raises the monthly cost", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 5000, noNaN: true }),
        fc.double({ min: 1e3, max: 1e9, noNaN: true }),
        fc.integer({ min: 1, max: 12 }),
        fc.double({ min: 0.2, max: 0.95, noNaN: true }),
        fc.double({ min: 0, max: 0.6, noNaN: true }),
        (capacity, volume, windowHours, targetUtilization, cacheHitRate) => {
          const costAt = (hours: number) =>
            estimateCandidate(input({ projection: projection(capacity), traffic: batchTraffic(volume, hours), targetUtilization, cacheHitRate })).monthlyCostUsd;
          expect(costAt(2 * windowHours)).toBeLessThanOrEqual(costAt(windowHours) * (1 + 1e-12));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("live traffic keeps the always-on costing: desired instances × price × 730 h", () => {
    const live = estimateCandidate(input({ traffic: { meanRps: 120, peakRps: 400, quietestRps: 36 } }));
    expect(live.batch).toBeUndefined();
    expect(live.monthlyCostUsd).toBeCloseTo(live.instances.desired * 0.5 * 730, 9);
    expect(live.energyPerInferenceJ).toBeCloseTo((live.instances.desired * live.facilityPowerWattsPerInstance) / 120, 9);
  });
});
