// The Markdown and HTML reports write the same number the same way: both take their rules from src/format.
import { describe, expect, it } from "vitest";
import { formatGrams, formatSignedPercent, formatSignedUsd, formatUsd } from "../../src/format/numbers.ts";
import { renderHtml } from "../../src/report/html/index.ts";
import { renderMarkdown } from "../../src/report/markdown/index.ts";
import { fixtureRegions } from "./html/fixture.ts";
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
