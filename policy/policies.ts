// wattplan's CrossGuard policies as plain validators: importing this module starts nothing (the PolicyPack in
// index.ts does), so tests call them directly. The plan they enforce comes in as a PlanView (allowed placements with
// their counts, accelerators and artifact; problems with the stack file), read from the policy pack config.
import type { PolicyConfigSchema, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import {
  acceleratorViolations,
  computePlacement,
  gridIntensityViolations,
  placementViolations,
  publicAddressViolations,
  tagViolations,
  type ComputePlacement,
  type ResourceView,
} from "./compute-checks.ts";
import { bootScriptArtifactViolations, bucketsWithoutPublicAccessBlock, publicStorageViolations, uploadedArtifactViolations } from "./artifact-checks.ts";
import { countViolations, fleetCounts } from "./fleet-counts.ts";
import type { PlanView, WattplanPolicyConfig } from "./plan-view.ts";

/** Turns pack config into the plan's view; index.ts reads files, tests pass plans directly. */
export type PlanViewResolver = (config: WattplanPolicyConfig) => PlanView;

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
type ResourceCheck = (resource: ResourceView, view: PlanView, config: WattplanPolicyConfig) => string[];

function validator(check: ResourceCheck, resolve: PlanViewResolver) {
  return (args: ValidatorArgs, reportViolation: ReportViolation): void => {
    const config = args.getConfig<WattplanPolicyConfig>();
    for (const message of check(args, resolve(config), config)) reportViolation(message);
  };
}

/** A check of compute resources only (launch templates, instance templates, scale sets, instances). */
const onCompute =
  (check: (placement: ComputePlacement, resource: ResourceView, view: PlanView, config: WattplanPolicyConfig) => string[]): ResourceCheck =>
  (resource, view, config) => {
    const placement = computePlacement(resource);
    return placement ? check(placement, resource, view, config) : [];
  };

export function createWattplanPolicies(resolve: PlanViewResolver): (ResourceValidationPolicy | StackValidationPolicy)[] {
  const resourcePolicy = (name: string, description: string, check: ResourceCheck, configured = true): ResourceValidationPolicy => ({
    name,
    description,
    enforcementLevel: "mandatory",
    ...(configured ? { configSchema: CONFIG_SCHEMA } : {}),
    validateResource: validator(check, resolve),
  });
  return [
    resourcePolicy(
      "wattplan-planned-placement",
      "Compute resources run in a region and on an instance type the wattplan plan allows.",
      onCompute((placement, _resource, view) => placementViolations(placement, view.allowances)),
    ),
    resourcePolicy(
      "wattplan-grid-intensity-ceiling",
      "Compute resources run only where the grid intensity is at or below the configured ceiling.",
      onCompute((placement, _resource, view, config) => gridIntensityViolations(placement, view.allowances, config.maxGridIntensityGCo2ePerKwh)),
    ),
    resourcePolicy(
      "wattplan-carbon-tags",
      "Compute resources carry the plan id, gCO2e per 1,000 inferences, grid intensity and wattplan version.",
      onCompute((placement) => tagViolations(placement)),
      false,
    ),
    resourcePolicy(
      "wattplan-planned-accelerators",
      "GCP machines carry exactly the plan's guest accelerators (type and count).",
      onCompute((placement, resource, view) => acceleratorViolations(resource, placement, view.allowances)),
    ),
    resourcePolicy("wattplan-planned-counts", "Fleet sizes (minimum, desired, maximum) stay within the plan's instance counts.", (resource, view) => {
      const found = fleetCounts(resource);
      return found ? countViolations(found, view.allowances) : [];
    }),
    resourcePolicy("wattplan-private-instances", "No instance gets a public IP: the load balancer is the only way in.", (resource) => publicAddressViolations(resource), false),
    resourcePolicy(
      "wattplan-planned-artifact",
      "Instances check the model against the planned sha256 before Triton starts, and the uploaded model is the planned artifact.",
      (resource, view) => {
        const placement = computePlacement(resource);
        return [...(placement ? bootScriptArtifactViolations(resource, placement, view.allowances) : []), ...uploadedArtifactViolations(resource, view.allowances)];
      },
    ),
    {
      name: "wattplan-private-artifact-store",
      description: "Buckets and containers are private: S3 public access blocked, Cloud Storage public access prevention enforced, no anonymous Azure blob access.",
      enforcementLevel: "mandatory",
      validateResource: (args, reportViolation) => {
        for (const message of publicStorageViolations(args)) reportViolation(message);
      },
    },
    {
      name: "wattplan-s3-public-access-blocked",
      description: "Every S3 bucket of the stack has a public access block with all four settings on.",
      enforcementLevel: "mandatory",
      validateStack: (args, reportViolation) => {
        for (const message of bucketsWithoutPublicAccessBlock(args.resources)) reportViolation(message);
      },
    },
    {
      name: "wattplan-stack-as-emitted",
      description: "The stack file's wattplan: keys are as `wattplan emit` wrote them, from the plan the pack is given.",
      enforcementLevel: "mandatory",
      configSchema: CONFIG_SCHEMA,
      validateStack: (args, reportViolation) => {
        for (const problem of resolve(args.getConfig<WattplanPolicyConfig>()).problems) reportViolation(problem);
      },
    },
  ];
}
