import type { Candidate, Plan } from "../../domain/plan.ts";
import { deploymentLabel } from "../describe.ts";
import { staleDataWarnings } from "../staleness.ts";

/**
 * Everything a reviewer should doubt, plan warnings first: stale data, figures projected rather than measured,
 * candidates that cannot be deployed, and mismatches between base and head.
 */
export function reportWarnings(plan: Plan, base: Plan | undefined, shownAlternatives: Candidate[]): string[] {
  const warnings = [...plan.warnings, ...staleDataWarnings(plan)];
  const chosen = plan.chosen;
  if (chosen.estimate.method !== "measured") {
    warnings.push(`projected, not measured: the chosen figures come from ${chosen.estimate.method === "roofline" ? "a roofline projection" : "published priors"} (${chosen.estimate.source}); treat them as the ranges shown`);
  }
  if (!chosen.deployable.deployable) warnings.push(`the chosen deployment cannot be deployed as planned: ${chosen.deployable.reason ?? "no reason given"}`);
  const undeployable = shownAlternatives.filter((candidate) => !candidate.deployable.deployable);
  if (undeployable.length > 0) {
    warnings.push(`${undeployable.length} alternative(s) shown cannot be deployed: ${undeployable.slice(0, 3).map((candidate) => `${deploymentLabel(candidate)} (${candidate.deployable.reason ?? "no reason given"})`).join("; ")}${undeployable.length > 3 ? "; …" : ""}`);
  }
  if (base) {
    if (base.intensity.basis !== plan.intensity.basis) warnings.push(`base and head rank regions on different grid-intensity bases (${base.intensity.basis} vs ${plan.intensity.basis}): the carbon change mixes bases`);
    if (base.catalog.version !== plan.catalog.version) warnings.push(`base and head were planned with different catalogs (${base.catalog.version} vs ${plan.catalog.version}): part of the change may come from new data`);
    if (base.model.sha256 !== plan.model.sha256) warnings.push(`the model changed between base and head (${base.model.name} ${base.model.sha256.slice(0, 12)} → ${plan.model.name} ${plan.model.sha256.slice(0, 12)})`);
  }
  return [...new Set(warnings)];
}
