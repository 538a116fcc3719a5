// What a compute resource (launch template, instance template, scale set, instance) says about where it runs, on
// what, how it is reached and what it serves, and the checks of each against the plan. Pure.
import { CARBON_TAG_KEYS, REQUIRED_TAG_KEYS } from "../src/infra/carbon-tags.ts";
import { gcpAcceleratorType, gcpTakesGuestAccelerators } from "../src/infra/images.ts";
import { deviceCount } from "../src/infra/triton-config.ts";
import type { Allowance } from "./plan-view.ts";

/** What a compute resource says about where and on what it runs. */
export interface ComputePlacement {
  provider: Allowance["provider"];
  region: string | undefined;
  instanceType: string | undefined;
  tags: Record<string, string>;
}

/** The resource as a validator sees it: its type, inputs and (for region defaults) its provider's inputs. */
export interface ResourceView {
  type: string;
  props: Record<string, unknown>;
  provider?: { props?: Record<string, unknown> };
}

export const COMPUTE_RESOURCE_TYPES = [
  "aws:ec2/launchTemplate:LaunchTemplate",
  "aws:ec2/instance:Instance",
  "gcp:compute/instanceTemplate:InstanceTemplate",
  "gcp:compute/instance:Instance",
  "azure-native:compute:VirtualMachineScaleSet",
  "azure-native:compute:VirtualMachine",
] as const;

export const text = (value: unknown): string | undefined => (typeof value === "string" && value.length > 0 ? value : undefined);
export const record = (value: unknown): Record<string, unknown> => (value && typeof value === "object" ? (value as Record<string, unknown>) : {});
export const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const stringTags = (value: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(record(value)).filter(([, item]) => typeof item === "string")) as Record<string, string>;

/** Region, machine type and tags of a compute resource; undefined for resources these policies do not judge. */
export function computePlacement(resource: ResourceView): ComputePlacement | undefined {
  const props = resource.props;
  const providerProps = record(resource.provider?.props);
  switch (resource.type) {
    case "aws:ec2/launchTemplate:LaunchTemplate":
    case "aws:ec2/instance:Instance":
      return { provider: "aws", region: text(props.region) ?? text(providerProps.region), instanceType: text(props.instanceType), tags: stringTags(props.tags) };
    case "gcp:compute/instanceTemplate:InstanceTemplate":
      return { provider: "gcp", region: text(props.region) ?? text(providerProps.region), instanceType: text(props.machineType), tags: stringTags(props.labels) };
    case "gcp:compute/instance:Instance": {
      const zone = text(props.zone) ?? text(providerProps.zone);
      return { provider: "gcp", region: zone?.replace(/-[a-z]$/, "") ?? text(providerProps.region), instanceType: text(props.machineType), tags: stringTags(props.labels) };
    }
    case "azure-native:compute:VirtualMachineScaleSet":
      return { provider: "azure", region: text(props.location) ?? text(providerProps.location), instanceType: text(record(props.sku).name), tags: stringTags(props.tags) };
    case "azure-native:compute:VirtualMachine":
      return {
        provider: "azure",
        region: text(props.location) ?? text(providerProps.location),
        instanceType: text(record(props.hardwareProfile).vmSize),
        tags: stringTags(props.tags),
      };
    default:
      return undefined;
  }
}

const sameRegion = (a: string, b: string) => a.toLowerCase().replace(/\s+/g, "") === b.toLowerCase().replace(/\s+/g, "");

/** The allowances of the placement's provider and region whose type it is. */
export function matchingAllowances(placement: ComputePlacement, allowances: Allowance[]): Allowance[] {
  return allowances.filter(
    (allowance) =>
      allowance.provider === placement.provider &&
      placement.region !== undefined &&
      sameRegion(allowance.region, placement.region) &&
      allowance.instanceType === placement.instanceType,
  );
}

/** The plan's placements: the region must be one it allows, and the machine type one it allows there. */
export function placementViolations(placement: ComputePlacement, allowances: Allowance[]): string[] {
  if (allowances.length === 0) return ["no plan given: set planFile, stackFile or allowed in the policy pack config"];
  const forProvider = allowances.filter((allowance) => allowance.provider === placement.provider);
  if (!placement.region) return [`cannot tell the region of this ${placement.provider} resource: set it on an explicit provider or the resource`];
  if (!placement.instanceType) return [`cannot tell the instance type of this ${placement.provider} resource`];
  const inRegion = forProvider.filter((allowance) => sameRegion(allowance.region, placement.region as string));
  if (inRegion.length === 0) {
    const regions = [...new Set(forProvider.map((allowance) => allowance.region))];
    return [`region ${placement.region} is not in the plan (${placement.provider}: ${regions.length > 0 ? regions.join(", ") : "none"})`];
  }
  if (!inRegion.some((allowance) => allowance.instanceType === placement.instanceType)) {
    return [`instance type ${placement.instanceType} is not in the plan for ${placement.region} (allowed: ${inRegion.map((allowance) => allowance.instanceType).join(", ")})`];
  }
  return [];
}

