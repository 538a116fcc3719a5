// The Markdown and HTML reports and the terminal summary write the same number the same way: all take their rules
// from src/format.
import { describe, expect, it } from "vitest";
import { formatGrams, formatSignedPercent, formatSignedUsd, formatSignedValue, formatUsd, formatValue } from "../../src/format/numbers.ts";
import { formatTable } from "../../src/format/table.ts";
import { renderHtml } from "../../src/report/html/index.ts";
import { renderMarkdown } from "../../src/report/markdown/index.ts";
import { fixtureRegions } from "./html/fixture.ts";
import { formatPlanSummary } from "../../src/report/format-summary.ts";
import { headPlan } from "./helpers.ts";

describe("the Markdown and HTML reports and the terminal summary", () => {
  const plan = headPlan();
  const markdown = renderMarkdown(plan);
  const html = renderHtml(plan, { regions: fixtureRegions });
  const summary = formatPlanSummary(plan, formatTable);

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
      expect(summary).toContain(inMarkdown);
    }
  });

  it("the summary states the chosen's figures and the change from the baseline as the Markdown report does", () => {
    const carbon = formatValue(plan.chosen.monthlyKgCo2e, "kgCO2e");
    const carbonSaved = formatSignedValue(-plan.savings.monthlyKgCo2e.absolute, "kgCO2e");
    const sciDetail = "operational 5.87 µgCO2e + embodied 65.2 µgCO2e; range 56.9–92.4 µgCO2e";
    expect([carbon, carbonSaved]).toEqual(["22.4 kgCO2e", "−45 kgCO2e"]);
    expect(markdown).toContain(`| Monthly carbon | 67.4 kgCO2e | ${carbon} | ${carbonSaved} (−67 %), better |`);
    expect(summary).toContain(`  monthly               $636, ${carbon} (estimate: roofline)`);
    expect(summary).toContain(`Savings vs baseline: carbon ${carbonSaved}/month (−67 %), per inference −67 %; cost −$481/month (−43 %)`);
    expect(markdown).toContain(`| Carbon per inference (SCI) | 71.1 µgCO2e | ${sciDetail} |`);
    expect(summary).toContain(`  gCO2e per inference   71.1 µgCO2e (${sciDetail})`);
    expect(markdown).toContain("| PUE | 1.135 |");
    expect(summary).toContain("  PUE                   1.135\n");
  });
});

describe("PUE, grid intensity and the hourly price in the Markdown and HTML reports", () => {
  // A grid intensity below 100 with a fraction is where two and three significant digits part (36 or 36.4).
  const base = headPlan();
  const plan = { ...base, chosen: { ...base.chosen, pue: 1.135, gridIntensityGCo2ePerKwh: 36.42, usdPerHour: 0.2904 } };
  const markdown = renderMarkdown(plan);
  const html = renderHtml(plan, { regions: fixtureRegions });

  it("write each with the same rule", () => {
    expect(markdown).toContain("| PUE | 1.135 |");
    expect(html).toContain(`data-figure="pue"><div class="label">PUE</div><div class="value">1.135</div>`);
    expect(markdown).toContain("| Grid intensity | 36.4 gCO2e/kWh |");
    expect(html).toContain(`data-figure="grid-intensity"><div class="label">Grid intensity</div><div class="value">36.4<span class="unit">gCO₂e/kWh</span>`);
    expect(markdown).toContain("on-demand $0.2904/h each");
    expect(html).toContain("$0.2904/h on-demand");
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
