// The recorded plans as a trend: each step's change in the four target figures, and whether the step is a data
// refresh (new catalog, basis, source, method) rather than a change the project made.
import type { HistoryRecord } from "../domain/history.ts";
import type { TargetMetric } from "../domain/target.ts";
import { dataChanges } from "./data-changes.ts";
import { metricValue, TARGET_METRICS } from "./metrics.ts";

export interface MetricChange {
  absolute: number;
  /** Relative to the previous record, in percent; null when that was 0. */
  percent: number | null;
}

export interface TrendStep {
  record: HistoryRecord;
  /** Change from the previous record; null for the first. */
  changes: Record<TargetMetric, MetricChange> | null;
  /** Why this step is a data refresh; empty for a like-for-like step. */
  dataRefresh: string[];
}

const ALL_METRICS = TARGET_METRICS.map((definition) => definition.id);

export function trendOf(records: readonly HistoryRecord[]): TrendStep[] {
  return records.map((record, index) => {
    const previous = index === 0 ? null : records[index - 1];
    if (!previous) return { record, changes: null, dataRefresh: [] };
    const changes = Object.fromEntries(ALL_METRICS.map((metric) => [metric, changeBetween(metricValue(previous, metric), metricValue(record, metric))])) as Record<TargetMetric, MetricChange>;
    return { record, changes, dataRefresh: dataChanges(previous, record, ALL_METRICS) };
  });
}

export function changeBetween(before: number, after: number): MetricChange {
  const absolute = after - before;
  return { absolute, percent: before === 0 ? null : (absolute / before) * 100 };
}
