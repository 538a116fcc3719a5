// The instance counts a fleet resource sets (auto-scaling group, GCP autoscaler and group, Azure scale set and
// autoscale setting), checked against the plan's range. Pure.
import { list, record, type ResourceView } from "./compute-checks.ts";
import type { Allowance } from "./plan-view.ts";

export interface FleetCounts {
  provider: Allowance["provider"];
  /** Each count the resource sets, by the property path that sets it. */
  counts: Record<string, number>;
}

const numberOf = (value: unknown): number | undefined => {
  const parsed = typeof value === "string" ? Number(value) : value;
  return typeof parsed === "number" && Number.isFinite(parsed) ? parsed : undefined;
};

function defined(entries: [string, unknown][]): Record<string, number> {
  return Object.fromEntries(entries.map(([key, value]) => [key, numberOf(value)]).filter(([, value]) => value !== undefined)) as Record<string, number>;
}

/** The counts of a resource that sizes a fleet; undefined for any other resource. */
export function fleetCounts(resource: ResourceView): FleetCounts | undefined {
  const props = resource.props;
  switch (resource.type) {
    case "aws:autoscaling/group:Group":
      return { provider: "aws", counts: defined([["minSize", props.minSize], ["desiredCapacity", props.desiredCapacity], ["maxSize", props.maxSize]]) };
    case "gcp:compute/regionAutoscaler:RegionAutoscaler":
    case "gcp:compute/autoscaler:Autoscaler": {
      const policy = record(props.autoscalingPolicy);
      return { provider: "gcp", counts: defined([["autoscalingPolicy.minReplicas", policy.minReplicas], ["autoscalingPolicy.maxReplicas", policy.maxReplicas]]) };
    }
    case "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager":
    case "gcp:compute/instanceGroupManager:InstanceGroupManager":
      return { provider: "gcp", counts: defined([["targetSize", props.targetSize]]) };
    case "azure-native:compute:VirtualMachineScaleSet":
      return { provider: "azure", counts: defined([["sku.capacity", record(props.sku).capacity]]) };
    case "azure-native:monitor:AutoscaleSetting":
      return {
        provider: "azure",
        counts: defined(
          list(props.profiles).flatMap((profile) => {
            const { name, capacity } = record(profile);
            return Object.entries(record(capacity)).map(([key, value]): [string, unknown] => [`profiles[${String(name)}].capacity.${key}`, value]);
          }),
        ),
      };
    default:
      return undefined;
  }
}

/** Every count within the plan's range for the provider (any of them, where a plan allows several placements). */
export function countViolations(found: FleetCounts, allowances: Allowance[]): string[] {
  const ranges = allowances.filter((allowance) => allowance.provider === found.provider && allowance.instances).map((allowance) => allowance.instances as { min: number; max: number });
  if (ranges.length === 0) return [];
  const outside = Object.entries(found.counts).filter(([, count]) => !ranges.some((range) => count >= range.min && count <= range.max));
  const allowed = ranges.map((range) => `${range.min}–${range.max}`).join(" or ");
  return outside.map(([key, count]) => `${key} ${count} is outside the plan's ${allowed} instances`);
}
