// The bundled example history (examples/history: real plans of the example spec at five variations, illustrative
// dates) rendered in every format, against golden files.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readHistory } from "../../src/history/read-history.ts";
import { planFromFiles } from "../../src/load/plan-from-files.ts";
import { targetsBlockFor } from "../../src/history/plan-targets.ts";
import { renderHistoryHtml } from "../../src/report/history/html.ts";
import { WATTPLAN_VERSION } from "../../src/version.ts";
import { renderHistoryMarkdown } from "../../src/report/history/markdown.ts";
import { renderMarkdown } from "../../src/report/markdown/index.ts";
import { targetsSection } from "../../src/report/markdown/targets.ts";
import { evaluateHistory } from "../../src/targets/evaluate-history.ts";
import { expectGolden, repositoryRoot, wattplan } from "./helpers.ts";

const directory = "examples/history";

async function exampleEvaluation() {
  const history = await readHistory(join(repositoryRoot, directory));
  expect(history.warnings).toEqual([]);
  return evaluateHistory(history.records);
}

describe("wattplan history on the example", () => {
  it("prints the targets and the trend as text on stdout, nothing on stderr", async () => {
    const run = await wattplan(["history", directory]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expectGolden("example-history.txt", run.stdout);
  });

  it("renders Markdown", async () => {
    expectGolden("example-history.md", renderHistoryMarkdown(await exampleEvaluation(), directory));
  });

  it("renders HTML: one chart per target, a point per record, the data refresh marked", async () => {
    const evaluation = await exampleEvaluation();
    const html = renderHistoryHtml(evaluation, directory, WATTPLAN_VERSION);
    expectGolden("example-history.html", html);
    expect(html.match(/data-chart="target"/g)).toHaveLength(evaluation.targets.length);
    expect(html.match(/data-role="history-point"/g)).toHaveLength(evaluation.targets.length * evaluation.records.length);
    // The lifecycle → operational step changes the carbon chart's figures, not the cost chart's.
    expect(html.match(/class="history-point is-refresh[^"]*" data-role="history-point"/g)).toHaveLength(1);
  });

  it("judges the example's targets as the README says: both on track, the basis change flagged", async () => {
    const evaluation = await exampleEvaluation();
    expect(evaluation.targets.map((target) => target.status)).toEqual(["on-track", "on-track"]);
    expect(evaluation.trend.map((step) => step.dataRefresh.length > 0)).toEqual([false, false, false, false, true]);
    expect(evaluation.records.every((record) => record.dateSource === "given")).toBe(true);
  });
});

describe("report --history: the Targets block of the pull-request report", () => {
  it("shows this change's effect on each target and whether the project stays on track", async () => {
    const plan = await planFromFiles(join(repositoryRoot, "examples", "spec.yaml"), { now: "2025-08-01T00:00:00.000Z" });
    const { block, skipped } = await targetsBlockFor(plan, join(repositoryRoot, directory), 5);
    expect(skipped).toEqual([]);
    const section = targetsSection({ ...block, directory }, plan.createdAt);
    expectGolden("report-targets.md", `${section}\n`);
    expect(renderMarkdown(plan, { targets: { ...block, directory } })).toContain(`#### Targets\n\n${section}\n\n`);
  });
});
