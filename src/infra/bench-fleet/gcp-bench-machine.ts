// GCP: a VM of the type (with its guest GPUs on N1) in the first zone of the region that offers the machine type, on a network of its own with no firewall
// rule (so nothing comes in) and an ephemeral external address for egress, running as a service account that may
// read the two inputs and create objects under results/; Compute Engine deletes it at its ceiling on its own.
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { gcpAcceleratorType, gcpBootDiskType, gcpTakesGuestAccelerators } from "../images.ts";
import { GcpArtifactStore } from "../artifact-store/gcp.ts";
import { gcpBenchImage } from "./images.ts";
import { benchArtifacts, bootScriptFor, globalName, resourcePrefix, type BenchMachineSpec } from "./machine-spec.ts";
import { RESULTS_PREFIX, type ResultsLocation } from "./results-layout.ts";

export class GcpBenchMachine extends pulumi.ComponentResource {
  readonly results: pulumi.Output<ResultsLocation>;
  readonly instanceId: pulumi.Output<string>;

  constructor(spec: BenchMachineSpec, opts?: pulumi.ComponentResourceOptions) {
    const name = resourcePrefix(spec);
    super("wattplan:gcp:BenchMachine", name, {}, opts);
    const labels = Object.fromEntries(Object.entries(spec.labels).map(([key, value]) => [key.toLowerCase(), value.toLowerCase().replace(/[^a-z0-9_-]/g, "-").slice(0, 63)]));
    const provider = new gcp.Provider(`${name}-provider`, { region: spec.region, defaultLabels: labels }, { parent: this });
    const child = { parent: this, provider };
    const account = new gcp.serviceaccount.Account(`${name}-identity`, { accountId: name, displayName: `wattplan bench ${spec.stackName}` }, child);
    const bucketName = globalName(spec.stackName, "wattplan-bench-", 40);
    const store = new GcpArtifactStore(
      `${name}-store`,
      {
        bucketName,
        region: spec.region,
        artifacts: benchArtifacts(spec),
        reader: { serviceAccountEmail: account.email },
        resultsPrefix: RESULTS_PREFIX,
        labels,
      },
      child,
    );
    const network = new gcp.compute.Network(`${name}-network`, { autoCreateSubnetworks: false, description: "wattplan bench machine: no firewall rules, nothing comes in" }, child);
    const subnetwork = new gcp.compute.Subnetwork(`${name}-subnet`, { network: network.id, region: spec.region, ipCidrRange: "10.60.0.0/24" }, child);
    const zone = firstZoneOffering(spec, child);
    const startupScript = store.bucket.apply((bucket) => bootScriptFor(spec, { provider: "gcp", bucket }));
    const instance = new gcp.compute.Instance(
      `${name}-machine`,
      {
        name,
        machineType: spec.instanceType,
        zone,
        bootDisk: { initializeParams: { image: gcpBenchImage(spec.hardware), size: spec.hardware.gpu ? 100 : 20, type: gcpBootDiskType(spec.instanceType) } },
        networkInterfaces: [{ subnetwork: subnetwork.id, accessConfigs: [{}] }],
        serviceAccount: { email: account.email, scopes: ["cloud-platform"] },
        // N1 types take their GPUs as guest accelerators; A2, A3 and G2 types come with theirs.
        ...(spec.accelerator && gcpTakesGuestAccelerators(spec.instanceType)
          ? { guestAccelerators: [{ type: gcpAcceleratorType(spec.accelerator.model, spec.accelerator.memoryGb), count: spec.accelerator.count }] }
          : {}),
        metadata: { "startup-script": startupScript },
        scheduling: {
          automaticRestart: false,
          onHostMaintenance: "TERMINATE",
          provisioningModel: "STANDARD",
          maxRunDuration: { seconds: Math.ceil(spec.ceilingMinutes) * 60 },
          instanceTerminationAction: "DELETE",
        },
        labels,
      },
      { ...child, dependsOn: [store] },
    );
    this.instanceId = instance.instanceId;
    this.results = store.bucket.apply((bucket) => ({ provider: "gcp" as const, bucket, prefix: RESULTS_PREFIX }));
    this.registerOutputs({ results: this.results, instanceId: this.instanceId });
  }
}

/** Machine types exist in some zones of a region only: the first zone (in name order) that lists this one. */
function firstZoneOffering(spec: BenchMachineSpec, options: { parent: pulumi.Resource; provider: gcp.Provider }): pulumi.Output<string> {
  const zones = gcp.compute.getZonesOutput({ region: spec.region, status: "UP" }, options).names;
  return zones.apply(async (names) => {
    for (const zone of [...names].sort()) {
      const found = await gcp.compute.getMachineTypes({ zone, filter: `name = "${spec.instanceType}"` }, options);
      if (found.machineTypes.length > 0) return zone;
    }
    throw new Error(`no zone of ${spec.region} offers ${spec.instanceType}`);
  });
}
