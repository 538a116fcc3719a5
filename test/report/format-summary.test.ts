// The terminal summary `wattplan plan` prints, as a golden file (UPDATE_GOLDEN=1 rewrites it: review the diff).
import { describe, it } from "vitest";
import { formatTable } from "../../src/format/table.ts";
import { formatPlanSummary } from "../../src/report/format-summary.ts";
import { expectGolden, headPlan } from "./helpers.ts";

describe("formatPlanSummary", () => {
  it("matches the golden summary of the fixture plan (an alternative that cannot be deployed among them)", () => {
    expectGolden("plan-summary.txt", `${formatPlanSummary(headPlan(), formatTable)}\n`);
  });
});
