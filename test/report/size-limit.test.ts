import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Plan } from "../../src/domain/plan.ts";
import { GITHUB_COMMENT_LIMIT, renderMarkdown } from "../../src/report/markdown/index.ts";
import { basePlan, headPlan, variantOf } from "./helpers.ts";

const HEADLINE = "**Monthly carbon −54.8 kgCO2e (−71 %), cost +$38 (+6 %)**";

function padded(alternatives: number, warnings: number, assumptions: number): Plan {
  const plan = headPlan();
  plan.pareto = [plan.chosen, ...Array.from({ length: alternatives }, (_, index) => variantOf(plan.chosen, index))];
  plan.warnings = Array.from({ length: warnings }, (_, index) => `warning ${index}: ${"the figures for this candidate are uncertain; ".repeat(4)}`);
  plan.assumptions = Array.from({ length: assumptions }, (_, index) => `assumption ${index}: ${"something the planner took for granted. ".repeat(3)}`);
  return plan;
}

describe("the GitHub comment size limit", () => {
  it("drops alternatives first and keeps the details when that is enough", () => {
    const plan = padded(800, 0, 0);
    const full = renderMarkdown(plan, { base: basePlan(), alternatives: 800, maxCharacters: Number.MAX_SAFE_INTEGER });
    expect(full.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT);
    const text = renderMarkdown(plan, { base: basePlan(), alternatives: 800 });
    expect(text.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(text).toContain(HEADLINE);
    expect(text).toContain("<details>");
    expect(text).toMatch(/left out \d+ alternative\(s\); the plan JSON has everything/);
    // as many alternatives as fit stay (not all-or-nothing)
    expect(text).toContain("region-0 ·");
  });

  it("then the details, then warnings, but never the marker, the headline or the summary table", () => {
    const plan = padded(800, 3000, 2000);
    const text = renderMarkdown(plan, { base: basePlan(), alternatives: 800 });
    expect(text.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(text.startsWith("<!-- wattplan-report -->\n<!-- wattplan-plan: image-classifier -->")).toBe(true);
    expect(text).toContain(HEADLINE);
    expect(text).toContain("| Monthly carbon | 77.2 kgCO2e | 22.4 kgCO2e |");
    expect(text).not.toContain("<details>");
    expect(text).toContain("the assumptions and data sources");
  });

  it("keeps the headline at any limit a report could reasonably be given", () => {
    fc.assert(
      fc.property(fc.nat(300), fc.nat(400), fc.nat(300), fc.integer({ min: 3_000, max: GITHUB_COMMENT_LIMIT }), (alternatives, warnings, assumptions, limit) => {
        const text = renderMarkdown(padded(alternatives, warnings, assumptions), { base: basePlan(), alternatives, maxCharacters: limit });
        expect(text.length).toBeLessThanOrEqual(limit);
        expect(text).toContain(HEADLINE);
      }),
      { numRuns: 15 },
    );
  });
});
