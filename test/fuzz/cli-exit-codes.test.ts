// The CLI's exit-code mapping on generated command lines: every command with flags and values drawn from good, bad
// and hostile pools, run in-process in a scratch folder. Each run ends with exit 0, or exit 1 and one line (plus at
// most a hint): never exit 2, a stack trace, a hang, a changed input file or a temporary file left behind.
// `bench --on` and `--cleanup` run with no Pulumi CLI on PATH and no cloud credentials: they plan, refuse or stop
// before anything is packed, written or started, so no generated line reaches a network.
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { catalogFileTexts, catalogMetaFileName } from "../../src/catalog/files.ts";
import { computePlanId } from "../../src/domain/plan-id.ts";
import { runCli } from "../cli/run-cli.ts";
import { repositoryRoot } from "../compiled.ts";
import { fixturePlan } from "../infra/helpers.ts";
import { fixturesDirectory, smallCatalog } from "../plan/helpers.ts";
import { FUZZ_SEED } from "./outcome.ts";

/** The scratch folder: inputs the commands read (checked unchanged after every run) and room for their outputs. */
async function scratchFolder(): Promise<string> {
  const folder = mkdtempSync(join(tmpdir(), "wattplan-fuzz-cli-"));
  const catalog = smallCatalog();
  mkdirSync(join(folder, "catalog"));
  writeFileSync(join(folder, "catalog", catalogMetaFileName), JSON.stringify(catalog.meta));
  for (const file of catalogFileTexts(catalog)) writeFileSync(join(folder, "catalog", file.fileName), file.text);
  copyFileSync(join(fixturesDirectory, "spec.cnn.yaml"), join(folder, "spec.yaml"));
  copyFileSync(join(fixturesDirectory, "profile.cnn.json"), join(folder, "profile.cnn.json"));
  // A plan emit can serve: made for the model beside it, each candidate with its artifact, its id from its content.
  const emittable = await fixturePlan();
  const plan = { ...emittable, spec: { ...emittable.spec, model: { ...emittable.spec.model, path: "model.onnx" } } };
  writeFileSync(join(folder, "plan.json"), JSON.stringify({ ...plan, id: computePlanId(plan) }));
  writeFileSync(join(folder, "bad.yaml"), "name: x\ntraffic: { meanRps: lots }\nsloo: 1\n");
  writeFileSync(join(folder, "tampered.json"), readFileSync(join(fixturesDirectory, "plan.example.json"), "utf8").replace('"monthlyCostUsd": 636', '"monthlyCostUsd": -1'));
  writeFileSync(join(folder, "text.onnx"), "not a model\n");
  copyFileSync(join(repositoryRoot, "examples", "model.onnx"), join(folder, "model.onnx"));
  copyFileSync(join(repositoryRoot, "examples", "pulumi", "preview.json"), join(folder, "preview.json"));
  mkdirSync(join(folder, "history"));
  mkdirSync(join(folder, "a-folder"));
  return folder;
}

const inputFiles = ["spec.yaml", "profile.cnn.json", "plan.json", "bad.yaml", "tampered.json", "text.onnx", "model.onnx", "preview.json"];

function fingerprint(folder: string): string {
  return inputFiles.map((name) => createHash("sha256").update(readFileSync(join(folder, name))).digest("hex")).join(",");
}

function leftovers(folder: string): string[] {
  const found: string[] = [];
  const visit = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      if (entry.isDirectory()) visit(join(directory, entry.name));
      else if (entry.name.endsWith(".tmp") || entry.name.endsWith(".lock")) found.push(join(directory, entry.name));
    }
  };
  visit(folder);
  return found;
}

const hostile = fc.constantFrom("", " ", "-", "--", "0", "-1", "1e308", "NaN", "Infinity", "99999999999", "1.5", "__proto__", "toString=1", "a=b=c", "é\u0000x", "%s%n", "../../etc", "*", "eu-*", "x".repeat(300));
const paths = fc.constantFrom("spec.yaml", "bad.yaml", "plan.json", "tampered.json", "profile.cnn.json", "text.onnx", "model.onnx", "preview.json", "missing.json", "a-folder", "history");
const outPaths = fc.constantFrom("out/result.json", "result.md", "a-folder", "text.onnx/inside.json", "deep/er/file.html");
const good = fc.constantFrom("fp32", "int8", "aws", "gcp", "azure", "md", "html", "json", "text", "lifecycle", "operational", "eu-north-1", "europe-west4", "g5.xlarge", "chosen", "2", "5%", "2025-03-01");
const value = fc.oneof({ arbitrary: good, weight: 3 }, { arbitrary: hostile, weight: 1 }, { arbitrary: paths, weight: 1 });
/** Mostly the file a command expects, sometimes any other. */
const mostly = (name: string) => fc.oneof({ arbitrary: fc.constant(name), weight: 4 }, { arbitrary: paths, weight: 1 });

