import type { DiffMetricId } from "../../domain/diff.ts";
import type { Candidate } from "../../domain/plan.ts";

export interface MetricDefinition {
  id: DiffMetricId;
  label: string;
  unit: string;
  betterWhen: "lower" | "higher";
  read: (candidate: Candidate) => number;
}

/** The order here is the order of every table that lists them. */
export const DIFF_METRICS: readonly MetricDefinition[] = [
  { id: "monthlyKgCo2e", label: "Monthly carbon", unit: "kgCO2e", betterWhen: "lower", read: (candidate) => candidate.monthlyKgCo2e },
  { id: "monthlyCostUsd", label: "Monthly cost", unit: "USD", betterWhen: "lower", read: (candidate) => candidate.monthlyCostUsd },
  { id: "sciGCo2ePerInference", label: "Carbon per inference (SCI)", unit: "gCO2e", betterWhen: "lower", read: (candidate) => candidate.sciGCo2ePerInference },
  { id: "latencyP95Ms", label: "Latency p95", unit: "ms", betterWhen: "lower", read: (candidate) => candidate.latencyP95Ms },
  { id: "perfPerWatt", label: "Performance per watt", unit: "inferences/J", betterWhen: "higher", read: (candidate) => candidate.perfPerWatt },
];

/**
 * Changes smaller than this share of the base value count as "same": planner output is deterministic, so this only
 * absorbs floating-point noise and rounding in saved plans, not real changes.
 */
export const SAME_RELATIVE_TOLERANCE = 0.001;
