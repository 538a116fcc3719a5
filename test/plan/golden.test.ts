import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planSchema, type Plan } from "../../src/domain/plan.ts";
import { plan } from "../../src/plan/index.ts";
import { computePlanId } from "../../src/domain/plan-id.ts";
import { baseSpec, cnnProfile, fixedNow, smallCatalog } from "./helpers.ts";

const goldenDirectory = join(import.meta.dirname, "golden");

/** Compares with the committed golden plan; UPDATE_GOLDEN=1 rewrites it (review the diff before committing). */
function expectGolden(name: string, actual: Plan): void {
  const path = join(goldenDirectory, `${name}.json`);
  const text = `${JSON.stringify(actual, null, 2)}\n`;
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(path, text);
  if (!existsSync(path)) throw new Error(`no golden file ${path}: run with UPDATE_GOLDEN=1 to create it`);
  expect(JSON.parse(text)).toEqual(JSON.parse(readFileSync(path, "utf8")));
}

describe("golden plans on the small fixture catalog", () => {
  it("carbon objective, regions unconstrained", () => {
    const result = plan(baseSpec(), { catalog: smallCatalog(), profiles: [cnnProfile()], now: fixedNow });
    expect(planSchema.safeParse(result).success).toBe(true);
    expectGolden("carbon-unconstrained", result);
  });

  it("balanced objective, EU residency, users in Germany and France, on CPUs only", () => {
    const spec = baseSpec({
      objective: "balanced",
      users: [
        { country: "DE", share: 0.7 },
        { country: "FR", share: 0.3 },
      ],
      constraints: { residency: "EU", accelerators: ["none"] },
      options: { precisions: ["fp32", "int8"], batching: { maxBatch: 8, maxQueueDelayMs: 10 } },
    });
    const result = plan(spec, { catalog: smallCatalog(), profiles: [cnnProfile()], now: fixedNow });
    expect(planSchema.safeParse(result).success).toBe(true);
    expect(result.chosen.accelerator).toBeNull();
    expectGolden("balanced-eu-users", result);
  });
});

describe("plan identity", () => {
  it("is deterministic for the same inputs apart from createdAt, and the id is the hash without createdAt", () => {
    const first = plan(baseSpec(), { catalog: smallCatalog(), profiles: [cnnProfile()], now: "2026-01-01T00:00:00.000Z" });
    const second = plan(baseSpec(), { catalog: smallCatalog(), profiles: [cnnProfile()], now: "2026-06-01T12:00:00.000Z" });
    expect(second.createdAt).not.toBe(first.createdAt);
    expect(second.id).toBe(first.id);
    expect({ ...second, createdAt: "" }).toEqual({ ...first, createdAt: "" });
    expect(computePlanId(first as unknown as Record<string, unknown>)).toBe(first.id);
  });

  it("changes id when an input changes", () => {
    const first = plan(baseSpec(), { catalog: smallCatalog(), profiles: [cnnProfile()], now: fixedNow });
    const second = plan(baseSpec({ traffic: { meanRps: 121, peakRps: 400 } }), { catalog: smallCatalog(), profiles: [cnnProfile()], now: fixedNow });
    expect(second.id).not.toBe(first.id);
  });
});

describe("plan content", () => {
  const result = plan(baseSpec(), { catalog: smallCatalog(), profiles: [cnnProfile()], now: fixedNow });

  it("chooses the least monthly carbon among deployable feasible candidates and ranks alternatives after it", () => {
    expect(result.chosen.rank).toBe(1);
    expect(result.alternatives.map((candidate) => candidate.rank)).toEqual(result.alternatives.map((_, index) => index + 2));
    for (const candidate of [...result.alternatives, ...result.pareto]) {
      if (candidate.deployable.deployable) expect(candidate.monthlyKgCo2e).toBeGreaterThanOrEqual(result.chosen.monthlyKgCo2e);
    }
  });

  it("lists as many alternatives as asked, the first of a longer list, one per place, in score order", () => {
    const spec = (alternatives: number) => baseSpec({ options: { alternatives } });
    const few = plan(spec(3), { catalog: smallCatalog(), profiles: [cnnProfile()], now: fixedNow }).alternatives;
    const many = plan(spec(100), { catalog: smallCatalog(), profiles: [cnnProfile()], now: fixedNow }).alternatives;
    // Not vacuous: the fixture has more places than the short list holds.
    expect(many.length).toBeGreaterThan(few.length);
    expect(few).toHaveLength(3);
    expect(few.map((candidate) => candidate.key)).toEqual(many.slice(0, 3).map((candidate) => candidate.key));
    const places = many.map((candidate) => `${candidate.provider}/${candidate.region}/${candidate.instanceType}`);
    expect(new Set(places).size).toBe(places.length);
    for (let index = 1; index < many.length; index++) expect(many[index].score!).toBeGreaterThanOrEqual(many[index - 1].score!);
    expect(plan(spec(0), { catalog: smallCatalog(), profiles: [cnnProfile()], now: fixedNow }).alternatives).toEqual([]);
  });

  it("uses the cheapest AWS us-east-1 FP32 unbatched baseline and positive savings mean the choice is better", () => {
    expect(result.baseline).toMatchObject({ provider: "aws", region: "us-east-1", precision: "fp32", batchSize: 1, rank: null, score: null });
    expect(result.savings.monthlyKgCo2e.absolute).toBeCloseTo(result.baseline.monthlyKgCo2e - result.chosen.monthlyKgCo2e, 3);
    expect(Math.sign(result.savings.monthlyKgCo2e.percent!)).toBe(Math.sign(result.baseline.monthlyKgCo2e - result.chosen.monthlyKgCo2e));
  });

  it("keeps Inferentia in the plan as undeployable with the reason", () => {
    const inferentia = plan(baseSpec({ constraints: { regions: { allow: ["us-east-1"], deny: [] } } }), { catalog: smallCatalog(), profiles: [cnnProfile()], now: fixedNow });
    const listed = [...inferentia.alternatives, ...inferentia.pareto].filter((candidate) => candidate.instanceType === "inf2.xlarge");
    expect(listed.length).toBeGreaterThan(0);
    for (const candidate of listed) expect(candidate.deployable).toEqual({ deployable: false, reason: expect.stringContaining("Inferentia2 runs only models compiled ahead of time for it") });
    expect(inferentia.chosen.deployable.deployable).toBe(true);
  });

  it("carries ranges around every projected figure", () => {
    const ranges = result.chosen.estimate.ranges;
    expect(ranges.latencyP95Ms.low).toBeLessThanOrEqual(result.chosen.latencyP95Ms);
    expect(ranges.latencyP95Ms.high).toBeGreaterThanOrEqual(result.chosen.latencyP95Ms);
    expect(ranges.monthlyKgCo2e.low).toBeLessThanOrEqual(result.chosen.monthlyKgCo2e);
    expect(ranges.monthlyKgCo2e.high).toBeGreaterThanOrEqual(result.chosen.monthlyKgCo2e);
    expect(ranges.monthlyCostUsd.high).toBeGreaterThanOrEqual(result.chosen.monthlyCostUsd);
    expect(result.robustness.scenarios.map((scenario) => scenario.scenario)).toEqual(["all-low", "all-high", "chosen-high"]);
  });
});
