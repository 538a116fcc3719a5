// Runs wattplan's policies in-process the way the policy engine calls them: validateResource for each resource (with
// its provider's inputs), validateStack once; collects the violations by policy.
import type { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { createWattplanPolicies, type PlanViewResolver } from "../../policy/policies.ts";
import type { ResourceView } from "../../policy/compute-checks.ts";
import type { WattplanPolicyConfig } from "../../policy/plan-view.ts";
import type { RecordedResource } from "../infra/helpers.ts";

export type Verdicts = Record<string, string[]>;

export function runPolicies(resources: ResourceView[], resolve: PlanViewResolver, config: WattplanPolicyConfig): Verdicts {
  const verdicts: Verdicts = {};
  const getConfig = <T,>() => config as T;
  for (const policy of createWattplanPolicies(resolve)) {
    const violations: string[] = [];
    const report = (message: string) => violations.push(message);
    const resourceChecks = (policy as ResourceValidationPolicy).validateResource;
    for (const check of Array.isArray(resourceChecks) ? resourceChecks : resourceChecks ? [resourceChecks] : []) {
      for (const resource of resources) check({ ...resource, getConfig } as never, report);
    }
    (policy as StackValidationPolicy).validateStack?.({ resources: resources as PolicyResource[], getConfig } as never, report);
    verdicts[policy.name] = violations;
  }
  return verdicts;
}

/**
 * The program's recorded resources as validators see them: inputs as props, the explicit provider's inputs alongside,
 * and (for stack policies) the URN and the resources each depends on.
 */
export function resourceViews(resources: RecordedResource[]): (ResourceView & Pick<PolicyResource, "name" | "urn" | "dependencies">)[] {
  const providerInputs = (reference: string | undefined) => {
    const id = reference?.split("::").at(-1);
    return resources.find((resource) => `${resource.name}-id` === id)?.inputs;
  };
  return resources.map((resource) => ({
    type: resource.type,
    name: resource.name,
    urn: resource.urn ?? "",
    props: resource.inputs,
    provider: { props: providerInputs(resource.provider) },
    dependencies: (resource.options?.dependencies ?? []).map((urn) => ({ urn }) as PolicyResource),
  }));
}

/** Only the policies that reported something. */
export function violationsOf(verdicts: Verdicts): Verdicts {
  return Object.fromEntries(Object.entries(verdicts).filter(([, messages]) => messages.length > 0));
}
