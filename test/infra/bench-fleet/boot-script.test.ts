// The bench machine's run phase, executed for real in a temporary folder: every command with a side effect (package
// managers, curl, npm, the clouds' CLIs, shutdown, poweroff) is a stand-in on PATH, Node and wattplan are where the
// install phase puts them, and the real `wattplan bench` measures a small model and "uploads" its profile to a local
// folder standing in for the cloud's storage.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { remoteBenchArguments } from "../../../src/cli/commands/bench-on.ts";
import { modelProfileSchema } from "../../../src/domain/profile.ts";
import { renderBootScript, renderRunPhase, type BenchBootSpec, type BenchMachineStorage } from "../../../src/infra/bench-fleet/boot-script.ts";
import { STAND_IN_COMMANDS, writeStandIns } from "./stand-ins.ts";

const repositoryRoot = new URL("../../../", import.meta.url).pathname;
const silero = join(repositoryRoot, "node_modules/@ricky0123/vad-web/dist/silero_vad_legacy.onnx");
let folder: string;
let bin: string;
let sileroSha256: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "wattplan-boot-"));
  bin = await writeStandIns(folder);
  sileroSha256 = createHash("sha256").update(await readFile(silero)).digest("hex");
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** A machine after its install phase: Node in $WORK/node, wattplan in $WORK/app/package, the model in $WORK. */
async function installedMachine(name: string): Promise<string> {
  const work = join(folder, name);
  await mkdir(join(work, "node", "bin"), { recursive: true });
  await mkdir(join(work, "app"), { recursive: true });
  await symlink(process.execPath, join(work, "node", "bin", "node"));
  await symlink(repositoryRoot, join(work, "app", "package"));
  await copyFile(silero, join(work, "model.onnx"));
  return work;
}

function runScript(script: string): Promise<{ code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn("sh", ["-c", script], {
      env: { PATH: `${bin}${delimiter}${process.env.PATH}`, HOME: folder, WATTPLAN_TEST_STAND_INS: folder },
      stdio: "ignore",
      timeout: 240_000,
    });
    child.on("close", (code) => resolve({ code }));
  });
}

async function calls(): Promise<{ name: string; args: string[] }[]> {
  const text = await readFile(join(folder, "calls.jsonl"), "utf8").catch(() => "");
  return text.split("\n").filter(Boolean).map((line) => JSON.parse(line));
}

function spec(storage: BenchMachineStorage, work: string, executionProvider: "cpu" | "cuda" = "cpu"): BenchBootSpec {
  const options = { input: ["sr=16000"], shape: ["input=512"], batch: "1", precision: "fp32", budgetSeconds: "0.5", threads: "1" };
  return {
    storage,
    nodeVersion: "20.20.2",
    architecture: "x86_64",
    gpu: false,
    modelSha256: sileroSha256,
    packageSha256: "0".repeat(64),
    benchArguments: remoteBenchArguments(options, { instanceType: "c7i.large", executionProvider }),
    ceilingMinutes: 30,
    workDirectory: work,
  };
}

const clouds: { name: string; storage: BenchMachineStorage; results: string }[] = [
  { name: "aws", storage: { provider: "aws", region: "eu-north-1", bucket: "bench-bucket-aws" }, results: "bench-bucket-aws/results" },
  { name: "gcp", storage: { provider: "gcp", bucket: "bench-bucket-gcp" }, results: "bench-bucket-gcp/results" },
  { name: "azure", storage: { provider: "azure", blobEndpoint: "https://wbaccount.blob.core.windows.net/", identityClientId: "client-1" }, results: "wbaccount/results" },
];

