// The program on AWS under runtime mocks, fed the stack file `wattplan emit` writes for the fixture plan.
import { describe, expect, it } from "vitest";
import { AWS_AMI_PARAMETERS } from "../../src/infra/images.ts";
import { asPulumiConfig, emitStackConfig, fixturePlan, MOCKED_AMI_ID, onlyOne, outputValue, planChoosing, recordedCalls, runProgram, settle, setUpMocks } from "./helpers.ts";

const REQUIRED_TAGS = ["wattplan-plan-id", "wattplan-gco2e-per-1000-inferences", "wattplan-grid-gco2e-per-kwh", "wattplan-version"];

async function runAwsProgram(stackConfig: Record<string, unknown>) {
  const run = await runProgram(stackConfig);
  const amiParameters = recordedCalls.filter((call) => call.token === "aws:ssm/getParameter:getParameter").map((call) => call.inputs.name as string);
  return { ...run, amiParameters };
}

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
    const userData = Buffer.from(template.inputs.userData, "base64").toString("utf8");
    expect(userData).toContain("nvcr.io/nvidia/tritonserver");
    expect(userData).toContain("max_batch_size: 8");
    expect(userData).toContain("max_queue_delay_microseconds: 10000");
    expect(userData).toContain("kind: KIND_CPU");
    expect(userData).toContain("s3 cp 's3://example-models/resnet50.onnx'");
    expect(userData).not.toContain("--gpus");

    const group = onlyOne(resources, "aws:autoscaling/group:Group");
    expect([group.inputs.minSize, group.inputs.desiredCapacity, group.inputs.maxSize]).toEqual([2, 3, 7]);
    expect(group.inputs.vpcZoneIdentifiers).toEqual(["subnet-a", "subnet-b", "subnet-c"]);
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

  it("picks the image for the hardware: arm64 / x86_64 Amazon Linux 2023, the NVIDIA driver AMI for GPUs", { timeout: 30_000 }, async () => {
    const plan = await fixturePlan();
    const cpu = await runAwsProgram(await emitStackConfig(plan));
    const gpuPlan = planChoosing(plan, {
      provider: "aws",
      region: "eu-west-1",
      instanceType: "g5.xlarge",
      architecture: "x86_64",
      accelerator: { model: "A10G", count: 1, memoryGb: 24 },
      precision: "fp32",
      batchSize: 16,
      replicas: 1,
    });
    const gpu = await runAwsProgram(await emitStackConfig(gpuPlan, ["wattplan:vpcId=vpc-0abc", "wattplan:subnetIds=subnet-1,subnet-2"]));
    const parameterOf = (resources: typeof cpu.resources) => {
      const template = resources.filter((resource) => resource.type === "aws:ec2/launchTemplate:LaunchTemplate").at(-1);
      return Buffer.from(template?.inputs.userData ?? "", "base64").toString("utf8");
    };
    expect(cpu.amiParameters).toEqual(["/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64"]);
    expect(gpu.amiParameters).toEqual(["/aws/service/deeplearning/ami/x86_64/base-oss-nvidia-driver-gpu-amazon-linux-2023/latest/ami-id"]);
    expect(parameterOf(cpu.resources)).toContain("dnf install -y docker");
    const gpuScript = parameterOf(gpu.resources);
    expect(gpuScript).toContain("--gpus all");
    expect(gpuScript).toContain("kind: KIND_GPU");
    expect(gpuScript).toContain("max_batch_size: 16");
    const gpuTemplate = gpu.resources.filter((resource) => resource.type === "aws:ec2/launchTemplate:LaunchTemplate").at(-1);
    expect(gpuTemplate?.inputs.instanceType).toBe("g5.xlarge");
    const gpuGroup = gpu.resources.filter((resource) => resource.type === "aws:autoscaling/group:Group").at(-1);
    expect(gpuGroup?.inputs.vpcZoneIdentifiers).toEqual(["subnet-1", "subnet-2"]);
    const gpuTargetGroup = gpu.resources.filter((resource) => resource.type === "aws:lb/targetGroup:TargetGroup").at(-1);
    expect(gpuTargetGroup?.inputs.vpcId).toBe("vpc-0abc");
    const x86Cpu = await runAwsProgram(await emitStackConfig(planChoosing(plan, { provider: "aws", region: "eu-north-1", instanceType: "c7i.2xlarge", architecture: "x86_64" })));
    expect(x86Cpu.amiParameters).toEqual([AWS_AMI_PARAMETERS.cpuX86]);
  });

  it("names the load balancer and target group so Pulumi's autonaming fits AWS's 32 characters, for any stack name", { timeout: 30_000 }, async () => {
    const { AwsInferenceFleet, nameWithinAutonameLimit } = await import("../../src/infra/aws-fleet.ts");
    const { parseStackConfig } = await import("../../src/infra/read-config.ts");
    const stackConfig = await emitStackConfig(await fixturePlan());
    const resources = await setUpMocks(asPulumiConfig(stackConfig));
    const raw = Object.fromEntries(
      Object.entries(asPulumiConfig(stackConfig)).filter(([key]) => key.startsWith("wattplan:")).map(([key, value]) => [key.slice("wattplan:".length), value]),
    );
    // What index.ts makes of `--stack production-europe`: "wattplan-production-europe".
    const fleet = new AwsInferenceFleet("wattplan-production-europe", { config: parseStackConfig(raw) });
    await outputValue(fleet.endpointUrl);
    await settle();
    for (const type of ["aws:lb/targetGroup:TargetGroup", "aws:lb/loadBalancer:LoadBalancer"]) {
      const name = onlyOne(resources, type).name;
      // Pulumi appends "-" and 7 random characters and refuses a result over 32.
      expect(`${name}-abcdefg`.length, name).toBeLessThanOrEqual(32);
      expect(name).toMatch(/^wattplan-produc/);
      expect(name).not.toMatch(/-$/);
    }
    // Short names stay as they were, so existing stacks keep their load balancer.
    expect(nameWithinAutonameLimit("wattplan-prod-endpoint")).toBe("wattplan-prod-endpoint");
    expect(nameWithinAutonameLimit("wattplan-production-europe-endpoint")).not.toBe(nameWithinAutonameLimit("wattplan-production-europe-triton"));
  });
});
