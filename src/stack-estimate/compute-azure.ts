// Azure compute: virtual machines, scale sets, AKS agent pools (separate resources or a cluster's inline profiles).
import { resolveLocation } from "../pulumi-state/location.ts";
import type { StackDocument, StackResource } from "../pulumi-state/stack-document.ts";
import { readCount, readText, valueAt } from "../pulumi-state/values.ts";
import { fleetOf, nameOf, ofType, type ComputeUnit, type ComputeUnits } from "./compute-unit.ts";
import { referencedTarget } from "./references.ts";

export const AZURE_VM = "azure-native:compute:VirtualMachine";
export const AZURE_SCALE_SET = "azure-native:compute:VirtualMachineScaleSet";
export const AZURE_AGENT_POOL = "azure-native:containerservice:AgentPool";
export const AZURE_MANAGED_CLUSTER = "azure-native:containerservice:ManagedCluster";

export function azureComputeUnits(document: StackDocument): ComputeUnits {
  const units: ComputeUnit[] = [];
  const base = (resource: StackResource) => ({ urn: resource.urn, type: resource.type, name: nameOf(resource), cloud: "azure" as const, fleet: fleetOf(resource, document), relatedUrns: [] });

  for (const machine of ofType(document, AZURE_VM)) {
    units.push({
      ...base(machine),
      kind: "virtual machine",
      instanceType: readText(machine.inputs, "hardwareProfile.vmSize") ?? { unknown: "no hardwareProfile.vmSize given" },
      count: { value: 1 },
      countNote: "1 instance",
      location: resolveLocation(machine, document, "azure"),
    });
  }

  for (const scaleSet of ofType(document, AZURE_SCALE_SET)) {
    units.push({
      ...base(scaleSet),
      kind: "virtual machine scale set",
      instanceType: readText(scaleSet.inputs, "sku.name") ?? { unknown: "no sku.name given" },
      count: readCount(scaleSet.inputs, "sku.capacity") ?? { unknown: "no sku.capacity given" },
      countNote: "sku.capacity",
      location: resolveLocation(scaleSet, document, "azure"),
    });
  }

  const clusters = ofType(document, AZURE_MANAGED_CLUSTER);
  for (const pool of ofType(document, AZURE_AGENT_POOL)) {
    const cluster = referencedTarget(pool, ["resourceName"], clusters);
    units.push({
      ...base(pool),
      kind: `AKS agent pool${cluster ? ` of cluster ${nameOf(cluster)}` : ""}`,
      instanceType: readText(pool.inputs, "vmSize") ?? { unknown: "no vmSize given" },
      count: readCount(pool.inputs, "count") ?? readCount(pool.inputs, "minCount") ?? { unknown: "no count given" },
      countNote: "count",
      location: resolveLocation(pool, document, "azure", { inherit: cluster }),
      relatedUrns: cluster ? [cluster.urn] : [],
    });
  }

  for (const cluster of clusters) {
    const profiles = valueAt(cluster.inputs, "agentPoolProfiles");
    if (!Array.isArray(profiles)) continue;
    profiles.forEach((_, index) => {
      const path = `agentPoolProfiles.${index}`;
      const poolName = readText(cluster.inputs, `${path}.name`);
      units.push({
        ...base(cluster),
        urn: `${cluster.urn}#${path}`,
        name: `${nameOf(cluster)}/${poolName && "value" in poolName ? poolName.value : index}`,
        kind: "AKS cluster agent pool profile",
        instanceType: readText(cluster.inputs, `${path}.vmSize`) ?? { unknown: `no ${path}.vmSize given` },
        count: readCount(cluster.inputs, `${path}.count`) ?? readCount(cluster.inputs, `${path}.minCount`) ?? { unknown: `no ${path}.count given` },
        countNote: "count",
        location: resolveLocation(cluster, document, "azure"),
      });
    });
  }
  return { units, claims: new Map() };
}
