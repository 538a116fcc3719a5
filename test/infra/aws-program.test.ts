// The program on AWS under runtime mocks, fed the stack file `wattplan emit` writes for the fixture plan.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { AWS_AMI_PARAMETERS } from "../../src/infra/images.ts";
import { byType, EXAMPLE_MODEL_SHA256, emitStackConfig, fixturePlan, MOCKED_AMI_ID, onlyOne, planChoosing, recordedCalls, runProgram, testProjectRoot } from "./helpers.ts";

const REQUIRED_TAGS = ["wattplan-plan-id", "wattplan-gco2e-per-1000-inferences", "wattplan-grid-gco2e-per-kwh", "wattplan-version"];
const CERTIFICATE = "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789";
const awsGpu = { provider: "aws", region: "eu-west-1", instanceType: "g5.xlarge", architecture: "x86_64", accelerator: { model: "A10G", count: 1, memoryGb: 24 }, precision: "fp32", batchSize: 16, replicas: 1 } as const;

async function runAwsProgram(stackConfig: Record<string, unknown>) {
  const run = await runProgram(stackConfig);
  const amiParameters = recordedCalls.filter((call) => call.token === "aws:ssm/getParameter:getParameter").map((call) => call.inputs.name as string);
  return { ...run, amiParameters };
}

const userData = (resources: Awaited<ReturnType<typeof runProgram>>["resources"]) =>
  Buffer.from(onlyOne(resources, "aws:ec2/launchTemplate:LaunchTemplate").inputs.userData, "base64").toString("utf8");

