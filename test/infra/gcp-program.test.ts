// The program on GCP under runtime mocks: a GPU (N1 + T4) variant and an Axion (arm64) variant of the fixture.
import { describe, expect, it } from "vitest";
import { sanitizeGcpLabelValue } from "../../src/infra/carbon-tags.ts";
import { byType, emitStackConfig, fixturePlan, onlyOne, planChoosing, runProgram } from "./helpers.ts";


describe("GCP fleet", () => {
  it("deploys a T4 candidate: guest accelerator, TERMINATE on maintenance, COS with the GPU driver, MIG + autoscaler + LB", { timeout: 30_000 }, async () => {
    const plan = planChoosing(await fixturePlan(), {
      provider: "gcp",
      region: "europe-west4",
      instanceType: "n1-standard-8",
      architecture: "x86_64",
      accelerator: { model: "T4", count: 1, memoryGb: 16 },
      precision: "fp32",
      batchSize: 16,
      replicas: 1,
      instances: { min: 1, desired: 2, max: 5 },
      gridIntensityGCo2ePerKwh: 268.5,
      zones: ["europe-west4-a", "europe-west4-c"],
    });
    const stackConfig = await emitStackConfig(plan, ["gcp:project=my-project"]);
    expect(stackConfig["gcp:region"]).toBe("europe-west4");
    const { resources, outputs, endpointUrl } = await runProgram(stackConfig);

    const provider = onlyOne(resources, "pulumi:providers:gcp");
    expect(provider.inputs).toMatchObject({ project: "my-project", region: "europe-west4" });

    const template = onlyOne(resources, "gcp:compute/instanceTemplate:InstanceTemplate");
    expect(template.inputs.machineType).toBe("n1-standard-8");
    expect(template.inputs.guestAccelerators).toEqual([{ type: "nvidia-tesla-t4", count: 1 }]);
    expect(template.inputs.scheduling.onHostMaintenance).toBe("TERMINATE");
    expect(template.inputs.disks[0].sourceImage).toBe("projects/cos-cloud/global/images/family/cos-stable");
    expect(template.inputs.disks[0].diskType).toBe("pd-balanced");
    const script: string = template.inputs.metadata["startup-script"];
    expect(script).toContain("cos-extensions install gpu");
    expect(script).toContain("--device /dev/nvidia0");
    expect(script).toContain("kind: KIND_GPU");
    expect(script).toContain("max_batch_size: 16");
    expect(template.inputs.labels).toMatchObject({
      "wattplan-plan-id": plan.id.slice(0, 63),
      "wattplan-grid-gco2e-per-kwh": "268_5",
      "wattplan-gco2e-per-1000-inferences": "0_0711",
      "wattplan-version": "0_1_0",
    });
    for (const value of Object.values(template.inputs.labels as Record<string, string>)) expect(value).toMatch(/^[a-z0-9_-]{0,63}$/);

    // Private: no access config (no external IP); its own service account; egress through Cloud NAT.
    expect(template.inputs.networkInterfaces).toEqual([{ network: "default", nicType: "GVNIC" }]);
    const account = onlyOne(resources, "gcp:serviceaccount/account:Account");
    expect(account.inputs.accountId).toBe("wattplan-test");
    const email = "wattplan-test@my-project.iam.gserviceaccount.com";
    expect(template.inputs.serviceAccount).toEqual({ email, scopes: ["https://www.googleapis.com/auth/cloud-platform"] });
    const members = byType(resources, "gcp:projects/iAMMember:IAMMember");
    expect(members.map((member) => [member.inputs.role, member.inputs.member, member.inputs.project]).sort()).toEqual([
      ["roles/logging.logWriter", `serviceAccount:${email}`, "my-project"],
      ["roles/monitoring.metricWriter", `serviceAccount:${email}`, "my-project"],
    ]);
    const router = onlyOne(resources, "gcp:compute/router:Router");
    expect(router.inputs).toMatchObject({ network: "default", region: "europe-west4" });
    expect(onlyOne(resources, "gcp:compute/routerNat:RouterNat").inputs).toMatchObject({
      router: "wattplan-test-router",
      region: "europe-west4",
      natIpAllocateOption: "AUTO_ONLY",
      sourceSubnetworkIpRangesToNat: "ALL_SUBNETWORKS_ALL_IP_RANGES",
    });

    const healthCheck = onlyOne(resources, "gcp:compute/regionHealthCheck:RegionHealthCheck");
    expect(healthCheck.inputs.httpHealthCheck).toMatchObject({ port: 8000, requestPath: "/v2/health/ready" });
    const group = onlyOne(resources, "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager");
    expect(group.inputs.targetSize).toBe(2);
    expect(group.inputs.region).toBe("europe-west4");
    expect(group.inputs.autoHealingPolicies).toEqual({ healthCheck: "wattplan-test-ready-id", initialDelaySec: 1800 });
    // Only the plan's zones (from the catalog in a real plan); a surge of one per zone, nothing taken away early.
    expect(group.inputs.distributionPolicyZones).toEqual(["europe-west4-a", "europe-west4-c"]);
    expect(group.inputs.distributionPolicyTargetShape).toBe("BALANCED");
    expect(group.inputs.updatePolicy).toEqual({
      type: "PROACTIVE",
      minimalAction: "REPLACE",
      replacementMethod: "SUBSTITUTE",
      maxSurgeFixed: 2,
      maxUnavailableFixed: 0,
      minReadySec: 60,
      instanceRedistributionType: "NONE",
    });
    expect(group.inputs).toMatchObject({ waitForInstances: true, waitForInstancesStatus: "STABLE" });
    const autoscaler = onlyOne(resources, "gcp:compute/regionAutoscaler:RegionAutoscaler");
    expect(autoscaler.inputs.autoscalingPolicy).toMatchObject({ minReplicas: 1, maxReplicas: 5 });
    expect(onlyOne(resources, "gcp:compute/regionBackendService:RegionBackendService").inputs.loadBalancingScheme).toBe("EXTERNAL");
    const forwardingRule = onlyOne(resources, "gcp:compute/forwardingRule:ForwardingRule");
    expect(forwardingRule.inputs.portRange).toBe("8000");
    expect(forwardingRule.inputs.labels["wattplan-plan-id"]).toBe(plan.id.slice(0, 63));
    expect(onlyOne(resources, "gcp:compute/firewall:Firewall").inputs.allows).toEqual([{ protocol: "tcp", ports: ["8000"] }]);

    expect(endpointUrl).toBe("http://203.0.113.10:8000");
    expect(outputs).toMatchObject({ provider: "gcp", region: "europe-west4", instanceType: "n1-standard-8", accelerator: "1x T4", instancesDesired: 2 });
  });

  it("uses the arm64 Container-Optimized OS image and no accelerator for an Axion candidate", { timeout: 30_000 }, async () => {
    const plan = planChoosing(await fixturePlan(), { provider: "gcp", region: "europe-north1", instanceType: "c4a-standard-8", architecture: "arm64" });
    const { resources } = await runProgram(await emitStackConfig(plan));
    const template = onlyOne(resources, "gcp:compute/instanceTemplate:InstanceTemplate");
    expect(template.inputs.disks[0].sourceImage).toBe("projects/cos-cloud/global/images/family/cos-arm64-stable");
    // C4A boots from Hyperdisk only and takes gVNIC only: pd-balanced or VirtIO would fail at instance creation.
    expect(template.inputs.disks[0].diskType).toBe("hyperdisk-balanced");
    expect(template.inputs.networkInterfaces[0].nicType).toBe("GVNIC");
    expect(template.inputs.guestAccelerators ?? []).toEqual([]);
    expect(template.inputs.scheduling.onHostMaintenance).toBe("MIGRATE");
    expect(template.inputs.metadata["startup-script"]).toContain("kind: KIND_CPU");
    expect(template.inputs.metadata["startup-script"]).not.toContain("cos-extensions");
    // No zone list for CPU types: the whole region, and a surge of one per zone of it (looked up at deploy time).
    const group = onlyOne(resources, "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager");
    expect(group.inputs.distributionPolicyZones).toBeUndefined();
    expect(group.inputs.updatePolicy.maxSurgeFixed).toBe(3);
    expect(group.inputs.autoHealingPolicies.initialDelaySec).toBe(900);
  });

  it("sanitizes label values to GCP's syntax", () => {
    expect(sanitizeGcpLabelValue("0.1.0-Beta+7")).toBe("0_1_0-beta_7");
    expect(sanitizeGcpLabelValue("a".repeat(80))).toHaveLength(63);
  });
});

