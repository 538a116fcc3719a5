// Everything the program registers, per cloud, for a few representative stacks (CPU and GPU, live and batch),
// against committed snapshots: every resource (type, name, parent, provider, options, inputs), every data-source
// call and what each component registers as outputs. A change to the components that should not change the deployment
// (a refactor) must leave these byte-identical; one that should shows up here as a reviewable diff.
// UPDATE_GOLDEN=1 rewrites the snapshots.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "vitest";
import type { Plan } from "../../src/domain/plan.ts";
import { expectGoldenFile } from "../golden.ts";
import { emitStackConfig, fixturePlan, planChoosing, recordedCalls, recordedComponentOutputs, runProgram, type RecordedResource } from "./helpers.ts";

const goldenDirectory = join(fileURLToPath(new URL(".", import.meta.url)), "golden");
const SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOmockedkeyfortestsonly test@example";

/** Two blocks of hours (01–04 and 13–15 local time), so each cloud emits more than one scale-up and scale-down. */
function withSchedule(stackConfig: Record<string, unknown>, timeZone: string): Record<string, unknown> {
  return { ...stackConfig, "wattplan:schedule": { hoursOfDay: [1, 2, 3, 13, 14], timeZone, activeInstances: 4, idleInstances: 0 } };
}

const awsGpu = { provider: "aws", region: "eu-west-1", instanceType: "g5.xlarge", architecture: "x86_64", accelerator: { model: "A10G", count: 1, memoryGb: 24 }, precision: "fp32", batchSize: 16, replicas: 1 } as const;
const gcpCpu = { provider: "gcp", region: "europe-north1", instanceType: "c4a-standard-8", architecture: "arm64" } as const;
/** The zones the catalog lists for T4 (n1) and L4 (g2) machines in europe-west4, as a plan carries them. */
const europeWest4GpuZones = ["europe-west4-a", "europe-west4-b", "europe-west4-c"];
const gcpT4 = { provider: "gcp", region: "europe-west4", instanceType: "n1-standard-8", architecture: "x86_64", accelerator: { model: "T4", count: 1, memoryGb: 16 }, precision: "fp32", batchSize: 16, replicas: 1, zones: europeWest4GpuZones } as const;
const gcpL4 = { provider: "gcp", region: "europe-west4", instanceType: "g2-standard-8", architecture: "x86_64", accelerator: { model: "L4", count: 1, memoryGb: 24 }, precision: "fp16", batchSize: 8, replicas: 1, zones: europeWest4GpuZones } as const;
const azureT4 = { provider: "azure", region: "swedencentral", instanceType: "Standard_NC4as_T4_v3", architecture: "x86_64", accelerator: { model: "T4", count: 1, memoryGb: 16 }, precision: "fp32", batchSize: 16, replicas: 1 } as const;

function azureAlternative(plan: Plan) {
  const candidate = plan.alternatives.find((item) => item.provider === "azure");
  if (!candidate) throw new Error("the fixture plan has an Azure alternative");
  return candidate;
}

/** name → the stack config `wattplan emit` writes for it (plus a batch schedule where the name says so). */
const cases: Record<string, (plan: Plan) => Promise<Record<string, unknown>>> = {
  "aws-cpu-live": async (plan) => emitStackConfig(plan),
  "aws-gpu-live-own-vpc": async (plan) =>
    emitStackConfig(planChoosing(plan, awsGpu), [
      "wattplan:vpcId=vpc-0abc",
      "wattplan:subnetIds=subnet-1,subnet-3",
      "wattplan:publicSubnetIds=subnet-pub-1,subnet-pub-2",
      "wattplan:ingressCidr=203.0.113.0/24",
      "wattplan:certificateArn=arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789",
    ]),
  "aws-cpu-batch": async (plan) => withSchedule(await emitStackConfig(plan), "Europe/Stockholm"),
  "gcp-cpu-live": async (plan) => emitStackConfig(planChoosing(plan, gcpCpu), ["gcp:project=my-project"]),
  "gcp-gpu-live-own-network": async (plan) =>
    emitStackConfig(planChoosing(plan, gcpT4), ["gcp:project=my-project", "wattplan:network=inference", "wattplan:ingressCidr=203.0.113.0/24"]),
  "gcp-gpu-batch": async (plan) => withSchedule(await emitStackConfig(planChoosing(plan, gcpL4), ["gcp:project=my-project"]), "Europe/Amsterdam"),
  "azure-cpu-live": async (plan) => emitStackConfig(planChoosing(plan, azureAlternative(plan)), [`wattplan:sshPublicKey=${SSH_KEY}`]),
  "azure-gpu-live": async (plan) =>
    emitStackConfig(planChoosing(plan, azureT4), [`wattplan:sshPublicKey=${SSH_KEY}`, "wattplan:ingressCidr=203.0.113.0/24", "wattplan:tritonImage=registry.example/triton:24.08"]),
  "azure-cpu-batch": async (plan) => withSchedule(await emitStackConfig(planChoosing(plan, azureAlternative(plan)), [`wattplan:sshPublicKey=${SSH_KEY}`]), "Europe/Stockholm"),
};

const byTypeAndName = (a: { type: string; name: string }, b: { type: string; name: string }) =>
  a.type === b.type ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.type < b.type ? -1 : 1;

/** A stable text of what was registered: sorted, since registration order follows promise resolution, not intent. */
function snapshotOf(resources: RecordedResource[]): string {
  const sorted = [...resources].sort(byTypeAndName).map(({ type, name, parent, provider, options, inputs }) => ({ type, name, parent, provider, options, inputs }));
  const invokes = recordedCalls.map(({ token, provider, inputs }) => ({ token, provider, inputs })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const componentOutputs = Object.fromEntries([...recordedComponentOutputs].sort(([a], [b]) => a.localeCompare(b)));
  return `${JSON.stringify({ resources: sorted, invokes, componentOutputs }, null, 2)}\n`;
}

describe("resources the program registers, against committed snapshots", () => {
  for (const [name, stackConfigOf] of Object.entries(cases)) {
    it(name, { timeout: 30_000 }, async () => {
      const { resources } = await runProgram(await stackConfigOf(await fixturePlan()));
      expectGoldenFile(join(goldenDirectory, `${name}.json`), snapshotOf(resources));
    });
  }
});
