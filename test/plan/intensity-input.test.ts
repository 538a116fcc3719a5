import { describe, expect, it } from "vitest";
import { WattplanError } from "../../src/errors.ts";
import { plan } from "../../src/plan/index.ts";
import { baseSpec, cnnProfile, fixedNow, smallCatalog } from "./helpers.ts";

describe("grid intensity from a source other than the catalog", () => {
  it("replaces the figures it has, records the source and fetch time, and can change the choice", () => {
    const catalogPlan = plan(baseSpec(), { catalog: smallCatalog(), profiles: [cnnProfile()], now: fixedNow });
    expect(catalogPlan.intensity).toMatchObject({ source: "catalog", basis: "lifecycle", fetchedAt: null });
    const chosenRegion = `${catalogPlan.chosen.provider}/${catalogPlan.chosen.region}`;
    const live = plan(baseSpec(), {
      catalog: smallCatalog(),
      profiles: [cnnProfile()],
      now: fixedNow,
      intensity: { source: "live-test", fetchedAt: "2026-01-01T00:00:00Z", byRegion: { [chosenRegion]: { gCo2ePerKwh: 900 } } },
    });
    expect(live.intensity).toMatchObject({ source: "live-test", fetchedAt: "2026-01-01T00:00:00Z" });
    expect(`${live.chosen.provider}/${live.chosen.region}`).not.toBe(chosenRegion);
    expect(live.assumptions.some((line) => line.startsWith("grid intensity from live-test fetched 2026-01-01T00:00:00Z"))).toBe(true);
  });

  it("a live source without figures is a user error", () => {
    expect(() => plan(baseSpec(), { catalog: smallCatalog(), profiles: [cnnProfile()], now: fixedNow, intensity: { source: "electricitymaps" } })).toThrow(WattplanError);
  });
});

describe("a basis some regions lack", () => {
  it("ranks them on their lifecycle figure and says so for every candidate the plan shows there", () => {
    const catalog = smallCatalog();
    for (const region of catalog.regions) if (region.code !== "eu-north-1") delete region.intensity.operational;
    const result = plan(baseSpec({ options: { intensityBasis: "operational" } }), { catalog, profiles: [cnnProfile()], now: fixedNow });
    const shown = [result.chosen, result.baseline, ...result.alternatives, ...result.pareto];
    const fallbackLine = (candidate: (typeof shown)[number]) => `${candidate.provider}/${candidate.region} has no operational grid intensity: its lifecycle figure stands in`;
    const onLifecycle = shown.filter((candidate) => candidate.gridIntensity.basis === "lifecycle");
    expect(new Set(onLifecycle.map((candidate) => candidate.region)).size).toBeGreaterThanOrEqual(2);
    for (const candidate of onLifecycle) expect(result.assumptions).toContain(fallbackLine(candidate));
    for (const candidate of shown.filter((entry) => entry.gridIntensity.basis === "operational")) expect(result.assumptions).not.toContain(fallbackLine(candidate));
  });
});