/** The region's grid intensity: the plan's figure, else the figure the resource is tagged with (GCP: 36_5 = 36.5). */
export function gridIntensityOf(placement: ComputePlacement, allowances: Allowance[]): number | undefined {
  const planned = allowances.find(
    (allowance) => allowance.provider === placement.provider && placement.region !== undefined && sameRegion(allowance.region, placement.region),
  )?.gridIntensityGCo2ePerKwh;
  if (planned !== undefined) return planned;
  const tagged = placement.tags[CARBON_TAG_KEYS.gridIntensityGCo2ePerKwh];
  const value = tagged === undefined ? Number.NaN : Number(tagged.replace("_", "."));
  return Number.isFinite(value) ? value : undefined;
}

export function gridIntensityViolations(placement: ComputePlacement, allowances: Allowance[], maxGridIntensityGCo2ePerKwh: number | undefined): string[] {
  if (maxGridIntensityGCo2ePerKwh === undefined) return [];
  const intensity = gridIntensityOf(placement, allowances);
  if (intensity === undefined) return [`cannot tell the grid intensity of ${placement.region ?? "this region"}: it is not in the plan and the resource has no ${CARBON_TAG_KEYS.gridIntensityGCo2ePerKwh} tag`];
  if (intensity > maxGridIntensityGCo2ePerKwh) {
    return [`grid intensity of ${placement.region} is ${intensity} gCO2e/kWh, above the ceiling of ${maxGridIntensityGCo2ePerKwh}`];
  }
  return [];
}

export function tagViolations(placement: ComputePlacement): string[] {
  const missing = REQUIRED_TAG_KEYS.filter((key) => !placement.tags[key]);
  return missing.length > 0 ? [`missing wattplan ${placement.provider === "gcp" ? "labels" : "tags"}: ${missing.join(", ")}`] : [];
}

/**
 * GCP N1 machines take their GPUs as guest accelerators, so the machine type alone does not fix them: the type and
 * count must be the plan's (none for CPU-only candidates). Other types (and clouds) come with their accelerators.
 */
export function acceleratorViolations(resource: ResourceView, placement: ComputePlacement, allowances: Allowance[]): string[] {
  if (placement.provider !== "gcp" || !placement.instanceType) return [];
  const known = matchingAllowances(placement, allowances).filter((allowance) => allowance.accelerator !== undefined);
  if (known.length === 0) return [];
  const attached = list(resource.props.guestAccelerators).map((item) => `${record(item).count}x ${record(item).type}`);
  const expectedOf = (allowance: Allowance) =>
    allowance.accelerator && gcpTakesGuestAccelerators(placement.instanceType as string)
      ? [`${deviceCount(allowance.accelerator)}x ${gcpAcceleratorType(allowance.accelerator.model, allowance.accelerator.memoryGb)}`]
      : [];
  if (known.some((allowance) => JSON.stringify(expectedOf(allowance)) === JSON.stringify(attached))) return [];
  const expected = expectedOf(known[0]);
  return [`guest accelerators ${attached.length > 0 ? attached.join(", ") : "none"} are not the plan's (${expected.length > 0 ? expected.join(", ") : "none"})`];
}

/** Instances are reached through the load balancer only: no public address on any of them. */
export function publicAddressViolations(resource: ResourceView): string[] {
  const props = resource.props;
  switch (resource.type) {
    case "aws:ec2/launchTemplate:LaunchTemplate": {
      const interfaces = list(props.networkInterfaces).map(record);
      const isPrivate = interfaces.length > 0 && interfaces.every((item) => String(item.associatePublicIpAddress) === "false");
      return isPrivate ? [] : ["instances launched from this template may get a public IP: give it networkInterfaces with associatePublicIpAddress \"false\""];
    }
    case "aws:ec2/instance:Instance":
      return props.associatePublicIpAddress === false ? [] : ["this instance may get a public IP: set associatePublicIpAddress to false"];
    case "gcp:compute/instanceTemplate:InstanceTemplate":
    case "gcp:compute/instance:Instance":
      return list(props.networkInterfaces).some((item) => list(record(item).accessConfigs).length > 0)
        ? ["a network interface has an access config, which gives the instance an external IP: remove accessConfigs"]
        : [];
    case "azure-native:compute:VirtualMachineScaleSet": {
      const configurations = list(record(record(props.virtualMachineProfile).networkProfile).networkInterfaceConfigurations);
      const ipConfigurations = configurations.flatMap((item) => list(record(item).ipConfigurations)).map(record);
      return ipConfigurations.some((item) => item.publicIPAddressConfiguration !== undefined)
        ? ["an IP configuration has a publicIPAddressConfiguration, which gives every instance a public IP: remove it"]
        : [];
    }
    default:
      return [];
  }
}
