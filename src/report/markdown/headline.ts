import type { MetricDelta, PlanDiff } from "../../domain/diff.ts";
import { formatSignedPercent, formatSignedUsd, formatSignedValue } from "../../format/numbers.ts";

/** "Monthly carbon −412 kgCO2e (−71 %), cost +$38 (+4 %)": the one line a reviewer reads. */
export function headlineOf(diff: PlanDiff): string {
  const carbon = metricOf(diff, "monthlyKgCo2e");
  const cost = metricOf(diff, "monthlyCostUsd");
  return (
    `Monthly carbon ${formatSignedValue(carbon.absolute, "kgCO2e")} (${formatSignedPercent(carbon.percent)}), ` +
    `cost ${formatSignedUsd(cost.absolute)} (${formatSignedPercent(cost.percent)})`
  );
}

export function metricOf(diff: PlanDiff, metric: MetricDelta["metric"]): MetricDelta {
  const found = diff.metrics.find((delta) => delta.metric === metric);
  if (!found) throw new Error(`diff lacks ${metric}`);
  return found;
}
