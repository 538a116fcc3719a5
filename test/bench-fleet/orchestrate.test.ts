// The fleet's orchestration against a fake cloud in virtual time: ordering, the parallelism limit, results brought
// back, and every machine destroyed on success, failure, timeout, Ctrl-C and the spending limit.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BenchTarget, TargetOutcome } from "../../src/bench-fleet/contract.ts";
import { runFleet } from "../../src/bench-fleet/orchestrate.ts";
import { planRun } from "../../src/bench-fleet/run-plan.ts";
import { cleanUpLeftovers } from "../../src/bench-fleet/bench-on-targets.ts";
import { modelProfileSchema } from "../../src/domain/profile.ts";
import { FakeCloud, FakeTimer, FIXTURE_PROFILE, type MachineBehaviour } from "./fakes.ts";

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "wattplan-fleet-"));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

function target(id: string, usdPerHour = 0.1): BenchTarget {
  const [provider, instanceType] = id.split(":") as ["aws", string];
  return {
    id,
    provider,
    instanceType,
    region: "eu-north-1",
    regionReason: "given",
    architecture: "x86_64",
    accelerator: null,
    executionProvider: "cpu",
    usdPerHour,
    priceSource: "test",
    priceAsOf: "2026-01-01",
  };
}

async function run(ids: string[], behaviours: Record<string, MachineBehaviour>, options: { parallelism?: number; maxUsd?: number; usdPerHour?: number; signal?: AbortSignal; destroyFailures?: string[] } = {}) {
  const timer = new FakeTimer();
  const cloud = new FakeCloud(timer, behaviours);
  const plan = planRun(
    ids.map((id) => target(id, options.usdPerHour)),
    { runId: "0123abcd", budgetSeconds: 60, parallelism: options.parallelism ?? 4, maxUsd: options.maxUsd },
  );
  for (const name of options.destroyFailures ?? []) cloud.destroyFailures.add(plan.targets.find((item) => item.id === name)!.stackName);
  const outDirectory = await mkdtemp(join(directory, "out-"));
  const phases: string[] = [];
  const outcomes = await runFleet({
    plan,
    driver: cloud,
    results: cloud,
    outDirectory,
    modelSha256: FIXTURE_PROFILE.model.sha256,
    budgetSeconds: 60,
    timer,
    signal: options.signal,
    progress: (event) => phases.push(`${event.targetId} ${event.phase}`),
  });
  return { outcomes, cloud, plan, phases, timer };
}

const byId = (outcomes: TargetOutcome[], id: string) => outcomes.find((outcome) => outcome.target.id === id)!;

