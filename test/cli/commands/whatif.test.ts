// `wattplan whatif` on the bundled example, as a user runs it.
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { WhatIfResult } from "../../../src/whatif/types.ts";
import { runCli } from "../run-cli.ts";

describe("whatif on the example", () => {
  it("3 keys × 2 values → 8 plans, a table on stdout and the data with --out", async () => {
    const out = join(await mkdtemp(join(tmpdir(), "wattplan-whatif-")), "whatif.json");
    const result = await runCli([
      "whatif",
      "examples/spec.yaml",
      "--vary",
      "options.precisions=fp32,int8",
      "--vary",
      "constraints.regions.allow=eu-*;europe-*,us-*",
      "--vary",
      "options.cacheHitRate=0,0.5",
      "--out",
      out,
    ]);
    expect(result.code).toBe(0);
    const data = JSON.parse(await readFile(out, "utf8")) as WhatIfResult;
    expect(data.kind).toBe("wattplan.whatif");
    expect(data.cases).toHaveLength(8);
    expect(data.axes.map((axis) => axis.key)).toEqual(["options.precisions", "constraints.regions.allow", "options.cacheHitRate"]);
    expect(data.cases.every((entry) => entry.plan !== null)).toBe(true);
    expect(data.table.filter((row) => row.diff !== null)).toHaveLength(7);
    // the table names every combination
    expect(result.stdout).toContain("variation = options.precisions · constraints.regions.allow · options.cacheHitRate");
    expect(result.stdout).toContain("int8 · us-* · 0.5");
    // carbon per inference in the unit that reads best, never 0.00000284 g
    expect(result.stdout).toMatch(/CO2e\/inference/);
    expect(result.stdout).toMatch(/ \d+(\.\d+)? µgCO2e /);
    expect(result.stdout).not.toMatch(/0\.00000\d/);
    expect(result.stderr).toBe("");
    // a 50 % cache hit rate halves the work the fleet does: less carbon than the same case without it
    expect(data.table[1].monthlyKgCo2e!).toBeLessThan(data.table[0].monthlyKgCo2e!);
  });

  it("documents --profile's default in words in --help, not as an empty list", async () => {
    const help = await runCli(["whatif", "--help"]);
    expect(help.stdout).not.toContain("(default: [])");
    expect(help.stdout.replace(/\s+/g, " ")).toContain("(default: the spec's model.profile)");
  });
});
