// `wattplan plan` as a user runs it, from another working directory, on a catalog written out as files.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalogFileTexts, catalogMetaFileName } from "../../../src/catalog/files.ts";
import { planSchema } from "../../../src/domain/plan.ts";
import { formatSignedPercent } from "../../../src/format/numbers.ts";
import { fixturesDirectory, smallCatalog } from "../../plan/helpers.ts";
import { repositoryRoot, runCli } from "../run-cli.ts";

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
  for (const file of catalogFileTexts(catalog)) writeFileSync(join(catalogDirectory, file.fileName), file.text);
});
afterAll(() => rmSync(workDirectory, { recursive: true, force: true }));

const wattplan = (args: string[]) => runCli(args, { cwd: workDirectory });

describe("wattplan plan (CLI)", () => {
  it("prints a readable summary on stdout and writes the plan with --out, from another working directory", async () => {
    const out = join(workDirectory, "plans", "plan.json");
    const result = await wattplan(["plan", specPath, "--catalog", catalogDirectory, "--out", out]);
    expect(result.stderr).not.toContain("internal error");
    expect(result.code).toBe(0);
    const plan = planSchema.parse(JSON.parse(readFileSync(out, "utf8")));
    expect(plan.spec.name).toBe("image-classifier");
    for (const expected of ["Chosen:", "gCO2e per inference", "PUE", "FLOPs per query", "grid intensity", "lifecycle", "Savings vs baseline", "Top alternatives"]) {
      expect(result.stdout).toContain(expected);
    }
    expect(result.stdout).toContain(`instances: min ${plan.chosen.instances.min}, desired ${plan.chosen.instances.desired}, max ${plan.chosen.instances.max}`);
    expect(result.stderr).toBe(`plan written to ${out}\n`);
  });

  it("prints only the plan JSON on stdout with --json", async () => {
    const result = await wattplan(["plan", specPath, "--catalog", catalogDirectory, "--json"]);
    expect(result.code).toBe(0);
    expect(planSchema.safeParse(JSON.parse(result.stdout)).success).toBe(true);
    expect(result.stderr).toBe("");
  });

  it("rejects an unknown intensity source with one line and the close match", async () => {
    const result = await wattplan(["plan", specPath, "--catalog", catalogDirectory, "--intensity-source", "electricitymap"]);
    expect(result.code).toBe(1);
    expect(result.stderr.split("\n")[0]).toMatch(/^wattplan: unknown intensity source 'electricitymap'/);
    expect(result.stderr).toContain("electricitymaps");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("plans the batch example on a forecast file: the schedule and its saving in the summary, the plan in the file", async () => {
    const out = join(workDirectory, "batch-plan.json");
    const result = await wattplan(["plan", join(repositoryRoot, "examples", "batch-spec.yaml"), "--intensity-source", `file:${join(repositoryRoot, "examples", "forecast-DE-48h.json")}`, "--out", out]);
    expect(result.code).toBe(0);
    const plan = planSchema.parse(JSON.parse(readFileSync(out, "utf8")));
    expect(plan.schedule?.source).toBe("file");
    expect(plan.schedule?.expectedSavingPercent).toBeGreaterThan(0);
    expect(plan.intensity.hourly).toMatchObject({ source: "file", signal: "average", basis: "lifecycle", zone: "EM:DE" });
    expect(result.stdout).toMatch(/Hourly grid intensity: file \(average signal, lifecycle basis, zone EM:DE, fetched /);
    expect(result.stdout).toMatch(new RegExp(`Batch schedule: [0-9:–, ]+ Europe/Berlin every day .*carbon ${formatSignedPercent(-plan.schedule!.expectedSavingPercent)} vs running at once`));
  });

  it("documents the intensity sources and how a file maps to a region in --help", async () => {
    const result = await wattplan(["plan", "--help"]);
    expect(result.code).toBe(0);
    const help = result.stdout.replace(/\s+/g, " ");
    for (const name of ["catalog", "electricitymaps", "watttime", "uk", "file:PATH"]) expect(help).toContain(name);
    expect(help).toContain("applied to whichever region the plan chooses");
  });

  it("a spec error is one line with the key path and line, exit 1", async () => {
    const badSpec = join(workDirectory, "bad.yaml");
    writeFileSync(badSpec, "name: demo\ntraffic:\n  meanRps: many\n");
    const result = await wattplan(["plan", badSpec, "--catalog", catalogDirectory]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('traffic.meanRps (line 3): expected a number, got "many"');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("a missing spec or profile is a one-line user error", async () => {
    expect((await wattplan(["plan", join(workDirectory, "nope.yaml"), "--catalog", catalogDirectory])).stderr).toContain("spec not found");
    const result = await wattplan(["plan", specPath, "--catalog", catalogDirectory, "--profile", "missing.json"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("model profile not found");
  });

  it("a profile from a later wattplan says so, and what to do, rather than naming a field it does not know", async () => {
    const later = JSON.parse(readFileSync(join(repositoryRoot, "examples", "profile.json"), "utf8"));
    Object.assign(later, { schemaVersion: 99, wattplanVersion: "9.0.0", somethingNew: true });
    const path = join(workDirectory, "later-profile.json");
    writeFileSync(path, JSON.stringify(later));
    const result = await wattplan(["plan", specPath, "--catalog", catalogDirectory, "--profile", path]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/written by wattplan 9\.0\.0 as profile schema 99, newer than this wattplan reads \(up to \d+\)\n {2}hint: upgrade wattplan/);
  });

  describe("a spec with only model.path: shapes and control inputs in the spec or as flags", () => {
    const silero = join(repositoryRoot, "node_modules", "@ricky0123", "vad-web", "dist", "silero_vad_legacy.onnx");
    const specWith = (model: string) => {
      const path = join(workDirectory, `model-${Math.random().toString(36).slice(2)}.yaml`);
      writeFileSync(path, `name: vad\nmodel:\n  path: ${silero}\n${model}traffic: { meanRps: 10 }\noptions: { precisions: [fp32], batching: { maxBatch: 1 } }\n`);
      return path;
    };

    it("names the flag plan itself accepts, and the spec key, when a dimension is unknown", async () => {
      const result = await wattplan(["plan", specWith("  inputs: { sr: 16000 }\n"), "--catalog", catalogDirectory]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^wattplan: .*dimension 1 'sequence' of input 'input'/m);
      expect(result.stderr).toMatch(/\n {2}hint: pass --shape input=\S+ \(in a spec: model\.shapes\)\n$/);
    });

    it("passes the spec's model.shapes and plan's --shape / --input to the bench (a misspelt name reaches its check)", async () => {
      const fromSpec = await wattplan(["plan", specWith("  inputs: { sr: 16000 }\n  shapes: { imput: [512] }\n"), "--catalog", catalogDirectory]);
      expect(fromSpec.code).toBe(1);
      expect(fromSpec.stderr).toMatch(/^wattplan: a shape is given for input 'imput', which the model does not have; did you mean 'input'\?/m);
      const fromFlags = await wattplan(["plan", specWith(""), "--catalog", catalogDirectory, "--input", "sr=16000", "--shape", "imput=512"]);
      expect(fromFlags.code).toBe(1);
      expect(fromFlags.stderr).toMatch(/^wattplan: a shape is given for input 'imput'/m);
      const badValue = await wattplan(["plan", specWith(""), "--catalog", catalogDirectory, "--input", "rate=16000"]);
      expect(badValue.stderr).toMatch(/^wattplan: a value is given for input 'rate'/m);
    });
  });
});
