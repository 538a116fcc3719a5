// GCP: instance template (Container-Optimized OS, GPUs via cos-extensions, no external IP, a service account of the
// fleet's own) -> regional managed instance group in the zones that offer the type, with autohealing, an autoscaler
// and proactive rolling replacement -> regional external passthrough load balancer on Triton's HTTP port.
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../domain/stack-config.ts";
import { modelArtifact } from "./artifact-file.ts";
import { GCP_OBJECT_READER_ROLE, GcpArtifactStore } from "./artifact-store/gcp.ts";
import { carbonDescription, gcpCarbonLabels } from "./carbon-tags.ts";
import { fleetOutputs, type FleetOutputs } from "./fleet-outputs.ts";
import { GCP_NETWORK_TAG, gcpNetwork } from "./gcp-network.ts";
import { gcpHostSetup } from "./host-setup.ts";
import { gcpAcceleratorType, gcpBootDiskType, gcpImage, gcpTakesGuestAccelerators } from "./images.ts";
import type { ModelSource } from "./model-fetch.ts";
import { scheduledScalingOf } from "./scheduled-scaling.ts";
import { bootGraceSeconds, TRITON_HTTP_PORT, TRITON_READY_PATH, tritonBootScript } from "./server-bootstrap.ts";
import { deviceCount } from "./triton-config.ts";

export interface GcpInferenceFleetArgs {
  config: StackConfig;
  /** The GCP project (gcp:project); explicit providers do not read stack config themselves. */
  project?: string;
  /** The checked artifact to upload (see localArtifact); absent when the fleet fetches wattplan:modelUri. */
  artifactFile?: string;
}

/** Where the instances get the model, and the grant they need for it (none for an https URL). */
interface ModelAccess {
  source: pulumi.Output<ModelSource>;
  grant?: gcp.storage.BucketIAMMember;
}

/** What the instances' service account may do besides reading the model: write their logs and metrics. */
export const GCP_INSTANCE_ROLES = ["roles/logging.logWriter", "roles/monitoring.metricWriter"];
/**
 * `pulumi up` waits for the group to be stable (every instance created and past its health check), so a zone out
 * of GPUs or a GPU quota of 0 fails the update with Google's reason; a GPU instance may need the whole boot grace.
 */