describe("AWS fleet", () => {
  it("deploys the fixture's chosen Graviton candidate as planned", { timeout: 30_000 }, async () => {
    const plan = await fixturePlan();
    const stackConfig = await emitStackConfig(plan);
    expect(stackConfig["aws:region"]).toBe("eu-north-1");
    const { resources, outputs, endpointUrl, amiParameters } = await runAwsProgram(stackConfig);
    expect(amiParameters).toEqual([AWS_AMI_PARAMETERS.cpuArm64]);

    const provider = onlyOne(resources, "pulumi:providers:aws");
    expect(provider.inputs.region).toBe("eu-north-1");

    const template = onlyOne(resources, "aws:ec2/launchTemplate:LaunchTemplate");
    expect(template.inputs.instanceType).toBe("c7g.2xlarge");
    expect(template.inputs.imageId).toBe(MOCKED_AMI_ID);
    for (const key of REQUIRED_TAGS) expect(template.inputs.tags[key]).toBeTruthy();
    expect(template.inputs.tags["wattplan-plan-id"]).toBe(plan.id);
    expect(template.inputs.tags["wattplan-gco2e-per-1000-inferences"]).toBe("0.0711");
    expect(template.inputs.tags["wattplan-grid-gco2e-per-kwh"]).toBe("36");
    const script = userData(resources);
    expect(script).toContain("nvcr.io/nvidia/tritonserver");
    expect(script).toContain("max_batch_size: 8");
    expect(script).toContain("max_queue_delay_microseconds: 10000");
    expect(script).toContain("kind: KIND_CPU");
    expect(script).not.toContain("--gpus");

    const group = onlyOne(resources, "aws:autoscaling/group:Group");
    expect([group.inputs.minSize, group.inputs.desiredCapacity, group.inputs.maxSize]).toEqual([2, 3, 7]);
    const policy = onlyOne(resources, "aws:autoscaling/policy:Policy");
    expect(policy.inputs.policyType).toBe("TargetTrackingScaling");
    expect(policy.inputs.targetTrackingConfiguration.predefinedMetricSpecification.predefinedMetricType).toBe("ALBRequestCountPerTarget");
    expect(policy.inputs.targetTrackingConfiguration.targetValue).toBe(Math.round(97.1 * 0.6 * 60));

    const targetGroup = onlyOne(resources, "aws:lb/targetGroup:TargetGroup");
    expect(targetGroup.inputs.port).toBe(8000);
    expect(targetGroup.inputs.healthCheck).toMatchObject({ path: "/v2/health/ready", port: "8000", protocol: "HTTP" });
    expect(onlyOne(resources, "aws:lb/loadBalancer:LoadBalancer").inputs.loadBalancerType).toBe("application");
    expect(onlyOne(resources, "aws:lb/listener:Listener").inputs.defaultActions[0].type).toBe("forward");

    expect(endpointUrl).toMatch(/^http:\/\/.+\.elb\.example$/);
    expect(outputs).toMatchObject({ provider: "aws", region: "eu-north-1", instanceType: "c7g.2xlarge", instancesMin: 2, instancesDesired: 3, instancesMax: 7 });
    expect(outputs.expectedMonthlyCostUsd).toBe(636);
    expect(outputs.expectedMonthlyKgCo2e).toBe(22.4);
  });

  it("keeps instances private: own VPC, private subnets only where the type is offered, one NAT, an S3 endpoint, no public IP", { timeout: 30_000 }, async () => {
    const { resources } = await runAwsProgram(await emitStackConfig(await fixturePlan()));
    const vpc = onlyOne(resources, "aws:ec2/vpc:Vpc");
    expect(vpc.inputs.cidrBlock).toBe("10.42.0.0/16");
    const subnets = byType(resources, "aws:ec2/subnet:Subnet");
    const privateSubnets = subnets.filter((subnet) => subnet.name.includes("-private-"));
    const publicSubnets = subnets.filter((subnet) => subnet.name.includes("-public-"));
    // The mocked region has az1–az3; c7g.2xlarge is offered in az1 and az2 only.
    expect(privateSubnets.map((subnet) => subnet.inputs.availabilityZoneId).sort()).toEqual(["az1", "az2"]);
    expect(publicSubnets.map((subnet) => subnet.inputs.availabilityZoneId).sort()).toEqual(["az1", "az2"]);
    for (const subnet of subnets) expect(subnet.inputs.mapPublicIpOnLaunch).toBe(false);
    const group = onlyOne(resources, "aws:autoscaling/group:Group");
    expect(group.inputs.vpcZoneIdentifiers.sort()).toEqual(privateSubnets.map((subnet) => `${subnet.name}-id`).sort());
    expect(onlyOne(resources, "aws:lb/loadBalancer:LoadBalancer").inputs.subnets.sort()).toEqual(publicSubnets.map((subnet) => `${subnet.name}-id`).sort());

    const nat = onlyOne(resources, "aws:ec2/natGateway:NatGateway");
    expect(nat.inputs).toMatchObject({ connectivityType: "public", subnetId: `${publicSubnets[0].name}-id` });
    const privateRoutes = byType(resources, "aws:ec2/routeTable:RouteTable").find((table) => table.name.endsWith("-private"));
    expect(privateRoutes?.inputs.routes).toEqual([{ cidrBlock: "0.0.0.0/0", natGatewayId: `${nat.name}-id` }]);
    const endpoint = onlyOne(resources, "aws:ec2/vpcEndpoint:VpcEndpoint");
    expect(endpoint.inputs).toMatchObject({ serviceName: "com.amazonaws.eu-north-1.s3", vpcEndpointType: "Gateway", routeTableIds: [`${privateRoutes?.name}-id`] });

    const template = onlyOne(resources, "aws:ec2/launchTemplate:LaunchTemplate");
    expect(template.inputs.networkInterfaces).toEqual([
      { deviceIndex: 0, associatePublicIpAddress: "false", securityGroups: ["wattplan-test-instances-id"], deleteOnTermination: "true" },
    ]);
    expect(template.inputs.vpcSecurityGroupIds).toBeUndefined();
    // The instances' security group admits Triton's port from the load balancer's group and nothing else.
    const instances = byType(resources, "aws:ec2/securityGroup:SecurityGroup").find((group) => group.name.endsWith("-instances"));
    expect(instances?.inputs.ingress).toEqual([{ protocol: "tcp", fromPort: 8000, toPort: 8000, securityGroups: ["wattplan-test-lb-id"] }]);
  });

  it("puts a GPU type offered in one zone there, with public subnets in two zones for the load balancer", { timeout: 30_000 }, async () => {
    const { resources } = await runAwsProgram(await emitStackConfig(planChoosing(await fixturePlan(), awsGpu)));
    const subnets = byType(resources, "aws:ec2/subnet:Subnet");
    expect(subnets.filter((subnet) => subnet.name.includes("-private-")).map((subnet) => subnet.inputs.availabilityZoneId)).toEqual(["az2"]);
    expect(subnets.filter((subnet) => subnet.name.includes("-public-")).map((subnet) => subnet.inputs.availabilityZoneId)).toEqual(["az2", "az1"]);
    const group = onlyOne(resources, "aws:autoscaling/group:Group");
    // A GPU boot (driver, image, TensorRT engines) gets 30 minutes before health checks count.
    expect(group.inputs).toMatchObject({ healthCheckGracePeriod: 1800, defaultInstanceWarmup: 1800, waitForCapacityTimeout: "20m" });
  });

  it("rolls every new launch template version through the group: numbered version, instance refresh, new before old", { timeout: 30_000 }, async () => {
    const { resources } = await runAwsProgram(await emitStackConfig(await fixturePlan()));
    const group = onlyOne(resources, "aws:autoscaling/group:Group");
    // The template's latestVersion (a number; 1 in the mocks) as text, never "$Latest": a new version is a change the refresh sees.
    expect(group.inputs.launchTemplate).toEqual({ id: "wattplan-test-triton-id", version: "1" });
    expect(group.inputs.instanceRefresh).toEqual({
      strategy: "Rolling",
      preferences: { minHealthyPercentage: 100, maxHealthyPercentage: 200, instanceWarmup: "900", skipMatching: true, autoRollback: true },
    });
    expect(group.inputs).toMatchObject({ healthCheckType: "ELB", healthCheckGracePeriod: 900, waitForCapacityTimeout: "20m" });
  });

  it("serves HTTPS with an ACM certificate and redirects HTTP to it", { timeout: 30_000 }, async () => {
    const { resources, endpointUrl } = await runAwsProgram(await emitStackConfig(await fixturePlan(), [`wattplan:certificateArn=${CERTIFICATE}`]));
    const listeners = byType(resources, "aws:lb/listener:Listener");
    const https = listeners.find((listener) => listener.inputs.port === 443);
    expect(https?.inputs).toMatchObject({ protocol: "HTTPS", certificateArn: CERTIFICATE, sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" });
    expect(listeners.find((listener) => listener.inputs.port === 80)?.inputs.defaultActions[0]).toMatchObject({ type: "redirect", redirect: { protocol: "HTTPS", port: "443" } });
    const loadBalancerGroup = byType(resources, "aws:ec2/securityGroup:SecurityGroup").find((group) => group.name.endsWith("-lb"));
    expect(loadBalancerGroup?.inputs.ingress.map((rule: { fromPort: number }) => rule.fromPort)).toEqual([80, 443]);
    expect(endpointUrl).toMatch(/^https:\/\//);
  });

  it("in the user's VPC: their public subnets for the load balancer, their private ones narrowed to the offered zones, no NAT of its own", { timeout: 30_000 }, async () => {
    const plan = planChoosing(await fixturePlan(), awsGpu);
    const mine = ["wattplan:vpcId=vpc-0abc", "wattplan:subnetIds=subnet-1,subnet-2", "wattplan:publicSubnetIds=subnet-pub-1,subnet-pub-2"];
    const cpu = planChoosing(await fixturePlan(), { provider: "aws", region: "eu-west-1", instanceType: "c7i.2xlarge", architecture: "x86_64" });
    const { resources, amiParameters } = await runAwsProgram(await emitStackConfig(cpu, mine));
    expect(amiParameters).toEqual([AWS_AMI_PARAMETERS.cpuX86]);
    // subnet-1 lies in az1, subnet-2 in az3, which does not offer the type.
    expect(onlyOne(resources, "aws:autoscaling/group:Group").inputs.vpcZoneIdentifiers).toEqual(["subnet-1"]);
    expect(onlyOne(resources, "aws:lb/loadBalancer:LoadBalancer").inputs.subnets).toEqual(["subnet-pub-1", "subnet-pub-2"]);
    expect(onlyOne(resources, "aws:lb/targetGroup:TargetGroup").inputs.vpcId).toBe("vpc-0abc");
    expect(byType(resources, "aws:ec2/vpc:Vpc")).toEqual([]);
    expect(byType(resources, "aws:ec2/natGateway:NatGateway")).toEqual([]);

    // The GPU type is offered in az2 only, where none of these subnets lies.
    await expect(runAwsProgram(await emitStackConfig(plan, mine))).rejects.toThrow(/none of wattplan:subnetIds \(subnet-1, subnet-2\) is in a zone that offers g5\.xlarge \(az2\)/);
  });

  it("fails in one line when no zone of the region offers the type to this account", { timeout: 30_000 }, async () => {
    const plan = planChoosing(await fixturePlan(), { ...awsGpu, region: "eu-west-2", instanceType: "p5.48xlarge", accelerator: { model: "H100 SXM", count: 8, memoryGb: 80 } });
    const failure = await runAwsProgram(await emitStackConfig(plan)).catch((error: Error) => error);
    expect(pulumi.RunError.isInstance(failure as Error)).toBe(true);
    expect((failure as Error).message).toBe("no availability zone of eu-west-2 offers p5.48xlarge to this account; emit another candidate of the plan (wattplan emit --candidate N)");
  });

  it("picks the image for the hardware: the NVIDIA driver AMI and docker --gpus for GPUs", { timeout: 30_000 }, async () => {
    const gpu = await runAwsProgram(await emitStackConfig(planChoosing(await fixturePlan(), awsGpu)));
    expect(gpu.amiParameters).toEqual([AWS_AMI_PARAMETERS.gpuX86]);
    const script = userData(gpu.resources);
    expect(script).toContain("--gpus all");
    expect(script).toContain("kind: KIND_GPU");
    expect(script).toContain("max_batch_size: 16");
    expect(onlyOne(gpu.resources, "aws:ec2/launchTemplate:LaunchTemplate").inputs.instanceType).toBe("g5.xlarge");
  });

  it("uploads the planned artifact to a private bucket of its own, readable by exactly the fleet's role, checked by every instance", { timeout: 30_000 }, async () => {
    const stackConfig = await emitStackConfig(await fixturePlan()); // INT8: the quantized model
    const sha256 = stackConfig["wattplan:artifactSha256"] as string;
    const { resources, outputs } = await runAwsProgram(stackConfig);
    const bucket = onlyOne(resources, "aws:s3/bucket:Bucket");
    expect(onlyOne(resources, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs).toEqual({
      bucket: `${bucket.name}-id`,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    expect(onlyOne(resources, "aws:s3/bucketOwnershipControls:BucketOwnershipControls").inputs.rule).toEqual({ objectOwnership: "BucketOwnerEnforced" });
    const object = onlyOne(resources, "aws:s3/bucketObjectv2:BucketObjectv2");
    expect(object.inputs).toMatchObject({
      bucket: `${bucket.name}-id`,
      key: `models/${sha256}.onnx`,
      checksumAlgorithm: "SHA256",
      metadata: { sha256 },
      source: { fileAsset: stackConfig["wattplan:artifactPath"] },
    });
    const uploaded = readFileSync(join(testProjectRoot(), object.inputs.source.fileAsset));
    expect(createHash("sha256").update(uploaded).digest("hex")).toBe(sha256);
    expect(sha256).not.toBe(EXAMPLE_MODEL_SHA256);

    // One grant: s3:GetObject on that object, for the role the instance profile carries.
    const role = onlyOne(resources, "aws:iam/role:Role");
    expect(onlyOne(resources, "aws:iam/instanceProfile:InstanceProfile").inputs.role).toBe(role.name);
    const grant = onlyOne(resources, "aws:iam/rolePolicy:RolePolicy");
    expect(grant.inputs.role).toBe(role.name);
    expect(JSON.parse(grant.inputs.policy)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Sid: "ReadArtifacts", Effect: "Allow", Action: ["s3:GetObject"], Resource: [`arn:aws:s3:::${bucket.name}/models/${sha256}.onnx`] }],
    });
    expect(onlyOne(resources, "aws:autoscaling/group:Group").options?.dependencies).toContain(`urn:pulumi:test::wattplan::wattplan:aws:ArtifactStore$aws:iam/rolePolicy:RolePolicy::${grant.name}`);

    const script = userData(resources);
    expect(script).toContain(`s3 cp 's3://${bucket.name}/models/${sha256}.onnx' /target/model.onnx`);
    expect(script).toContain(`echo '${sha256}  /var/lib/wattplan/models/resnet50/1/model.onnx' | sha256sum --check --status -`);
    expect(outputs.artifactSha256).toBe(sha256);
  });

  it("fetches the user's own s3:// model for an FP32 candidate: no bucket, the grant on that object, the plan's sha256 checked", { timeout: 30_000 }, async () => {
    const plan = planChoosing(await fixturePlan(), { provider: "aws", region: "eu-north-1", instanceType: "c7g.2xlarge", precision: "fp32" });
    const withUri = { ...plan, spec: { ...plan.spec, model: { ...plan.spec.model, uri: "s3://example-models/resnet50.onnx" } } };
    const { resources } = await runAwsProgram(await emitStackConfig(withUri));
    expect(byType(resources, "aws:s3/bucket:Bucket")).toEqual([]);
    expect(JSON.parse(onlyOne(resources, "aws:iam/rolePolicy:RolePolicy").inputs.policy).Statement[0].Resource).toBe("arn:aws:s3:::example-models/resnet50.onnx");
    expect(userData(resources)).toContain(`echo '${EXAMPLE_MODEL_SHA256}  /var/lib/wattplan/models/resnet50/1/model.onnx' | sha256sum --check`);
  });

  it("names the load balancer and target group so Pulumi's autonaming fits AWS's 32 characters, for any stack name", { timeout: 30_000 }, async () => {
    const { nameWithinAutonameLimit } = await import("../../src/infra/aws-fleet.ts");
    const { resources } = await runAwsProgram(await emitStackConfig(await fixturePlan()));
    for (const type of ["aws:lb/targetGroup:TargetGroup", "aws:lb/loadBalancer:LoadBalancer"]) {
      // Pulumi appends "-" and 7 random characters and refuses a result over 32.
      expect(`${onlyOne(resources, type).name}-abcdefg`.length).toBeLessThanOrEqual(32);
    }
    // What index.ts makes of `--stack production-europe`: "wattplan-production-europe".
    for (const suffix of ["endpoint", "triton"]) {
      const name = nameWithinAutonameLimit(`wattplan-production-europe-${suffix}`);
      expect(`${name}-abcdefg`.length, name).toBeLessThanOrEqual(32);
      expect(name).toMatch(/^wattplan-produc/);
      expect(name).not.toMatch(/-$/);
    }
    // Short names stay as they were, so existing stacks keep their load balancer.
    expect(nameWithinAutonameLimit("wattplan-prod-endpoint")).toBe("wattplan-prod-endpoint");
    expect(nameWithinAutonameLimit("wattplan-production-europe-endpoint")).not.toBe(nameWithinAutonameLimit("wattplan-production-europe-triton"));
  });
});
