// Planning with an hourly source: what gets fetched (the chosen region only), and how the series is used.
import { describe, expect, it } from "vitest";
import type { Region } from "../../src/domain/catalog.ts";
import type { IntensityMetadata, IntensitySeries } from "../../src/domain/intensity.ts";
import type { IntensitySource } from "../../src/intensity/types.ts";
import { planWithIntensitySource } from "../../src/load/plan-with-intensity-source.ts";
import { plan } from "../../src/plan/index.ts";
import { trafficWeightedIntensity } from "../../src/plan/traffic-weighted-intensity.ts";
import { parseSpecData } from "../../src/plan/spec/parse-spec.ts";
import { baseSpec, cnnProfile, fixedNow, smallCatalog } from "../plan/helpers.ts";

/** A source answering a fixed day shape (10 g before noon UTC, 30 g after) and recording what it was asked. */
class FakeSource implements IntensitySource {
  readonly name = "electricitymaps" as const;
  readonly asked: string[] = [];
  constructor(private readonly overrides: Partial<IntensityMetadata> = {}) {}
  async latest(region: Region): Promise<IntensitySeries> {
    return this.forecast(region, 1);
  }
  async history(region: Region, hours: number): Promise<IntensitySeries> {
    return this.forecast(region, hours);
  }
  async forecast(region: Region, hours: number): Promise<IntensitySeries> {
    this.asked.push(`${region.provider}/${region.code}`);
    return {
      region: { provider: region.provider, code: region.code, timeZone: region.timeZone },
      points: Array.from({ length: hours }, (_, index) => ({ startsAt: new Date(Date.UTC(2026, 0, 1, index)).toISOString(), gCo2ePerKwh: index % 24 < 12 ? 10 : 30 })),
      metadata: {
        source: "electricitymaps",
        requestedSource: "electricitymaps",
        signal: "average",
        basis: "lifecycle",
        zone: "EM:TEST",
        fetchedAt: "2026-01-01T00:01:00.000Z",
        origin: "live",
        description: "Electricity Maps forecast (test)",
        warnings: [],
        ...this.overrides,
      },
    };
  }
}

const inputs = () => ({ catalog: smallCatalog(), profiles: [cnnProfile()], now: fixedNow });
const morningHeavy = Array.from({ length: 24 }, (_, hour) => (hour < 12 ? 3 : 1));

describe("traffic-weighted intensity", () => {
  it("weights each hour by the traffic in that UTC hour; uniform without a shape", () => {
    const points = [
      { startsAt: "2026-01-01T06:00:00Z", gCo2ePerKwh: 10 },
      { startsAt: "2026-01-01T18:00:00Z", gCo2ePerKwh: 30 },
    ];
    expect(trafficWeightedIntensity(points, morningHeavy)).toBe(15);
    expect(trafficWeightedIntensity(points)).toBe(20);
  });
});

describe("planWithIntensitySource", () => {
  it("batch work: fetches the chosen region's forecast only, and schedules on it", async () => {
    const source = new FakeSource();
    const spec = parseSpecData(baseSpec({ traffic: { batch: { inferencesPerDay: 300_000 } }, slo: undefined }));
    const catalogPlan = plan(spec, inputs());
    const result = await planWithIntensitySource(spec, inputs(), source);
    expect(source.asked).toEqual([`${catalogPlan.chosen.provider}/${catalogPlan.chosen.region}`]);
    expect(result.chosen.key).toBe(catalogPlan.chosen.key);
    expect(result.schedule).toMatchObject({ source: "electricitymaps", signal: "average", basis: "lifecycle" });
    expect(result.schedule!.hours.filter((hour) => hour.chosenLoad > 0).every((hour) => hour.gCo2ePerKwh === 10)).toBe(true);
    expect(result.intensity.hourly).toMatchObject({ source: "electricitymaps", fetchedAt: "2026-01-01T00:01:00.000Z" });
    expect(result.assumptions.some((line) => line.includes("fetched for the chosen region only"))).toBe(true);
  });

  it("live traffic with an hourly shape: the chosen region's figure becomes the traffic-weighted forecast", async () => {
    const source = new FakeSource();
    const spec = parseSpecData(baseSpec({ traffic: { meanRps: 120, hourly: morningHeavy } }));
    const result = await planWithIntensitySource(spec, inputs(), source);
    expect(source.asked).toContain(`${result.chosen.provider}/${result.chosen.region}`);
    expect(result.chosen.gridIntensityGCo2ePerKwh).toBe(15);
    expect(result.chosen.gridIntensity.source).toBe("electricitymaps");
    expect(result.intensity).toMatchObject({ source: "electricitymaps", fetchedAt: "2026-01-01T00:01:00.000Z", signal: "average" });
    expect(result.assumptions.some((line) => line.includes("weighted by the traffic's hourly shape"))).toBe(true);
  });

  it("a marginal signal does not replace average figures, and says so", async () => {
    const spec = parseSpecData(baseSpec({ traffic: { meanRps: 120, hourly: morningHeavy } }));
    const catalogPlan = plan(spec, inputs());
    const result = await planWithIntensitySource(spec, inputs(), new FakeSource({ signal: "marginal", basis: "marginal", source: "watttime" as never }));
    expect(result.chosen.gridIntensityGCo2ePerKwh).toBe(catalogPlan.chosen.gridIntensityGCo2ePerKwh);
    expect(result.intensity.source).toBe("catalog");
    expect(result.intensity.signal).toBe("marginal");
    expect(result.assumptions.some((line) => line.includes("not comparable with the catalog's average figures"))).toBe(true);
  });

  it("a source that fell back to the catalog puts its warning into the plan", async () => {
    const warning = "Electricity Maps is unavailable for x: HTTP 500; using the catalog's annual figure instead";
    const spec = parseSpecData(baseSpec({ traffic: { batch: { inferencesPerDay: 300_000 } }, slo: undefined }));
    const result = await planWithIntensitySource(spec, inputs(), new FakeSource({ source: "catalog", origin: "annual-figure", warnings: [warning] }));
    expect(result.warnings.some((line) => line.endsWith(warning))).toBe(true);
    expect(result.intensity.hourly).toMatchObject({ source: "catalog", requestedSource: "electricitymaps" });
  });
});
