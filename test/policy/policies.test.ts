// The policy validators, called directly (policy/index.ts constructs a PolicyPack, which starts a server).
import { describe, expect, it } from "vitest";
import type { Plan } from "../../src/domain/plan.ts";
import {
  allowancesFromPlan,
  computePlacement,
  createWattplanPolicies,
  gridIntensityViolations,
  placementViolations,
  tagViolations,
  type Allowance,
  type ResourceView,
  type WattplanPolicyConfig,
} from "../../policy/policies.ts";
import { fixturePlan, planChoosing } from "../infra/helpers.ts";

const TAGS = {
  "wattplan-plan-id": "44269b3a41382486e1a377e05f1660d28d3500709ccced7eb16953a4b53dcd40",
  "wattplan-gco2e-per-1000-inferences": "0.0711",
  "wattplan-grid-gco2e-per-kwh": "36",
  "wattplan-version": "0.1.0",
};

const launchTemplate = (overrides: Partial<{ instanceType: string; region: string; tags: Record<string, string> }> = {}): ResourceView => ({
  type: "aws:ec2/launchTemplate:LaunchTemplate",
  props: { instanceType: overrides.instanceType ?? "c7g.2xlarge", tags: overrides.tags ?? TAGS },
  provider: { props: { region: overrides.region ?? "eu-north-1" } },
});

/** Runs every policy's validateResource the way the policy engine would, collecting violations by policy. */
function verdicts(resource: ResourceView, config: WattplanPolicyConfig, plan: Plan): Record<string, string[]> {
  const policies = createWattplanPolicies(() => allowancesFromPlan(plan));
  const result: Record<string, string[]> = {};
  for (const policy of policies) {
    const violations: string[] = [];
    const validate = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
    for (const check of validate) {
      check?.({ ...resource, getConfig: <T,>() => config as T } as never, (message) => violations.push(message));
    }
    result[policy.name] = violations;
  }
  return result;
}