describe("the run phase of the boot script", () => {
  for (const cloud of clouds) {
    it(`runs the real wattplan bench and uploads a valid profile, its log and each phase, then powers off (${cloud.name})`, { timeout: 300_000 }, async () => {
      const work = await installedMachine(`machine-${cloud.name}`);
      const before = (await calls()).length;
      const { code } = await runScript(renderRunPhase(spec(cloud.storage, work)));
      const log = await readFile(join(work, "bench.log"), "utf8");
      expect(code, log).toBe(0);
      const results = join(folder, "cloud", cloud.results);
      const profile = modelProfileSchema.parse(JSON.parse(await readFile(join(results, "profile.json"), "utf8")));
      expect(profile.host.instanceType).toBe("c7i.large");
      expect(profile.host.executionProvider).toBe("cpu");
      expect(profile.model.sha256).toBe(sileroSha256);
      expect(await readFile(join(results, "bench.log"), "utf8")).toContain("profile written to");
      for (const phase of ["phase-benchmarking", "phase-uploading", "phase-done"]) expect(existsSync(join(results, phase)), phase).toBe(true);
      expect(existsSync(join(results, "phase-failed"))).toBe(false);
      const made = (await calls()).slice(before);
      expect(made.at(-1)).toEqual({ name: "poweroff", args: [] });
      // Nothing installed, nothing else reached: only storage (and the metadata server's token) and the power-off.
      expect(made.filter((call) => !["aws", "curl", "poweroff"].includes(call.name))).toEqual([]);
      for (const call of made.filter((item) => item.name === "curl")) expect(call.args.join(" ")).toMatch(/storage\.googleapis\.com|metadata\.google\.internal|blob\.core\.windows\.net|169\.254\.169\.254/);
    });
  }

  const cudaProviderLibrary = join(repositoryRoot, "node_modules/onnxruntime-node/bin/napi-v6", process.platform, process.arch, "libonnxruntime_providers_cuda.so");
  it.skipIf(existsSync(cudaProviderLibrary))("says why in phase-failed, uploads the log and powers off when the bench fails (CUDA where it cannot run)", { timeout: 300_000 }, async () => {
    const work = await installedMachine("machine-failing");
    const before = (await calls()).length;
    const storage: BenchMachineStorage = { provider: "aws", region: "eu-north-1", bucket: "bench-bucket-failing" };
    const { code } = await runScript(renderRunPhase(spec(storage, work, "cuda")));
    expect(code).toBe(1);
    const results = join(folder, "cloud", "bench-bucket-failing", "results");
    const failed = await readFile(join(results, "phase-failed"), "utf8");
    expect(failed).toMatch(/^\S+Z wattplan bench exited with 1: wattplan: the cuda execution provider is not usable on this machine: .+\n$/);
    expect(existsSync(join(results, "profile.json"))).toBe(false);
    expect(await readFile(join(results, "bench.log"), "utf8")).toContain("the cuda execution provider is not usable");
    expect((await calls()).slice(before).filter((call) => call.name === "poweroff")).toHaveLength(1);
  });
});

describe("the whole boot script", () => {
  it("installs nothing unverified: Node against its published checksums, the model and package against their sha256, then npm ci from the shrinkwrap", () => {
    const script = renderBootScript({ ...spec({ provider: "gcp", bucket: "b" }, "/var/lib/wattplan-bench"), workDirectory: undefined });
    const install = script.slice(script.indexOf("# Install phase."), script.indexOf("# Run phase."));
    expect(install).toContain("sha256sum -c -");
    expect(install.indexOf('verify "$WORK/model.onnx"')).toBeGreaterThan(install.indexOf("fetch inputs/model.onnx"));
    expect(install.indexOf('verify "$WORK/wattplan.tgz"')).toBeLessThan(install.indexOf("npm ci"));
    expect(install).toContain("npm ci --omit=dev --no-audit --no-fund");
    expect(script).toContain("WORK='/var/lib/wattplan-bench'");
    // Every command the script may run that has a side effect is one the run-phase test replaces.
    for (const command of ["apt-get", "dpkg", "curl", "npm", "shutdown", "poweroff", "aws"]) expect(STAND_IN_COMMANDS).toContain(command);
  });
});
