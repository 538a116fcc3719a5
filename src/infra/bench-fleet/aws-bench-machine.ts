// AWS: an EC2 instance of the type in a zone that offers it, with an instance profile that may read the two inputs
// and create objects under results/, no inbound rule at all (a public IP for egress only), IMDSv2, and "terminate"
// as what powering off does, so a machine that stops itself also stops costing.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsArtifactStore } from "../artifact-store/aws.ts";
import { awsBenchAmiParameter } from "./images.ts";
import { benchArtifacts, bootScriptFor, resourcePrefix, type BenchMachineSpec } from "./machine-spec.ts";
import { RESULTS_PREFIX, type ResultsLocation } from "./results-layout.ts";

export class AwsBenchMachine extends pulumi.ComponentResource {
  readonly results: pulumi.Output<ResultsLocation>;
  readonly instanceId: pulumi.Output<string>;

  constructor(spec: BenchMachineSpec, opts?: pulumi.ComponentResourceOptions) {
    const name = resourcePrefix(spec);
    super("wattplan:aws:BenchMachine", name, {}, opts);
    const provider = new aws.Provider(`${name}-provider`, { region: spec.region as aws.Region, defaultTags: { tags: spec.labels } }, { parent: this });
    const child = { parent: this, provider };
    const role = new aws.iam.Role(
      `${name}-role`,
      { assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] }) },
      child,
    );
    const profile = new aws.iam.InstanceProfile(`${name}-profile`, { role: role.name }, child);
    const store = new AwsArtifactStore(
      `${name}-store`,
      {
        artifacts: benchArtifacts(spec),
        reader: { roleName: role.name },
        resultsPrefix: RESULTS_PREFIX,
        labels: spec.labels,
      },
      child,
    );

    const vpc = aws.ec2.getVpcOutput({ default: true }, child);
    // Not every zone offers every type: the subnet is the default one of a zone that does.
    const zones = aws.ec2.getInstanceTypeOfferingsOutput({ locationType: "availability-zone", filters: [{ name: "instance-type", values: [spec.instanceType] }] }, child).locations;
    const subnets = aws.ec2.getSubnetsOutput({ filters: [{ name: "vpc-id", values: [vpc.id] }, { name: "default-for-az", values: ["true"] }, { name: "availability-zone", values: zones }] }, child).ids;
    const securityGroup = new aws.ec2.SecurityGroup(
      `${name}-egress-only`,
      { vpcId: vpc.id, description: "wattplan bench machine: no inbound traffic", egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }] },
      child,
    );
    const image = aws.ssm.getParameterOutput({ name: awsBenchAmiParameter(spec.hardware) }, child);
    const userData = store.bucket.apply((bucket) => bootScriptFor(spec, { provider: "aws", region: spec.region, bucket }));
    const instance = new aws.ec2.Instance(
      `${name}-machine`,
      {
        ami: image.value,
        instanceType: spec.instanceType,
        subnetId: subnets.apply((ids) => {
          if (ids.length === 0) throw new Error(`no default subnet of ${spec.region} is in a zone that offers ${spec.instanceType}`);
          return ids[0];
        }),
        associatePublicIpAddress: true,
        vpcSecurityGroupIds: [securityGroup.id],
        iamInstanceProfile: profile.name,
        userData,
        userDataReplaceOnChange: true,
        instanceInitiatedShutdownBehavior: "terminate",
        metadataOptions: { httpTokens: "required", httpEndpoint: "enabled" },
        tags: { ...spec.labels, Name: spec.stackName },
      },
      { ...child, dependsOn: [store] },
    );
    this.instanceId = instance.id;
    this.results = store.bucket.apply((bucket) => ({ provider: "aws" as const, region: spec.region, bucket, prefix: RESULTS_PREFIX }));
    this.registerOutputs({ results: this.results, instanceId: this.instanceId });
  }
}
