// Batch plans are costed as their schedule runs: the active fleet for the whole hours the volume needs, every day.
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Candidate } from "../../src/domain/plan.ts";
import { planFromFiles } from "../../src/load/plan-from-files.ts";
import { plan } from "../../src/plan/index.ts";
import { buildCatalog } from "./catalog-builder.ts";
import { baseSpec, cnnProfile, cnnProfileWithBatches, fixedNow, smallCatalog } from "./helpers.ts";

const examplesDirectory = join(import.meta.dirname, "..", "..", "examples");
const daysPerMonth = 730 / 24;
/** Plan figures carry 6 significant digits: rounding moves them by up to half a unit of the sixth, 5e-6 relative. */
const relativeRounding = 5e-6;

function expectClose(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relativeRounding * Math.abs(expected));
}

/** Instance-hours a day behind a candidate's monthly cost (a whole number for batch work). */
const instanceHoursPerDay = (candidate: Candidate) => candidate.monthlyCostUsd / (daysPerMonth * candidate.usdPerHour);

describe("batch costing in the plan", () => {
  it("the batch example: monthly cost = active instances × scheduled hours × 730/24 × price; carbon = volume × E × I", async () => {
    const result = await planFromFiles(join(examplesDirectory, "batch-spec.yaml"), { now: fixedNow, intensitySource: `file:${join(examplesDirectory, "forecast-DE-48h.json")}` });
    const { chosen } = result;
    const schedule = result.schedule!;
    const volume = result.spec.traffic.batch!.inferencesPerDay;
    expect(schedule.hoursOfDay).toHaveLength(Math.ceil(schedule.hoursNeeded));
    expect(schedule.activeInstances).toBe(chosen.instances.max);
    expectClose(chosen.monthlyCostUsd, schedule.activeInstances * schedule.hoursOfDay.length * daysPerMonth * chosen.usdPerHour);
    expect(chosen.monthlyCostUsd).toBeLessThan(chosen.instances.max * chosen.usdPerHour * 730);
    expectClose(chosen.costPerMillionInferencesUsd, (chosen.monthlyCostUsd / (volume * daysPerMonth)) * 1e6);
    // The work runs in the forecast's chosen hours: operational carbon at their mean intensity, PUE inside E once.
    expect(chosen.gridIntensityGCo2ePerKwh).toBe(schedule.chosenMeanGCo2ePerKwh);
    expectClose(chosen.gCo2ePerInference, (chosen.energyPerInferenceJ * schedule.chosenMeanGCo2ePerKwh) / 3.6e6);
    expect(schedule.chosenGCo2ePerDay!).toBeCloseTo((volume * chosen.energyPerInferenceJ * schedule.chosenMeanGCo2ePerKwh) / 3.6e6, 1);
    expectClose(chosen.monthlyKgCo2e, (chosen.sciGCo2ePerInference * volume * daysPerMonth) / 1000);
    expect(result.assumptions.some((line) => line.startsWith("batch costing:"))).toBe(true);
  });

  it("ranks batch candidates on the hours they run: a faster type beats one cheaper per hour but slower", () => {
    const catalog = buildCatalog({
      regions: [{ provider: "aws", code: "eu-north-1", country: "SE", gCo2ePerKwh: 36 }],
      types: [
        { provider: "aws", instanceType: "c5.large", vcpus: 2, memoryGb: 4, fp32Gflops: 60 },
        { provider: "aws", instanceType: "c6i.8xlarge", vcpus: 32, memoryGb: 64, fp32Gflops: 2400 },
      ],
      offers: [
        { provider: "aws", instanceType: "c5.large", region: "eu-north-1", usdPerHour: 0.1 },
        { provider: "aws", instanceType: "c6i.8xlarge", region: "eu-north-1", usdPerHour: 1.2 },
      ],
    });
    const spec = baseSpec({ traffic: { batch: { inferencesPerDay: 1_000_000 } }, slo: undefined, objective: "cost", options: { precisions: ["fp32"] } });
    const result = plan(spec, { catalog, profiles: [cnnProfile()], now: fixedNow });
    // Always on, the slow type would cost less (a few instances × $0.1 × 730 h against one × $1.2 × 730 h).
    expect(result.chosen.instanceType).toBe("c6i.8xlarge");
    const slow = result.alternatives.find((candidate) => candidate.instanceType === "c5.large")!;
    expect(slow.usdPerHour).toBeLessThan(result.chosen.usdPerHour);
    expect(result.chosen.monthlyCostUsd).toBeLessThan(slow.monthlyCostUsd);
    for (const candidate of [result.chosen, slow]) expect(instanceHoursPerDay(candidate)).toBeCloseTo(Math.round(instanceHoursPerDay(candidate)), 3);
  });

  it("the baseline of a batch spec is costed the same way, sized or fixed", () => {
    const spec = baseSpec({ traffic: { batch: { inferencesPerDay: 2_000_000, window: { start: "22:00", end: "06:00", timeZone: "UTC" } } }, slo: undefined });
    const sized = plan(spec, { catalog: smallCatalog(), profiles: [cnnProfile()], now: fixedNow }).baseline;
    const fixed = plan({ ...spec, baseline: { provider: "aws", region: "us-east-1", instanceType: "c5.xlarge", instances: 3 } }, { catalog: smallCatalog(), profiles: [cnnProfile()], now: fixedNow }).baseline;
    for (const baseline of [sized, fixed]) {
      const hours = instanceHoursPerDay(baseline);
      expect(hours).toBeCloseTo(Math.round(hours), 3);
      expect(Math.round(hours)).toBeLessThanOrEqual(baseline.instances.max * 24);
      expect(baseline.monthlyCostUsd).toBeLessThan(baseline.instances.max * baseline.usdPerHour * 730);
    }
    expect(fixed.instances).toEqual({ min: 3, desired: 3, max: 3 });
    expect(Math.round(instanceHoursPerDay(fixed)) % 3).toBe(0);
  });

  it("property: doubling the window (same volume) never raises the chosen plan's monthly cost", () => {
    const profiles = [cnnProfileWithBatches([1, 8])];
    const costFor = (volume: number, hours: number) =>
      plan(
        baseSpec({
          traffic: { batch: { inferencesPerDay: volume, window: { start: "00:00", end: `${String(hours % 24).padStart(2, "0")}:00`, timeZone: "UTC" } } },
          slo: undefined,
          objective: "cost",
        }),
        { catalog: smallCatalog(), profiles, now: fixedNow },
      ).chosen.monthlyCostUsd;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.double({ min: 1e4, max: 5e8, noNaN: true }), (hours, volume) => {
        expect(costFor(volume, 2 * hours)).toBeLessThanOrEqual(costFor(volume, hours));
      }),
      { numRuns: 15 },
    );
  });

  it("live traffic is costed as before: an always-on fleet, desired instances × price × 730 h", () => {
    const result = plan(baseSpec(), { catalog: smallCatalog(), profiles: [cnnProfile()], now: fixedNow });
    expect(result.schedule).toBeUndefined();
    for (const candidate of [result.chosen, result.baseline, ...result.alternatives]) {
      expectClose(candidate.monthlyCostUsd, candidate.instances.desired * candidate.usdPerHour * 730);
    }
    expect(result.assumptions.some((line) => line.startsWith("batch costing:"))).toBe(false);
  });
});
