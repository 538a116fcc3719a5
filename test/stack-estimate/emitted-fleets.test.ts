// wattplan's own fleets, as its Pulumi program registers them under runtime mocks, estimated like any stack: the
// group counts and placements must be the plan's.
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import type { Candidate, Plan } from "../../src/domain/plan.ts";
import type { StackDocument, StackResource } from "../../src/pulumi-state/stack-document.ts";
import { estimateStack } from "../../src/stack-estimate/estimate-stack.ts";
import { asPulumiConfig, emitStackConfig, fixturePlan, mockedCall, planChoosing, settle, useTestProject } from "../infra/helpers.ts";
import { DEFAULT_OPTIONS, sharedCatalog } from "./helpers.ts";

const SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOmockedkeyfortestsonly test@example";

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  provider?: string;
}

/** Runs the program with mocks that give every resource an id, name and self links, as real providers would. */
async function registeredResources(stackConfig: Record<string, unknown>): Promise<StackDocument> {
  const registered: Registered[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        const outputs = {
          ...args.inputs,
          id: `${args.name}-id`,
          name: args.inputs.name ?? `${args.name}-name`,
          selfLink: `${args.name}-selfLink`,
          selfLinkUnique: `${args.name}-selfLinkUnique`,
          ...(args.type === "azure-native:storage:StorageAccount" ? { primaryEndpoints: { blob: `https://${args.name}.blob.core.windows.net/` } } : {}),
        };
        registered.push({ type: args.type, name: args.name, inputs: args.inputs, outputs, provider: args.provider });
        return { id: `${args.name}-id`, state: outputs };
      },
      call: mockedCall,
    },
    "wattplan",
    "test",
    false,
  );
  useTestProject();
  pulumi.runtime.setAllConfig(asPulumiConfig(stackConfig));
  const program = await import("../../src/infra/index.ts");
  await program.default();
  await settle();
  // Provider references are "URN::ID"; a provider resource's URN is the one its references carry with its id.
  const providerUrns = new Map(registered.filter((item) => item.provider).map((item) => [item.provider!.split("::").pop()!, item.provider!.slice(0, item.provider!.lastIndexOf("::"))]));
  const resources: StackResource[] = registered.map((item) => ({
    urn: item.type.startsWith("pulumi:providers:") ? providerUrns.get(`${item.name}-id`) ?? `urn:pulumi:test::wattplan::${item.type}::${item.name}` : `urn:pulumi:test::wattplan::${item.type}::${item.name}`,
    type: item.type,
    custom: true,
    inputs: item.inputs,
    outputs: item.outputs,
    ...(item.provider ? { provider: item.provider } : {}),
    dependencies: [],
    propertyDependencies: {},
  }));
  return { kind: "stack-export", config: {}, resources, removedUrns: [] };
}

type Choice = Partial<Candidate> & Pick<Candidate, "provider" | "region" | "instanceType">;

async function estimateFleet(choose: (plan: Plan) => Choice, extra: string[]) {
  const chosenPlan = planChoosing(await fixturePlan(), choose(await fixturePlan()));
  const document = await registeredResources(await emitStackConfig(chosenPlan, extra));
  return { candidate: chosenPlan.chosen, estimate: estimateStack(document, sharedCatalog(), DEFAULT_OPTIONS, "fleet") };
}

describe("the fleets wattplan emits", () => {
  it("AWS: the auto-scaling group at the plan's desired size, the launch template's type, the provider's region", { timeout: 60_000 }, async () => {
    const { candidate, estimate } = await estimateFleet((plan) => plan.chosen, []);
    expect(candidate.provider).toBe("aws");
    expect(estimate.resources).toHaveLength(1);
    expect(estimate.resources[0]).toMatchObject({ type: "aws:autoscaling/group:Group", instanceType: candidate.instanceType, region: candidate.region, count: candidate.instances.desired });
    expect(estimate.accountedFor.map((entry) => entry.type)).toContain("aws:ec2/launchTemplate:LaunchTemplate");
  });

  it("GCP: the regional group sized by its autoscaler's minimum, the template's machine type", { timeout: 60_000 }, async () => {
    const { candidate, estimate } = await estimateFleet(
      () => ({ provider: "gcp", region: "europe-west4", instanceType: "c4-standard-4", accelerator: null, architecture: "x86_64", instances: { min: 1, desired: 2, max: 5 } }),
      ["gcp:project=my-project"],
    );
    expect(estimate.resources).toHaveLength(1);
    expect(estimate.resources[0]).toMatchObject({ instanceType: "c4-standard-4", region: candidate.region, count: Math.max(candidate.instances.min, candidate.instances.desired) });
  });

  it("Azure: the scale set at its capacity in its location", { timeout: 60_000 }, async () => {
    const { candidate, estimate } = await estimateFleet((plan) => plan.alternatives.find((item) => item.provider === "azure")!, [`wattplan:sshPublicKey=${SSH_KEY}`]);
    expect(estimate.resources).toHaveLength(1);
    expect(estimate.resources[0]).toMatchObject({ instanceType: candidate.instanceType, region: candidate.region, count: candidate.instances.desired });
  });
});
