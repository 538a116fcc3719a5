// The policy validators, called directly (policy/index.ts constructs a PolicyPack, which starts a server).
import { describe, expect, it } from "vitest";
import type { Plan } from "../../src/domain/plan.ts";
import { computePlacement, gridIntensityViolations, placementViolations, tagViolations, type ResourceView } from "../../policy/compute-checks.ts";
import { bucketsWithoutPublicAccessBlock } from "../../policy/artifact-checks.ts";
import { allowancesFromPlan, stackAgainstPlan, type Allowance, type WattplanPolicyConfig } from "../../policy/plan-view.ts";
import { fixturePlan, planChoosing } from "../infra/helpers.ts";
import { runPolicies } from "./run-policies.ts";

const TAGS = {
  "wattplan-plan-id": "44269b3a41382486e1a377e05f1660d28d3500709ccced7eb16953a4b53dcd40",
  "wattplan-gco2e-per-1000-inferences": "0.0711",
  "wattplan-grid-gco2e-per-kwh": "36",
  "wattplan-version": "0.1.0",
};

const launchTemplate = (overrides: Partial<{ instanceType: string; region: string; tags: Record<string, string> }> = {}): ResourceView => ({
  type: "aws:ec2/launchTemplate:LaunchTemplate",
  props: { instanceType: overrides.instanceType ?? "c7g.2xlarge", tags: overrides.tags ?? TAGS, networkInterfaces: PRIVATE_NIC },
  provider: { props: { region: overrides.region ?? "eu-north-1" } },
});

/** Every policy's verdict on one resource, with the plan's candidates as the allowances. */
function verdicts(resource: ResourceView, config: WattplanPolicyConfig, plan: Plan): Record<string, string[]> {
  return runPolicies([resource], () => ({ allowances: allowancesFromPlan(plan), problems: [] }), config);
}

/** A boot script (base64, as launch templates take it) that checks the model against `sha` before serving it. */
const script = (sha: string) => Buffer.from(`#!/bin/bash\necho '${sha}  /var/lib/wattplan/models/m/1/model.onnx' | sha256sum --check --status - || exit 1\n`).toString("base64");

const PRIVATE_NIC = [{ deviceIndex: 0, associatePublicIpAddress: "false", securityGroups: ["sg-1"] }];

