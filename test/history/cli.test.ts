// plan --record, history, check and report --history as a user runs them (child processes of bin/wattplan.js).
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { TargetSpec } from "../../src/domain/target.ts";
import { readHistory } from "../../src/history/read-history.ts";
import { writeRecord } from "../../src/history/write-record.ts";
import { exampleRecords, recordAt } from "../targets/records.ts";
import { repositoryRoot, wattplan } from "./helpers.ts";

const scratch = mkdtempSync(join(tmpdir(), "wattplan-history-cli-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of the example history, plus records the test adds. */
function exampleCopy(name: string): string {
  const directory = join(scratch, name);
  cpSync(join(repositoryRoot, "examples", "history"), directory, { recursive: true });
  return directory;
}

/** A history of one cost target (30 % less by 2025-04-11, from 100 on 2025-01-01) and the given later figures. */
async function costHistory(name: string, figures: Array<[string, number]>): Promise<string> {
  const directory = join(scratch, name);
  const targets: TargetSpec[] = [{ metric: "monthlyCostUsd", reduceBy: "30%", from: "2025-01-01", by: "2025-04-11" }];
  for (const [createdAt, value] of [["2025-01-01", 100] as [string, number], ...figures]) await writeRecord(directory, recordAt({ createdAt, value, targets }));
  return directory;
}

describe("wattplan plan --record", () => {
  it("two plans recorded at once by two processes: both records kept, each with its commit", async () => {
    const directory = join(scratch, "concurrent");
    const runs = await Promise.all(
      ["2025-08-01", "2025-08-02"].map((now) => wattplan(["plan", "examples/spec.yaml", "--record", directory, "--now", now])),
    );
    for (const run of runs) {
      expect(run.code).toBe(0);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(/recorded in .*concurrent\/2025-08-0[12]T00-00-00\.000Z-[0-9a-f]{12}\.json/);
    }
    const history = await readHistory(directory);
    expect(history.warnings).toEqual([]);
    expect(history.records.map((record) => record.createdAt)).toEqual(["2025-08-01T00:00:00.000Z", "2025-08-02T00:00:00.000Z"]);
    expect(history.records.every((record) => record.dateSource === "given" && record.targets.length === 2)).toBe(true);
    // Inside this repository (when it is one) the commit is recorded; a tarball has none.
    for (const record of history.records) expect(record.gitCommit === null || /^[0-9a-f]{40,64}$/.test(record.gitCommit)).toBe(true);
    // The same plan at the same instant again: left as it was.
    const again = await wattplan(["plan", "examples/spec.yaml", "--record", directory, "--now", "2025-08-01"]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain("already recorded in");
    expect(readdirSync(directory)).toHaveLength(2);
  });

  it("refuses a --now that is no date, before planning", async () => {
    const run = await wattplan(["plan", "examples/spec.yaml", "--record", join(scratch, "never"), "--now", "last tuesday"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("option '--now <date>' argument 'last tuesday' is invalid. expected a date as YYYY-MM-DD or an ISO 8601 date-time");
    expect(() => readdirSync(join(scratch, "never"))).toThrow();
  });
});

describe("wattplan check", () => {
  it("exits 0 on the example history, with one line saying so", async () => {
    const run = await wattplan(["check", "examples/history"]);
    expect(run).toEqual({ code: 0, stdout: "on track: 2 target(s) of image-classifier within 5 % of their trajectories, none up more than 10 % since the previous record\n", stderr: "" });
  });

  it("exits 1 with one line per missed target, and a summary with a hint on stderr", async () => {
    const directory = exampleCopy("missed");
    const latest = exampleRecords().at(-1)!;
    // A month later: carbon per inference up 20 % and the cost above its $140 ceiling, on the same data.
    await writeRecord(directory, {
      ...recordAt({ createdAt: "2025-08-01", targets: latest.targets, basis: "operational" }),
      metrics: { ...latest.metrics, sciGCo2ePerInference: latest.metrics.sciGCo2ePerInference * 1.2, monthlyCostUsd: 150 },
    });
    const run = await wattplan(["check", directory]);
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split("\n");
    const newest = latest.planId.slice(0, 12);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^carbon per inference \\(SCI\\) −30 % by 2025-12-31: \\+0\\.485 µgCO2e \\(\\+20 %\\) from plan ${newest} \\(2025-07-01\\) to plan [0-9a-f]{12} \\(2025-08-01\\), more than the 10 % regression allowed$`));
    expect(lines[1]).toMatch(new RegExp(`^monthly cost at most \\$140: off track: \\$10 above the ceiling; \\+\\$20 \\(\\+15 %\\) from plan ${newest}`));
    expect(run.stderr).toBe(`wattplan: 2 of 2 target(s) missed\n  hint: see the trajectories with: wattplan history ${directory}\n`);
  });

  it("defaults to a tolerance of 5 % of the reduction; --tolerance widens it", async () => {
    // Due 70 on 2025-04-11; 71.8 is 1.8 above: 6 % of the 30 reduction.
    const directory = await costHistory("tolerance", [["2025-04-11", 71.8]]);
    const strict = await wattplan(["check", directory]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toBe("monthly cost −30 % by 2025-04-11: off track: $1.80 above the trajectory (6 % of the reduction; 5 % allowed)\n");
    expect((await wattplan(["check", directory, "--tolerance", "7%"])).code).toBe(0);
  });

  it("defaults to a largest regression of 10 % between the last two records; --max-regression changes it", async () => {
    const directory = await costHistory("regression", [["2025-04-01", 60], ["2025-04-11", 66.6]]);
    const strict = await wattplan(["check", directory]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/^monthly cost −30 % by 2025-04-11: \+\$6\.60 \(\+11 %\) from plan/);
    expect((await wattplan(["check", directory, "--max-regression", "12"])).code).toBe(0);
  });

  it("names a skipped record on stderr and still judges the rest; a missing folder is a one-line user error", async () => {
    const directory = exampleCopy("corrupt");
    writeFileSync(join(directory, "2025-07-15T00-00-00.000Z-0123456789ab.json"), "{ \"kind\": \"wattplan.history-record\", ");
    const run = await wattplan(["check", directory]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`warning: skipped ${join(directory, "2025-07-15T00-00-00.000Z-0123456789ab.json")}: not valid JSON (a corrupt or truncated record)\n`);
    const missing = await wattplan(["check", join(scratch, "nowhere")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.split("\n")[0]).toBe(`wattplan: no history at ${join(scratch, "nowhere")}`);
    const badPercent = await wattplan(["check", directory, "--tolerance", "five"]);
    expect(badPercent.code).toBe(1);
    expect(badPercent.stderr).toContain("expected a percentage such as 5 or 5%");
  });
});

describe("wattplan history", () => {
  it("--json gives the judged history as data; --now judges an earlier date, saying so", async () => {
    const run = await wattplan(["history", "examples/history", "--json", "--now", "2025-04-15"]);
    expect(run.code).toBe(0);
    const data = JSON.parse(run.stdout);
    expect(data).toMatchObject({ kind: "wattplan.history", specName: "image-classifier", nowSource: "given", now: "2025-04-15T00:00:00.000Z", laterRecords: 2 });
    expect(data.records).toHaveLength(3);
    const text = await wattplan(["history", "examples/history", "--now", "2025-04-15"]);
    expect(text.stdout).toContain("Targets judged as of 2025-04-15 (chosen date)");
    expect(text.stdout).toContain("2 later record(s) left out");
  });

  it("writes HTML atomically with --out", async () => {
    const out = join(scratch, "history.html");
    const run = await wattplan(["history", "examples/history", "--format", "html", "--out", out]);
    expect(run).toMatchObject({ code: 0, stdout: "" });
    expect(readFileSync(out, "utf8")).toMatch(/^<!doctype html>/);
  });
});

describe("wattplan report --history", () => {
  it("adds the Targets block to the Markdown report, and refuses it for other formats", async () => {
    const planPath = join(scratch, "plan.json");
    expect((await wattplan(["plan", "examples/spec.yaml", "--now", "2025-08-01", "--out", planPath])).code).toBe(0);
    const run = await wattplan(["report", planPath, "--history", "examples/history"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("#### Targets\n\nAgainst 5 recorded plan(s) in `examples/history`");
    expect(run.stdout).toContain("| monthly cost at most $140 | $140 | $130 | $130 | ±$0 (±0 %) | ✅ stays on track: $9.62 below the ceiling |");
    const html = await wattplan(["report", planPath, "--history", "examples/history", "--format", "html"]);
    expect(html.code).toBe(1);
    expect(html.stderr.split("\n")[0]).toBe("wattplan: --history adds the Targets block to the Markdown report");
  });
});
