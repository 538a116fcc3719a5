import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../src/report/markdown/index.ts";
import { REPORT_MARKER, planNameOfReport } from "../../src/report/markdown/marker.ts";
import { basePlan, expectGolden, headPlan } from "./helpers.ts";

describe("renderMarkdown", () => {
  it("matches the golden report against the plan's own baseline", () => {
    expectGolden("report.md", renderMarkdown(headPlan()));
  });

  it("matches the golden report against a base plan", () => {
    expectGolden("report-with-base.md", renderMarkdown(headPlan(), { base: basePlan() }));
  });

  it("leads with the markers and a headline of the carbon and cost change against the base", () => {
    const text = renderMarkdown(headPlan(), { base: basePlan() });
    expect(text.startsWith(`${REPORT_MARKER}\n<!-- wattplan-plan: image-classifier -->`)).toBe(true);
    expect(planNameOfReport(text)).toBe("image-classifier");
    // base 77.2 → head 22.4 kgCO2e; $598 → $636
    expect(text).toContain("**Monthly carbon −54.8 kgCO2e (−71 %), cost +$38 (+6 %)**");
    expect(text).toContain("- `options.precisions`: [\"fp32\"] → [\"fp32\",\"int8\"]");
  });

  it("without a base, the headline is the plan's own saving against its baseline", () => {
    const plan = headPlan();
    const text = renderMarkdown(plan);
    // savings in the plan: 45 kgCO2e (66.77 %), $480.9 (43.06 %): the report shows them as reductions
    expect(text).toContain("**Monthly carbon −45 kgCO2e (−67 %), cost −$481 (−43 %)** against the baseline");
  });

  it("carries the four key metrics, the ranges of projected figures and the warnings a reviewer needs", () => {
    const text = renderMarkdown(headPlan());
    expect(text).toMatch(/\| Carbon per inference \(SCI\) \| 71\.1 µgCO2e \|/);
    expect(text).toMatch(/\| PUE \| 1\.135 \|/);
    expect(text).toMatch(/\| FLOPs per query \| 8\.2 GFLOP \|/);
    expect(text).toMatch(/\| Grid intensity \| 36 gCO2e\/kWh \| lifecycle basis, 2024, zone EM:SE-SE3/);
    expect(text).toContain("| Monthly cost | $636 | $572–$795 |");
    expect(text).toContain("stale data: the oldest power coefficients figures are from 2024-08, 27 months before this plan");
    expect(text).not.toContain("oldest prices figures"); // 2025-06 is 17 months before 2026-11: not stale
    expect(text).toContain("projected, not measured");
    expect(text).toContain("1 alternative(s) shown cannot be deployed");
    expect(text).toMatch(/<details>\n<summary>Assumptions and data sources<\/summary>/);
  });

  it("is deterministic and carries no date but the plans' own", () => {
    const first = renderMarkdown(headPlan(), { base: basePlan() });
    expect(renderMarkdown(headPlan(), { base: basePlan() })).toBe(first);
    const dates = [...first.matchAll(/\d{4}-\d{2}-\d{2}T[\d:.]+Z/g)].map((match) => match[0]);
    expect(new Set(dates)).toEqual(new Set(["2026-11-28T18:00:00.000Z", "2026-11-20T09:00:00.000Z", "2026-11-28T17:30:00.000Z"]));
  });

  it("escapes plan text so it cannot break tables or inject HTML", () => {
    const plan = headPlan();
    plan.warnings = ["a | pipe and <script>alert(1)</script>\nsecond line"];
    plan.pareto[0].deployable = { deployable: false, reason: "needs | pipes" };
    const text = renderMarkdown(plan);
    expect(text).toContain("- ⚠️ a | pipe and &lt;script&gt;alert(1)&lt;/script&gt; second line");
    expect(text).toContain("no: needs \\| pipes |");
    expect(text).not.toContain("<script>");
  });

  it("marks a worse metric in bold and an unchanged one as same", () => {
    const plan = headPlan();
    const text = renderMarkdown(plan, { base: plan });
    expect(text).toContain("**Monthly carbon ±0 kgCO2e (±0 %), cost ±$0 (±0 %)**");
    expect(text).toContain("| Deployment | AWS eu-north-1 · c7g.2xlarge · INT8 · batch 8 | AWS eu-north-1 · c7g.2xlarge · INT8 · batch 8 | same |");
    expect(text).not.toContain("Spec changes");
    expect(text).toContain("_No change to the chosen deployment or its figures._");
  });

  it("says a deployment cell changed only when what it shows changed: a fleet resized is the Instances row's change", () => {
    const base = headPlan();
    const head = structuredClone(base);
    head.chosen.instances = { ...head.chosen.instances, desired: head.chosen.instances.desired + 1, max: head.chosen.instances.max + 2 };
    const text = renderMarkdown(head, { base });
    expect(text).toContain("| Deployment | AWS eu-north-1 · c7g.2xlarge · INT8 · batch 8 | AWS eu-north-1 · c7g.2xlarge · INT8 · batch 8 | same |");
    expect(text).toMatch(/\| Instances \(min \/ desired \/ max\) \| [^|]+ \| [^|]+ \| changed \|/);
  });
});
