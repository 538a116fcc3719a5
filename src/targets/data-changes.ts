// What changed in the data or the method between two records, as opposed to the deployment: a new catalog, another
// intensity basis or source, another estimate method, another wattplan. A trend step with such a change is a data
// refresh, so its effect is not read as progress (or as a regression).
import type { HistoryRecord } from "../domain/history.ts";
import type { TargetMetric } from "../domain/target.ts";
import { metricDefinition } from "./metrics.ts";

/** The changes behind `metrics` between `before` and `after`, one phrase each ("catalog sha256-1 → sha256-2"); empty when like for like. */
export function dataChanges(before: HistoryRecord, after: HistoryRecord, metrics: readonly TargetMetric[]): string[] {
  const changes: string[] = [];
  const note = (what: string, from: string, to: string) => {
    if (from !== to) changes.push(`${what} ${from} → ${to}`);
  };
  note("catalog", before.catalog.version, after.catalog.version);
  note("wattplan", before.wattplanVersion, after.wattplanVersion);
  if (metrics.some((metric) => metricDefinition(metric).dependsOnIntensity)) {
    note("intensity basis", before.intensity.basis, after.intensity.basis);
    note("intensity source", before.intensity.source, after.intensity.source);
  }
  const methods = new Set(metrics.filter((metric) => before.methods[metric] !== after.methods[metric]).map((metric) => `${before.methods[metric]} → ${after.methods[metric]}`));
  for (const method of methods) changes.push(`estimate method ${method}`);
  return changes;
}
