// The bench machine program under Pulumi's runtime mocks, per cloud: a private store with the two inputs and their
// sha256, an identity with exactly the read and results-write grants, nothing that admits inbound traffic, the image
// for CPU x86_64, CPU arm64 and GPU, and the boot script.
import { describe, expect, it } from "vitest";
import { GCP_BENCH_IMAGES } from "../../../src/infra/bench-fleet/images.ts";
import { AWS_AMI_PARAMETERS } from "../../../src/infra/images.ts";
import type { BenchMachineSpec } from "../../../src/infra/bench-fleet/machine-spec.ts";
import { benchMachineProgram } from "../../../src/infra/bench-fleet/program.ts";
import { AZURE_ROLES } from "../../../src/infra/artifact-store/azure.ts";
import { all, AZURE_SUBSCRIPTION, AZURE_USER_OBJECT, GCP_ZONE_WITH_TYPE, MOCKED_AMI, MOCKED_SUBNET, only, outputValue, setBenchMocks, settle } from "./mocks.ts";

const MODEL_SHA = "1".repeat(64);
const PACKAGE_SHA = "2".repeat(64);

function specFor(provider: BenchMachineSpec["provider"], instanceType: string, hardware: BenchMachineSpec["hardware"], accelerator: BenchMachineSpec["accelerator"] = null): BenchMachineSpec {
  return {
    stackName: `bench-0123abcd-${provider}-${instanceType.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`,
    provider,
    region: { aws: "eu-north-1", gcp: "europe-north2", azure: "swedencentral" }[provider],
    instanceType,
    hardware,
    accelerator,
    model: { path: "/tmp/model.onnx", sha256: MODEL_SHA },
    wattplanPackage: { path: "/tmp/wattplan-0.1.0.tgz", sha256: PACKAGE_SHA },
    nodeVersion: "20.20.2",
    benchArguments: ["--batch", "1,8", "--precision", "fp32", "--budget-seconds", "60", "--instance-type", instanceType, "--execution-provider", hardware.gpu ? "cuda" : "cpu"],
    ceilingMinutes: 30,
    labels: { "wattplan-bench-run": "0123abcd" },
  };
}

async function deploy(spec: BenchMachineSpec) {
  const mocks = await setBenchMocks();
  const outputs = await benchMachineProgram(spec)();
  const results = await outputValue(outputs.results);
  await settle();
  return { ...mocks, results };
}

function expectBootScript(script: string, spec: BenchMachineSpec) {
  expect(script.startsWith("#!/bin/sh\n")).toBe(true);
  // EC2 takes at most 16 KB of user data (Azure 64 KB of base64, GCP 256 KB of metadata).
  expect(Buffer.byteLength(script)).toBeLessThan(16 * 1024);
  expect(script).toContain(`node-v20.20.2-linux-${spec.hardware.architecture === "arm64" ? "arm64" : "x64"}.tar.gz`);
  expect(script).toContain(`verify "$WORK/model.onnx" ${MODEL_SHA}`);
  expect(script).toContain(`verify "$WORK/wattplan.tgz" ${PACKAGE_SHA}`);
  expect(script).toContain(`ONNXRUNTIME_NODE_INSTALL=${spec.hardware.gpu ? "cuda12" : "skip"} npm ci --omit=dev`);
  expect(script).toContain(`"$WATTPLAN_BIN" bench "$WORK/model.onnx" ${spec.benchArguments.map((arg) => `'${arg}'`).join(" ")} --out "$RESULTS/profile.json"`);
  expect(script).toContain("shutdown -h +30");
  expect(script.trimEnd().endsWith("poweroff")).toBe(true);
  expect(script.includes("libcudnn.so.9")).toBe(spec.hardware.gpu);
}