const GROUP_TIMEOUT = "45m";

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

    gcpNetwork({ name, config, network: this.network, description: this.description, child: this.child });
    const serviceAccount = this.serviceAccount();
    const model = this.modelAccess(serviceAccount, args.artifactFile);
    const template = this.instanceTemplate(serviceAccount, model.source);
    const healthCheck = this.readyCheck();
    const group = this.instanceGroup(template, healthCheck, model.grant);
    this.autoscaler(group);
    const forwardingRule = this.loadBalancer(group, healthCheck);

    this.endpointUrl = pulumi.interpolate`http://${forwardingRule.ipAddress}:${TRITON_HTTP_PORT}`;
    this.outputs = fleetOutputs(config, this.endpointUrl);
    this.registerOutputs({ ...this.outputs, instanceGroupManager: group.name, instanceTemplate: template.name, serviceAccount: serviceAccount.email });
  }

  /** The instances' identity: a service account of the fleet's own, not the project's default (editor) account. */
  private serviceAccount(): gcp.serviceaccount.Account {
    const { fleetName: name } = this;
    const account = new gcp.serviceaccount.Account(
      `${name}-instances`,
      { accountId: name, displayName: `wattplan ${name}: Triton instances`, description: this.description },
      this.child,
    );
    const project = gcp.organizations.getProjectOutput({}, this.child).apply((found) => {
      if (!found.projectId) throw new pulumi.RunError("no GCP project: pulumi config set gcp:project <project-id> (or emit with --config gcp:project=...)");
      return found.projectId;
    });
    for (const role of GCP_INSTANCE_ROLES) {
      const roleName = role.slice("roles/".length).replace(/\./g, "-").toLowerCase();
      new gcp.projects.IAMMember(`${name}-${roleName}`, { project, role, member: account.member }, this.child);
    }
    return account;
  }

  /**
   * The model for the service account to read: the artifact in a bucket of the fleet's own (uploaded here), or the
   * user's gs:// object (read on its bucket) or https URL.
   */
  private modelAccess(serviceAccount: gcp.serviceaccount.Account, artifactFile: string | undefined): ModelAccess {
    const { fleetName: name, config } = this;
    if (artifactFile) {
      const artifact = modelArtifact(config, artifactFile);
      const store = new GcpArtifactStore(
        `${name}-artifact`,
        { artifacts: [artifact], reader: { serviceAccountEmail: serviceAccount.email }, region: config.region, labels: this.labels },
        this.child,
      );
      return { source: store.objectUri(artifact.key).apply((uri) => ({ uri })), grant: store.readGrant };
    }
    const uri = config.modelUri as string;
    const bucket = /^gs:\/\/([^/]+)\//.exec(uri)?.[1];
    const grant = bucket
      ? new gcp.storage.BucketIAMMember(`${name}-model-read`, { bucket, role: GCP_OBJECT_READER_ROLE, member: serviceAccount.member }, this.child)
      : undefined;
    return { source: pulumi.output({ uri }), grant };
  }

  /** What each instance boots: the planned machine type (with its GPUs), Container-Optimized OS and Triton's boot script. */
  private instanceTemplate(serviceAccount: gcp.serviceaccount.Account, modelSource: pulumi.Output<ModelSource>): gcp.compute.InstanceTemplate {
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
        // Third-generation and later series (C3, C4, C4A, A3, …) take gVNIC only; Container-Optimized OS supports it
        // everywhere. No accessConfigs: no external IP; egress goes through the region's Cloud NAT.
        networkInterfaces: [{ network: this.network, nicType: "GVNIC" }],
        metadata: { "startup-script": modelSource.apply((source) => tritonBootScript(config, gcpHostSetup(config), source)), "google-logging-enabled": "true" },
        guestAccelerators:
          accelerator && gcpTakesGuestAccelerators(config.instanceType)
            ? [{ type: gcpAcceleratorType(accelerator.model, accelerator.memoryGb), count: deviceCount(accelerator) }]
            : [],
        // GPUs cannot live-migrate: instances stop for host maintenance and come back.
        scheduling: accelerator ? { onHostMaintenance: "TERMINATE", automaticRestart: true } : { onHostMaintenance: "MIGRATE", automaticRestart: true },
        // What the instances may reach is the service account's IAM roles; the cloud-platform scope defers to them.
        serviceAccount: { email: serviceAccount.email, scopes: ["https://www.googleapis.com/auth/cloud-platform"] },
        tags: [GCP_NETWORK_TAG],
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

  /**
   * A regional managed instance group of the template in the zones that offer the type (the plan's, from the
   * catalog; every zone of the region where the catalog lists none), recreating instances that stay unready past
   * the boot grace. A new template rolls through proactively: new instances first (a surge of one per zone, the
   * least a regional group takes as a fixed number), none taken away before its replacement is ready.
   */
  private instanceGroup(
    template: gcp.compute.InstanceTemplate,
    healthCheck: gcp.compute.RegionHealthCheck,
    grant: gcp.storage.BucketIAMMember | undefined,
  ): gcp.compute.RegionInstanceGroupManager {
    const { fleetName: name, config } = this;
    const zoneCount: pulumi.Input<number> =
      config.zones?.length ?? gcp.compute.getZonesOutput({ region: config.region, status: "UP" }, this.child).names.apply((names) => names.length);
    return new gcp.compute.RegionInstanceGroupManager(
      `${name}-fleet`,
      {
        region: config.region,
        description: this.description,
        baseInstanceName: `${name}-triton`.toLowerCase().slice(0, 50),
        versions: [{ instanceTemplate: template.selfLinkUnique, name: "primary" }],
        targetSize: config.instances.desired,
        namedPorts: [{ name: "triton-http", port: TRITON_HTTP_PORT }],
        autoHealingPolicies: { healthCheck: healthCheck.id, initialDelaySec: bootGraceSeconds(config) },
        allInstancesConfig: { labels: this.labels },
        ...(config.zones ? { distributionPolicyZones: config.zones } : {}),
        // A zone out of capacity gets no more attempts; the group creates the instances in the others.
        distributionPolicyTargetShape: "BALANCED",
        updatePolicy: {
          type: "PROACTIVE",
          minimalAction: "REPLACE",
          replacementMethod: "SUBSTITUTE",
          maxSurgeFixed: zoneCount,
          maxUnavailableFixed: 0,
          minReadySec: 60,
          // A BALANCED group takes no proactive redistribution across zones.
          instanceRedistributionType: "NONE",
        },
        waitForInstances: true,
        waitForInstancesStatus: "STABLE",
      },
      // The autoscaler owns the size after the first deployment.
      { ...this.child, ignoreChanges: ["targetSize"], customTimeouts: { create: GROUP_TIMEOUT, update: GROUP_TIMEOUT }, dependsOn: grant ? [grant] : [] },
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
          cooldownPeriod: bootGraceSeconds(config),
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
