import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findInstanceType, findRegion, offersForType } from "../../src/catalog/queries.ts";
import { EU_MEMBER_STATES } from "../../src/plan/region-filter.ts";
import { greenerAlternative, regionAllowance } from "../../src/stack-estimate/greener.ts";
import { monthlyFigures, sustainedUtilization } from "../../src/stack-estimate/monthly-figures.ts";
import { sharedCatalog } from "./helpers.ts";

const catalog = sharedCatalog();

describe("monthly figures of one placement", () => {
  it("are the facility power over 730 h, its operational carbon at the grid intensity, and the embodied share", () => {
    const instance = findInstanceType(catalog, "c7i.large", "aws");
    const region = findRegion(catalog, "eu-north-1", "aws");
    const figures = monthlyFigures(catalog, instance, region, 3, 0.5, "lifecycle");
    const itWatts = instance.vcpus * (instance.power.cpuMinWattsPerVcpu.value + 0.5 * (instance.power.cpuMaxWattsPerVcpu.value - instance.power.cpuMinWattsPerVcpu.value)) + instance.memoryGb * instance.power.memoryWattsPerGb.value;
    expect(figures.wattsPerInstance).toBeCloseTo(itWatts * figures.pue, 9);
    expect(figures.monthlyEnergyKwh).toBeCloseTo((figures.wattsPerInstance * 730 * 3) / 1000, 9);
    expect(figures.monthlyOperationalKgCo2e).toBeCloseTo((figures.monthlyEnergyKwh * region.intensity.lifecycle.value) / 1000, 9);
    expect(figures.monthlyEmbodiedKgCo2e).toBeCloseTo((instance.embodied.kgCo2e.value * 730 * 3) / instance.embodied.lifespanHours.value, 9);
  });

  it("cap a burstable type at its baseline CPU share and say so", () => {
    const t3 = findInstanceType(catalog, "t3.large", "aws");
    expect(sustainedUtilization(t3, 0.9)).toMatchObject({ utilization: 0.3, note: expect.stringMatching(/baseline 30 %/) });
    expect(sustainedUtilization(t3, 0.2)).toEqual({ utilization: 0.2 });
    const m5 = findInstanceType(catalog, "m5.large", "aws");
    expect(sustainedUtilization(m5, 0.9)).toEqual({ utilization: 0.9 });
  });

  it("leave operational carbon unknown where the region publishes no figure on the chosen basis", () => {
    const region = catalog.regions.find((candidate) => candidate.provider === "aws" && !candidate.intensity.operational)!;
    const figures = monthlyFigures(catalog, findInstanceType(catalog, "c7i.large", "aws"), region, 1, 0.5, "operational");
    expect(figures.monthlyOperationalKgCo2e).toBeNull();
    expect(figures.notes.join(" ")).toMatch(/no operational grid intensity/);
  });
});

describe("greener alternatives", () => {
  const priced = catalog.instanceTypes.filter((type) => !type.planningExclusion || type.family.startsWith("m5"));
  it("are on the same cloud, strictly lower in carbon, and inside --residency EU", () => {
    let checked = 0;
    fc.assert(
      fc.property(fc.constantFrom(...priced), fc.double({ min: 0.05, max: 1, noNaN: true }), fc.boolean(), (instance, utilization, euOnly) => {
        const offer = offersForType(catalog, instance)[0];
        const region = findRegion(catalog, offer.region, instance.provider);
        const current = monthlyFigures(catalog, instance, region, 2, utilization, "lifecycle");
        const options = euOnly ? { utilization, intensityBasis: "lifecycle" as const, regions: { residency: "EU" as const } } : { utilization, intensityBasis: "lifecycle" as const };
        const alternative = greenerAlternative(catalog, { instance, region, count: 2, monthlyKgCo2e: current.monthlyKgCo2e! }, utilization, "lifecycle", regionAllowance(options));
        if (alternative === null) return;
        checked += 1;
        const place = findRegion(catalog, alternative.region, instance.provider);
        expect(alternative.monthlyKgCo2e).toBeLessThan(current.monthlyKgCo2e!);
        expect(alternative.savingKgCo2e).toBeCloseTo(current.monthlyKgCo2e! - alternative.monthlyKgCo2e, 9);
        if (euOnly) expect(EU_MEMBER_STATES.has(place.country)).toBe(true);
      }),
      { seed: 15, numRuns: 120 },
    );
    expect(checked).toBeGreaterThan(40);
  });

  it("moves a us-east-1-only previous generation to its successor of the same size", () => {
    const instance = findInstanceType(catalog, "c5.2xlarge", "aws");
    const region = findRegion(catalog, "us-east-1", "aws");
    const current = monthlyFigures(catalog, instance, region, 1, 0.5, "lifecycle");
    const alternative = greenerAlternative(catalog, { instance, region, count: 1, monthlyKgCo2e: current.monthlyKgCo2e! }, 0.5, "lifecycle", regionAllowance({ utilization: 0.5, intensityBasis: "lifecycle" }));
    expect(alternative).toMatchObject({ instanceType: "c7i.2xlarge", typeNote: expect.stringMatching(/^successor of c5\.2xlarge/) });
  });
});
