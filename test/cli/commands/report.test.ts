// `wattplan report` as a user runs it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { planDiffSchema } from "../../../src/domain/diff.ts";
import { renderMarkdown } from "../../../src/report/markdown/index.ts";
import { basePlan, basePlanPath, headPlan, headPlanPath } from "../../report/helpers.ts";
import { runCli } from "../run-cli.ts";

const directory = mkdtempSync(join(tmpdir(), "wattplan-report-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const wattplan = (args: string[]) => runCli(args);

describe("wattplan report", () => {
  it("writes the Markdown diff atomically with --out, and nothing to stdout", async () => {
    const out = join(directory, "report.md");
    const run = await wattplan(["report", headPlanPath, "--base", basePlanPath, "--format", "md", "--out", out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(readFileSync(out, "utf8")).toBe(renderMarkdown(headPlan(), { base: basePlan() }));
  });

  it("prints the diff as validated JSON with --format json", async () => {
    const run = await wattplan(["report", headPlanPath, "--base", basePlanPath, "--format", "json"]);
    expect(run.code).toBe(0);
    const diff = planDiffSchema.parse(JSON.parse(run.stdout));
    expect(diff.head.candidateKey).toBe("aws/eu-north-1/c7g.2xlarge/int8/b8");
  });

  it("names the file and the field of an invalid plan, in one line", async () => {
    const broken = headPlan() as unknown as { chosen: Record<string, unknown> };
    broken.chosen.latencyP95Ms = "fast";
    const path = join(directory, "broken.json");
    writeFileSync(path, JSON.stringify(broken));
    const run = await wattplan(["report", path]);
    expect(run.code).toBe(1);
    expect(run.stderr.split("\n")[0]).toBe(`wattplan: ${path}: chosen.latencyP95Ms: Invalid input: expected number, received string`);
    writeFileSync(path, "{ not json");
    const notJson = await wattplan(["report", "--base", path, headPlanPath]);
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toMatch(new RegExp(`^wattplan: ${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: not valid JSON`));
  });
});