describe("runFleet", () => {
  it("provisions, follows each phase, brings back a valid profile and destroys, in that order", async () => {
    const { outcomes, cloud, phases } = await run(["aws:c7i.large"], {});
    const [outcome] = outcomes;
    expect(outcome.status).toBe("measured");
    expect(outcome.destroyed).toBe(true);
    if (outcome.status !== "measured") throw new Error("measured");
    const saved = modelProfileSchema.parse(JSON.parse(await readFile(outcome.profilePath, "utf8")));
    expect(saved.host.instanceType).toBe("c7i.large");
    expect(await readFile(outcome.logPath, "utf8")).toBe("bench log\n");
    expect(phases).toEqual(["provisioning", "installing", "benchmarking", "uploading", "destroying"].map((phase) => `aws:c7i.large ${phase}`));
    expect(cloud.events.map((event) => event.event)).toEqual(["provision", "provisioned", "destroy", "destroyed"]);
  });

  it("never runs more machines at once than the limit, and runs them all", async () => {
    const ids = ["aws:a.large", "aws:b.large", "aws:c.large", "aws:d.large", "aws:e.large"];
    const { outcomes, cloud } = await run(ids, {}, { parallelism: 2 });
    expect(cloud.maxAlive).toBe(2);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(ids.map(() => "measured"));
    expect(outcomes.map((outcome) => outcome.target.id)).toEqual(ids);
    expect(cloud.events.filter((event) => event.event === "destroyed")).toHaveLength(5);
  });

  it("reports a target whose deployment fails with the cloud's reason, destroys it, and goes on with the others", async () => {
    const quota = "creating EC2 Instance: VcpuLimitExceeded: You have requested more vCPU capacity than your current vCPU limit of 0 allows";
    const { outcomes, cloud } = await run(["aws:g6.xlarge", "aws:c7i.large"], { "aws:g6.xlarge": { kind: "provision-fails", message: quota } });
    expect(byId(outcomes, "aws:g6.xlarge")).toMatchObject({ status: "failed", reason: quota, destroyed: true });
    expect(byId(outcomes, "aws:c7i.large").status).toBe("measured");
    const destroyed = cloud.events.filter((event) => event.event === "destroyed").map((event) => event.target);
    expect(destroyed).toHaveLength(2);
  });

  it("takes the machine's own failure line and its log, and destroys it", async () => {
    const reason = "the cuda execution provider is not usable on this machine: libcudnn.so.9: cannot open shared object file";
    const { outcomes } = await run(["aws:g6.xlarge"], { "aws:g6.xlarge": { kind: "fails-on-machine", reason } });
    const [outcome] = outcomes;
    expect(outcome).toMatchObject({ status: "failed", destroyed: true });
    if (outcome.status === "measured") throw new Error("failed");
    expect(outcome.reason).toBe(`the machine's run failed: ${reason}`);
    expect(await readFile(outcome.logPath!, "utf8")).toContain(reason);
  });

  it("refuses a profile measured on another type or of another model", async () => {
    const { outcomes } = await run(["aws:c7i.large", "aws:m7i.large"], {
      "aws:c7i.large": { kind: "measures", profile: () => ({ ...FIXTURE_PROFILE, host: { ...FIXTURE_PROFILE.host, instanceType: "m7i.large" } }) },
      "aws:m7i.large": { kind: "measures", profile: (item) => ({ ...FIXTURE_PROFILE, model: { ...FIXTURE_PROFILE.model, sha256: "0".repeat(64) }, host: { ...FIXTURE_PROFILE.host, instanceType: item.instanceType } }) },
    });
    expect(byId(outcomes, "aws:c7i.large")).toMatchObject({ status: "failed", reason: expect.stringMatching(/measured on 'm7i.large', not c7i.large/), destroyed: true });
    expect(byId(outcomes, "aws:m7i.large")).toMatchObject({ status: "failed", reason: expect.stringMatching(/of another model/), destroyed: true });
  });

  it("destroys a machine that runs past its ceiling, and one whose deployment hangs", async () => {
    const { outcomes, plan, cloud } = await run(["aws:c7i.large", "aws:m7i.large"], { "aws:c7i.large": { kind: "never-done" }, "aws:m7i.large": { kind: "provision-hangs" } });
    const deadlineMinutes = plan.targets[0].cost.deadlineMinutes;
    for (const outcome of outcomes) {
      expect(outcome).toMatchObject({ status: "timed-out", destroyed: true, reason: `still not done after ${deadlineMinutes} min (its ceiling)` });
      // Stopped at the deadline, not long after: within one watch interval.
      const destroyAt = cloud.events.find((event) => event.event === "destroy" && event.target === outcome.target.stackName)!.atMs;
      expect(destroyAt).toBeGreaterThanOrEqual(deadlineMinutes * 60_000);
      expect(destroyAt).toBeLessThanOrEqual(deadlineMinutes * 60_000 + 15_000);
    }
  });

  it("on Ctrl-C destroys the machines already started and never starts the others", async () => {
    const interrupt = new AbortController();
    const timer = new FakeTimer();
    const cloud = new FakeCloud(timer, {});
    const plan = planRun(["aws:a.large", "aws:b.large", "aws:c.large"].map((id) => target(id)), { runId: "0123abcd", budgetSeconds: 60, parallelism: 2 });
    const outDirectory = await mkdtemp(join(directory, "out-"));
    const running = runFleet({ plan, driver: cloud, results: cloud, outDirectory, modelSha256: FIXTURE_PROFILE.model.sha256, budgetSeconds: 60, timer, signal: interrupt.signal });
    // Interrupt once both machines are up and benchmarking.
    while (cloud.events.filter((event) => event.event === "provisioned").length < 2) await new Promise((resolve) => setImmediate(resolve));
    interrupt.abort();
    const outcomes = await running;
    expect(outcomes.map((outcome) => [outcome.target.id, outcome.status, outcome.destroyed])).toEqual([
      ["aws:a.large", "cancelled", true],
      ["aws:b.large", "cancelled", true],
      ["aws:c.large", "not-started", true],
    ]);
    expect(cloud.events.filter((event) => event.event === "provision").map((event) => event.target)).toEqual(["aws:a.large", "aws:b.large"]);
    expect(cloud.events.filter((event) => event.event === "destroyed")).toHaveLength(2);
    expect(outcomes[0].status !== "measured" && outcomes[0].reason).toBe("interrupted (Ctrl-C)");
  });

  it("stops every machine before the estimated spend, destroying included, reaches the limit", async () => {
    // $6/hour for two machines: $0.20 a minute together; a $1 limit leaves a few minutes.
    const { outcomes, cloud, timer } = await run(["aws:a.large", "aws:b.large"], { "aws:a.large": { kind: "never-done" }, "aws:b.large": { kind: "never-done" } }, { maxUsd: 1, usdPerHour: 6 });
    for (const outcome of outcomes) {
      expect(outcome).toMatchObject({ status: "cancelled", destroyed: true });
      if (outcome.status !== "measured") expect(outcome.reason).toMatch(/^stopped: the estimated spend \(\$1(\.\d+)? with destroying\) reached the \$1 allowed$/);
    }
    const lastDestroyed = Math.max(...cloud.events.filter((event) => event.event === "destroyed").map((event) => event.atMs));
    // Billed until destroyed: two machines at $6/hour, minutes rounded up, stay within the limit.
    expect((2 * 6 * Math.ceil(lastDestroyed / 60_000)) / 60).toBeLessThanOrEqual(1.2);
    expect(timer.nowMs()).toBeGreaterThan(0);
  });

  it("waits out reads that fail for a while (a grant still applying), and gives up on reads that keep failing", async () => {
    const timer = new FakeTimer();
    const cloud = new FakeCloud(timer, {});
    const plan = planRun([target("aws:c7i.large"), target("aws:m7i.large")], { runId: "0123abcd", budgetSeconds: 60, parallelism: 2 });
    const startedAt = new Map<string, number>();
    const flaky = {
      read: async (location: Parameters<FakeCloud["read"]>[0], key: string) => {
        if (location.provider !== "aws") throw new Error("aws");
        const first = startedAt.get(location.bucket) ?? timer.nowMs();
        startedAt.set(location.bucket, first);
        // c7i: denied for the first 2 minutes of polling; m7i: denied for good.
        if (location.bucket.includes("m7i") || timer.nowMs() - first < 2 * 60_000) throw new Error("AccessDenied: not yet");
        return cloud.read(location, key);
      },
    };
    const outcomes = await runFleet({ plan, driver: cloud, results: flaky, outDirectory: await mkdtemp(join(directory, "out-")), modelSha256: FIXTURE_PROFILE.model.sha256, budgetSeconds: 60, timer });
    expect(byId(outcomes, "aws:c7i.large")).toMatchObject({ status: "measured", destroyed: true });
    expect(byId(outcomes, "aws:m7i.large")).toMatchObject({ status: "failed", reason: "reading the results kept failing for 5 min: AccessDenied: not yet", destroyed: true });
  });

  it("says so when destroying fails, keeping the target's own outcome", async () => {
    const { outcomes } = await run(["aws:c7i.large"], {}, { destroyFailures: ["aws:c7i.large"] });
    expect(outcomes[0]).toMatchObject({ status: "measured", destroyed: false });
  });
});