describe("wattplan policies", () => {
  it("pass a compliant launch template", async () => {
    const plan = await fixturePlan();
    expect(verdicts(launchTemplate(), { maxGridIntensityGCo2ePerKwh: 100 }, plan)).toEqual({
      "wattplan-planned-placement": [],
      "wattplan-grid-intensity-ceiling": [],
      "wattplan-carbon-tags": [],
    });
  });

  it("flag each violation: region, instance type, grid ceiling, missing tags", async () => {
    const plan = await fixturePlan();
    expect(verdicts(launchTemplate({ region: "us-east-1" }), {}, plan)["wattplan-planned-placement"]).toEqual([
      "region us-east-1 is not in the plan (aws: eu-north-1)",
    ]);
    expect(verdicts(launchTemplate({ instanceType: "c7g.16xlarge" }), {}, plan)["wattplan-planned-placement"]).toEqual([
      "instance type c7g.16xlarge is not in the plan for eu-north-1 (allowed: c7g.2xlarge)",
    ]);
    expect(verdicts(launchTemplate(), { maxGridIntensityGCo2ePerKwh: 30 }, plan)["wattplan-grid-intensity-ceiling"]).toEqual([
      "grid intensity of eu-north-1 is 36 gCO2e/kWh, above the ceiling of 30",
    ]);
    const { "wattplan-version": _version, ...withoutVersion } = TAGS;
    expect(verdicts(launchTemplate({ tags: withoutVersion }), {}, plan)["wattplan-carbon-tags"]).toEqual(["missing wattplan tags: wattplan-version"]);
    expect(verdicts({ type: "aws:ec2/launchTemplate:LaunchTemplate", props: { instanceType: "c7g.2xlarge", tags: TAGS } }, {}, plan)["wattplan-planned-placement"][0]).toMatch(
      /cannot tell the region/,
    );
  });

  it("follow the plan they are given: a different plan, a different verdict", async () => {
    const plan = await fixturePlan();
    const gcpResource: ResourceView = {
      type: "gcp:compute/instanceTemplate:InstanceTemplate",
      props: { machineType: "c3-standard-8", labels: { ...TAGS, "wattplan-gco2e-per-1000-inferences": "0_083" } },
      provider: { props: { region: "europe-north1" } },
    };
    expect(verdicts(gcpResource, { maxGridIntensityGCo2ePerKwh: 100 }, plan)["wattplan-planned-placement"]).toEqual([]);
    expect(verdicts(gcpResource, { maxGridIntensityGCo2ePerKwh: 100 }, plan)["wattplan-grid-intensity-ceiling"]).toEqual([]);
    const otherPlan: Plan = { ...planChoosing(plan, { provider: "gcp", region: "europe-west4", instanceType: "n2-standard-8", gridIntensityGCo2ePerKwh: 268 }), alternatives: [] };
    expect(verdicts(gcpResource, { maxGridIntensityGCo2ePerKwh: 100 }, otherPlan)["wattplan-planned-placement"]).toEqual([
      "region europe-north1 is not in the plan (gcp: europe-west4)",
    ]);
    const inWest4 = { ...gcpResource, props: { ...gcpResource.props, machineType: "n2-standard-8" }, provider: { props: { region: "europe-west4" } } };
    expect(verdicts(inWest4, { maxGridIntensityGCo2ePerKwh: 100 }, otherPlan)).toMatchObject({
      "wattplan-planned-placement": [],
      "wattplan-grid-intensity-ceiling": ["grid intensity of europe-west4 is 268 gCO2e/kWh, above the ceiling of 100"],
    });
    expect(verdicts(inWest4, { maxGridIntensityGCo2ePerKwh: 300 }, otherPlan)["wattplan-grid-intensity-ceiling"]).toEqual([]);
  });

  it("read Azure scale sets and GCP labels in their own syntax", () => {
    const allowances: Allowance[] = [{ provider: "azure", region: "swedencentral", instanceType: "Standard_D8ps_v5", gridIntensityGCo2ePerKwh: 36 }];
    const scaleSet = computePlacement({ type: "azure-native:compute:VirtualMachineScaleSet", props: { location: "swedencentral", sku: { name: "Standard_D8ps_v5" }, tags: TAGS } });
    expect(scaleSet).toMatchObject({ provider: "azure", region: "swedencentral", instanceType: "Standard_D8ps_v5" });
    expect(scaleSet && placementViolations(scaleSet, allowances)).toEqual([]);
    expect(scaleSet && placementViolations({ ...scaleSet, instanceType: "Standard_NC4as_T4_v3" }, allowances)[0]).toMatch(/Standard_NC4as_T4_v3 is not in the plan/);
    // Not in the plan: the intensity comes from the resource's own label, GCP style (36_5 = 36.5).
    const gcp = computePlacement({ type: "gcp:compute/instanceTemplate:InstanceTemplate", props: { machineType: "n1-standard-8", region: "us-central1", labels: { ...TAGS, "wattplan-grid-gco2e-per-kwh": "436_5" } } });
    expect(gcp && gridIntensityViolations(gcp, [], 400)).toEqual(["grid intensity of us-central1 is 436.5 gCO2e/kWh, above the ceiling of 400"]);
    expect(gcp && tagViolations({ ...gcp, tags: {} })).toEqual([
      "missing wattplan labels: wattplan-plan-id, wattplan-gco2e-per-1000-inferences, wattplan-grid-gco2e-per-kwh, wattplan-version",
    ]);
    expect(computePlacement({ type: "aws:s3/bucket:Bucket", props: {} })).toBeUndefined();
  });

  it("allow only deployable candidates of a plan", async () => {
    const allowances = allowancesFromPlan(await fixturePlan());
    expect(allowances.map((allowance) => `${allowance.provider}/${allowance.region}/${allowance.instanceType}`)).toEqual([
      "aws/eu-north-1/c7g.2xlarge",
      "gcp/europe-north1/c3-standard-8",
      "azure/swedencentral/Standard_D8ps_v5",
    ]);
  });
});
