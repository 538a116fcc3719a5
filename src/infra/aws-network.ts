// Where an AWS fleet runs: private subnets in the zones that offer its instance type, public subnets for the load
// balancer, and egress for the instances (which have no public IP): a NAT gateway for the container image pull,
// an S3 gateway endpoint so the model download stays inside the VPC. Either a VPC of the stack's own, or the
// user's VPC with their private and public subnets (their routing provides the egress).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../domain/stack-config.ts";

/** Options for every child: the fleet component as parent, the region's provider. */
export type AwsChildOptions = { parent: pulumi.Resource; provider: aws.Provider };

export interface AwsZones {
  /** Zone IDs (the same physical zone in every account, unlike zone names) that offer the instance type. */
  offered: string[];
  /** Every available zone ID of the region, offered ones first. */
  all: string[];
  /** In the user's VPC: those of wattplan:subnetIds that lie in an offered zone. */
  userSubnetIds?: string[];
}

export interface AwsNetwork {
  vpcId: pulumi.Input<string>;
  /** Private subnets in zones that offer the type: the auto-scaling group launches here. */
  instanceSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Public subnets in at least two zones, covering every instance zone: the load balancer lives here. */
  loadBalancerSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
}

const VPC_CIDR = "10.42.0.0/16";
/** Public subnets take 10.42.N.0/24 (N < 16); private ones 10.42.16(N+1).0/20, room for 4,000 instances per zone. */
const publicCidr = (index: number) => `10.42.${index}.0/24`;
const privateCidr = (index: number) => `10.42.${16 * (index + 1)}.0/20`;

/**
 * The zones that offer the type, asked at deploy time: offerings differ per account and change over time. A type
 * offered nowhere fails here, in one line, rather than as an auto-scaling group that never fills.
 */
export async function awsZones(config: StackConfig, provider: aws.Provider): Promise<AwsZones> {
  const [offerings, available] = await Promise.all([
    aws.ec2.getInstanceTypeOfferings({ locationType: "availability-zone-id", filters: [{ name: "instance-type", values: [config.instanceType] }] }, { provider }),
    aws.getAvailabilityZones({ state: "available", filters: [{ name: "zone-type", values: ["availability-zone"] }] }, { provider }),
  ]);
  // Local and Wavelength zones also offer types; the fleet stays in the region's own zones.
  const regionZones = [...available.zoneIds].sort();
  const offered = regionZones.filter((zoneId) => offerings.locations.includes(zoneId));
  if (offered.length === 0) {
    throw new pulumi.RunError(
      `no availability zone of ${config.region} offers ${config.instanceType} to this account; emit another candidate of the plan (wattplan emit --candidate N)`,
    );
  }
  const all = [...offered, ...regionZones.filter((zoneId) => !offered.includes(zoneId))];
  return config.vpcId ? { offered, all, userSubnetIds: await userSubnetsIn(offered, config, provider) } : { offered, all };
}

/** The user's private subnets in the zones that offer the type; none is a mistake worth one line before anything is made. */
async function userSubnetsIn(offered: string[], config: StackConfig, provider: aws.Provider): Promise<string[]> {
  const subnetIds = config.subnetIds ?? [];
  const found = await aws.ec2.getSubnets(
    {
      filters: [
        { name: "vpc-id", values: [config.vpcId as string] },
        { name: "subnet-id", values: subnetIds },
        { name: "availability-zone-id", values: offered },
      ],
    },
    { provider },
  );
  if (found.ids.length === 0) {
    throw new pulumi.RunError(
      `none of wattplan:subnetIds (${subnetIds.join(", ")}) is in a zone that offers ${config.instanceType} (${offered.join(", ")}); add a subnet in one of those zones`,
    );
  }
  return [...found.ids].sort();
}

export function awsNetwork(name: string, config: StackConfig, zones: AwsZones, child: AwsChildOptions): AwsNetwork {
  return config.vpcId ? userNetwork(config, zones) : ownNetwork(name, config, zones, child);
}

/** The user's VPC: their private subnets in the offered zones (see awsZones), their public ones for the load balancer. */
function userNetwork(config: StackConfig, zones: AwsZones): AwsNetwork {
  return { vpcId: config.vpcId as string, instanceSubnetIds: zones.userSubnetIds ?? [], loadBalancerSubnetIds: config.publicSubnetIds ?? [] };
}

/**
 * A VPC of the stack's own. One NAT gateway serves every zone: instances need egress only while they boot (the
 * Triton image), and a second or third gateway would cost as much again; an outage of its zone delays new
 * instances elsewhere, it does not stop running ones.
 */
function ownNetwork(name: string, config: StackConfig, zones: AwsZones, child: AwsChildOptions): AwsNetwork {
  const tags = { Name: `${name}-vpc` };
  const vpc = new aws.ec2.Vpc(`${name}-vpc`, { cidrBlock: VPC_CIDR, enableDnsSupport: true, enableDnsHostnames: true, tags }, child);
  const internetGateway = new aws.ec2.InternetGateway(`${name}-igw`, { vpcId: vpc.id, tags }, child);

  // An application load balancer needs subnets in two zones at least, and one in every zone it sends traffic to.
  const publicZones = zones.all.slice(0, Math.max(2, zones.offered.length));
  const publicRoutes = new aws.ec2.RouteTable(`${name}-public`, { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: internetGateway.id }], tags }, child);
  // One subnet per zone, routed by the table; no subnet hands out public addresses (the load balancer has its own).
  const subnets = (kind: "public" | "private", zoneIds: string[], cidr: (index: number) => string, routeTable: aws.ec2.RouteTable) =>
    zoneIds.map((zoneId, index) => {
      const subnet = new aws.ec2.Subnet(
        `${name}-${kind}-${zoneId}`,
        { vpcId: vpc.id, availabilityZoneId: zoneId, cidrBlock: cidr(index), mapPublicIpOnLaunch: false, tags: { Name: `${name}-${kind}-${zoneId}` } },
        child,
      );
      new aws.ec2.RouteTableAssociation(`${name}-${kind}-${zoneId}`, { subnetId: subnet.id, routeTableId: routeTable.id }, child);
      return subnet;
    });
  const publicSubnets = subnets("public", publicZones, publicCidr, publicRoutes);

  const natAddress = new aws.ec2.Eip(`${name}-nat`, { domain: "vpc", tags }, child);
  const natGateway = new aws.ec2.NatGateway(
    `${name}-nat`,
    { allocationId: natAddress.id, subnetId: publicSubnets[0].id, connectivityType: "public", tags },
    { ...child, dependsOn: [internetGateway] },
  );
  const privateRoutes = new aws.ec2.RouteTable(`${name}-private`, { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: natGateway.id }], tags }, child);
  const privateSubnets = subnets("private", zones.offered, privateCidr, privateRoutes);
  // The model comes from S3 in the same region: through the gateway endpoint it costs nothing and skips the NAT.
  new aws.ec2.VpcEndpoint(
    `${name}-s3`,
    { vpcId: vpc.id, serviceName: `com.amazonaws.${config.region}.s3`, vpcEndpointType: "Gateway", routeTableIds: [privateRoutes.id], tags },
    child,
  );
  return { vpcId: vpc.id, instanceSubnetIds: privateSubnets.map((subnet) => subnet.id), loadBalancerSubnetIds: publicSubnets.map((subnet) => subnet.id) };
}
