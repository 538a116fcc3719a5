// GCP: instance template (Container-Optimized OS, GPUs via cos-extensions) -> regional managed instance group with
// autohealing and an autoscaler -> regional external passthrough load balancer on Triton's HTTP port.
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../domain/stack-config.ts";
import { carbonDescription, gcpCarbonLabels } from "./carbon-tags.ts";
import { fleetOutputs, type FleetOutputs } from "./fleet-outputs.ts";
import { gcpHostSetup } from "./host-setup.ts";
import { gcpAcceleratorType, gcpBootDiskType, gcpImage, gcpTakesGuestAccelerators } from "./images.ts";
import { scheduledScalingOf } from "./scheduled-scaling.ts";
import { TRITON_HTTP_PORT, TRITON_READY_PATH, tritonBootScript } from "./server-bootstrap.ts";
import { deviceCount } from "./triton-config.ts";

export interface GcpInferenceFleetArgs {
  config: StackConfig;
  /** The GCP project (gcp:project); explicit providers do not read stack config themselves. */
  project?: string;
}

/** Google's health checkers and passthrough load balancer sources. */
const HEALTH_CHECK_RANGES = ["35.191.0.0/16", "209.85.152.0/22", "209.85.204.0/22", "130.211.0.0/22"];
const NETWORK_TAG = "wattplan-triton";
const BOOT_GRACE_SECONDS = 900;

export class GcpInferenceFleet extends pulumi.ComponentResource {
  readonly endpointUrl: pulumi.Output<string>;
  readonly outputs: FleetOutputs;
  private readonly fleetName: string;
  private readonly config: StackConfig;
  private readonly labels: Record<string, string>;
  /** Resources without labels carry the carbon figures here. */
  private readonly description: string;
  private readonly network: string;
  /** Options for every child: this component as parent, the project's and region's provider. */
  private readonly child: { parent: pulumi.Resource; provider: gcp.Provider };

  constructor(name: string, args: GcpInferenceFleetArgs, opts?: pulumi.ComponentResourceOptions) {
    super("wattplan:gcp:InferenceFleet", name, {}, opts);
    const { config } = args;
    if (config.provider !== "gcp") throw new Error(`GcpInferenceFleet got a ${config.provider} plan`);
    this.fleetName = name;
    this.config = config;
    this.labels = gcpCarbonLabels(config);
    this.description = carbonDescription(config);
    this.network = config.network ?? "default";
    const provider = new gcp.Provider(`${name}-provider`, { project: args.project, region: config.region, defaultLabels: this.labels }, { parent: this });
    this.child = { parent: this, provider };

    this.firewall();
    const template = this.instanceTemplate();
    const healthCheck = this.readyCheck();
    const group = this.instanceGroup(template, healthCheck);
    this.autoscaler(group);
    const forwardingRule = this.loadBalancer(group, healthCheck);

    this.endpointUrl = pulumi.interpolate`http://${forwardingRule.ipAddress}:${TRITON_HTTP_PORT}`;
    this.outputs = fleetOutputs(config, this.endpointUrl);
    this.registerOutputs({ ...this.outputs, instanceGroupManager: group.name, instanceTemplate: template.name });
  }

  /** Triton's port, open to `ingressCidr` and to Google's health checkers, on the fleet's network tag. */
  private firewall(): void {
    new gcp.compute.Firewall(
      `${this.fleetName}-triton`,
      {
        network: this.network,
        description: this.description,
        direction: "INGRESS",
        allows: [{ protocol: "tcp", ports: [String(TRITON_HTTP_PORT)] }],
        sourceRanges: [this.config.ingressCidr ?? "0.0.0.0/0", ...HEALTH_CHECK_RANGES],
        targetTags: [NETWORK_TAG],
      },
      this.child,
    );
  }

  /** What each instance boots: the planned machine type (with its GPUs), Container-Optimized OS and Triton's boot script. */
  private instanceTemplate(): gcp.compute.InstanceTemplate {
    const { fleetName: name, config, labels } = this;
    const accelerator = config.accelerator;
    return new gcp.compute.InstanceTemplate(
      `${name}-triton`,
      {
        namePrefix: `${name}-`.toLowerCase().slice(0, 37),
        description: this.description,
        machineType: config.instanceType,
        region: config.region,
        disks: [{ sourceImage: gcpImage(config), boot: true, autoDelete: true, diskSizeGb: accelerator ? 120 : 60, diskType: gcpBootDiskType(config.instanceType), labels }],
        // Third-generation and later series (C3, C4, C4A, A3, …) take gVNIC only; Container-Optimized OS supports it everywhere.
        networkInterfaces: [{ network: this.network, nicType: "GVNIC", accessConfigs: [{}] }],
        metadata: { "startup-script": tritonBootScript(config, gcpHostSetup(config)), "google-logging-enabled": "true" },
        guestAccelerators:
          accelerator && gcpTakesGuestAccelerators(config.instanceType)
            ? [{ type: gcpAcceleratorType(accelerator.model, accelerator.memoryGb), count: deviceCount(accelerator) }]
            : [],
        // GPUs cannot live-migrate: instances stop for host maintenance and come back.
        scheduling: accelerator ? { onHostMaintenance: "TERMINATE", automaticRestart: true } : { onHostMaintenance: "MIGRATE", automaticRestart: true },
        serviceAccount: { scopes: ["https://www.googleapis.com/auth/devstorage.read_only", "https://www.googleapis.com/auth/logging.write", "https://www.googleapis.com/auth/monitoring.write"] },
        tags: [NETWORK_TAG],
        labels,
      },
      this.child,
    );
  }