describe("GCP model artifact", () => {
  it("uploads the planned artifact to a private bucket in the region, readable by exactly the fleet's service account", { timeout: 30_000 }, async () => {
    const plan = planChoosing(await fixturePlan(), { provider: "gcp", region: "europe-north1", instanceType: "c4a-standard-8", architecture: "arm64" });
    const stackConfig = await emitStackConfig(plan, ["gcp:project=my-project"]);
    const sha256 = stackConfig["wattplan:artifactSha256"] as string;
    const { resources } = await runProgram(stackConfig);
    const bucket = onlyOne(resources, "gcp:storage/bucket:Bucket");
    expect(bucket.inputs).toMatchObject({ location: "EUROPE-NORTH1", uniformBucketLevelAccess: true, publicAccessPrevention: "enforced", forceDestroy: true });
    expect(onlyOne(resources, "gcp:storage/bucketObject:BucketObject").inputs).toMatchObject({
      bucket: bucket.name,
      name: `models/${sha256}.onnx`,
      metadata: { sha256 },
      source: { fileAsset: stackConfig["wattplan:artifactPath"] },
    });
    // The one grant in the stack: reads of that object, for the fleet's own service account.
    const grant = onlyOne(resources, "gcp:storage/bucketIAMMember:BucketIAMMember");
    expect(grant.inputs).toEqual({
      bucket: bucket.name,
      role: "roles/storage.objectViewer",
      member: "serviceAccount:wattplan-test@my-project.iam.gserviceaccount.com",
      condition: { title: "the stored artifacts only", expression: `resource.name == "projects/_/buckets/${bucket.name}/objects/models/${sha256}.onnx"` },
    });
    const group = onlyOne(resources, "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager");
    expect(group.options?.dependencies).toContain(`urn:pulumi:test::wattplan::wattplan:gcp:ArtifactStore$gcp:storage/bucketIAMMember:BucketIAMMember::${grant.name}`);
    const script: string = onlyOne(resources, "gcp:compute/instanceTemplate:InstanceTemplate").inputs.metadata["startup-script"];
    expect(script).toContain(`gcloud storage cp 'gs://${bucket.name}/models/${sha256}.onnx' /target/model.onnx`);
    expect(script).toContain(`echo '${sha256}  /var/lib/wattplan/models/resnet50/1/model.onnx' | sha256sum --check --status -`);
  });
});

describe("GCP boot disk type", () => {
  it("gives the Hyperdisk-only series (the example's c4-highcpu-2 among them) hyperdisk-balanced, the rest pd-balanced", async () => {
    const { gcpBootDiskType } = await import("../../src/infra/images.ts");
    for (const machineType of ["c4-highcpu-2", "c4-standard-8", "c4a-highcpu-4", "n4-standard-2", "a3-ultragpu-8g"]) {
      expect(gcpBootDiskType(machineType)).toBe("hyperdisk-balanced");
    }
    for (const machineType of ["n1-standard-8", "n2-highcpu-2", "c3-standard-4", "t2a-standard-1", "g2-standard-4", "a2-highgpu-1g", "a3-highgpu-1g"]) {
      expect(gcpBootDiskType(machineType)).toBe("pd-balanced");
    }
  });
});
