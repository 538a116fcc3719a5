// AWS: launch template + auto-scaling group (target tracking on requests per instance) in private subnets of the
// zones that offer the type, behind an application load balancer whose health check asks Triton whether the model is
// ready. Instances have no public IP and accept traffic from the load balancer only; a change of the launch template
// rolls through the group (instance refresh, new instances before old ones go).
import { createHash } from "node:crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../domain/stack-config.ts";
import { modelArtifact } from "./artifact-file.ts";
import { AwsArtifactStore } from "./artifact-store/aws.ts";
import { awsNetwork, awsZones, type AwsChildOptions, type AwsNetwork, type AwsZones } from "./aws-network.ts";
import { carbonTags } from "./carbon-tags.ts";
import { fleetOutputs, type FleetOutputs } from "./fleet-outputs.ts";
import { awsHostSetup } from "./host-setup.ts";
import { awsAmiParameter } from "./images.ts";
import type { ModelSource } from "./model-fetch.ts";
import { scheduledScalingOf } from "./scheduled-scaling.ts";
import { bootGraceSeconds, TRITON_HTTP_PORT, TRITON_READY_PATH, tritonBootScript } from "./server-bootstrap.ts";

export interface AwsInferenceFleetArgs {
  config: StackConfig;
  /** The region's provider: the zone lookup that precedes the fleet uses it too. */
  provider: aws.Provider;
  /** The zones that offer the instance type (see awsZones). */
  zones: AwsZones;
  /** The checked artifact to upload (see localArtifact); absent when the fleet fetches wattplan:modelUri. */
  artifactFile?: string;
}

/** The instances' identity and what it lets them fetch. */
interface InstanceIdentity {
  profile: aws.iam.InstanceProfile;
  modelSource: pulumi.Output<ModelSource>;
  /** The read grant: instances wait for it rather than retry against a missing permission. */
  grant?: aws.iam.RolePolicy;
}

/** The TLS policy AWS recommends for new load balancers (TLS 1.3 and 1.2). */
const TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";
/**
 * A capacity or quota shortfall (InsufficientInstanceCapacity, a vCPU limit of 0) shows as failed scaling activities;
 * `pulumi up` stops waiting for the instances after this long and reports them, instead of the default 10 minutes
 * that a GPU launch can need on its own.
 */
const WAIT_FOR_CAPACITY_TIMEOUT = "20m";

/** The planned endpoint: the load balancer and the target group it forwards to. */
interface Endpoint {
  loadBalancer: aws.lb.LoadBalancer;
  targetGroup: aws.lb.TargetGroup;
  url: pulumi.Output<string>;
}

/** Looks up the zones that offer the planned type in this account, then builds the fleet there. */
export async function deployAwsFleet(name: string, config: StackConfig, artifactFile: string | undefined): Promise<AwsInferenceFleet> {
  const tags = { ...carbonTags(config), Name: `${name}-triton` };
  const provider = new aws.Provider(`${name}-provider`, { region: config.region as aws.Region, defaultTags: { tags } });
  const zones = await awsZones(config, provider);
  return new AwsInferenceFleet(name, { config, provider, zones, artifactFile });
}

export class AwsInferenceFleet extends pulumi.ComponentResource {
  readonly endpointUrl: pulumi.Output<string>;
  readonly outputs: FleetOutputs;
  private readonly fleetName: string;
  private readonly config: StackConfig;
  private readonly tags: Record<string, string>;
  /** Options for every child (and data-source call): this component as parent, the region's provider. */
  private readonly child: AwsChildOptions;

  constructor(name: string, args: AwsInferenceFleetArgs, opts?: pulumi.ComponentResourceOptions) {
    super("wattplan:aws:InferenceFleet", name, {}, opts);
    const { config } = args;
    if (config.provider !== "aws") throw new Error(`AwsInferenceFleet got a ${config.provider} plan`);
    this.fleetName = name;
    this.config = config;
    this.tags = { ...carbonTags(config), Name: `${name}-triton` };
    this.child = { parent: this, provider: args.provider };

    const network = awsNetwork(name, config, args.zones, this.child);
    const securityGroups = this.securityGroups(network.vpcId);
    const identity = this.instanceIdentity(args.artifactFile);
    const launchTemplate = this.launchTemplate(identity, securityGroups.instances);
    const endpoint = this.loadBalancer(network, securityGroups.loadBalancer);
    const group = this.autoScalingGroup(launchTemplate, network, endpoint.targetGroup, identity.grant);
    this.requestScaling(group, endpoint);
    this.schedules(group);

    this.endpointUrl = endpoint.url;
    this.outputs = fleetOutputs(config, this.endpointUrl);
    this.registerOutputs({ ...this.outputs, autoScalingGroupName: group.name, launchTemplateId: launchTemplate.id });
  }

