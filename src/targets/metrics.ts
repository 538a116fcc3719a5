// The figures a target can track, read from a history record. Lower is better for every one of them.
import type { HistoryRecord } from "../domain/history.ts";
import type { TargetMetric } from "../domain/target.ts";

export interface TargetMetricDefinition {
  id: TargetMetric;
  label: string;
  /** A table column's title (the cells carry the unit). */
  column: string;
  /** The unit the record keeps the figure in (the formatters in src/report/format scale gCO2e to mg or µg). */
  unit: "gCO2e" | "kgCO2e" | "USD" | "J";
  /** Carbon figures depend on the grid-intensity data as well as on the deployment. */
  dependsOnIntensity: boolean;
}

/** In the order every table lists them. */
export const TARGET_METRICS: readonly TargetMetricDefinition[] = [
  { id: "sciGCo2ePerInference", label: "carbon per inference (SCI)", column: "SCI", unit: "gCO2e", dependsOnIntensity: true },
  { id: "energyPerInferenceJ", label: "energy per inference", column: "energy", unit: "J", dependsOnIntensity: false },
  { id: "monthlyKgCo2e", label: "monthly carbon", column: "carbon/month", unit: "kgCO2e", dependsOnIntensity: true },
  { id: "monthlyCostUsd", label: "monthly cost", column: "cost/month", unit: "USD", dependsOnIntensity: false },
];

export function metricDefinition(metric: TargetMetric): TargetMetricDefinition {
  return TARGET_METRICS.find((definition) => definition.id === metric)!;
}

export function metricValue(record: HistoryRecord, metric: TargetMetric): number {
  return record.metrics[metric];
}
