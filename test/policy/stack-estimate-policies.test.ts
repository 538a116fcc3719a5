// The estimate pack's policies called directly, with policy resources shaped as the SDK hands them to validateStack.
import type { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/catalog/load.ts";
import { estimateStack } from "../../src/stack-estimate/estimate-stack.ts";
import { createStackEstimatePolicies, documentOfPolicyResources, type StackEstimatePolicyConfig } from "../../policy/stack-estimate-policies.ts";

const catalog = loadCatalog();
const [estimatePolicy, budgetPolicy] = createStackEstimatePolicies(() => catalog);

function resource(type: string, name: string, props: Record<string, unknown>, extra: Partial<PolicyResource> = {}): PolicyResource {
  return { type, name, urn: `urn:pulumi:prod::shop::${type}::${name}`, props, opts: {} as PolicyResource["opts"], dependencies: [], propertyDependencies: {}, isType: () => false, asType: () => undefined, ...extra } as unknown as PolicyResource;
}

const provider = { type: "pulumi:providers:aws", name: "default_7_7_0", urn: "urn:pulumi:prod::shop::pulumi:providers:aws::default_7_7_0", props: { region: "eu-west-1" } };
const template = resource("aws:ec2/launchTemplate:LaunchTemplate", "web", { instanceType: "c7i.xlarge" }, { provider } as Partial<PolicyResource>);
const resources: PolicyResource[] = [
  resource("pulumi:pulumi:Stack", "shop-prod", {}),
  template,
  resource("aws:autoscaling/group:Group", "web", { desiredCapacity: 4, minSize: 2, maxSize: 8 }, { provider, propertyDependencies: { launchTemplate: [template] } } as Partial<PolicyResource>),
  resource("aws:s3/bucket:Bucket", "assets", {}, { provider } as Partial<PolicyResource>),
];

function run(policy: typeof estimatePolicy, config: StackEstimatePolicyConfig): string[] {
  const messages: string[] = [];
  const args = { resources, stackTags: new Map(), getConfig: () => config, notApplicable: () => undefined as never } as unknown as StackValidationArgs;
  void policy.validateStack(args, (message) => messages.push(message ?? ""));
  return messages;
}

describe("the estimate pack's policies", () => {
  it("reads regions from the resources' providers, and counts the group through its template", () => {
    const estimate = estimateStack(documentOfPolicyResources(resources), catalog, { utilization: 0.5, intensityBasis: "lifecycle" }, "policy");
    expect(estimate.resources.map((item) => [item.name, item.instanceType, item.region, item.count, item.regionVia])).toEqual([["web", "c7i.xlarge", "eu-west-1", 4, "default provider region"]]);
  });

  it("reports the stack's monthly cost and carbon as one advisory violation", () => {
    expect(estimatePolicy.enforcementLevel).toBe("advisory");
    const messages = run(estimatePolicy, {});
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^wattplan estimate: \$\d+ and [\d.]+ kgCO2e per month: .* 4 instance\(s\) in 1 compute resource\(s\)/);
    expect(messages[0]).toMatch(/1 resource\(s\) not estimated \(aws:s3\/bucket:Bucket\)/);
  });

  it("enforces budgets as mandatory, and stays silent without one or within it", () => {
    expect(budgetPolicy.enforcementLevel).toBe("mandatory");
    expect(run(budgetPolicy, {})).toEqual([]);
    expect(run(budgetPolicy, { maxMonthlyUsd: 100000, maxMonthlyKgCo2e: 100000 })).toEqual([]);
    const crossed = run(budgetPolicy, { maxMonthlyUsd: 10, maxMonthlyKgCo2e: 1 });
    expect(crossed).toEqual([expect.stringMatching(/monthly cost \$\d+\.\d\d is above the budget of \$10$/), expect.stringMatching(/monthly carbon [\d.]+ kgCO2e is above the budget of 1 kgCO2e$/)]);
  });
});
