// wattplan's CrossGuard policies as plain validators: importing this module starts nothing (the PolicyPack in
// index.ts does), so tests call them directly. The plan they enforce comes in as "allowances": the placements a
// plan allows, with each region's grid intensity, read from the policy pack config.
import type { PolicyConfigSchema, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import type { Plan } from "../src/domain/plan.ts";
import type { StackConfig } from "../src/domain/stack-config.ts";
import { REQUIRED_TAG_KEYS, CARBON_TAG_KEYS } from "../src/infra/carbon-tags.ts";

/** One placement a plan allows. */
export interface Allowance {
  provider: "aws" | "gcp" | "azure";
  region: string;
  instanceType: string;
  gridIntensityGCo2ePerKwh?: number;
}

/** The policy pack config (`pulumi up --policy-pack policy --policy-pack-config wattplan-policy.json`). */
export interface WattplanPolicyConfig {
  /** A plan written by `wattplan plan --out`: its chosen and deployable ranked candidates are allowed. */
  planFile?: string;
  /** A stack file written by `wattplan emit`: exactly its placement is allowed. */
  stackFile?: string;
  /** Placements given inline. */
  allowed?: Allowance[];
  /** Ceiling on the grid intensity of any region a compute resource lands in. */
  maxGridIntensityGCo2ePerKwh?: number;
}

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

export function allowancesFromPlan(plan: Plan): Allowance[] {
  return [plan.chosen, ...plan.alternatives]
    .filter((candidate) => candidate.deployable.deployable)
    .map((candidate) => ({
      provider: candidate.provider,
      region: candidate.region,
      instanceType: candidate.instanceType,
      gridIntensityGCo2ePerKwh: candidate.gridIntensityGCo2ePerKwh,
    }));
}

export function allowancesFromStackConfig(config: StackConfig): Allowance[] {
  return [{ provider: config.provider, region: config.region, instanceType: config.instanceType, gridIntensityGCo2ePerKwh: config.gridIntensityGCo2ePerKwh }];
}

const text = (value: unknown): string | undefined => (typeof value === "string" && value.length > 0 ? value : undefined);
const record = (value: unknown): Record<string, unknown> => (value && typeof value === "object" ? (value as Record<string, unknown>) : {});
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

/** Turns pack config into allowances; index.ts reads files, tests pass plans directly. */
export type AllowanceResolver = (config: WattplanPolicyConfig) => Allowance[];

const CONFIG_SCHEMA: PolicyConfigSchema = {
  properties: {
    planFile: { type: "string" },
    stackFile: { type: "string" },
    allowed: {
      type: "array",
      items: {
        type: "object",
        properties: { provider: { type: "string" }, region: { type: "string" }, instanceType: { type: "string" }, gridIntensityGCo2ePerKwh: { type: "number" } },
        required: ["provider", "region", "instanceType"],
      },
    },
    maxGridIntensityGCo2ePerKwh: { type: "number", minimum: 0 },
  },
};

type ValidatorArgs = Pick<ResourceValidationArgs, "type" | "props" | "getConfig"> & { provider?: ResourceView["provider"] };

function computeValidator(check: (placement: ComputePlacement, config: WattplanPolicyConfig, resolve: AllowanceResolver) => string[], resolve: AllowanceResolver) {
  return (args: ValidatorArgs, reportViolation: ReportViolation): void => {
    const placement = computePlacement(args);
    if (!placement) return;
    const config = args.getConfig<WattplanPolicyConfig>();
    for (const message of check(placement, config, resolve)) reportViolation(message);
  };
}

export function createWattplanPolicies(resolve: AllowanceResolver): ResourceValidationPolicy[] {
  return [
    {
      name: "wattplan-planned-placement",
      description: "Compute resources run in a region and on an instance type the wattplan plan allows.",
      enforcementLevel: "mandatory",
      configSchema: CONFIG_SCHEMA,
      validateResource: computeValidator((placement, config) => placementViolations(placement, resolve(config)), resolve),
    },
    {
      name: "wattplan-grid-intensity-ceiling",
      description: "Compute resources run only where the grid intensity is at or below the configured ceiling.",
      enforcementLevel: "mandatory",
      configSchema: CONFIG_SCHEMA,
      validateResource: computeValidator((placement, config) => gridIntensityViolations(placement, resolve(config), config.maxGridIntensityGCo2ePerKwh), resolve),
    },
    {
      name: "wattplan-carbon-tags",
      description: "Compute resources carry the plan id, gCO2e per 1,000 inferences, grid intensity and wattplan version.",
      enforcementLevel: "mandatory",
      validateResource: computeValidator((placement) => tagViolations(placement), resolve),
    },
  ];
}
