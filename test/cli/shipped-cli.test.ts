// The CLI as it ships: bin/wattplan.cjs running the bundle dist/cli/wattplan.cjs (scripts/build-cli-bundle.ts). The
// command tests run the sources in-process; these run one command of each kind through the bundle, where a module's
// location, a package left outside or a lazily loaded command could behave differently.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { packagesOutsideBundle } from "../../scripts/cli-bundle-outside.ts";
import { assertBuilt, repositoryRoot } from "../compiled.ts";
import { runCli, runCliProcess } from "./run-cli.ts";

const scratch = mkdtempSync(join(tmpdir(), "wattplan-shipped-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const manifest = JSON.parse(readFileSync(join(repositoryRoot, "package.json"), "utf8")) as { version: string; dependencies: Record<string, string> };

describe("the shipped CLI (the bundle)", () => {
  it("resolves every package it leaves outside with require(), from where the bundle is", () => {
    const requireFromBundle = createRequire(join(repositoryRoot, "dist", "cli", "wattplan.cjs"));
    const names = packagesOutsideBundle.flatMap((pattern) =>
      pattern.endsWith("/*") ? Object.keys(manifest.dependencies).filter((name) => name.startsWith(pattern.slice(0, -1))) : [pattern],
    );
    expect(names.length).toBeGreaterThan(packagesOutsideBundle.length);
    const unresolved = names.filter((name) => {
      try {
        requireFromBundle.resolve(name);
        return false;
      } catch {
        return true;
      }
    });
    expect(unresolved).toEqual([]);
  });

  it("says how to build it, exit 2, where a checkout has not built dist/ yet", () => {
    const checkout = join(scratch, "unbuilt");
    mkdirSync(join(checkout, "bin"), { recursive: true });
    copyFileSync(join(repositoryRoot, "bin", "wattplan.cjs"), join(checkout, "bin", "wattplan.cjs"));
    const result = spawnSync(process.execPath, [join(checkout, "bin", "wattplan.cjs"), "--version"], { encoding: "utf8" });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("wattplan: the CLI is not built yet\n  hint: run npm run build (npm ci runs it)\n");
  });

  it("started on a Node.js its build's cache does not fit, saves a cache of its own for the next start", () => {
    assertBuilt();
    const installed = join(scratch, "installed");
    for (const file of ["package.json", "bin/wattplan.cjs", "dist/cli/start.cjs", "dist/cli/wattplan.cjs"]) {
      mkdirSync(dirname(join(installed, file)), { recursive: true });
      copyFileSync(join(repositoryRoot, file), join(installed, file));
    }
    const home = join(scratch, "installed-home");
    const version = () => spawnSync(process.execPath, [join(installed, "bin", "wattplan.cjs"), "--version"], { encoding: "utf8", env: { ...process.env, WATTPLAN_HOME: home } });
    expect(version().stdout.trim()).toBe(manifest.version);
    const cache = readFileSync(join(home, "cli.v8cache"));
    expect(cache.subarray(0, cache.indexOf(10)).toString("latin1")).toMatch(new RegExp(`^wattplan-code-cache [0-9a-f]{64} node-${process.version} ${process.arch} data-sha256 [0-9a-f]{64} after \\(options\\)$`));
    expect(version().stdout.trim()).toBe(manifest.version);
    expect(readFileSync(join(home, "cli.v8cache")).equals(cache), "the second start used the cache and had nothing to add").toBe(true);
  });

  it("knows its version and finds its catalog: the same plan as the sources make", async () => {
    const version = await runCliProcess(["--version"]);
    expect(version.stdout.trim()).toBe(manifest.version);
    const shipped = await runCliProcess(["plan", "examples/spec.yaml", "--json", "--now", "2026-01-01T00:00:00Z"]);
    const sources = await runCli(["plan", "examples/spec.yaml", "--json", "--now", "2026-01-01T00:00:00Z"]);
    expect(shipped.code).toBe(0);
    expect(JSON.parse(shipped.stdout).id).toBe(JSON.parse(sources.stdout).id);
  });

  it("renders the HTML report with its map (d3-geo and world-atlas are inside the bundle)", async () => {
    const planPath = join(scratch, "plan.json");
    expect((await runCliProcess(["plan", "examples/spec.yaml", "--out", planPath])).code).toBe(0);
    const reportPath = join(scratch, "report.html");
    const run = await runCliProcess(["report", planPath, "--format", "html", "--out", reportPath]);
    expect(run.code).toBe(0);
    expect(readFileSync(reportPath, "utf8")).toMatch(/data-chart="map"[\s\S]*<path /);
  });

  it("estimates a Pulumi preview", async () => {
    const run = await runCliProcess(["estimate", "test/fixtures/pulumi/preview.derived-aws.json"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Estimate of preview .* kgCO2e per month/s);
  });

  it("loads the cloud bench and stops in one line without a go-ahead", async () => {
    const run = await runCliProcess(["bench", "examples/model.onnx", "--on", "aws:c7i.large"], { env: { WATTPLAN_HOME: scratch } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^wattplan: not starting 1 cloud machine \(expected \$[\d.]+, at most \$[\d.]+\) without a go-ahead$/m);
  });

  it("answers a usage error in one line with exit 1", async () => {
    const run = await runCliProcess(["plan", "examples/spec.yaml", "--sort"]);
    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd().split("\n")).toEqual(["wattplan: unknown option '--sort' (did you mean --out?)", "  hint: add --help for usage"]);
  });
});