/** Optional flags of a command, each with the values it may get. */
function flags(pool: Record<string, fc.Arbitrary<string> | null>): fc.Arbitrary<string[]> {
  const entries = Object.entries(pool);
  return fc.subarray(entries, { maxLength: Math.min(2, entries.length) }).chain((chosen) =>
    chosen.length === 0 ? fc.constant([]) : fc.tuple(...chosen.map(([flag, values]) => (values === null ? fc.constant([flag]) : values.map((text) => [flag, text])))).map((pairs) => pairs.flat()),
  );
}

const withCatalog = ["--catalog", "catalog"];
const commandLines: fc.Arbitrary<string[]> = fc.oneof(
  fc.tuple(mostly("spec.yaml"), flags({ "--profile": paths, "--shape": value, "--input": value, "--intensity-source": fc.oneof(value, fc.constant("file:missing.csv")), "--json": null, "--out": outPaths, "--now": value })).map(([spec, rest]) => ["plan", spec, ...withCatalog, ...rest]),
  fc.tuple(mostly("plan.json"), flags({ "--base": paths, "--format": value, "--out": outPaths, "--history": paths, "--tolerance": value })).map(([plan, rest]) => ["report", plan, ...rest]),
  fc.tuple(mostly("plan.json"), value, flags({ "--candidate": value, "--config": value, "--force": null, "--json": null, "--model": paths, "--upload-model": null })).map(([plan, stack, rest]) => ["emit", plan, "--stack", stack, "--stacks-dir", "stacks", ...rest]),
  fc.tuple(mostly("spec.yaml"), fc.array(fc.oneof(value, fc.constantFrom("options.precisions=fp32,int8", "traffic.meanRps=10,20", "constraints.regions.allow=eu-*;europe-*")), { minLength: 1, maxLength: 2 }), flags({ "--json": null, "--out": outPaths })).map(([spec, varies, rest]) => [
    "whatif",
    spec,
    ...withCatalog,
    ...varies.flatMap((vary) => ["--vary", vary]),
    ...rest,
  ]),
  fc.tuple(fc.constantFrom("regions", "instances", "show", "info", "summary"), fc.option(value, { nil: undefined }), flags({ "--provider": value, "--accelerator": value, "--region": value, "--sort": value, "--basis": value, "--json": null })).map(([sub, argument, rest]) => [
    "catalog",
    sub,
    ...(sub === "show" ? [argument ?? "g5.xlarge"] : []),
    ...withCatalog,
    ...rest,
  ]),
  fc.tuple(value, flags({ "--source": fc.oneof(value, fc.constant("file:plan.json")), "--hours": value, "--basis": value, "--json": null, "--no-cache": null })).map(([region, rest]) => ["intensity", region, ...withCatalog, "--cache-dir", "cache", ...rest]),
  fc.tuple(fc.constantFrom("history", "check"), paths, flags({ "--spec": value, "--tolerance": value, "--now": value, "--json": null })).map(([command, directory, rest]) => [command, directory, ...rest]),
  fc.tuple(mostly("preview.json"), flags({ "--base": paths, "--format": value, "--utilization": value, "--fail-on": value, "--regions": value, "--residency": value, "--out": outPaths })).map(([file, rest]) => ["estimate", file, ...rest]),
  fc.tuple(fc.constantFrom("text.onnx", "missing.onnx", "spec.yaml"), flags({ "--batch": value, "--threads": value, "--shape": value, "--input": value, "--precision": value })).map(([model, rest]) => ["bench", model, "--budget-seconds", "0.1", ...rest]),
  fc.tuple(
    fc.constantFrom("model.onnx", "text.onnx", "missing.onnx"),
    fc.array(fc.oneof({ arbitrary: fc.constantFrom("aws:c7i.large", "gcp:g2-standard-4", "azure:Standard_D2s_v5", "aws:g6.xlarj", "g6.xlarge", "oracle:x"), weight: 3 }, { arbitrary: value, weight: 1 }), { minLength: 1, maxLength: 2 }),
    flags({
      "--yes": null,
      "--max-usd": fc.oneof(value, fc.constant("100")),
      "--region": value,
      "--out-dir": outPaths,
      "--parallel": value,
      "--profile": paths,
      "--backend": fc.oneof(value, fc.constantFrom("s3://state", "file:///nowhere")),
      "--precision": fc.oneof(value, fc.constant("fp32,int8,fp16")),
      "--execution-provider": fc.constantFrom("cpu", "cuda", "webgpu", "tpu"),
      "--calibration-inputs": paths,
      "--out": outPaths,
    }),
  ).map(([model, targets, rest]) => ["bench", model, ...targets.flatMap((target) => ["--on", target]), "--yes", ...rest]),
  fc.tuple(fc.option(value, { nil: undefined }), flags({ "--backend": fc.oneof(value, fc.constant("s3://state")), "--json": null })).map(([model, rest]) => ["bench", ...(model === undefined ? [] : [model]), "--cleanup", ...rest]),
  fc.tuple(paths, value, flags({ "--timeout": value })).map(([report, pr, rest]) => ["comment", "github", "--repo", "acme/x", "--pr", pr, "--report", report, ...rest]),
  fc.array(value, { maxLength: 4 }),
);