describe("wattplan policies", () => {
  it("pass a compliant launch template", async () => {
    const plan = await fixturePlan();
    const compliant = { ...launchTemplate(), props: { ...launchTemplate().props, userData: script(plan.chosen.artifact!.sha256) } };
    expect(verdicts(compliant, { maxGridIntensityGCo2ePerKwh: 100 }, plan)).toEqual({
      "wattplan-planned-placement": [],
      "wattplan-grid-intensity-ceiling": [],
      "wattplan-carbon-tags": [],
      "wattplan-planned-accelerators": [],
      "wattplan-planned-counts": [],
      "wattplan-private-instances": [],
      "wattplan-planned-artifact": [],
      "wattplan-private-artifact-store": [],
      "wattplan-s3-public-access-blocked": [],
      "wattplan-stack-as-emitted": [],
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

  it("keep instances private on every cloud: a public IP anywhere is a violation", async () => {
    const plan = await fixturePlan();
    const privateOf = (resource: ResourceView) => verdicts(resource, {}, plan)["wattplan-private-instances"];
    expect(privateOf({ ...launchTemplate(), props: { instanceType: "c7g.2xlarge", tags: TAGS, vpcSecurityGroupIds: ["sg-1"] } })[0]).toMatch(/may get a public IP/);
    expect(privateOf({ ...launchTemplate(), props: { instanceType: "c7g.2xlarge", tags: TAGS, networkInterfaces: [{ associatePublicIpAddress: "true" }] } })).toHaveLength(1);
    const template = (networkInterfaces: unknown[]): ResourceView => ({ type: "gcp:compute/instanceTemplate:InstanceTemplate", props: { machineType: "c3-standard-8", region: "europe-north1", networkInterfaces } });
    expect(privateOf(template([{ network: "default" }]))).toEqual([]);
    expect(privateOf(template([{ network: "default", accessConfigs: [{}] }]))).toEqual(["a network interface has an access config, which gives the instance an external IP: remove accessConfigs"]);
    const scaleSet = (ipConfiguration: Record<string, unknown>): ResourceView => ({
      type: "azure-native:compute:VirtualMachineScaleSet",
      props: { location: "swedencentral", sku: { name: "Standard_D8ps_v5" }, virtualMachineProfile: { networkProfile: { networkInterfaceConfigurations: [{ ipConfigurations: [ipConfiguration] }] } } },
    });
    expect(privateOf(scaleSet({ name: "primary" }))).toEqual([]);
    expect(privateOf(scaleSet({ name: "primary", publicIPAddressConfiguration: { name: "ip" } }))).toHaveLength(1);
  });

  it("hold fleet sizes to the plan's counts, a batch schedule's idle and active sizes included", async () => {
    const plan = await fixturePlan(); // chosen: aws, 2–7 instances
    const group = (counts: Record<string, number>): ResourceView => ({ type: "aws:autoscaling/group:Group", props: counts });
    const countsOf = (resource: ResourceView, of = plan) => verdicts(resource, {}, of)["wattplan-planned-counts"];
    expect(countsOf(group({ minSize: 2, desiredCapacity: 3, maxSize: 7 }))).toEqual([]);
    expect(countsOf(group({ minSize: 2, desiredCapacity: 3, maxSize: 50 }))).toEqual(["maxSize 50 is outside the plan's 2–7 instances"]);
    expect(countsOf(group({ minSize: 0, desiredCapacity: 0, maxSize: 7 }))).toEqual(["minSize 0 is outside the plan's 2–7 instances", "desiredCapacity 0 is outside the plan's 2–7 instances"]);
    const batch: Plan = { ...plan, schedule: { activeInstances: 9, idleInstances: 0 } as Plan["schedule"] };
    expect(countsOf(group({ minSize: 0, desiredCapacity: 0, maxSize: 9 }), batch)).toEqual([]);
    // The fixture allows gcp/europe-north1/c3-standard-8 with its own counts.
    const gcpRange = plan.alternatives.find((candidate) => candidate.provider === "gcp")?.instances;
    const autoscaler: ResourceView = { type: "gcp:compute/regionAutoscaler:RegionAutoscaler", props: { autoscalingPolicy: { minReplicas: gcpRange?.min, maxReplicas: 40 } } };
    expect(countsOf(autoscaler)).toEqual([`autoscalingPolicy.maxReplicas 40 is outside the plan's ${gcpRange?.min}–${gcpRange?.max} instances`]);
    const azureRange = plan.alternatives.find((candidate) => candidate.provider === "azure")?.instances;
    const capacity = { minimum: String(azureRange?.min), default: String(azureRange?.desired), maximum: "99" };
    const autoscale: ResourceView = { type: "azure-native:monitor:AutoscaleSetting", props: { profiles: [{ name: "planned", capacity }] } };
    expect(countsOf(autoscale)).toEqual([`profiles[planned].capacity.maximum 99 is outside the plan's ${azureRange?.min}–${azureRange?.max} instances`]);
  });

  it("give a GCP N1 machine exactly the plan's guest accelerators, and none to a CPU candidate", async () => {
    const plan = planChoosing(await fixturePlan(), { provider: "gcp", region: "europe-west4", instanceType: "n1-standard-8", architecture: "x86_64", accelerator: { model: "T4", count: 1, memoryGb: 16 } });
    const template = (guestAccelerators: unknown[], machineType = "n1-standard-8"): ResourceView => ({
      type: "gcp:compute/instanceTemplate:InstanceTemplate",
      props: { machineType, region: "europe-west4", guestAccelerators },
    });
    const acceleratorsOf = (resource: ResourceView) => verdicts(resource, {}, plan)["wattplan-planned-accelerators"];
    expect(acceleratorsOf(template([{ type: "nvidia-tesla-t4", count: 1 }]))).toEqual([]);
    expect(acceleratorsOf(template([{ type: "nvidia-tesla-t4", count: 4 }]))).toEqual(["guest accelerators 4x nvidia-tesla-t4 are not the plan's (1x nvidia-tesla-t4)"]);
    expect(acceleratorsOf(template([{ type: "nvidia-tesla-v100", count: 1 }]))).toHaveLength(1);
    // The fixture's CPU candidate in europe-north1 (c3-standard-8) takes none.
    expect(verdicts({ ...template([{ type: "nvidia-tesla-t4", count: 1 }], "c3-standard-8"), props: { machineType: "c3-standard-8", region: "europe-north1", guestAccelerators: [{ type: "nvidia-tesla-t4", count: 1 }] } }, {}, plan)["wattplan-planned-accelerators"]).toEqual([
      "guest accelerators 1x nvidia-tesla-t4 are not the plan's (none)",
    ]);
  });

  it("report a stack whose placement or counts are not the plan's candidate, even with a fresh digest", async () => {
    const plan = await fixturePlan();
    const { emitStackConfig } = await import("../infra/helpers.ts");
    const { parseStackConfig } = await import("../../src/infra/read-config.ts");
    const stackConfigOf = async (of: Plan) => {
      const emitted = await emitStackConfig(of);
      const raw = Object.fromEntries(Object.entries(emitted).filter(([key]) => key.startsWith("wattplan:")).map(([key, value]) => [key.slice(9), typeof value === "string" ? value : JSON.stringify(value)]));
      return parseStackConfig(raw);
    };
    const config = await stackConfigOf(plan);
    expect(stackAgainstPlan(config, plan)).toEqual([]);
    expect(stackAgainstPlan({ ...config, instanceType: "c7g.16xlarge" }, plan)).toEqual(["the stack's instanceType c7g.16xlarge (the plan's candidate: c7g.2xlarge)"]);
    expect(stackAgainstPlan({ ...config, instances: { min: 2, desired: 3, max: 50 } }, plan)).toEqual(["the stack's instances 2–50 (the plan's candidate: 2–7)"]);
    expect(stackAgainstPlan({ ...config, artifactSha256: "e".repeat(64) }, plan)).toEqual([`the stack's artifact sha256 eeeeeeeeeeee (the plan's candidate: ${plan.chosen.artifact!.sha256.slice(0, 12)})`]);
    expect(stackAgainstPlan({ ...config, candidateKey: "aws/us-east-1/p5.48xlarge/fp32/b8" }, plan)[0]).toMatch(/is not a deployable candidate of the plan/);
    expect(stackAgainstPlan({ ...config, planId: "f".repeat(64) }, plan)[0]).toMatch(/^the stack was emitted from plan ffffffffffff, not from this plan/);
  });

  it("hold instances to the planned artifact: the boot script checks its sha256, the uploaded object is it", async () => {
    const plan = await fixturePlan();
    const sha256 = "a".repeat(64);
    const resolve = () => ({ allowances: allowancesFromPlan(plan).map((allowance) => ({ ...allowance, artifactSha256: sha256 })), problems: [] });
    const artifactOf = (resource: ResourceView) => runPolicies([resource], resolve, {})["wattplan-planned-artifact"];
    expect(artifactOf({ ...launchTemplate(), props: { ...launchTemplate().props, userData: script(sha256) } })).toEqual([]);
    expect(artifactOf({ ...launchTemplate(), props: { ...launchTemplate().props, userData: script("b".repeat(64)) } })).toEqual([
      "the instances' boot script does not check the model against the planned sha256 (aaaaaaaaaaaa) before Triton starts",
    ]);
    expect(artifactOf({ type: "aws:s3/bucketObjectv2:BucketObjectv2", props: { key: `models/${sha256}.onnx` } })).toEqual([]);
    expect(artifactOf({ type: "gcp:storage/bucketObject:BucketObject", props: { name: `models/${"c".repeat(64)}.onnx` } })).toEqual([
      `the uploaded model models/${"c".repeat(64)}.onnx is not the planned artifact (sha256 aaaaaaaaaaaa)`,
    ]);
    // Azure: the container is the key's first segment.
    expect(artifactOf({ type: "azure-native:storage:Blob", props: { containerName: "models", blobName: `${sha256}.onnx` } })).toEqual([]);
    expect(artifactOf({ type: "azure-native:storage:Blob", props: { containerName: "models", blobName: `${"d".repeat(64)}.onnx` } })).toEqual([
      `the uploaded model models/${"d".repeat(64)}.onnx is not the planned artifact (sha256 aaaaaaaaaaaa)`,
    ]);
  });

  it("keep model storage private on every cloud", async () => {
    const plan = await fixturePlan();
    const storeOf = (resource: ResourceView) => verdicts(resource, {}, plan)["wattplan-private-artifact-store"];
    expect(storeOf({ type: "gcp:storage/bucket:Bucket", props: { publicAccessPrevention: "enforced", uniformBucketLevelAccess: true } })).toEqual([]);
    expect(storeOf({ type: "gcp:storage/bucket:Bucket", props: { publicAccessPrevention: "inherited", uniformBucketLevelAccess: true } })).toHaveLength(1);
    expect(storeOf({ type: "azure-native:storage:StorageAccount", props: { allowBlobPublicAccess: true } })).toEqual(["this storage account allows anonymous blob access: set allowBlobPublicAccess false"]);
    expect(storeOf({ type: "azure-native:storage:BlobContainer", props: { publicAccess: "Blob" } })).toHaveLength(1);
    const bucket = { type: "aws:s3/bucket:Bucket", name: "models", urn: "urn:bucket", props: {}, dependencies: [] };
    const block = (props: Record<string, boolean>) => ({ type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", name: "models", urn: "urn:block", props, dependencies: [{ urn: "urn:bucket" }] });
    const allOn = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
    expect(bucketsWithoutPublicAccessBlock([bucket, block(allOn)] as never)).toEqual([]);
    expect(bucketsWithoutPublicAccessBlock([bucket, block({ ...allOn, restrictPublicBuckets: false })] as never)).toEqual(["S3 bucket models has no public access block with all four settings on"]);
    expect(bucketsWithoutPublicAccessBlock([bucket] as never)).toHaveLength(1);
  });

  it("allow only deployable candidates of a plan, each with the artifact the plan records for it", async () => {
    const plan = await fixturePlan();
    const allowances = allowancesFromPlan(plan);
    expect(allowances[0].artifactSha256).toBe(plan.chosen.artifact!.sha256);
    expect(allowances.map((allowance) => `${allowance.provider}/${allowance.region}/${allowance.instanceType}`)).toEqual([
      "aws/eu-north-1/c7g.2xlarge",
      "gcp/europe-north1/c3-standard-8",
      "azure/swedencentral/Standard_D8ps_v5",
    ]);
  });
});
