// The batch schedule and the hourly intensity in the Markdown report and the CLI summary.
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import type { Plan } from "../../src/domain/plan.ts";
import { formatPlanSummary } from "../../src/report/format-summary.ts";
import { renderMarkdown } from "../../src/report/markdown/index.ts";
import { scheduleFor } from "../emit/helpers.ts";

const fixture = new URL("../fixtures/plan.example.json", import.meta.url);

async function batchPlan(): Promise<Plan> {
  const plan = JSON.parse(await readFile(fixture, "utf8")) as Plan;
  return {
    ...plan,
    intensity: {
      ...plan.intensity,
      signal: "average",
      hourly: {
        source: "electricitymaps",
        requestedSource: "electricitymaps",
        signal: "average",
        basis: "lifecycle",
        zone: "EM:SE-SE1",
        fetchedAt: "2026-06-01T12:00:00.000Z",
        origin: "live",
        description: "Electricity Maps forecast for SE-SE1",
        regions: ["aws/eu-north-1"],
        use: "picks the batch schedule's hours for aws/eu-north-1",
      },
    },
    schedule: { ...scheduleFor("Europe/Stockholm"), source: "electricitymaps" },
  };
}

const table = (header: string[], rows: string[][]) => [header, ...rows].map((row) => row.join(" | ")).join("\n");

describe("batch schedule in reports", () => {
  it("the Markdown report shows the hours, the saving, and the hourly source with signal, basis and fetch time", async () => {
    const markdown = renderMarkdown(await batchPlan());
    expect(markdown).toContain("#### Batch schedule");
    expect(markdown).toContain("Runs **23:00–01:00 Europe/Stockholm** every day: 3 instance(s), 0 outside these hours");
    expect(markdown).toContain("carbon −46 % vs running at once (22:00–00:00), 60 gCO2e a day less");
    expect(markdown).toContain("on the forecast for 2026-06-01");
    expect(markdown).toContain("Hourly intensity: electricitymaps (average signal, lifecycle basis, zone EM:SE-SE1, live, fetched 2026-06-01T12:00:00.000Z)");
    expect(markdown).toMatch(/\| 23:00 \| 40 \| runs \| runs \|/);
    expect(markdown).toContain("Hourly: electricitymaps (average signal");
    // The section sits between the chosen deployment and the alternatives.
    expect(markdown.indexOf("#### Batch schedule")).toBeGreaterThan(markdown.indexOf("#### Chosen deployment"));
  });

  it("the CLI summary says the hourly source and the schedule with its saving", async () => {
    const summary = formatPlanSummary(await batchPlan(), table);
    expect(summary).toContain("Hourly grid intensity: electricitymaps (average signal, lifecycle basis, zone EM:SE-SE1, live, fetched 2026-06-01T12:00:00.000Z): picks the batch schedule's hours");
    expect(summary).toContain("Batch schedule: 23:00–01:00 Europe/Stockholm every day (3 instance(s), 0 outside), from the forecast for 2026-06-01; carbon −46 % vs running at once (22:00–00:00), 60 gCO2e a day less");
  });

  it("a plan without a schedule renders as before", async () => {
    const plan = JSON.parse(await readFile(fixture, "utf8")) as Plan;
    expect(renderMarkdown(plan)).not.toContain("Batch schedule");
    expect(formatPlanSummary(plan, table)).not.toContain("Hourly grid intensity");
  });
});
