// Example spec -> plan (the real planner) -> emit -> program under mocks: the resources match the plan, per cloud.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import type { Plan } from "../../src/domain/plan.ts";
import { emitStack } from "../../src/emit/emit-stack.ts";
import { planFromFiles } from "../../src/load/plan-from-files.ts";
import { onlyOne, runProgram } from "./helpers.ts";

const examples = fileURLToPath(new URL("../../examples/", import.meta.url));
let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "wattplan-round-trip-"));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** The example spec limited to one cloud; its relative paths made absolute so it can live in a temp dir. */
async function planFor(provider: "aws" | "gcp" | "azure"): Promise<{ plan: Plan; planPath: string }> {
  const spec = parse(await readFile(join(examples, "spec.yaml"), "utf8"));
  spec.model.path = join(examples, "model.onnx");
  delete spec.model.uri;
  spec.model.profile = join(examples, "profile.json");
  spec.constraints = { ...spec.constraints, providers: [provider] };
  const specPath = join(directory, `spec.${provider}.yaml`);
  await writeFile(specPath, stringify(spec));
  const plan = await planFromFiles(specPath, { now: "2026-11-28T18:00:00.000Z" });
  const planPath = join(directory, `plan.${provider}.json`);
  await writeFile(planPath, JSON.stringify(plan));
  return { plan, planPath };
}

async function deploy(planPath: string, provider: string, extra: string[] = []) {
  const result = await emitStack({ planPath, stackName: provider, stacksDirectory: directory, config: extra });
  const stackFile = parse(await readFile(result.path, "utf8")) as { config: Record<string, unknown> };
  const { resources, outputs } = await runProgram(stackFile.config);
  return { resources, outputs };
}

describe("round trip from the example spec", () => {
  it("AWS", { timeout: 60_000 }, async () => {
    const { plan, planPath } = await planFor("aws");
    const { chosen } = plan;
    const { resources, outputs } = await deploy(planPath, "aws");
    expect(onlyOne(resources, "pulumi:providers:aws").inputs.region).toBe(chosen.region);
    expect(onlyOne(resources, "aws:ec2/launchTemplate:LaunchTemplate").inputs.instanceType).toBe(chosen.instanceType);
    const group = onlyOne(resources, "aws:autoscaling/group:Group");
    expect([group.inputs.minSize, group.inputs.desiredCapacity, group.inputs.maxSize]).toEqual([chosen.instances.min, chosen.instances.desired, chosen.instances.max]);
    expect(outputs.planId).toBe(plan.id);
    expect(outputs.expectedMonthlyKgCo2e).toBe(chosen.monthlyKgCo2e);
  });

  it("GCP", { timeout: 60_000 }, async () => {
    const { plan, planPath } = await planFor("gcp");
    const { chosen } = plan;
    const { resources } = await deploy(planPath, "gcp", ["gcp:project=example-project"]);
    expect(onlyOne(resources, "pulumi:providers:gcp").inputs.region).toBe(chosen.region);
    const template = onlyOne(resources, "gcp:compute/instanceTemplate:InstanceTemplate");
    expect(template.inputs.machineType).toBe(chosen.instanceType);
    expect(template.inputs.metadata["startup-script"]).toContain(`max_batch_size: ${chosen.batchSize}`);
    expect(onlyOne(resources, "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager").inputs.targetSize).toBe(chosen.instances.desired);
    expect(onlyOne(resources, "gcp:compute/regionAutoscaler:RegionAutoscaler").inputs.autoscalingPolicy).toMatchObject({
      minReplicas: chosen.instances.min,
      maxReplicas: chosen.instances.max,
    });
  });

  it("Azure", { timeout: 60_000 }, async () => {
    const { plan, planPath } = await planFor("azure");
    const { chosen } = plan;
    const { resources } = await deploy(planPath, "azure", ["wattplan:sshPublicKey=ssh-ed25519 AAAA test"]);
    const scaleSet = onlyOne(resources, "azure-native:compute:VirtualMachineScaleSet");
    expect(scaleSet.inputs.location).toBe(chosen.region);
    expect(scaleSet.inputs.sku).toMatchObject({ name: chosen.instanceType, capacity: chosen.instances.desired });
    expect(scaleSet.inputs.virtualMachineProfile.storageProfile.imageReference.sku).toBe(chosen.architecture === "arm64" ? "22_04-lts-arm64" : "22_04-lts-gen2");
  });
});
