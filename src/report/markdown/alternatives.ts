import type { Candidate, Plan } from "../../domain/plan.ts";
import { deploymentLabel } from "../describe.ts";
import { formatValue } from "../../format/numbers.ts";
import { clip } from "../../format/clip.ts";
import { escapeCell, markdownTable } from "./text.ts";

/**
 * The members of the Pareto front (monthly cost vs monthly carbon) other than the chosen one, least carbon first;
 * when the front is the chosen alone, the next-ranked alternatives instead.
 */
export function alternativesToShow(plan: Plan): { title: string; candidates: Candidate[] } {
  const front = plan.pareto.filter((candidate) => candidate.key !== plan.chosen.key);
  if (front.length > 0) {
    const sorted = [...front].sort((first, second) => first.monthlyKgCo2e - second.monthlyKgCo2e || first.monthlyCostUsd - second.monthlyCostUsd || first.key.localeCompare(second.key));
    return { title: "Top alternatives on the Pareto front (cost vs carbon)", candidates: sorted };
  }
  return { title: "Top alternatives (by objective score)", candidates: plan.alternatives.filter((candidate) => candidate.key !== plan.chosen.key) };
}

export function alternativesTable(candidates: Candidate[]): string {
  const rows = candidates.map((candidate) => [
    escapeCell(deploymentLabel(candidate)),
    String(candidate.instances.desired),
    formatValue(candidate.monthlyKgCo2e, "kgCO2e"),
    formatValue(candidate.monthlyCostUsd, "USD"),
    formatValue(candidate.sciGCo2ePerInference, "gCO2e"),
    formatValue(candidate.latencyP95Ms, "ms"),
    candidate.estimate.method,
    candidate.deployable.deployable ? "yes" : `no: ${escapeCell(clip(candidate.deployable.reason ?? "no reason given", 160))}`,
  ]);
  return markdownTable(
    ["Deployment", "Instances", "Monthly carbon", "Monthly cost", "SCI per inference", "Latency p95", "Estimate", "Deployable"],
    rows,
    [false, true, true, true, true, true, false, false],
  );
}