/** No token, key or cloud credential, a GitHub that refuses at once, and a PATH holding node only (no pulumi, no npm). */
function offline(folder: string): Record<string, string | undefined> {
  const credentials = Object.keys(process.env).filter((name) => /^(AWS|AZURE|ARM|GOOGLE|CLOUDSDK|PULUMI)_/.test(name));
  return {
    ...Object.fromEntries(credentials.map((name) => [name, undefined])),
    GITHUB_TOKEN: undefined,
    GITHUB_API_URL: "http://127.0.0.1:9",
    ELECTRICITY_MAPS_API_KEY: undefined,
    WATTTIME_USERNAME: undefined,
    WATTTIME_PASSWORD: undefined,
    PATH: dirname(process.execPath),
    WATTPLAN_HOME: join(folder, "home"),
  };
}

/** The message in one line, and at most one hint line after it (warnings and notes before it are the run's own). */
function isOneLineRefusal(stderr: string): boolean {
  const lines = stderr.trimEnd().split("\n").filter((line) => line.trim() !== "" && !/^(warning|note): /.test(line));
  const message = lines.findIndex((line) => line.startsWith("wattplan: "));
  if (message < 0) return false;
  const rest = lines.slice(message + 1);
  return rest.length <= 1 && rest.every((line) => line.startsWith("  hint: "));
}

describe("the CLI on generated command lines", () => {
  it("ends every run with exit 0, or exit 1 and one line; never 2, a stack, a hang, a changed input or a leftover", { timeout: 300_000 }, async () => {
    const folder = await scratchFolder();
    const before = fingerprint(folder);
    const codes = { 0: 0, 1: 0 };
    let fleetLines = 0;
    let emitsWritten = 0;
    await fc.assert(
      fc.asyncProperty(commandLines, async (argv) => {
        const run = await Promise.race([
          runCli(argv, { cwd: folder, env: offline(folder) }),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within 60 s: wattplan ${argv.join(" ")}`)), 60_000)),
        ]);
        const where = `wattplan ${argv.join(" ")}\n${run.stderr}`;
        expect([0, 1], where).toContain(run.code);
        expect(run.stderr, where).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
        if (run.code === 1) expect(isOneLineRefusal(run.stderr), where).toBe(true);
        expect(fingerprint(folder), where).toBe(before);
        expect(leftovers(folder), where).toEqual([]);
        // The fleet's state (and so any stack) is never prepared without a Pulumi CLI.
        expect(existsSync(join(folder, "home")), where).toBe(false);
        codes[run.code as 0 | 1] += 1;
        if (argv[0] === "bench" && (argv.includes("--on") || argv.includes("--cleanup"))) fleetLines += 1;
        if (argv[0] === "emit" && run.code === 0) emitsWritten += 1;
      }),
      { seed: FUZZ_SEED, numRuns: 150 },
    );
    // Both ends are reached: some generated lines are good commands, most are refused.
    expect(codes[0]).toBeGreaterThan(5);
    expect(codes[1]).toBeGreaterThan(30);
    expect(fleetLines, "bench --on and --cleanup lines generated").toBeGreaterThan(10);
    expect(emitsWritten, "emit lines that wrote a stack and its artifact").toBeGreaterThan(0);
  });
});
