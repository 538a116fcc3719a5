// GCP compute: instances, instance templates counted through (regional) managed instance groups and their
// autoscalers, GKE node pools.
import { resolveLocation } from "../pulumi-state/location.ts";
import type { StackDocument, StackResource } from "../pulumi-state/stack-document.ts";
import { readCount, readText, valueAt, type Known } from "../pulumi-state/values.ts";
import { fleetOf, nameOf, ofType, type Claims, type ComputeUnit, type ComputeUnits } from "./compute-unit.ts";
import { referencedTarget } from "./references.ts";

export const GCP_INSTANCE = "gcp:compute/instance:Instance";
export const GCP_TEMPLATES = ["gcp:compute/instanceTemplate:InstanceTemplate", "gcp:compute/regionInstanceTemplate:RegionInstanceTemplate"];
export const GCP_GROUPS = ["gcp:compute/instanceGroupManager:InstanceGroupManager", "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager"];
export const GCP_AUTOSCALERS = ["gcp:compute/autoscaler:Autoscaler", "gcp:compute/regionAutoscaler:RegionAutoscaler"];
export const GCP_NODE_POOL = "gcp:container/nodePool:NodePool";

/** Google's accelerator type names → the catalog's models. */
const ACCELERATOR_MODELS: Record<string, string> = {
  "nvidia-tesla-t4": "T4",
  "nvidia-l4": "L4",
  "nvidia-tesla-a100": "A100 40GB SXM",
  "nvidia-a100-80gb": "A100 80GB SXM",
  "nvidia-h100-80gb": "H100 SXM",
};

function declaredAccelerators(properties: Record<string, unknown>, path: string): { model: string; count: number }[] {
  const list = valueAt(properties, path);
  if (!Array.isArray(list)) return [];
  return list.map((item) => {
    const record = (item ?? {}) as Record<string, unknown>;
    const type = typeof record.type === "string" ? record.type.split("/").pop() ?? "" : "";
    return { model: ACCELERATOR_MODELS[type] ?? type, count: typeof record.count === "number" ? record.count : 1 };
  });
}

/** A machine type may be a URL ("zones/europe-west4-a/machineTypes/n2-standard-8"): the type is its last part. */
function machineType(properties: Record<string, unknown>, path: string): Known<string> {
  const known = readText(properties, path);
  if (!known) return { unknown: `no ${path} given` };
  return "value" in known ? { value: known.value.split("/").pop() ?? known.value } : known;
}

/** A managed group's size: its autoscaler's minimum when one targets it (the autoscaler owns the size), else targetSize. */
function groupCount(group: StackResource, autoscaler: StackResource | undefined): { count: Known<number>; note: string } {
  if (autoscaler) {
    const minimum = readCount(autoscaler.inputs, "autoscalingPolicy.minReplicas");
    const maximum = readCount(autoscaler.inputs, "autoscalingPolicy.maxReplicas");
    const target = readCount(group.inputs, "targetSize");
    const range = maximum && "value" in maximum ? `–${maximum.value}` : "";
    if (minimum && "value" in minimum) {
      const start = target && "value" in target ? Math.max(target.value, minimum.value) : minimum.value;
      return { count: { value: start }, note: `autoscaler ${nameOf(autoscaler)}: ${minimum.value}${range}; estimated at ${start === minimum.value ? "its minimum" : "the group's targetSize"}` };
    }
    return { count: minimum ?? { unknown: "its autoscaler gives no minReplicas" }, note: `autoscaler ${nameOf(autoscaler)}` };
  }
  return { count: readCount(group.inputs, "targetSize") ?? { unknown: "no targetSize and no autoscaler" }, note: "targetSize" };
}

export function gcpComputeUnits(document: StackDocument): ComputeUnits {
  const units: ComputeUnit[] = [];
  const claims: Claims = new Map();
  const templates = ofType(document, ...GCP_TEMPLATES);
  const groups = ofType(document, ...GCP_GROUPS);
  const base = (resource: StackResource) => ({ urn: resource.urn, type: resource.type, name: nameOf(resource), cloud: "gcp" as const, fleet: fleetOf(resource, document) });

  for (const instance of ofType(document, GCP_INSTANCE)) {
    units.push({
      ...base(instance),
      kind: "Compute Engine instance",
      instanceType: machineType(instance.inputs, "machineType"),
      count: { value: 1 },
      countNote: "1 instance",
      location: resolveLocation(instance, document, "gcp"),
      relatedUrns: [],
      declaredAccelerators: declaredAccelerators(instance.inputs, "guestAccelerators"),
    });
  }

  const autoscalers = ofType(document, ...GCP_AUTOSCALERS);
  for (const group of groups) {
    const template = referencedTarget(group, ["versions", "instanceTemplate"], templates);
    const autoscaler = autoscalers.find((candidate) => referencedTarget(candidate, ["target"], groups) === group);
    const { count, note } = groupCount(group, autoscaler);
    if (template) claims.set(template.urn, `counted through managed instance group ${nameOf(group)}`);
    if (autoscaler) claims.set(autoscaler.urn, `sizes managed instance group ${nameOf(group)}`);
    units.push({
      ...base(group),
      kind: `${group.type.includes("region") ? "regional " : ""}managed instance group${template ? ` of template ${nameOf(template)}` : ""}`,
      instanceType: template ? machineType(template.inputs, "machineType") : { unknown: "its instance template is not in the document (or several match)" },
      count,
      countNote: note,
      location: resolveLocation(group, document, "gcp"),
      relatedUrns: [template?.urn, autoscaler?.urn].filter((urn): urn is string => urn !== undefined),
      declaredAccelerators: template ? declaredAccelerators(template.inputs, "guestAccelerators") : undefined,
    });
  }

  for (const pool of ofType(document, GCP_NODE_POOL)) {
    const perZone = readCount(pool.inputs, "nodeCount") ?? readCount(pool.inputs, "initialNodeCount") ?? readCount(pool.inputs, "autoscaling.minNodeCount");
    const zones = valueAt(pool.inputs, "nodeLocations");
    const location = resolveLocation(pool, document, "gcp", { keys: ["location", "region", "zone"] });
    // A regional pool runs its node count in every zone: the listed nodeLocations, else GKE's default of three.
    const regional = "value" in location && location.value.zone === undefined;
    const zoneCount = Array.isArray(zones) && zones.length > 0 ? zones.length : regional ? 3 : 1;
    const count: Known<number> = perZone && "value" in perZone ? { value: perZone.value * zoneCount } : perZone ?? { unknown: "no nodeCount, initialNodeCount or autoscaling.minNodeCount given" };
    units.push({
      ...base(pool),
      kind: "GKE node pool",
      instanceType: readText(pool.inputs, "nodeConfig.machineType") ?? { value: "e2-medium" },
      count,
      countNote: `${zoneCount > 1 ? `nodes per zone × ${zoneCount} zones${Array.isArray(zones) && zones.length > 0 ? "" : " (regional pool: GKE's default of 3 zones)"}` : "nodes"}${readText(pool.inputs, "nodeConfig.machineType") ? "" : "; no machine type given: GKE's default e2-medium"}`,
      location,
      relatedUrns: [],
      declaredAccelerators: declaredAccelerators(pool.inputs, "nodeConfig.guestAccelerators"),
    });
  }

  for (const template of templates) if (!claims.has(template.urn)) claims.set(template.urn, "instance template no managed instance group in this document uses: 0 instances");
  for (const autoscaler of autoscalers) if (!claims.has(autoscaler.urn)) claims.set(autoscaler.urn, "autoscaler whose group is not in the document");
  return { units, claims };
}
