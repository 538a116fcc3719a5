// Batch work in time: the schedule the planner puts into the plan, from a flat catalog profile or a fetched series.
import { describe, expect, it } from "vitest";
import type { IntensityMetadata, IntensityPoint } from "../../src/domain/intensity.ts";
import { WattplanError } from "../../src/errors.ts";
import { plan } from "../../src/plan/index.ts";
import { planSchema } from "../../src/domain/plan.ts";
import { baseSpec, cnnProfile, fixedNow, smallCatalog } from "./helpers.ts";

const batchSpec = (window = { start: "00:00", end: "00:00", timeZone: "UTC" }, inferencesPerDay = 2_000_000) =>
  baseSpec({ traffic: { batch: { inferencesPerDay, window } }, slo: undefined });

function metadata(overrides: Partial<IntensityMetadata> = {}): IntensityMetadata {
  return {
    source: "electricitymaps",
    requestedSource: "electricitymaps",
    signal: "average",
    basis: "lifecycle",
    zone: "EM:TEST",
    fetchedAt: "2026-01-01T00:05:00.000Z",
    origin: "live",
    description: "test forecast",
    warnings: [],
    ...overrides,
  };
}

/** 48 hours from 2026-01-01T00:00Z at 400 g, except 12:00–16:00 UTC each day at 100 g. */
function dippedForecast(): IntensityPoint[] {
  return Array.from({ length: 48 }, (_, index) => ({
    startsAt: new Date(Date.UTC(2026, 0, 1, index)).toISOString(),
    gCo2ePerKwh: index % 24 >= 12 && index % 24 < 16 ? 100 : 400,
  }));
}

