// Azure: resource group, virtual network + subnet with a security group and a NAT gateway (instances have no
// public IP), a Standard load balancer with an HTTP health probe on Triton's ready endpoint, a Uniform scale set
// (Ubuntu 22.04, NVIDIA driver extension on GPUs) with rolling upgrades gated by that probe, and an autoscale
// setting. The scale set is regional: Azure's zone offerings are per subscription (Compute Resource SKUs API), and a
// size the region lacks fails at once with SkuNotAvailable. Imports come from submodules: the package root costs
// seconds to load. Each names its index.js: the compiled program runs as native ES modules, which do not resolve a
// directory to its index file.
import * as compute from "@pulumi/azure-native/compute/index.js";
import * as monitor from "@pulumi/azure-native/monitor/index.js";
import * as network from "@pulumi/azure-native/network/index.js";
import { Provider } from "@pulumi/azure-native/provider.js";
import * as resources from "@pulumi/azure-native/resources/index.js";
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../domain/stack-config.ts";
import type { AzureAutoscaleProfile } from "../schedule/scaling-recurrences.ts";
import { carbonTags } from "./carbon-tags.ts";
import { fleetOutputs, type FleetOutputs } from "./fleet-outputs.ts";
import { azureHostSetup } from "./host-setup.ts";
import { azureImage } from "./images.ts";
import { azureModelAccess, type AzureModelAccess } from "./azure-model-access.ts";
import { AZURE_MOST_PROFILES, scheduledScalingOf } from "./scheduled-scaling.ts";
import { bootGraceSeconds, TRITON_HTTP_PORT, TRITON_READY_PATH, tritonBootScript } from "./server-bootstrap.ts";

export interface AzureInferenceFleetArgs {
  config: StackConfig;
  /** The checked artifact to upload (see localArtifact); absent when the fleet fetches wattplan:modelUri. */
  artifactFile?: string;
}

const ADMIN_USER = "wattplan";
const NAMES = { frontend: "endpoint", pool: "triton", probe: "triton-ready", rule: "triton-http" };

/** The NVIDIA driver extension; it picks the CUDA (or GRID, for NVadsA10 v5) driver for the VM family. */
export const NVIDIA_DRIVER_EXTENSION = { publisher: "Microsoft.HpcCompute", type: "NvidiaGpuDriverLinux", typeHandlerVersion: "1.6" };

export class AzureInferenceFleet extends pulumi.ComponentResource {
  readonly endpointUrl: pulumi.Output<string>;
  readonly outputs: FleetOutputs;
  private readonly fleetName: string;
  private readonly config: StackConfig;
  private readonly sshPublicKey: string;
  private readonly tags: Record<string, string>;
  private readonly location: string;
  /** Options for every child: this component as parent, the location's provider. */
  private readonly child: { parent: pulumi.Resource; provider: Provider };
  private readonly resourceGroup: resources.ResourceGroup;

  constructor(name: string, args: AzureInferenceFleetArgs, opts?: pulumi.ComponentResourceOptions) {
    super("wattplan:azure:InferenceFleet", name, {}, opts);
    const { config } = args;
    if (config.provider !== "azure") throw new Error(`AzureInferenceFleet got a ${config.provider} plan`);
    if (!config.sshPublicKey) {
      throw new pulumi.RunError(
        "wattplan:sshPublicKey is required on Azure (scale sets need an admin key): " +
          'pulumi config set wattplan:sshPublicKey "$(cat ~/.ssh/id_ed25519.pub)", or emit with --config wattplan:sshPublicKey=...',
      );
    }
    // Checked before anything is created: a failure half-way would leave resources behind.
    const scheduledProfiles = scheduledProfilesOf(config);
    this.fleetName = name;
    this.config = config;
    this.sshPublicKey = config.sshPublicKey;
    this.tags = carbonTags(config);
    this.location = config.region;
    const provider = new Provider(`${name}-provider`, { location: this.location }, { parent: this });
    this.child = { parent: this, provider };
    this.resourceGroup = new resources.ResourceGroup(`${name}-rg`, { location: this.location, tags: this.tags }, this.child);

    const subnet = this.network();
    const { loadBalancer, publicIp } = this.loadBalancer();
    const model = azureModelAccess({ name, config, resourceGroupName: this.resourceGroup.name, tags: this.tags, artifactFile: args.artifactFile, child: this.child });
    const scaleSet = this.scaleSet(subnet, loadBalancer, model);
    this.autoscale(scaleSet, scheduledProfiles);

    this.endpointUrl = pulumi.interpolate`http://${publicIp.ipAddress}:${TRITON_HTTP_PORT}`;
    this.outputs = fleetOutputs(config, this.endpointUrl);
    this.registerOutputs({ ...this.outputs, resourceGroup: this.resourceGroup.name, scaleSet: scaleSet.name });
  }

