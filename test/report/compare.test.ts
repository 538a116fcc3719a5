import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planDiffSchema, planSummarySchema } from "../../src/domain/diff.ts";
import { compare, compareWithBaseline, verdictOf } from "../../src/report/diff/compare.ts";
import { summarizePlan } from "../../src/report/summary.ts";
import { basePlan, expectGolden, headPlan } from "./helpers.ts";

describe("compare", () => {
  it("matches the golden diff (valid against the PlanDiff schema)", () => {
    const diff = compare(basePlan(), headPlan());
    expect(planDiffSchema.safeParse(diff).success).toBe(true);
    expectGolden("diff.json", `${JSON.stringify(diff, null, 2)}\n`);
  });

  it("matches the golden plan summary (valid against the PlanSummary schema)", () => {
    const summary = summarizePlan(headPlan());
    expect(planSummarySchema.safeParse(summary).success).toBe(true);
    expectGolden("summary.json", `${JSON.stringify(summary, null, 2)}\n`);
  });

  it("gives deltas as head − base with percentages of the base, marked in each metric's own direction", () => {
    const diff = compare(basePlan(), headPlan());
    const byMetric = Object.fromEntries(diff.metrics.map((metric) => [metric.metric, metric]));
    expect(byMetric.monthlyKgCo2e.absolute).toBeCloseTo(22.4 - 77.2, 9);
    expect(byMetric.monthlyKgCo2e.percent).toBeCloseTo(((22.4 - 77.2) / 77.2) * 100, 9);
    expect(byMetric.monthlyKgCo2e.verdict).toBe("better");
    expect(byMetric.monthlyCostUsd.absolute).toBeCloseTo(38, 9);
    expect(byMetric.monthlyCostUsd.verdict).toBe("worse");
    expect(byMetric.latencyP95Ms.verdict).toBe("worse");
    // perf/W went up: higher is better
    expect(byMetric.perfPerWatt.absolute).toBeCloseTo(1.7 - 1.18, 9);
    expect(byMetric.perfPerWatt.verdict).toBe("better");
  });

  it("lists what changed in the deployment and in the spec", () => {
    const diff = compare(basePlan(), headPlan());
    const changed = diff.deployment.filter((field) => field.changed).map((field) => field.field);
    expect(changed).toEqual(["region", "instanceType", "precision", "batchSize", "instances.desired", "instances.max"]);
    expect(diff.deploymentChanged).toBe(true);
    expect(diff.specChanges).toEqual([{ path: "options.precisions", base: '["fp32"]', head: '["fp32","int8"]' }]);
  });

  it("finds nothing changed between a plan and itself", () => {
    const diff = compare(headPlan(), headPlan());
    expect(diff.deploymentChanged).toBe(false);
    expect(diff.metrics.every((metric) => metric.verdict === "same" && metric.absolute === 0 && metric.percent === 0)).toBe(true);
  });

  it("against the plan's own baseline, agrees with the plan's savings (which have the opposite sign)", () => {
    const plan = headPlan();
    const diff = compareWithBaseline(plan);
    const carbon = diff.metrics.find((metric) => metric.metric === "monthlyKgCo2e")!;
    expect(carbon.absolute).toBeCloseTo(-plan.savings.monthlyKgCo2e.absolute, 6);
    expect(carbon.percent!).toBeCloseTo(-plan.savings.monthlyKgCo2e.percent!, 1);
    expect(diff.base.role).toBe("baseline");
  });

  it("gives a null percentage from a zero base, and 0 % between two zeros", () => {
    const base = headPlan();
    const head = headPlan();
    base.chosen.monthlyCostUsd = 0;
    head.chosen.monthlyCostUsd = 10;
    expect(compare(base, head).metrics.find((metric) => metric.metric === "monthlyCostUsd")!.percent).toBeNull();
    head.chosen.monthlyCostUsd = 0;
    expect(compare(base, head).metrics.find((metric) => metric.metric === "monthlyCostUsd")!.percent).toBe(0);
  });

  it("verdicts are antisymmetric: swapping base and head swaps better and worse", () => {
    const positive = fc.double({ min: 1e-9, max: 1e9, noNaN: true });
    fc.assert(
      fc.property(positive, positive, fc.constantFrom<"lower" | "higher">("lower", "higher"), (first, second, direction) => {
        const forward = verdictOf(first, second, direction);
        const backward = verdictOf(second, first, direction);
        const swapped = { better: "worse", worse: "better", same: "same" }[forward];
        expect(backward).toBe(swapped);
        if (second < first * 0.99) expect(forward).toBe(direction === "lower" ? "better" : "worse");
      }),
      { numRuns: 200 },
    );
  });
});
