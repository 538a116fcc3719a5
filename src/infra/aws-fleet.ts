// AWS: launch template + auto-scaling group (target tracking on requests per instance) behind an application load
// balancer whose health check asks Triton whether the model is ready.
import { createHash } from "node:crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../domain/stack-config.ts";
import { carbonTags } from "./carbon-tags.ts";
import { fleetOutputs, type FleetOutputs } from "./fleet-outputs.ts";
import { awsHostSetup } from "./host-setup.ts";
import { awsAmiParameter } from "./images.ts";
import { scheduledScalingOf } from "./scheduled-scaling.ts";
import { TRITON_HTTP_PORT, TRITON_READY_PATH, tritonBootScript } from "./server-bootstrap.ts";

export interface AwsInferenceFleetArgs {
  config: StackConfig;
}

/** Listener port of the load balancer; it forwards to Triton's HTTP port on the instances. */
const LISTENER_PORT = 80;
/** Boot pulls a multi-gigabyte Triton image (and installs drivers on GPUs) before the ready check can pass. */
const HEALTH_CHECK_GRACE_SECONDS = 900;

export class AwsInferenceFleet extends pulumi.ComponentResource {
  readonly endpointUrl: pulumi.Output<string>;
  readonly outputs: FleetOutputs;

  constructor(name: string, args: AwsInferenceFleetArgs, opts?: pulumi.ComponentResourceOptions) {
    super("wattplan:aws:InferenceFleet", name, {}, opts);
    const { config } = args;
    if (config.provider !== "aws") throw new Error(`AwsInferenceFleet got a ${config.provider} plan`);
    const tags = { ...carbonTags(config), Name: `${name}-triton` };
    const provider = new aws.Provider(`${name}-provider`, { region: config.region as aws.Region, defaultTags: { tags } }, { parent: this });
    const child = { parent: this, provider };
    const invoke = { parent: this, provider };

    const vpcId: pulumi.Input<string> = config.vpcId ?? aws.ec2.getVpcOutput({ default: true }, invoke).id;
    const subnetIds: pulumi.Input<string[]> =
      config.subnetIds ??
      aws.ec2.getSubnetsOutput(
        {
          filters: [
            { name: "vpc-id", values: [vpcId] },
            ...(config.vpcId ? [] : [{ name: "default-for-az", values: ["true"] }]),
          ],
        },
        invoke,
      ).ids;

    const loadBalancerGroup = new aws.ec2.SecurityGroup(
      `${name}-lb`,
      {
        vpcId,
        description: "wattplan: inference endpoint",
        ingress: [{ protocol: "tcp", fromPort: LISTENER_PORT, toPort: LISTENER_PORT, cidrBlocks: [config.ingressCidr ?? "0.0.0.0/0"] }],
        egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
        tags,
      },
      child,
    );
    const instanceGroup = new aws.ec2.SecurityGroup(
      `${name}-instances`,
      {
        vpcId,
        description: "wattplan: Triton instances, reachable from the load balancer only",
        ingress: [{ protocol: "tcp", fromPort: TRITON_HTTP_PORT, toPort: TRITON_HTTP_PORT, securityGroups: [loadBalancerGroup.id] }],
        egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
        tags,
      },
      child,
    );

    const role = new aws.iam.Role(
      `${name}-instance`,
      { assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "ec2.amazonaws.com" }), tags },
      child,
    );
    new aws.iam.RolePolicyAttachment(`${name}-ssm`, { role: role.name, policyArn: aws.iam.ManagedPolicy.AmazonSSMManagedInstanceCore }, child);
    const objectArn = s3ObjectArn(config.modelUri);
    if (objectArn) {
      new aws.iam.RolePolicy(
        `${name}-model-read`,
        { role: role.id, policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: objectArn }] }) },
        child,
      );
    }
    const instanceProfile = new aws.iam.InstanceProfile(`${name}-instance`, { role: role.name, tags }, child);

    const image = aws.ssm.getParameterOutput({ name: awsAmiParameter(config) }, invoke);
    const launchTemplate = new aws.ec2.LaunchTemplate(
      `${name}-triton`,
      {
        imageId: image.insecureValue,
        instanceType: config.instanceType,
        userData: Buffer.from(tritonBootScript(config, awsHostSetup(config))).toString("base64"),
        iamInstanceProfile: { arn: instanceProfile.arn },
        vpcSecurityGroupIds: [instanceGroup.id],
        // Containers reach the instance role through IMDSv2 only with a hop limit of 2.
        metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 2, httpEndpoint: "enabled" },
        blockDeviceMappings: [
          { deviceName: "/dev/xvda", ebs: { volumeSize: config.accelerator ? 120 : 60, volumeType: "gp3", deleteOnTermination: "true", encrypted: "true" } },
        ],
        tagSpecifications: [
          { resourceType: "instance", tags },
          { resourceType: "volume", tags },
        ],
        updateDefaultVersion: true,
        tags,
      },
      child,
    );

    const targetGroup = new aws.lb.TargetGroup(
      nameWithinAutonameLimit(`${name}-triton`),
      {
        vpcId,
        port: TRITON_HTTP_PORT,
        protocol: "HTTP",
        targetType: "instance",
        healthCheck: {
          path: TRITON_READY_PATH,
          port: String(TRITON_HTTP_PORT),
          protocol: "HTTP",
          matcher: "200",
          interval: 15,
          healthyThreshold: 2,
          unhealthyThreshold: 3,
        },
        tags,
      },
      child,
    );
    const loadBalancer = new aws.lb.LoadBalancer(
      nameWithinAutonameLimit(`${name}-endpoint`),
      { loadBalancerType: "application", internal: false, securityGroups: [loadBalancerGroup.id], subnets: subnetIds, tags },
      child,
    );
    new aws.lb.Listener(
      `${name}-http`,
      { loadBalancerArn: loadBalancer.arn, port: LISTENER_PORT, protocol: "HTTP", defaultActions: [{ type: "forward", targetGroupArn: targetGroup.arn }], tags },
      child,
    );

    // With a batch schedule the scheduled actions own the size: the group starts idle and `pulumi up` leaves it be.
    const idleInstances = config.schedule?.idleInstances;
    const group = new aws.autoscaling.Group(
      `${name}-fleet`,
      {
        minSize: idleInstances ?? config.instances.min,
        desiredCapacity: idleInstances ?? config.instances.desired,
        maxSize: config.instances.max,
        vpcZoneIdentifiers: subnetIds,
        launchTemplate: { id: launchTemplate.id, version: "$Latest" },
        targetGroupArns: [targetGroup.arn],
        healthCheckType: "ELB",
        healthCheckGracePeriod: HEALTH_CHECK_GRACE_SECONDS,
        defaultInstanceWarmup: HEALTH_CHECK_GRACE_SECONDS,
        tags: Object.entries(tags).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
      },
      // The scaling policy (and a schedule, the minimum) moves these; a later `pulumi up` should not snap them back.
      { ...child, ignoreChanges: idleInstances === undefined ? ["desiredCapacity"] : ["desiredCapacity", "minSize"] },
    );
    new aws.autoscaling.Policy(
      `${name}-requests`,
      {
        autoscalingGroupName: group.name,
        policyType: "TargetTrackingScaling",
        targetTrackingConfiguration: {
          predefinedMetricSpecification: {
            predefinedMetricType: "ALBRequestCountPerTarget",
            resourceLabel: pulumi.interpolate`${loadBalancer.arnSuffix}/${targetGroup.arnSuffix}`,
          },
          // Requests per target per minute at the utilisation the fleet was sized for.
          targetValue: Math.max(1, Math.round(config.throughputPerInstanceRps * config.targetUtilization * 60)),
        },
      },
      child,
    );

    // Batch work: scheduled actions (cron in the region's IANA zone) scale the group up for the chosen hours and down after.
    for (const action of scheduledScalingOf(config)?.aws ?? []) {
      new aws.autoscaling.Schedule(`${name}-${action.scheduledActionName}`, { ...action, autoscalingGroupName: group.name }, child);
    }

    this.endpointUrl = pulumi.interpolate`http://${loadBalancer.dnsName}`;
    this.outputs = fleetOutputs(config, this.endpointUrl);
    this.registerOutputs({ ...this.outputs, autoScalingGroupName: group.name, launchTemplateId: launchTemplate.id });
  }
}

/**
 * Load balancer and target group names hold at most 32 characters, and Pulumi's autonaming appends "-" and 7
 * random characters, refusing ("name '…-' plus 7 random chars is longer than maximum length 32") a resource name
 * over 24. Names that fit stay as they are (renaming would replace the load balancer and change its address);
 * longer ones keep their start and gain a short hash of the whole, so two stacks still differ.
 */
export const AWS_AUTONAMED_LB_NAME_MOST_CHARACTERS = 32 - 8;

export function nameWithinAutonameLimit(name: string): string {
  if (name.length <= AWS_AUTONAMED_LB_NAME_MOST_CHARACTERS) return name;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 6);
  const start = name.slice(0, AWS_AUTONAMED_LB_NAME_MOST_CHARACTERS - hash.length - 1).replace(/-+$/, "");
  return `${start}-${hash}`;
}

/** arn:aws:s3:::bucket/key for an s3:// URI; undefined for other schemes. */
export function s3ObjectArn(uri: string): string | undefined {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  return match ? `arn:aws:s3:::${match[1]}/${match[2]}` : undefined;
}