  /** A virtual network with one subnet whose security group admits Triton's port from `ingressCidr` and the load balancer's probe. */
  private network(): network.Subnet {
    const { fleetName: name, config, location, tags } = this;
    const resourceGroupName = this.resourceGroup.name;
    const tritonPortFrom = (ruleName: string, priority: number, sourceAddressPrefix: string) => ({
      name: ruleName,
      priority,
      direction: "Inbound",
      access: "Allow",
      protocol: "Tcp",
      sourceAddressPrefix,
      sourcePortRange: "*",
      destinationAddressPrefix: "*",
      destinationPortRange: String(TRITON_HTTP_PORT),
    });
    const securityGroup = new network.NetworkSecurityGroup(
      `${name}-nsg`,
      {
        resourceGroupName,
        location,
        tags,
        securityRules: [tritonPortFrom("triton-http", 100, config.ingressCidr ?? "Internet"), tritonPortFrom("load-balancer-probe", 110, "AzureLoadBalancer")],
      },
      this.child,
    );
    const virtualNetwork = new network.VirtualNetwork(
      `${name}-vnet`,
      { resourceGroupName, location, addressSpace: { addressPrefixes: ["10.40.0.0/16"] }, tags },
      { ...this.child, ignoreChanges: ["subnets"] },
    );
    // Egress (the Triton image, the GPU driver, the model) through a NAT gateway of the subnet's own.
    const natAddress = new network.PublicIPAddress(`${name}-nat-ip`, { resourceGroupName, location, sku: { name: "Standard" }, publicIPAllocationMethod: "Static", tags }, this.child);
    const natGateway = new network.NatGateway(
      `${name}-nat`,
      { resourceGroupName, location, sku: { name: "Standard" }, publicIpAddresses: [{ id: natAddress.id }], idleTimeoutInMinutes: 4, tags },
      this.child,
    );
    return new network.Subnet(
      `${name}-subnet`,
      {
        resourceGroupName,
        virtualNetworkName: virtualNetwork.name,
        addressPrefix: "10.40.1.0/24",
        networkSecurityGroup: { id: securityGroup.id },
        natGateway: { id: natGateway.id },
      },
      this.child,
    );
  }

  /** The ID of a part (frontend, pool, probe) of the load balancer, known before the load balancer exists. */
  private loadBalancerPart(kind: string, partName: string): pulumi.Output<string> {
    return pulumi.interpolate`${this.resourceGroup.id}/providers/Microsoft.Network/loadBalancers/${this.fleetName}-lb/${kind}/${partName}`;
  }

  /** A Standard load balancer on a static public IP: Triton's port to the pool, an HTTP probe on the ready endpoint. */
  private loadBalancer(): { loadBalancer: network.LoadBalancer; publicIp: network.PublicIPAddress } {
    const { fleetName: name, location, tags } = this;
    const resourceGroupName = this.resourceGroup.name;
    const publicIp = new network.PublicIPAddress(`${name}-ip`, { resourceGroupName, location, sku: { name: "Standard" }, publicIPAllocationMethod: "Static", tags }, this.child);
    const loadBalancerName = `${name}-lb`;
    const frontend = { id: this.loadBalancerPart("frontendIPConfigurations", NAMES.frontend) };
    const pool = { id: this.loadBalancerPart("backendAddressPools", NAMES.pool) };
    const loadBalancer = new network.LoadBalancer(
      loadBalancerName,
      {
        resourceGroupName,
        loadBalancerName,
        location,
        sku: { name: "Standard" },
        frontendIPConfigurations: [{ name: NAMES.frontend, publicIPAddress: { id: publicIp.id } }],
        backendAddressPools: [{ name: NAMES.pool }],
        probes: [
          { name: NAMES.probe, protocol: "Http", port: TRITON_HTTP_PORT, requestPath: TRITON_READY_PATH, intervalInSeconds: 15, numberOfProbes: 2 },
        ],
        loadBalancingRules: [
          {
            name: NAMES.rule,
            protocol: "Tcp",
            frontendPort: TRITON_HTTP_PORT,
            backendPort: TRITON_HTTP_PORT,
            frontendIPConfiguration: frontend,
            backendAddressPool: pool,
            probe: { id: this.loadBalancerPart("probes", NAMES.probe) },
            disableOutboundSnat: true,
            idleTimeoutInMinutes: 4,
          },
        ],
        tags,
      },
      this.child,
    );
    return { loadBalancer, publicIp };
  }

