import { describe, expect, it } from "vitest";
import { renderEstimateHtml } from "../../src/report/stack-estimate/html.ts";
import { renderEstimateMarkdown } from "../../src/report/stack-estimate/markdown.ts";
import { renderEstimateText } from "../../src/report/stack-estimate/text.ts";
import { planNameOfReport } from "../../src/report/markdown/marker.ts";
import { diffEstimates } from "../../src/stack-estimate/diff.ts";
import { failOnBreach, parseFailOn } from "../../src/stack-estimate/fail-on.ts";
import { expectGolden } from "../report/helpers.ts";
import { estimateFile } from "./helpers.ts";

const head = estimateFile("../../examples/pulumi/preview.json");
const base = estimateFile("../../examples/pulumi/preview.base.json");
const diff = diffEstimates(base, head);
// The catalog's content hash changes with any data rebuild; the figures are what the golden files pin.
const stable = (text: string) => text.replace(/sha256-[0-9a-f]{16}/g, "sha256-<catalog>");

describe("estimate reports", () => {
  it("renders the base → head Markdown comment (golden), marked so `comment github` updates it", () => {
    const markdown = renderEstimateMarkdown(head, diff);
    expect(planNameOfReport(markdown)).toBe("estimate-inference-platform-dev");
    expectGolden("estimate.base-head.md", stable(markdown));
  });

  it("renders the terminal text and the HTML page (golden)", () => {
    expectGolden("estimate.head.txt", stable(renderEstimateText(head)));
    // The page's own markup; the shared stylesheet is the plan report's and is pinned there.
    const html = renderEstimateHtml(head, diff);
    expect(html).toContain("<style>");
    expectGolden("estimate.base-head.html", stable(html.slice(html.indexOf("</style>"))));
  });

  it("escapes resource names in Markdown and HTML", () => {
    const hostile = { ...head, resources: head.resources.map((resource, index) => (index === 0 ? { ...resource, name: "<img src=x onerror=alert(1)>|x" } : resource)) };
    expect(renderEstimateMarkdown(hostile)).not.toContain("<img");
    expect(renderEstimateHtml(hostile)).not.toContain("<img");
  });
});

describe("the diff and --fail-on", () => {
  it("diffs per resource: the template change and count, the added group", () => {
    expect(diff.resources.filter((change) => change.change !== "unchanged").map((change) => [change.name, change.change])).toEqual([
      ["web", "changed"],
      ["workers", "added"],
    ]);
    expect(diff.totals.kgCo2e.delta).toBeCloseTo(head.totals.monthlyKgCo2e - base.totals.monthlyKgCo2e, 9);
  });

  it("reads rules and reports the first one crossed", () => {
    expect(parseFailOn("carbon:+10%, cost:+100USD,carbon:500kg")).toMatchObject([
      { metric: "carbon", increase: true, amount: 10, unit: "%" },
      { metric: "cost", increase: true, amount: 100, unit: "USD" },
      { metric: "carbon", increase: false, amount: 500, unit: "kgCO2e" },
    ]);
    expect(() => parseFailOn("carbon:10%")).toThrow(/percentage of nothing/);
    expect(() => parseFailOn("cost:+5kg")).toThrow(/limits cost in kgCO2e/);
    expect(() => parseFailOn("energy:+5%")).toThrow(/cannot read the fail-on rule 'energy:\+5%'/);
    const rise = diff.totals.costUsd.delta;
    expect(failOnBreach(parseFailOn(`cost:+${Math.ceil(rise)}USD`), head, diff)).toBeNull();
    expect(failOnBreach(parseFailOn(`cost:+${Math.floor(rise)}USD`), head, diff)).toMatch(/the monthly cost rose \$/);
    expect(() => failOnBreach(parseFailOn("cost:+1%"), head, undefined)).toThrow(/no base document was given/);
  });
});