describe("batch schedule in the plan", () => {
  it("with the catalog only: a flat profile, the first hours of the window, 0 % saving said plainly", () => {
    const result = plan(batchSpec({ start: "22:00", end: "06:00", timeZone: "UTC" }), { catalog: smallCatalog(), profiles: [cnnProfile()], now: fixedNow });
    const schedule = result.schedule!;
    expect(planSchema.safeParse(result).success).toBe(true);
    expect(schedule.source).toBe("catalog");
    expect(schedule.expectedSavingPercent).toBe(0);
    expect(schedule.savedGCo2ePerDay).toBe(0);
    expect(schedule.hours.every((hour) => hour.gCo2ePerKwh === result.chosen.gridIntensityGCo2ePerKwh)).toBe(true);
    // Same intensity everywhere: the schedule is the run-at-once one.
    expect(schedule.hoursOfDay).toEqual(schedule.immediateHoursOfDay);
    expect(schedule.activeInstances).toBe(result.chosen.instances.max);
    expect(schedule.idleInstances).toBe(0);
    expect(result.intensity.hourly).toMatchObject({ source: "catalog", origin: "annual-figure" });
    expect(result.warnings.some((warning) => warning.includes("flat profile") && warning.includes("expected saving is 0 %"))).toBe(true);
  });

  it("counts the grams per day from the chosen candidate's facility energy, with PUE applied once", () => {
    const inferencesPerDay = 2_000_000;
    const result = plan(batchSpec({ start: "22:00", end: "06:00", timeZone: "UTC" }, inferencesPerDay), { catalog: smallCatalog(), profiles: [cnnProfile()], now: fixedNow });
    const { chosen } = result;
    expect(chosen.pue).toBeGreaterThan(1);
    // energyPerInferenceJ already includes PUE: operational g per inference = E × I, so a day = volume × E × I.
    expect(chosen.gCo2ePerInference).toBeCloseTo((chosen.energyPerInferenceJ * chosen.gridIntensityGCo2ePerKwh) / 3.6e6, 12);
    const expectedGramsPerDay = (inferencesPerDay * chosen.energyPerInferenceJ * chosen.gridIntensityGCo2ePerKwh) / 3.6e6;
    expect(result.schedule!.chosenGCo2ePerDay).toBeCloseTo(expectedGramsPerDay, 2);
    expect(result.schedule!.immediateGCo2ePerDay).toBeCloseTo(expectedGramsPerDay, 2);
  });

  it("live traffic gets no schedule", () => {
    expect(plan(baseSpec(), { catalog: smallCatalog(), profiles: [cnnProfile()], now: fixedNow }).schedule).toBeUndefined();
  });

  it("with a forecast for the chosen region: the cleanest hours, in the region's time zone, and the saving in % and grams", () => {
    // A volume one instance does in under four hours, so the whole schedule fits in the dip.
    const spec = batchSpec(undefined, 300_000);
    const first = plan(spec, { catalog: smallCatalog(), profiles: [cnnProfile()], now: fixedNow });
    const key = `${first.chosen.provider}/${first.chosen.region}`;
    const timeZone = smallCatalog().regions.find((region) => `${region.provider}/${region.code}` === key)!.timeZone;
    const result = plan(spec, {
      catalog: smallCatalog(),
      profiles: [cnnProfile()],
      now: fixedNow,
      intensity: { source: "catalog", hourly: { [key]: { points: dippedForecast(), metadata: metadata({ warnings: ["served from a test"] }) } } },
    });
    const schedule = result.schedule!;
    expect(result.chosen.key).toBe(first.chosen.key);
    expect(schedule.timeZone).toBe(timeZone);
    const hoursNeeded = Math.ceil(schedule.hoursNeeded);
    expect(hoursNeeded).toBeLessThanOrEqual(4);
    // The dip is 12:00–16:00 UTC; the schedule speaks the region's clock.
    const dipHours = [12, 13, 14, 15].map((hour) => new Date(Date.UTC(2026, 0, 1, hour)).toLocaleString("en-GB", { timeZone, hour: "numeric", hourCycle: "h23" })).map(Number);
    expect(schedule.hoursOfDay.every((hour) => dipHours.includes(hour))).toBe(true);
    expect(schedule.hoursOfDay).toHaveLength(hoursNeeded);
    expect(schedule.expectedSavingPercent).toBe(75);
    expect(schedule.savedGCo2ePerDay).toBeGreaterThan(0);
    expect(schedule.forecastDate).toMatch(/^2026-01-0[12]$/);
    expect(result.intensity).toMatchObject({ signal: "average", hourly: { source: "electricitymaps", fetchedAt: "2026-01-01T00:05:00.000Z", regions: [key] } });
    expect(result.warnings).toContain(`grid intensity (${key}): served from a test`);
    // The ranking stays on the catalog's yearly figures (same choice); the chosen candidate's operational carbon is
    // at the chosen hours' mean intensity, since that is when the work runs.
    expect(result.chosen.gridIntensityGCo2ePerKwh).toBe(schedule.chosenMeanGCo2ePerKwh);
    const expectedGrams = (result.chosen.energyPerInferenceJ * schedule.chosenMeanGCo2ePerKwh) / 3.6e6;
    expect(Math.abs(result.chosen.gCo2ePerInference - expectedGrams) / expectedGrams).toBeLessThan(1e-5);
    expect(result.chosen.energyPerInferenceJ).toBe(first.chosen.energyPerInferenceJ);
    expect(result.chosen.monthlyCostUsd).toBe(first.chosen.monthlyCostUsd);
  });

  it("sizes the fleet for the window's whole hours, so a window with a part hour still fits the day's volume", () => {
    // 22:30–00:15 holds one whole hour (23:00): the fleet is sized for that hour, not for 1.75 h it cannot use.
    const spec = baseSpec({ traffic: { batch: { inferencesPerDay: 50_000_000, window: { start: "22:30", end: "00:15", timeZone: "UTC" } } }, slo: undefined, options: { targetUtilization: 0.95 } });
    const result = plan(spec, { catalog: smallCatalog(), profiles: [cnnProfile()], now: fixedNow });
    const schedule = result.schedule!;
    expect(schedule.window.hoursOfDay).toEqual([23]);
    expect(schedule.hoursNeeded).toBeLessThanOrEqual(1);
    expect(schedule.hoursOfDay).toEqual([23]);
    expect(schedule.activeInstances).toBe(result.chosen.instances.max);
  });

  it("a window with no whole hour is a one-line error", () => {
    const spec = baseSpec({ traffic: { batch: { inferencesPerDay: 1000, window: { start: "22:30", end: "23:15", timeZone: "UTC" } } }, slo: undefined });
    let error: unknown;
    try {
      plan(spec, { catalog: smallCatalog(), profiles: [cnnProfile()], now: fixedNow });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(WattplanError);
    expect((error as WattplanError).message).toMatch(/holds no whole hour/);
    expect((error as WattplanError).message).not.toContain("\n");
  });
});
