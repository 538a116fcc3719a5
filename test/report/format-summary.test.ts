// The terminal summary `wattplan plan` prints, as a golden file (UPDATE_GOLDEN=1 rewrites it: review the diff).
import { describe, expect, it } from "vitest";
import { formatTable } from "../../src/format/table.ts";
import { formatPlanSummary } from "../../src/report/format-summary.ts";
import { renderMarkdown } from "../../src/report/markdown/index.ts";
import { expectGolden, headPlan } from "./helpers.ts";

describe("formatPlanSummary", () => {
  it("matches the golden summary of the fixture plan (an alternative that cannot be deployed among them)", () => {
    expectGolden("plan-summary.txt", `${formatPlanSummary(headPlan(), formatTable)}\n`);
  });

  it("names a weighted objective by its weights, rounded as the Markdown report rounds them", () => {
    // Weights given as carbon 2 : cost 1 are stored normalised, with all their binary digits.
    const plan = { ...headPlan(), objective: { kind: "weighted" as const, carbonWeight: 2 / 3, costWeight: 1 / 3 } };
    expect(formatPlanSummary(plan, formatTable).split("\n")[0]).toBe("Plan d3ad5fcfaff4 for image-classifier (resnet50, objective: 0.67 carbon + 0.33 cost)");
    expect(renderMarkdown(plan)).toContain("objective 0.67 carbon + 0.33 cost.");
  });
});