describe("cleanUpLeftovers", () => {
  it("destroys every bench stack the backend still holds, and only those", async () => {
    const cloud = new FakeCloud(new FakeTimer(), {});
    cloud.leftoverStacks = ["bench-0123abcd-aws-c7i-large", "organization/wattplan-bench/bench-89abcdef-gcp-c4-highcpu-4", "production"];
    cloud.destroyFailures.add("bench-89abcdef-gcp-c4-highcpu-4");
    const lines: string[] = [];
    const result = await cleanUpLeftovers({ driver: cloud, say: (line) => lines.push(line) });
    expect(result.destroyed).toEqual(["bench-0123abcd-aws-c7i-large"]);
    expect(result.failed).toEqual([{ stackName: "organization/wattplan-bench/bench-89abcdef-gcp-c4-highcpu-4", reason: expect.stringMatching(/locked/) }]);
    expect(cloud.events.filter((event) => event.event === "destroy").map((event) => event.target)).toEqual(["bench-0123abcd-aws-c7i-large", "bench-89abcdef-gcp-c4-highcpu-4"]);
  });

  it("says there is nothing to destroy", async () => {
    const lines: string[] = [];
    await cleanUpLeftovers({ driver: new FakeCloud(new FakeTimer(), {}), say: (line) => lines.push(line) });
    expect(lines).toEqual(["no bench stack left: nothing to destroy"]);
  });
});
