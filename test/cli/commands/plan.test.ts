// `wattplan plan` as a user runs it, from another working directory, on a catalog written out as files.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalogListFiles, catalogMetaFileName } from "../../../src/catalog/files.ts";
import { planSchema } from "../../../src/domain/plan.ts";
import { fixturesDirectory, smallCatalog } from "../../plan/helpers.ts";
import { repositoryRoot, runCliSync } from "../run-cli.ts";

const specPath = join(fixturesDirectory, "spec.cnn.yaml");
let workDirectory: string;
let catalogDirectory: string;

/** The fixture catalog written out as a catalog directory, the way `--catalog DIR` reads it. */
beforeAll(() => {
  workDirectory = mkdtempSync(join(tmpdir(), "wattplan-plan-"));
  catalogDirectory = join(workDirectory, "catalog");
  const catalog = smallCatalog();
  mkdirSync(catalogDirectory, { recursive: true });
  writeFileSync(join(catalogDirectory, catalogMetaFileName), JSON.stringify(catalog.meta));
  for (const file of catalogListFiles) writeFileSync(join(catalogDirectory, file.fileName), JSON.stringify(catalog[file.key]));
});
afterAll(() => rmSync(workDirectory, { recursive: true, force: true }));

const wattplan = (args: string[]) => runCliSync(args, { cwd: workDirectory });

describe("wattplan plan (CLI)", () => {
  it("prints the plan JSON on stdout and a readable summary on stderr, from another working directory", () => {
    const result = wattplan(["plan", specPath, "--catalog", catalogDirectory, "--json"]);
    expect(result.stderr).not.toContain("internal error");
    expect(result.code).toBe(0);
    const plan = planSchema.parse(JSON.parse(result.stdout));
    expect(plan.spec.name).toBe("image-classifier");
    for (const expected of ["Chosen:", "gCO2e per inference", "PUE", "FLOPs per query", "grid intensity", "lifecycle", "Savings vs baseline", "Top alternatives"]) {
      expect(result.stderr).toContain(expected);
    }
    expect(result.stderr).toContain(`instances: min ${plan.chosen.instances.min}, desired ${plan.chosen.instances.desired}, max ${plan.chosen.instances.max}`);
  });

  it("writes the plan atomically with --out", () => {
    const out = join(workDirectory, "plans", "plan.json");
    const result = wattplan(["plan", specPath, "--catalog", catalogDirectory, "--out", out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("");
    expect(planSchema.safeParse(JSON.parse(readFileSync(out, "utf8"))).success).toBe(true);
  });

  it("rejects an unknown intensity source with one line and the close match", () => {
    const result = wattplan(["plan", specPath, "--catalog", catalogDirectory, "--intensity-source", "electricitymap"]);
    expect(result.code).toBe(1);
    expect(result.stderr.split("\n")[0]).toMatch(/^wattplan: unknown intensity source 'electricitymap'/);
    expect(result.stderr).toContain("electricitymaps");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("plans the batch example on a forecast file: the schedule and its saving in the summary, the plan JSON on stdout", () => {
    const result = wattplan(["plan", join(repositoryRoot, "examples", "batch-spec.yaml"), "--intensity-source", `file:${join(repositoryRoot, "examples", "forecast-DE-48h.json")}`, "--json"]);
    expect(result.code).toBe(0);
    const plan = planSchema.parse(JSON.parse(result.stdout));
    expect(plan.schedule?.source).toBe("file");
    expect(plan.schedule?.expectedSavingPercent).toBeGreaterThan(0);
    expect(plan.intensity.hourly).toMatchObject({ source: "file", signal: "average", basis: "lifecycle", zone: "EM:DE" });
    expect(result.stderr).toMatch(/Hourly grid intensity: file \(average signal, lifecycle basis, zone EM:DE, fetched /);
    expect(result.stderr).toMatch(new RegExp(`Batch schedule: [0-9:–, ]+ Europe/Berlin every day .*carbon −${plan.schedule!.expectedSavingPercent.toFixed(1)} % vs running at once`));
  });

  it("documents the intensity sources and how a file maps to a region in --help", () => {
    const result = wattplan(["plan", "--help"]);
    expect(result.code).toBe(0);
    const help = result.stdout.replace(/\s+/g, " ");
    for (const name of ["catalog", "electricitymaps", "watttime", "uk", "file:PATH"]) expect(help).toContain(name);
    expect(help).toContain("applied to whichever region the plan chooses");
  });

  it("a spec error is one line with the key path and line, exit 1", () => {
    const badSpec = join(workDirectory, "bad.yaml");
    writeFileSync(badSpec, "name: demo\ntraffic:\n  meanRps: many\n");
    const result = wattplan(["plan", badSpec, "--catalog", catalogDirectory]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('traffic.meanRps (line 3): expected a number, got "many"');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("a missing spec or profile is a one-line user error", () => {
    expect(wattplan(["plan", join(workDirectory, "nope.yaml"), "--catalog", catalogDirectory]).stderr).toContain("spec not found");
    const result = wattplan(["plan", specPath, "--catalog", catalogDirectory, "--profile", "missing.json"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("model profile not found");
  });
});