describe("the AWS bench machine", () => {
  it("stores the inputs privately with their sha256, grants exactly read + results write, admits nothing and terminates on power-off", { timeout: 30_000 }, async () => {
    const spec = specFor("aws", "c7i.large", { architecture: "x86_64", gpu: false });
    const { resources, calls, results } = await deploy(spec);
    expect(only(resources, "pulumi:providers:aws").inputs.region).toBe("eu-north-1");
    const bucket = only(resources, "aws:s3/bucket:Bucket");
    expect(bucket.inputs.forceDestroy).toBe(true);
    const bucketName = `${bucket.name}-1a2b3c`;
    expect(results).toEqual({ provider: "aws", region: "eu-north-1", bucket: bucketName, prefix: "results/" });
    expect(only(resources, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs).toMatchObject({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    expect(only(resources, "aws:s3/bucketOwnershipControls:BucketOwnershipControls").inputs.rule).toEqual({ objectOwnership: "BucketOwnerEnforced" });
    const objects = all(resources, "aws:s3/bucketObjectv2:BucketObjectv2").map((object) => [object.inputs.key, object.inputs.metadata.sha256, object.inputs.checksumAlgorithm]);
    expect(objects).toEqual([
      ["inputs/model.onnx", MODEL_SHA, "SHA256"],
      ["inputs/wattplan.tgz", PACKAGE_SHA, "SHA256"],
    ]);

    const role = only(resources, "aws:iam/role:Role");
    expect(JSON.parse(role.inputs.assumeRolePolicy).Statement).toEqual([{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }]);
    const policy = only(resources, "aws:iam/rolePolicy:RolePolicy");
    expect(policy.inputs.role).toBe(`${role.name}-role-name`);
    expect(JSON.parse(policy.inputs.policy).Statement).toEqual([
      { Sid: "ReadArtifacts", Effect: "Allow", Action: ["s3:GetObject"], Resource: [`arn:aws:s3:::${bucketName}/inputs/model.onnx`, `arn:aws:s3:::${bucketName}/inputs/wattplan.tgz`] },
      { Sid: "WriteResults", Effect: "Allow", Action: ["s3:PutObject"], Resource: [`arn:aws:s3:::${bucketName}/results/*`] },
    ]);
    expect(all(resources, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")).toEqual([]);

    const securityGroup = only(resources, "aws:ec2/securityGroup:SecurityGroup");
    expect(securityGroup.inputs.ingress ?? []).toEqual([]);
    expect(all(resources, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")).toEqual([]);

    const instance = only(resources, "aws:ec2/instance:Instance");
    expect(instance.inputs).toMatchObject({
      ami: MOCKED_AMI,
      instanceType: "c7i.large",
      subnetId: MOCKED_SUBNET,
      iamInstanceProfile: `${only(resources, "aws:iam/instanceProfile:InstanceProfile").name}-profile-name`,
      instanceInitiatedShutdownBehavior: "terminate",
      metadataOptions: { httpTokens: "required" },
      associatePublicIpAddress: true,
    });
    expect(calls.filter((call) => call.type === "aws:ssm/getParameter:getParameter").map((call) => call.inputs.name)).toEqual([AWS_AMI_PARAMETERS.cpuX86]);
    expect(calls.find((call) => call.type === "aws:ec2/getInstanceTypeOfferings:getInstanceTypeOfferings")!.inputs.filters).toEqual([{ name: "instance-type", values: ["c7i.large"] }]);
    const script: string = instance.inputs.userData;
    expectBootScript(script, spec);
    expect(script).toContain(`"s3://"'${bucketName}'"/$1"`);
  });

  it("boots the arm64 image for Graviton and the NVIDIA driver image for GPUs", { timeout: 30_000 }, async () => {
    const arm = await deploy(specFor("aws", "c7g.large", { architecture: "arm64", gpu: false }));
    expect(arm.calls.filter((call) => call.type === "aws:ssm/getParameter:getParameter").map((call) => call.inputs.name)).toEqual([AWS_AMI_PARAMETERS.cpuArm64]);
    expectBootScript(only(arm.resources, "aws:ec2/instance:Instance").inputs.userData, specFor("aws", "c7g.large", { architecture: "arm64", gpu: false }));
    const gpuSpec = specFor("aws", "g6.xlarge", { architecture: "x86_64", gpu: true }, { model: "L4", count: 1, memoryGb: 24 });
    const gpu = await deploy(gpuSpec);
    expect(gpu.calls.filter((call) => call.type === "aws:ssm/getParameter:getParameter").map((call) => call.inputs.name)).toEqual([AWS_AMI_PARAMETERS.gpuX86]);
    expectBootScript(only(gpu.resources, "aws:ec2/instance:Instance").inputs.userData, gpuSpec);
  });
});

describe("the GCP bench machine", () => {
  it("stores the inputs privately, grants the service account exactly those objects and results/, and adds no firewall rule", { timeout: 30_000 }, async () => {
    const spec = specFor("gcp", "c4-highcpu-4", { architecture: "x86_64", gpu: false });
    const { resources, results } = await deploy(spec);
    const bucket = only(resources, "gcp:storage/bucket:Bucket");
    expect(bucket.inputs).toMatchObject({ uniformBucketLevelAccess: true, publicAccessPrevention: "enforced", forceDestroy: true, location: "EUROPE-NORTH2" });
    const bucketName: string = bucket.inputs.name;
    expect(bucketName).toMatch(/^wattplan-bench-[0-9a-f]{25}$/);
    expect(results).toEqual({ provider: "gcp", bucket: bucketName, prefix: "results/" });
    expect(all(resources, "gcp:storage/bucketObject:BucketObject").map((object) => [object.inputs.name, object.inputs.metadata.sha256])).toEqual([
      ["inputs/model.onnx", MODEL_SHA],
      ["inputs/wattplan.tgz", PACKAGE_SHA],
    ]);
    const account = only(resources, "gcp:serviceaccount/account:Account");
    const member = `serviceAccount:${account.inputs.accountId}@bench-project.iam.gserviceaccount.com`;
    const grants = all(resources, "gcp:storage/bucketIAMMember:BucketIAMMember").map((grant) => ({ role: grant.inputs.role, member: grant.inputs.member, expression: grant.inputs.condition.expression }));
    expect(grants).toEqual([
      {
        role: "roles/storage.objectViewer",
        member,
        expression: `resource.name == "projects/_/buckets/${bucketName}/objects/inputs/model.onnx" || resource.name == "projects/_/buckets/${bucketName}/objects/inputs/wattplan.tgz"`,
      },
      { role: "roles/storage.objectCreator", member, expression: `resource.name.startsWith("projects/_/buckets/${bucketName}/objects/results/")` },
    ]);
    expect(all(resources, "gcp:projects/iAMMember:IAMMember")).toEqual([]);
    expect(only(resources, "gcp:compute/network:Network").inputs.autoCreateSubnetworks).toBe(false);
    expect(all(resources, "gcp:compute/firewall:Firewall")).toEqual([]);

    const instance = only(resources, "gcp:compute/instance:Instance");
    expect(instance.inputs).toMatchObject({
      machineType: "c4-highcpu-4",
      zone: GCP_ZONE_WITH_TYPE,
      bootDisk: { initializeParams: { image: GCP_BENCH_IMAGES.cpuX86, type: "hyperdisk-balanced" } },
      serviceAccount: { email: `${account.inputs.accountId}@bench-project.iam.gserviceaccount.com`, scopes: ["cloud-platform"] },
      scheduling: { maxRunDuration: { seconds: 1800 }, instanceTerminationAction: "DELETE", automaticRestart: false },
    });
    expect(instance.inputs.networkInterfaces[0].accessConfigs).toEqual([{}]);
    expect(instance.inputs.guestAccelerators ?? []).toEqual([]);
    const script: string = instance.inputs.metadata["startup-script"];
    expectBootScript(script, spec);
    expect(script).toContain("metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token");
    expect(script).toContain(`"https://storage.googleapis.com/upload/storage/v1/b/"'${bucketName}'"/o?uploadType=media&name=results%2F$2"`);
  });

  it("boots Debian arm64 for Axion, the Deep Learning VM for GPUs, and attaches N1's guest GPUs", { timeout: 30_000 }, async () => {
    const arm = await deploy(specFor("gcp", "c4a-standard-4", { architecture: "arm64", gpu: false }));
    expect(only(arm.resources, "gcp:compute/instance:Instance").inputs.bootDisk.initializeParams.image).toBe(GCP_BENCH_IMAGES.cpuArm64);
    const g2 = await deploy(specFor("gcp", "g2-standard-4", { architecture: "x86_64", gpu: true }, { model: "L4", count: 1, memoryGb: 24 }));
    const g2Instance = only(g2.resources, "gcp:compute/instance:Instance").inputs;
    expect(g2Instance.bootDisk.initializeParams.image).toBe(GCP_BENCH_IMAGES.gpuX86);
    expect(g2Instance.scheduling.onHostMaintenance).toBe("TERMINATE");
    expect(g2Instance.guestAccelerators ?? []).toEqual([]);
    const n1 = await deploy(specFor("gcp", "n1-standard-4", { architecture: "x86_64", gpu: true }, { model: "T4", count: 1, memoryGb: 16 }));
    expect(only(n1.resources, "gcp:compute/instance:Instance").inputs.guestAccelerators).toEqual([{ type: "nvidia-tesla-t4", count: 1 }]);
  });
});

describe("the Azure bench machine", () => {
  it("keeps the inputs in a private account, scopes each role to a container, admits nothing, and can log in nobody", { timeout: 30_000 }, async () => {
    const spec = specFor("azure", "Standard_D4s_v5", { architecture: "x86_64", gpu: false });
    const { resources, results } = await deploy(spec);
    const account = only(resources, "azure-native:storage:StorageAccount");
    expect(account.inputs).toMatchObject({ allowBlobPublicAccess: false, minimumTlsVersion: "TLS1_2", enableHttpsTrafficOnly: true, location: "swedencentral" });
    expect(account.inputs.accountName).toMatch(/^wb[0-9a-f]{22}$/);
    expect(results).toEqual({ provider: "azure", blobEndpoint: `https://${account.inputs.accountName}.blob.core.windows.net/`, container: "results", prefix: "" });
    expect(all(resources, "azure-native:storage:BlobContainer").map((container) => [container.inputs.containerName, container.inputs.publicAccess])).toEqual([
      ["inputs", "None"],
      ["results", "None"],
    ]);
    expect(all(resources, "azure-native:storage:Blob").map((blob) => [blob.inputs.containerName, blob.inputs.blobName, blob.inputs.metadata.sha256])).toEqual([
      ["inputs", "model.onnx", MODEL_SHA],
      ["inputs", "wattplan.tgz", PACKAGE_SHA],
    ]);
    const container = (name: string) => `/subscriptions/${AZURE_SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/account/blobServices/default/containers/${name}`;
    const role = (id: string) => `/subscriptions/${AZURE_SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${id}`;
    const assignments = all(resources, "azure-native:authorization:RoleAssignment").map((assignment) => [assignment.inputs.principalId, assignment.inputs.roleDefinitionId, assignment.inputs.scope]);
    // Registered in whatever order their inputs resolve: compared as a set.
    expect(assignments.map((row) => row.join(" ")).sort()).toEqual(
      [
        ["identity-principal-id", role(AZURE_ROLES.storageBlobDataReader), container("inputs")],
        ["identity-principal-id", role(AZURE_ROLES.storageBlobDataContributor), container("results")],
        [AZURE_USER_OBJECT, role(AZURE_ROLES.storageBlobDataReader), container("results")],
      ]
        .map((row) => row.join(" "))
        .sort(),
    );
    expect(only(resources, "azure-native:network:NetworkSecurityGroup").inputs.securityRules ?? []).toEqual([]);
    expect(all(resources, "azure-native:network:SecurityRule")).toEqual([]);

    const machine = only(resources, "azure-native:compute:VirtualMachine");
    expect(machine.inputs.hardwareProfile.vmSize).toBe("Standard_D4s_v5");
    expect(machine.inputs.storageProfile.imageReference).toMatchObject({ publisher: "Canonical", sku: "22_04-lts-gen2" });
    expect(machine.inputs.identity).toEqual({ type: "UserAssigned", userAssignedIdentities: [`${only(resources, "azure-native:managedidentity:UserAssignedIdentity").name}-id`] });
    const linux = machine.inputs.osProfile.linuxConfiguration;
    expect(linux.disablePasswordAuthentication).toBe(true);
    expect(linux.ssh.publicKeys[0].keyData).toMatch(/^ssh-rsa AAAAB3NzaC1yc2E[A-Za-z0-9+/=]+ wattplan-bench-no-login$/);
    const script = Buffer.from(machine.inputs.osProfile.customData, "base64").toString("utf8");
    expectBootScript(script, spec);
    expect(script).toContain("client_id=\"'identity-client-id'");
    expect(all(resources, "azure-native:compute:VirtualMachineExtension")).toEqual([]);
  });

  it("installs the NVIDIA driver extension on GPU sizes and the arm64 image on Ampere", { timeout: 30_000 }, async () => {
    const gpu = await deploy(specFor("azure", "Standard_NC4as_T4_v3", { architecture: "x86_64", gpu: true }, { model: "T4", count: 1, memoryGb: 16 }));
    expect(only(gpu.resources, "azure-native:compute:VirtualMachineExtension").inputs).toMatchObject({ publisher: "Microsoft.HpcCompute", type: "NvidiaGpuDriverLinux" });
    const arm = await deploy(specFor("azure", "Standard_D4ps_v5", { architecture: "arm64", gpu: false }));
    expect(only(arm.resources, "azure-native:compute:VirtualMachine").inputs.storageProfile.imageReference.sku).toBe("22_04-lts-arm64");
  });
});