  /** Triton's ready endpoint: autohealing and the load balancer both ask it. */
  private readyCheck(): gcp.compute.RegionHealthCheck {
    return new gcp.compute.RegionHealthCheck(
      `${this.fleetName}-ready`,
      {
        region: this.config.region,
        description: this.description,
        checkIntervalSec: 15,
        timeoutSec: 5,
        healthyThreshold: 2,
        unhealthyThreshold: 3,
        httpHealthCheck: { port: TRITON_HTTP_PORT, requestPath: TRITON_READY_PATH },
      },
      this.child,
    );
  }

  /** A regional managed instance group of the template, recreating instances that stay unready past the boot grace. */
  private instanceGroup(template: gcp.compute.InstanceTemplate, healthCheck: gcp.compute.RegionHealthCheck): gcp.compute.RegionInstanceGroupManager {
    const { fleetName: name, config } = this;
    return new gcp.compute.RegionInstanceGroupManager(
      `${name}-fleet`,
      {
        region: config.region,
        description: this.description,
        baseInstanceName: `${name}-triton`.toLowerCase().slice(0, 50),
        versions: [{ instanceTemplate: template.selfLinkUnique, name: "primary" }],
        targetSize: config.instances.desired,
        namedPorts: [{ name: "triton-http", port: TRITON_HTTP_PORT }],
        autoHealingPolicies: { healthCheck: healthCheck.id, initialDelaySec: BOOT_GRACE_SECONDS },
        allInstancesConfig: { labels: this.labels },
      },
      // The autoscaler owns the size after the first deployment.
      { ...this.child, ignoreChanges: ["targetSize"] },
    );
  }

  /**
   * CPU utilisation at the planned target between the planned counts. Batch work: scaling schedules (cron +
   * duration in the region's IANA zone) hold the active size for the chosen hours; outside them the autoscaler may
   * go down to the idle size.
   */
  private autoscaler(group: gcp.compute.RegionInstanceGroupManager): void {
    const { config } = this;
    const scaling = scheduledScalingOf(config);
    new gcp.compute.RegionAutoscaler(
      `${this.fleetName}-autoscaler`,
      {
        region: config.region,
        description: this.description,
        target: group.id,
        autoscalingPolicy: {
          minReplicas: config.schedule ? config.schedule.idleInstances : config.instances.min,
          maxReplicas: Math.max(config.instances.max, config.schedule?.activeInstances ?? 0),
          cooldownPeriod: BOOT_GRACE_SECONDS,
          // The planned utilisation is a share of each instance's capacity; CPU time follows it for CPU serving.
          cpuUtilization: { target: config.targetUtilization },
          ...(scaling ? { scalingSchedules: scaling.gcp.map((schedule) => ({ ...schedule })) } : {}),
        },
      },
      this.child,
    );
  }

  /** A regional external passthrough load balancer on Triton's port: backend service + forwarding rule. */
  private loadBalancer(group: gcp.compute.RegionInstanceGroupManager, healthCheck: gcp.compute.RegionHealthCheck): gcp.compute.ForwardingRule {
    const { fleetName: name, config } = this;
    const backendService = new gcp.compute.RegionBackendService(
      `${name}-backend`,
      {
        region: config.region,
        description: this.description,
        loadBalancingScheme: "EXTERNAL",
        protocol: "TCP",
        healthChecks: healthCheck.id,
        backends: [{ group: group.instanceGroup, balancingMode: "CONNECTION" }],
      },
      this.child,
    );
    return new gcp.compute.ForwardingRule(
      `${name}-endpoint`,
      {
        region: config.region,
        description: this.description,
        loadBalancingScheme: "EXTERNAL",
        ipProtocol: "TCP",
        portRange: String(TRITON_HTTP_PORT),
        backendService: backendService.id,
        labels: this.labels,
      },
      this.child,
    );
  }
}
