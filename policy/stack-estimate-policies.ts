// Cost and carbon at `pulumi preview` time, for any Pulumi program: one advisory violation per preview that states the
// stack's estimated monthly cost and carbon, and optional budgets enforced as mandatory. Plain validators: importing
// this module starts nothing (estimate/index.ts constructs the PolicyPack), so tests call them directly.
import type { PolicyConfigSchema, PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import type { Catalog, IntensityBasis } from "../src/domain/catalog.ts";
import type { StackDocument, StackResource } from "../src/pulumi-state/stack-document.ts";
import type { StackEstimate } from "../src/stack-estimate/contract.ts";
import { estimateStack } from "../src/stack-estimate/estimate-stack.ts";
import { greenerSummary, headline } from "../src/report/stack-estimate/rows.ts";

export interface StackEstimatePolicyConfig {
  /** CPU utilisation the estimate assumes, 0–1 (default 0.5). */
  utilization?: number;
  intensityBasis?: IntensityBasis;
  maxMonthlyUsd?: number;
  maxMonthlyKgCo2e?: number;
}

const CONFIG_SCHEMA: PolicyConfigSchema = {
  properties: {
    utilization: { type: "number", exclusiveMinimum: 0, maximum: 1 },
    intensityBasis: { type: "string", enum: ["lifecycle", "operational"] },
    maxMonthlyUsd: { type: "number", minimum: 0 },
    maxMonthlyKgCo2e: { type: "number", minimum: 0 },
  },
};

/** The policy SDK's view of the stack as the document `wattplan estimate` reads; providers come along for regions. */
export function documentOfPolicyResources(resources: PolicyResource[]): StackDocument {
  const byUrn = new Map<string, StackResource>();
  const urns = (list: PolicyResource[] | undefined) => (list ?? []).map((item) => item.urn);
  for (const resource of resources) {
    const provider = resource.provider;
    if (provider && !byUrn.has(provider.urn)) {
      byUrn.set(provider.urn, { urn: provider.urn, type: provider.type, custom: true, inputs: provider.props ?? {}, outputs: {}, dependencies: [], propertyDependencies: {} });
    }
    byUrn.set(resource.urn, {
      urn: resource.urn,
      type: resource.type,
      custom: resource.type !== "pulumi:pulumi:Stack",
      inputs: resource.props ?? {},
      outputs: resource.props ?? {},
      ...(resource.parent ? { parent: resource.parent.urn } : {}),
      // The analyzer gives no provider id; the URN is what location resolution follows.
      ...(provider ? { provider: `${provider.urn}::id` } : {}),
      dependencies: urns(resource.dependencies),
      propertyDependencies: Object.fromEntries(Object.entries(resource.propertyDependencies ?? {}).map(([key, list]) => [key, urns(list)])),
    });
  }
  return { kind: "preview", config: {}, resources: [...byUrn.values()], removedUrns: [] };
}

function estimateOf(args: Pick<StackValidationArgs, "resources" | "getConfig">, catalog: Catalog): { estimate: StackEstimate; config: StackEstimatePolicyConfig } {
  const config = args.getConfig<StackEstimatePolicyConfig>() ?? {};
  const options = { utilization: config.utilization ?? 0.5, intensityBasis: config.intensityBasis ?? "lifecycle" };
  return { estimate: estimateStack(documentOfPolicyResources(args.resources), catalog, options, "pulumi preview"), config };
}

/** The one advisory message: totals, what was left out, and the greener saving. */
export function estimateMessage(estimate: StackEstimate): string {
  const left = estimate.notEstimated.filter((entry) => !/^(the stack itself|provider|component resource)/.test(entry.reason));
  const parts = [`wattplan estimate: ${headline(estimate)}`];
  if (left.length > 0) parts.push(`${left.length} resource(s) not estimated (${[...new Set(left.map((entry) => entry.type))].slice(0, 4).join(", ")}${left.length > 4 ? ", …" : ""})`);
  const greener = greenerSummary(estimate);
  if (greener) parts.push(greener);
  return parts.join("; ");
}

export function budgetViolations(estimate: StackEstimate, config: StackEstimatePolicyConfig): string[] {
  const violations: string[] = [];
  const { monthlyCostUsd, monthlyKgCo2e, unpriced } = estimate.totals;
  if (config.maxMonthlyUsd !== undefined && monthlyCostUsd > config.maxMonthlyUsd) {
    violations.push(`estimated monthly cost $${monthlyCostUsd.toFixed(2)} is above the budget of $${config.maxMonthlyUsd}${unpriced ? ` (and ${unpriced} resource(s) have no price)` : ""}`);
  }
  if (config.maxMonthlyKgCo2e !== undefined && monthlyKgCo2e > config.maxMonthlyKgCo2e) {
    violations.push(`estimated monthly carbon ${monthlyKgCo2e.toFixed(1)} kgCO2e is above the budget of ${config.maxMonthlyKgCo2e} kgCO2e`);
  }
  return violations;
}

/** `catalog` is a function so the pack loads the catalog once, on first use. */
export function createStackEstimatePolicies(catalog: () => Catalog): StackValidationPolicy[] {
  return [
    {
      name: "wattplan-estimate",
      description: "Reports the stack's estimated monthly cost and carbon (compute), as one advisory message per preview.",
      enforcementLevel: "advisory",
      configSchema: CONFIG_SCHEMA,
      validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
        reportViolation(estimateMessage(estimateOf(args, catalog()).estimate));
      },
    },
    {
      name: "wattplan-monthly-budget",
      description: "Fails the preview when the stack's estimated monthly cost or carbon exceeds maxMonthlyUsd / maxMonthlyKgCo2e.",
      enforcementLevel: "mandatory",
      configSchema: CONFIG_SCHEMA,
      validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
        const { estimate, config } = estimateOf(args, catalog());
        if (config.maxMonthlyUsd === undefined && config.maxMonthlyKgCo2e === undefined) return;
        for (const violation of budgetViolations(estimate, config)) reportViolation(violation);
      },
    },
  ];
}
