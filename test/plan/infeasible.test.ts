import { describe, expect, it } from "vitest";
import { UnknownNameError, WattplanError } from "../../src/errors.ts";
import { plan } from "../../src/plan/index.ts";
import type { WorkloadSpecInput } from "../../src/domain/spec.ts";
import { baseSpec, cnnProfile, fixedNow, smallCatalog } from "./helpers.ts";

function planError(spec: WorkloadSpecInput): WattplanError {
  try {
    plan(spec, { catalog: smallCatalog(), profiles: [cnnProfile()], now: fixedNow });
  } catch (error) {
    expect(error).toBeInstanceOf(WattplanError);
    return error as WattplanError;
  }
  throw new Error("expected planning to fail");
}

describe("when nothing is feasible", () => {
  it("an SLO below the fastest service time is infeasible, and says so", () => {
    const error = planError(baseSpec({ slo: { p95LatencyMs: 0.5 } }));
    expect(error.code).toBe("INFEASIBLE");
    expect(error.message).toMatch(/p95 SLO of 0\.5 ms: it is below the fastest service time of any candidate \(\d+(\.\d)? ms, /);
    expect(error.hint).toMatch(/raise slo\.p95LatencyMs above \d+ ms/);
  });

  it("names the constraint that excludes the most and what relaxing it would give", () => {
    const error = planError(baseSpec({ constraints: { maxMonthlyUsd: 20 } }));
    expect(error.code).toBe("INFEASIBLE");
    expect(error.message).toMatch(/'maxMonthlyUsd' excludes the most \([\d,]+ of [\d,]+ candidates\); raising maxMonthlyUsd to \d+ would give /);
  });

  it("a carbon budget too small is named with the budget that would work", () => {
    const error = planError(baseSpec({ constraints: { maxMonthlyKgCo2e: 0.01 } }));
    expect(error.message).toMatch(/raising maxMonthlyKgCo2e to \d+ would give aws eu-north-1 /);
  });

  it("a place constraint that leaves nothing says relaxing it alone is not enough when the rest fail too", () => {
    const error = planError(baseSpec({ constraints: { countries: ["SE"], maxMonthlyUsd: 1 } }));
    expect(error.code).toBe("INFEASIBLE");
    expect(error.message).toMatch(/excludes the most/);
  });
});

describe("names in constraints", () => {
  it("an unknown region suggests close matches", () => {
    const error = planError(baseSpec({ constraints: { regions: { allow: ["eu-nort-1"], deny: [] } } }));
    expect(error).toBeInstanceOf(UnknownNameError);
    expect(error.message).toBe("constraints.regions.allow: unknown region 'eu-nort-1'; did you mean eu-north-1?");
  });

  it("an allow list whose globs all match nothing is a typo, named with its key", () => {
    const error = planError(baseSpec({ constraints: { regions: { allow: ["eu-nort-*"], deny: [] } } }));
    expect(error).toBeInstanceOf(UnknownNameError);
    expect(error.message).toBe("constraints.regions.allow: unknown region pattern 'eu-nort-*'; did you mean eu-north-1?");
  });

  it("an unknown accelerator suggests close matches", () => {
    const error = planError(baseSpec({ constraints: { accelerators: ["none", "T-4"] } }));
    expect(error).toBeInstanceOf(UnknownNameError);
    expect(error.message).toContain("did you mean T4");
  });

  it("an unknown baseline type or region is named", () => {
    expect(planError(baseSpec({ baseline: { provider: "aws", region: "us-east-1", instanceType: "c5.xlarg" } })).message).toContain("did you mean c5.xlarge");
    expect(planError(baseSpec({ baseline: { provider: "aws", region: "us-east-2", instanceType: "c5.xlarge" } })).message).toContain("unknown aws region 'us-east-2'");
  });

  it("globs that match nothing warn instead of failing", () => {
    const result = plan(baseSpec({ constraints: { regions: { allow: ["eu-*", "mars-*"], deny: [] } } }), { catalog: smallCatalog(), profiles: [cnnProfile()], now: fixedNow });
    expect(result.warnings).toContain("constraints.regions.allow: 'mars-*' matches no region in the catalog");
    expect(result.chosen.region.startsWith("eu-")).toBe(true);
  });

  it("region globs and deny lists restrict the candidates", () => {
    const result = plan(baseSpec({ constraints: { regions: { allow: ["europe-*", "eu-*"], deny: ["eu-north-*"] } } }), {
      catalog: smallCatalog(),
      profiles: [cnnProfile()],
      now: fixedNow,
    });
    for (const candidate of [result.chosen, ...result.alternatives, ...result.pareto]) {
      expect(candidate.region).toMatch(/^(europe-|eu-)/);
      expect(candidate.region).not.toBe("eu-north-1");
    }
  });
});

describe("baseline", () => {
  it("a baseline from the spec with a fixed fleet is priced at that fleet, constraints not applied", () => {
    const result = plan(
      baseSpec({ constraints: { residency: "EU" }, baseline: { provider: "aws", region: "us-east-1", instanceType: "c5.xlarge", instances: 20 } }),
      { catalog: smallCatalog(), profiles: [cnnProfile()], now: fixedNow },
    );
    expect(result.baseline).toMatchObject({ region: "us-east-1", instanceType: "c5.xlarge", instances: { min: 20, desired: 20, max: 20 } });
    expect(result.baseline.monthlyCostUsd).toBeCloseTo(20 * 0.17 * 730, 2);
    expect(result.savings.monthlyCostUsd.percent).toBeGreaterThan(0);
  });

  it("a fixed baseline fleet keeps its figures consistent: energy, carbon and their ranges all describe that fleet", () => {
    const result = plan(baseSpec({ baseline: { provider: "aws", region: "us-east-1", instanceType: "c5.xlarge", instances: 20 } }), {
      catalog: smallCatalog(),
      profiles: [cnnProfile()],
      now: fixedNow,
    });
    const baseline = result.baseline;
    // Operational grams per inference = facility energy × grid intensity, for the fixed fleet as for any other.
    expect((baseline.energyPerInferenceJ * baseline.gridIntensityGCo2ePerKwh) / 3.6e6 / baseline.gCo2ePerInference).toBeCloseTo(1, 4);
    expect(baseline.perfPerWatt * baseline.energyPerInferenceJ).toBeCloseTo(1, 4);
    // 20 instances at a fixed price cost the same at both ends of the projection's range.
    const ranges = baseline.estimate.ranges;
    expect(ranges.monthlyCostUsd.low).toBeCloseTo(baseline.monthlyCostUsd, 6);
    expect(ranges.monthlyCostUsd.high).toBeCloseTo(baseline.monthlyCostUsd, 6);
    for (const [value, range] of [
      [baseline.monthlyKgCo2e, ranges.monthlyKgCo2e],
      [baseline.energyPerInferenceJ, ranges.energyPerInferenceJ],
      [baseline.sciGCo2ePerInference, ranges.sciGCo2ePerInference],
    ] as const) {
      expect(range.low).toBeLessThanOrEqual(value * (1 + 1e-6));
      expect(range.high).toBeGreaterThanOrEqual(value * (1 - 1e-6));
      // A fleet twenty times the sized one: its range cannot reach down to the sized fleet's figures.
      expect(range.low).toBeGreaterThan(value / 2);
    }
  });
});