  /**
   * A Uniform scale set of the planned size in the pool, repaired by the health probe; GPUs get the NVIDIA driver
   * extension. A change of the model rolls through in batches: new instances first (maxSurge), each batch healthy in
   * the probe before the next, rolled back where too many upgraded instances stay unhealthy.
   */
  private scaleSet(subnet: network.Subnet, loadBalancer: network.LoadBalancer, model: AzureModelAccess): compute.VirtualMachineScaleSet {
    const { config, location, tags } = this;
    return new compute.VirtualMachineScaleSet(
      `${this.fleetName}-vmss`,
      {
        resourceGroupName: this.resourceGroup.name,
        location,
        orchestrationMode: "Uniform",
        sku: { name: config.instanceType, tier: "Standard", capacity: config.instances.desired },
        upgradePolicy: {
          mode: "Rolling",
          rollingUpgradePolicy: {
            maxSurge: true,
            maxBatchInstancePercent: 20,
            maxUnhealthyInstancePercent: 20,
            maxUnhealthyUpgradedInstancePercent: 20,
            pauseTimeBetweenBatches: "PT0S",
            prioritizeUnhealthyInstances: true,
            rollbackFailedInstancesOnPolicyBreach: true,
          },
        },
        overprovision: false,
        // The identity that reads the model (and nothing else): no keys or tokens in the boot script.
        identity: { type: "UserAssigned", userAssignedIdentities: [model.identity.id] },
        automaticRepairsPolicy: { enabled: true, gracePeriod: `PT${bootGraceSeconds(config) / 60}M` },
        virtualMachineProfile: {
          storageProfile: {
            imageReference: azureImage(config),
            osDisk: { createOption: "FromImage", caching: "ReadWrite", diskSizeGB: config.accelerator ? 128 : 64, managedDisk: { storageAccountType: "StandardSSD_LRS" } },
          },
          osProfile: {
            computerNamePrefix: "triton",
            adminUsername: ADMIN_USER,
            customData: model.source.apply((source) => Buffer.from(tritonBootScript(config, azureHostSetup(config), source)).toString("base64")),
            linuxConfiguration: {
              disablePasswordAuthentication: true,
              ssh: { publicKeys: [{ path: `/home/${ADMIN_USER}/.ssh/authorized_keys`, keyData: this.sshPublicKey }] },
            },
          },
          networkProfile: {
            healthProbe: { id: this.loadBalancerPart("probes", NAMES.probe) },
            networkInterfaceConfigurations: [
              {
                name: "triton-nic",
                primary: true,
                ipConfigurations: [{ name: "primary", subnet: { id: subnet.id }, loadBalancerBackendAddressPools: [{ id: this.loadBalancerPart("backendAddressPools", NAMES.pool) }] }],
              },
            ],
          },
          extensionProfile: config.accelerator
            ? { extensions: [{ name: "nvidia-driver", ...NVIDIA_DRIVER_EXTENSION, autoUpgradeMinorVersion: true }] }
            : undefined,
        },
        tags,
      },
      // The autoscale setting moves the capacity; a later `pulumi up` should not snap it back.
      { ...this.child, dependsOn: [loadBalancer, ...(model.grant ? [model.grant] : [])], ignoreChanges: ["sku.capacity"] },
    );
  }

  /**
   * CPU rules around the planned utilisation within the planned counts. Batch work: a profile per start and end of
   * each block of hours, recurring every day in the region's zone by its Windows name (Azure takes no IANA names);
   * each lasts until the next begins. The planned profile stays as the default.
   */
  private autoscale(scaleSet: compute.VirtualMachineScaleSet, scheduledProfiles: AzureAutoscaleProfile[]): void {
    const { config } = this;
    const rule = (direction: "Increase" | "Decrease", operator: "GreaterThan" | "LessThan", threshold: number) => ({
      metricTrigger: {
        metricName: "Percentage CPU",
        metricResourceUri: scaleSet.id,
        timeGrain: "PT1M",
        statistic: "Average" as const,
        timeWindow: "PT5M",
        timeAggregation: "Average" as const,
        operator,
        threshold,
      },
      scaleAction: { direction, type: "ChangeCount" as const, value: "1", cooldown: "PT10M" },
    });
    const targetPercent = Math.round(config.targetUtilization * 100);
    new monitor.AutoscaleSetting(
      `${this.fleetName}-autoscale`,
      {
        resourceGroupName: this.resourceGroup.name,
        location: this.location,
        enabled: true,
        targetResourceUri: scaleSet.id,
        profiles: [
          {
            name: "planned",
            capacity: { minimum: String(config.instances.min), default: String(config.instances.desired), maximum: String(config.instances.max) },
            rules: [rule("Increase", "GreaterThan", Math.min(95, targetPercent + 15)), rule("Decrease", "LessThan", Math.max(5, targetPercent - 25))],
          },
          ...scheduledProfiles.map((profile) => ({ ...profile, rules: [] })),
        ],
        tags: this.tags,
      },
      this.child,
    );
  }
}

/** The batch schedule's recurring profiles; refused when they and the default exceed Azure's limit. */
function scheduledProfilesOf(config: StackConfig): AzureAutoscaleProfile[] {
  const scheduled = scheduledScalingOf(config)?.azure ?? [];
  if (scheduled.length + 1 > AZURE_MOST_PROFILES) {
    throw new pulumi.RunError(`wattplan:schedule: ${scheduled.length} scheduled profiles plus the default exceed Azure's ${AZURE_MOST_PROFILES} per autoscale setting; plan again with a wider or simpler window`);
  }
  return scheduled;
}
