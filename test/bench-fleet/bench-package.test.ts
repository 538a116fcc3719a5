// What a bench machine installs: this wattplan's own files, a manifest without the planning machine's dependencies
// (Pulumi, the clouds' SDKs, dev tools, build scripts) and an npm-shrinkwrap.json pinning exactly what is left.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BENCH_ALLOW_SCRIPTS, benchManifest, benchShrinkwrap, PLANNING_ONLY_DEPENDENCIES, type Lockfile } from "../../src/bench-fleet/bench-manifest.ts";
import { packWattplanForBench, wattplanPackageRoot, type PackedWattplan } from "../../src/bench-fleet/package-wattplan.ts";

const manifest = JSON.parse(await readFile(join(wattplanPackageRoot, "package.json"), "utf8"));
const lock = JSON.parse(await readFile(join(wattplanPackageRoot, "package-lock.json"), "utf8")) as Lockfile;
const planningOnly = (name: string) => PLANNING_ONLY_DEPENDENCIES.some((pattern) => pattern.test(name));
const packageName = (path: string) => path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length);

function run(command: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => execFile(command, args, { cwd, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 }, (error, stdout, stderr) => resolve({ code: error ? 1 : 0, stdout, stderr })));
}

describe("the bench manifest and its shrinkwrap", () => {
  const bench = benchManifest(manifest);
  const shrinkwrap = benchShrinkwrap(lock, bench);

  it("keep what `wattplan bench` needs and drop Pulumi, the cloud SDKs, dev tools and scripts", () => {
    expect(Object.keys(bench.dependencies!).sort()).toEqual(Object.keys(manifest.dependencies).filter((name) => !planningOnly(name)).sort());
    expect(bench.dependencies).toMatchObject({ "onnxruntime-node": manifest.dependencies["onnxruntime-node"], tsx: manifest.dependencies.tsx, commander: manifest.dependencies.commander });
    expect(Object.keys(manifest.dependencies).filter(planningOnly).length).toBeGreaterThanOrEqual(5);
    expect(bench).not.toHaveProperty("devDependencies");
    expect(bench).not.toHaveProperty("scripts");
    expect(bench.allowScripts).toEqual(BENCH_ALLOW_SCRIPTS);
    expect(bench.version).toBe(manifest.version);
  });

  it("pin every package the kept dependencies reach, at the lockfile's versions, and nothing else", () => {
    const kept = Object.keys(shrinkwrap.packages).filter((path) => path !== "");
    expect(kept.length).toBeGreaterThan(20);
    expect(kept.filter((path) => planningOnly(packageName(path)) || /typescript|vitest|playwright|fast-check/.test(path))).toEqual([]);
    for (const path of kept) {
      expect(shrinkwrap.packages[path].version, path).toBe(lock.packages[path].version);
      expect(shrinkwrap.packages[path], path).not.toHaveProperty("dev");
    }
    // Closed under Node's resolution: every required dependency of every kept package resolves to a kept one.
    const resolves = (from: string, name: string) => {
      for (let base = from; ; base = base.includes("/node_modules/") ? base.slice(0, base.lastIndexOf("/node_modules/")) : "") {
        if (shrinkwrap.packages[base === "" ? `node_modules/${name}` : `${base}/node_modules/${name}`]) return true;
        if (base === "") return false;
      }
    };
    for (const path of ["", ...kept]) {
      for (const name of Object.keys(shrinkwrap.packages[path].dependencies ?? {})) expect(resolves(path, name), `${path || "wattplan"} → ${name}`).toBe(true);
    }
    expect(shrinkwrap.packages[""].dependencies).toEqual(bench.dependencies);
    // esbuild's platform binaries stay, optional: npm installs the machine's own (x64 or arm64).
    expect(shrinkwrap.packages["node_modules/@esbuild/linux-arm64"]).toMatchObject({ optional: true });
    expect(shrinkwrap.packages["node_modules/@esbuild/linux-x64"]).toMatchObject({ optional: true });
  });
});

describe("packWattplanForBench", () => {
  let packed: PackedWattplan;
  let unpacked: string;
  beforeAll(async () => {
    packed = await packWattplanForBench();
    unpacked = await mkdtemp(join(tmpdir(), "wattplan-unpacked-"));
    await run("tar", ["-xzf", packed.path, "-C", unpacked], unpacked);
  }, 120_000);
  afterAll(async () => {
    await rm(packed.directory, { recursive: true, force: true });
    await rm(unpacked, { recursive: true, force: true });
  });

  it("packs this version with the bench manifest and its npm-shrinkwrap.json, and says its sha256", async () => {
    const bytes = await readFile(packed.path);
    expect(packed.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(packed.bytes).toBe(bytes.length);
    const packagedManifest = JSON.parse(await readFile(join(unpacked, "package", "package.json"), "utf8"));
    expect(packagedManifest).toEqual(benchManifest(manifest));
    const packagedShrinkwrap = JSON.parse(await readFile(join(unpacked, "package", "npm-shrinkwrap.json"), "utf8"));
    expect(Object.keys(packagedShrinkwrap.packages)).toHaveLength(packed.pinnedPackages + 1);
    // The compiled CLI the bin entry runs under plain node, as built from these sources (npm pack runs prepare).
    expect(packagedManifest.bin).toEqual({ wattplan: "bin/wattplan.cjs" });
    for (const file of ["start.cjs", "wattplan.cjs"]) {
      expect(await readFile(join(unpacked, "package", "dist", "cli", file), "utf8")).toBe(await readFile(join(wattplanPackageRoot, "dist", "cli", file), "utf8"));
    }
  });

  it("is accepted by npm ci as it stands (a dry run from npm's cache: nothing is installed or downloaded)", async (context) => {
    const result = await run("npm", ["ci", "--dry-run", "--offline", "--ignore-scripts", "--omit=dev", "--no-audit", "--no-fund"], join(unpacked, "package"));
    if (/ENOTCACHED/.test(result.stderr)) {
      console.log("skipped: npm's cache lacks a package the shrinkwrap pins (run npm ci once), so the dry run cannot stay offline");
      context.skip();
    }
    expect(result.stderr).not.toMatch(/npm error/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/add onnxruntime-node 1\.30\.0/);
    expect(result.stdout).not.toMatch(/@pulumi|@aws-sdk|@google-cloud|@azure/);
  });
});