  /** The load balancer takes its listener ports from `ingressCidr`; instances take Triton's port from the load balancer only. */
  private securityGroups(vpcId: pulumi.Input<string>): { loadBalancer: aws.ec2.SecurityGroup; instances: aws.ec2.SecurityGroup } {
    const { fleetName: name, config, tags } = this;
    const listenerPorts = config.certificateArn ? [80, 443] : [80];
    const loadBalancer = new aws.ec2.SecurityGroup(
      `${name}-lb`,
      {
        vpcId,
        description: "wattplan: inference endpoint",
        ingress: listenerPorts.map((port) => ({ protocol: "tcp", fromPort: port, toPort: port, cidrBlocks: [config.ingressCidr ?? "0.0.0.0/0"] })),
        egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
        tags,
      },
      this.child,
    );
    const instances = new aws.ec2.SecurityGroup(
      `${name}-instances`,
      {
        vpcId,
        description: "wattplan: Triton instances, reachable from the load balancer only",
        ingress: [{ protocol: "tcp", fromPort: TRITON_HTTP_PORT, toPort: TRITON_HTTP_PORT, securityGroups: [loadBalancer.id] }],
        egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
        tags,
      },
      this.child,
    );
    return { loadBalancer, instances };
  }

  /**
   * The instances' identity: Systems Manager access, and read access to exactly the model object: the artifact in
   * a bucket of the fleet's own (uploaded here), or the user's s3:// object.
   */
  private instanceIdentity(artifactFile: string | undefined): InstanceIdentity {
    const { fleetName: name, config, tags } = this;
    const role = new aws.iam.Role(`${name}-instance`, { assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "ec2.amazonaws.com" }), tags }, this.child);
    new aws.iam.RolePolicyAttachment(`${name}-ssm`, { role: role.name, policyArn: aws.iam.ManagedPolicy.AmazonSSMManagedInstanceCore }, this.child);
    const profile = new aws.iam.InstanceProfile(`${name}-instance`, { role: role.name, tags }, this.child);
    if (artifactFile) {
      const artifact = modelArtifact(config, artifactFile);
      const store = new AwsArtifactStore(`${name}-artifact`, { artifacts: [artifact], reader: { roleName: role.name }, labels: tags }, this.child);
      return { profile, modelSource: store.objectUri(artifact.key).apply((uri) => ({ uri })), grant: store.readGrant };
    }
    const uri = config.modelUri as string;
    const objectArn = s3ObjectArn(uri);
    const grant = objectArn
      ? new aws.iam.RolePolicy(
          `${name}-model-read`,
          { role: role.id, policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: objectArn }] }) },
          this.child,
        )
      : undefined;
    return { profile, modelSource: pulumi.output({ uri }), grant };
  }

  /** What each instance boots: the image for the hardware, the planned type and Triton's boot script. */
  private launchTemplate(identity: InstanceIdentity, securityGroup: aws.ec2.SecurityGroup): aws.ec2.LaunchTemplate {
    const { config, tags } = this;
    const image = aws.ssm.getParameterOutput({ name: awsAmiParameter(config) }, this.child);
    return new aws.ec2.LaunchTemplate(
      `${this.fleetName}-triton`,
      {
        imageId: image.insecureValue,
        instanceType: config.instanceType,
        userData: identity.modelSource.apply((source) => Buffer.from(tritonBootScript(config, awsHostSetup(config), source)).toString("base64")),
        iamInstanceProfile: { arn: identity.profile.arn },
        // Private: no public address, whatever the subnet says; egress goes through the VPC's NAT.
        networkInterfaces: [{ deviceIndex: 0, associatePublicIpAddress: "false", securityGroups: [securityGroup.id], deleteOnTermination: "true" }],
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
      this.child,
    );
  }

  /**
   * An application load balancer in the public subnets, healthy once Triton's model is ready. With a certificate it
   * listens on 443 (HTTPS) and redirects 80 there; without one it forwards plain HTTP on 80.
   */
  private loadBalancer(network: AwsNetwork, securityGroup: aws.ec2.SecurityGroup): Endpoint {
    const { fleetName: name, config, tags } = this;
    const targetGroup = new aws.lb.TargetGroup(
      nameWithinAutonameLimit(`${name}-triton`),
      {
        vpcId: network.vpcId,
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
      this.child,
    );
    const loadBalancer = new aws.lb.LoadBalancer(
      nameWithinAutonameLimit(`${name}-endpoint`),
      { loadBalancerType: "application", internal: false, securityGroups: [securityGroup.id], subnets: network.loadBalancerSubnetIds, tags },
      this.child,
    );
    const forward = [{ type: "forward", targetGroupArn: targetGroup.arn }];
    if (!config.certificateArn) {
      new aws.lb.Listener(`${name}-http`, { loadBalancerArn: loadBalancer.arn, port: 80, protocol: "HTTP", defaultActions: forward, tags }, this.child);
      return { loadBalancer, targetGroup, url: pulumi.interpolate`http://${loadBalancer.dnsName}` };
    }
    new aws.lb.Listener(
      `${name}-https`,
      { loadBalancerArn: loadBalancer.arn, port: 443, protocol: "HTTPS", sslPolicy: TLS_POLICY, certificateArn: config.certificateArn, defaultActions: forward, tags },
      this.child,
    );
    new aws.lb.Listener(
      `${name}-http`,
      {
        loadBalancerArn: loadBalancer.arn,
        port: 80,
        protocol: "HTTP",
        defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
        tags,
      },
      this.child,
    );
    return { loadBalancer, targetGroup, url: pulumi.interpolate`https://${loadBalancer.dnsName}` };
  }

  /**
   * The planned instance counts in the private subnets, registered with the target group. With a batch schedule the
   * group starts at the idle size. Every new launch template version rolls through the group: new instances start
   * and pass the load balancer's health check before old ones stop (100–200 % healthy), and a refresh that fails
   * rolls back (that needs a numbered template version and a literal AMI ID, both given here).
   */
  private autoScalingGroup(launchTemplate: aws.ec2.LaunchTemplate, network: AwsNetwork, targetGroup: aws.lb.TargetGroup, grant: aws.iam.RolePolicy | undefined): aws.autoscaling.Group {
    const { config, tags } = this;
    const graceSeconds = bootGraceSeconds(config);
    // With a batch schedule the scheduled actions own the size: the group starts idle and `pulumi up` leaves it be.
    const idleInstances = config.schedule?.idleInstances;
    return new aws.autoscaling.Group(
      `${this.fleetName}-fleet`,
      {
        minSize: idleInstances ?? config.instances.min,
        desiredCapacity: idleInstances ?? config.instances.desired,
        maxSize: config.instances.max,
        vpcZoneIdentifiers: network.instanceSubnetIds,
        launchTemplate: { id: launchTemplate.id, version: launchTemplate.latestVersion.apply(String) },
        instanceRefresh: {
          strategy: "Rolling",
          preferences: { minHealthyPercentage: 100, maxHealthyPercentage: 200, instanceWarmup: String(graceSeconds), skipMatching: true, autoRollback: true },
        },
        targetGroupArns: [targetGroup.arn],
        healthCheckType: "ELB",
        healthCheckGracePeriod: graceSeconds,
        defaultInstanceWarmup: graceSeconds,
        waitForCapacityTimeout: WAIT_FOR_CAPACITY_TIMEOUT,
        tags: Object.entries(tags).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
      },
      // The scaling policy (and a schedule, the minimum) moves these; a later `pulumi up` should not snap them back.
      { ...this.child, ignoreChanges: idleInstances === undefined ? ["desiredCapacity"] : ["desiredCapacity", "minSize"], dependsOn: grant ? [grant] : [] },
    );
  }

  /** Target tracking on requests per instance per minute, at the utilisation the fleet was sized for. */
  private requestScaling(group: aws.autoscaling.Group, endpoint: Endpoint): void {
    const { config } = this;
    new aws.autoscaling.Policy(
      `${this.fleetName}-requests`,
      {
        autoscalingGroupName: group.name,
        policyType: "TargetTrackingScaling",
        targetTrackingConfiguration: {
          predefinedMetricSpecification: {
            predefinedMetricType: "ALBRequestCountPerTarget",
            resourceLabel: pulumi.interpolate`${endpoint.loadBalancer.arnSuffix}/${endpoint.targetGroup.arnSuffix}`,
          },
          targetValue: Math.max(1, Math.round(config.throughputPerInstanceRps * config.targetUtilization * 60)),
        },
      },
      this.child,
    );
  }

  /** Batch work: scheduled actions (cron in the region's IANA zone) scale the group up for the chosen hours and down after. */
  private schedules(group: aws.autoscaling.Group): void {
    for (const action of scheduledScalingOf(this.config)?.aws ?? []) {
      new aws.autoscaling.Schedule(`${this.fleetName}-${action.scheduledActionName}`, { ...action, autoscalingGroupName: group.name }, this.child);
    }
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

/** arn:aws:s3:::bucket/key for an s3:// URI; undefined for other schemes (https needs no grant). */
export function s3ObjectArn(uri: string): string | undefined {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  return match ? `arn:aws:s3:::${match[1]}/${match[2]}` : undefined;
}
