// The Automation API adapter against a stand-in `pulumi` on PATH: the commands it runs, in order, with the backend,
// the passphrase and an inline program; the cloud's reason in one line when `up` fails; and a plain refusal when no
// Pulumi CLI is installed (it is never downloaded).
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BenchStacks, reasonOf } from "../../../src/infra/bench-fleet/automation.ts";
import type { BenchMachineSpec } from "../../../src/infra/bench-fleet/machine-spec.ts";
import { writePulumiStandIn } from "./pulumi-stand-in.ts";

let folder: string;
let bin: string;
const originalPath = process.env.PATH;
const spec: BenchMachineSpec = {
  stackName: "bench-0123abcd-aws-c7i-large",
  provider: "aws",
  region: "eu-north-1",
  instanceType: "c7i.large",
  hardware: { architecture: "x86_64", gpu: false },
  accelerator: null,
  model: { path: "/models/model.onnx", sha256: "a".repeat(64) },
  wattplanPackage: { path: "/packs/wattplan-0.1.0.tgz", sha256: "b".repeat(64) },
  nodeVersion: "20.20.2",
  benchArguments: ["--batch", "1"],
  ceilingMinutes: 30,
  labels: { "wattplan-bench-run": "0123abcd" },
};
const results = { provider: "aws", region: "eu-north-1", bucket: "wattplan-bench-1234", prefix: "results/" };

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "wattplan-automation-"));
  bin = await writePulumiStandIn(folder);
  process.env.PATH = `${bin}${delimiter}${originalPath}`;
  process.env.WATTPLAN_TEST_PULUMI_FOLDER = folder;
  process.env.WATTPLAN_TEST_PULUMI_OUTPUTS = JSON.stringify({ results, instanceId: "i-0abc" });
});
afterEach(() => {
  delete process.env.WATTPLAN_TEST_PULUMI_UP_FAILS;
});
afterAll(async () => {
  process.env.PATH = originalPath;
  delete process.env.WATTPLAN_TEST_PULUMI_FOLDER;
  delete process.env.WATTPLAN_TEST_PULUMI_OUTPUTS;
  await rm(folder, { recursive: true, force: true });
});

async function calls(): Promise<{ args: string[]; cwd: string; env: Record<string, string> }[]> {
  const text = await readFile(join(folder, "calls.jsonl"), "utf8").catch(() => "");
  return text.split("\n").filter(Boolean).map((line) => JSON.parse(line));
}

const settings = () => ({ backendUrl: `file://${join(folder, "state")}`, passphrase: "correct horse battery staple", workRoot: join(folder, "workspaces") });
const commandOf = (call: { args: string[] }) => call.args.filter((arg) => !arg.startsWith("--client=") && arg !== "--non-interactive").join(" ");

describe("BenchStacks", () => {
  it("creates the stack, deploys the inline program, reads its outputs, then destroys and removes it", { timeout: 60_000 }, async () => {
    const stacks = new BenchStacks(settings());
    const location = await stacks.provision(spec, new AbortController().signal);
    expect(location).toEqual(results);
    const workspace = join(settings().workRoot, spec.stackName);
    const projectFile = await readFile(join(workspace, "Pulumi.yaml"), "utf8");
    expect(projectFile).toMatch(/name: wattplan-bench/);
    expect(projectFile).toContain(`url: ${settings().backendUrl}`);
    await stacks.destroy(spec.stackName);
    expect(existsSync(workspace), "the stack's workspace folder goes with it").toBe(false);
    const recorded = await calls();
    const stack = spec.stackName;
    expect(recorded.map(commandOf)).toEqual([
      "version",
      `stack select --stack ${stack}`,
      `stack init ${stack}`,
      `up --yes --skip-preview --color never --exec-kind auto.inline --stack ${stack}`,
      `stack output --json --stack ${stack}`,
      `stack output --json --show-secrets --stack ${stack}`,
      `stack history --json --show-secrets --page-size 1 --page 1 --stack ${stack}`,
      `stack select --stack ${stack}`,
      `destroy --yes --skip-preview --color never --exec-kind auto.inline --stack ${stack}`,
      `stack history --json --show-secrets --page-size 1 --page 1 --stack ${stack}`,
      `stack rm --yes ${stack}`,
    ]);
    // The inline program is served from this process; every call runs non-interactive with the run's backend and passphrase.
    expect(recorded.find((call) => call.args[0] === "up")!.args.some((arg) => /^--client=127\.0\.0\.1:\d+$/.test(arg))).toBe(true);
    for (const call of recorded.slice(1)) {
      expect(call.args).toContain("--non-interactive");
      expect(call.env).toMatchObject({ PULUMI_BACKEND_URL: settings().backendUrl, PULUMI_CONFIG_PASSPHRASE: "correct horse battery staple", PULUMI_AUTOMATION_API: "true" });
    }
    expect(recorded[1].cwd).toBe(workspace);
  });

  it("turns a failed `up` into the cloud's own reason, in one line", { timeout: 60_000 }, async () => {
    process.env.WATTPLAN_TEST_PULUMI_UP_FAILS = "creating EC2 Instance: InsufficientInstanceCapacity: We currently do not have sufficient g6.xlarge capacity in the Availability Zone you requested";
    const stacks = new BenchStacks(settings());
    await expect(stacks.provision({ ...spec, stackName: "bench-0123abcd-aws-g6-xlarge" }, new AbortController().signal)).rejects.toThrow(
      /^creating EC2 Instance: InsufficientInstanceCapacity: We currently do not have sufficient g6\.xlarge capacity in the Availability Zone you requested$/,
    );
  });

  it("lists the project's stacks, and destroying a stack that is not there does nothing", { timeout: 60_000 }, async () => {
    const stacks = new BenchStacks(settings());
    expect(await stacks.listStacks()).toEqual(["bench-0123abcd-aws-g6-xlarge"]);
    const before = (await calls()).length;
    await stacks.destroy("bench-ffffffff-gcp-c4-highcpu-4");
    expect((await calls()).slice(before).map(commandOf)).toEqual(["stack select --stack bench-ffffffff-gcp-c4-highcpu-4"]);
  });

  it("refuses in one line when no Pulumi CLI is installed, without downloading one", async () => {
    process.env.PATH = join(folder, "empty");
    try {
      await expect(new BenchStacks(settings()).listStacks()).rejects.toMatchObject({
        code: "INVALID_INPUT",
        message: "the Pulumi CLI is not installed (no pulumi on PATH): benchmarking on cloud machines drives it",
      });
    } finally {
      process.env.PATH = `${bin}${delimiter}${originalPath}`;
    }
  });
});

describe("reasonOf", () => {
  it("keeps the first diagnostic, not the summary", () => {
    const error = new Error("code: 255\n stdout: Updating…\n stderr: Diagnostics:\n  gcp:compute:Instance (wb-1-machine):\n    error: Quota 'GPUS_ALL_REGIONS' exceeded.  Limit: 0.0 globally.\n  pulumi:pulumi:Stack (x):\n    error: update failed\n err?: Error: Command failed");
    expect(reasonOf(error)).toBe("Quota 'GPUS_ALL_REGIONS' exceeded.  Limit: 0.0 globally.");
    expect(reasonOf(new Error("code: -2\n stdout: \n stderr: spawn pulumi ENOENT"))).toBe("spawn pulumi ENOENT");
  });
});
