import { describe, expect, it } from "vitest";
import type { Plan } from "../../../src/domain/plan.ts";
import { intensityColour } from "../../../src/report/html/intensity-colour.ts";
import { regionLocationsFromCatalog, reportRegions } from "../../../src/report/html/plan-regions.ts";
import { regionBarRows, regionChartExtent } from "../../../src/report/html/region-bar-chart.ts";
import { renderWorldMap } from "../../../src/report/html/world-map.ts";
import { fixtureRegions } from "./fixture.ts";
import { headPlan } from "../helpers.ts";

const plan = headPlan();

describe("carbon per inference by region", () => {
  it("has one row per planned region, lowest carbon first, and the baseline last on its own", () => {
    const rows = regionBarRows(plan);
    const regional = rows.filter((row) => !row.isBaseline);
    expect(new Set(regional.map((row) => `${row.candidate.provider}/${row.candidate.region}`)).size).toBe(regional.length);
    expect(regional.map((row) => row.candidate.sciGCo2ePerInference)).toEqual([...regional.map((row) => row.candidate.sciGCo2ePerInference)].sort((a, b) => a - b));
    expect(rows[rows.length - 1]).toMatchObject({ isBaseline: true, candidate: { key: plan.baseline.key } });
    expect(regional[0]).toMatchObject({ isChosen: true, candidate: { key: plan.chosen.key } });
  });

  it("keeps the best candidate of a region when several share it", () => {
    const worse = { ...plan.chosen, key: "aws/eu-north-1/c7g.4xlarge/fp32/b1", sciGCo2ePerInference: plan.chosen.sciGCo2ePerInference * 3 };
    const rows = regionBarRows({ ...plan, alternatives: [...plan.alternatives, worse] });
    expect(rows.filter((row) => row.candidate.region === "eu-north-1")).toHaveLength(1);
    expect(rows.find((row) => row.candidate.region === "eu-north-1")?.candidate.key).toBe(plan.chosen.key);
  });

  it("breaks the baseline's bar only when it would squash the regions", () => {
    const rows = regionBarRows(plan);
    expect(regionChartExtent(rows).baselineBroken).toBe(false);
    const far: Plan = { ...plan, baseline: { ...plan.baseline, sciGCo2ePerInference: 0.01 } };
    const extent = regionChartExtent(regionBarRows(far));
    expect(extent.baselineBroken).toBe(true);
    expect(extent.scaleMaximumGrams).toBeLessThan(0.01);
  });
});

describe("world map", () => {
  it("puts a dot for every region with coordinates, at its projected place", () => {
    const map = renderWorldMap(plan, fixtureRegions);
    expect(map.placed).toHaveLength(reportRegions(plan).length);
    expect(map.unplaced).toHaveLength(0);
    const stockholm = map.placed.find((dot) => dot.region.key === "aws/eu-north-1");
    const oregon = map.placed.find((dot) => dot.region.key === "aws/us-west-2");
    expect(stockholm && oregon).toBeTruthy();
    expect(stockholm!.x).toBeGreaterThan(oregon!.x);
    expect(stockholm!.y).toBeLessThan(oregon!.y);
    expect((map.svg.match(/data-role="region-dot"/g) ?? []).length).toBe(map.placed.length);
  });

  it("lists regions it has no coordinates for instead of guessing", () => {
    const { "aws/us-east-1": _, ...withoutVirginia } = fixtureRegions;
    const map = renderWorldMap(plan, withoutVirginia);
    expect(map.unplaced.map((region) => region.key)).toEqual(["aws/us-east-1"]);
  });

  it("colours clean grids green and coal-heavy grids brown, the same in every report", () => {
    expect(intensityColour(0)).toBe("#138a5e");
    expect(intensityColour(800)).toBe("#8a2c17");
    expect(intensityColour(5000)).toBe("#8a2c17");
    expect(intensityColour(36)).not.toBe(intensityColour(398));
  });

  it("takes region coordinates from the catalog", () => {
    const catalog = { regions: [{ provider: "aws", code: "eu-north-1", latitude: 59.3, longitude: 18.1 }, { provider: "aws", code: "ap-south-1", latitude: 19, longitude: 72.9 }] };
    const locations = regionLocationsFromCatalog(catalog as never, plan);
    expect(locations).toEqual({ "aws/eu-north-1": { latitude: 59.3, longitude: 18.1 } });
  });
});
