// The Markdown and HTML reports write the same number the same way: both take their rules from src/format.
import { describe, expect, it } from "vitest";
import { formatGrams, formatSignedPercent, formatSignedUsd, formatUsd } from "../../src/format/numbers.ts";
import { renderHtml } from "../../src/report/html/index.ts";
import { renderMarkdown } from "../../src/report/markdown/index.ts";
import { fixtureRegions } from "./html/fixture.ts";
import { formatPlanSummary } from "../../src/report/format-summary.ts";
import { headPlan } from "./helpers.ts";

describe("the Markdown and HTML reports", () => {
  const plan = headPlan();
  const markdown = renderMarkdown(plan);
  const html = renderHtml(plan, { regions: fixtureRegions });

  it("show carbon per inference, money and percentages with the same digits", () => {
    const baselineSci = formatGrams(plan.baseline.sciGCo2ePerInference); // "214 µg"
    const carbonChange = formatSignedPercent(-plan.savings.monthlyKgCo2e.percent!); // "−67 %"
    const shown = [
      [baselineSci.replace(" µg", " µgCO2e"), baselineSci],
      [carbonChange, carbonChange],
      [formatSignedUsd(-plan.savings.monthlyCostUsd.absolute), formatSignedUsd(-plan.savings.monthlyCostUsd.absolute)],
      [formatUsd(plan.chosen.monthlyCostUsd), formatUsd(plan.chosen.monthlyCostUsd)],
    ];
    expect(shown.map(([text]) => text)).toEqual(["214 µgCO2e", "−67 %", "−$481", "$636"]);
    for (const [inMarkdown, inHtml] of shown) {
      expect(markdown).toContain(inMarkdown);
      expect(html).toContain(inHtml);
    }
  });
});

describe("FLOPs per query in every report", () => {
  // ResNet-50's conventional count beside a count of every operator (ReLUs, adds, pooling, bias adds).
  const base = headPlan();
  const plan = { ...base, model: { ...base.model, macFlopsPerInference: 8.2164e9, flopsPerInference: 8.25e9 } };

  it("leads with 2 × multiply-accumulates, the convention of MLPerf and model cards, with every operator's count beside it", () => {
    const detail = "2 × multiply-accumulates; every operator: 8.25 GFLOP";
    expect(renderMarkdown(plan)).toContain(`| FLOPs per query | 8.22 GFLOP | ${detail}; model resnet50 |`);
    const html = renderHtml(plan, { regions: fixtureRegions });
    expect(html).toContain(`data-figure="flops-per-query"><div class="label">FLOPs per query</div><div class="value">8.22<span class="unit">GFLOP</span></div><div class="note">${detail} · resnet50`);
    expect(formatPlanSummary(plan, () => "")).toContain(`FLOPs per query       8.22 GFLOP (${detail})`);
  });

  it("shows the one count a plan from before version 3 has", () => {
    expect(renderMarkdown(base)).toContain("| FLOPs per query | 8.2 GFLOP | model resnet50 |");
  });
});
