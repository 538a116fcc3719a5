// `wattplan check`: which targets the history misses. A target is missed when its current figure is above the
// trajectory by more than the tolerance, when its start plan is not in the history, or when the last step between
// two records raised its figure by more than the allowed regression (a data-refresh step is not counted as one).
import type { HistoryRecord } from "../domain/history.ts";
import { DEFAULT_MAX_REGRESSION_PERCENT } from "./defaults.ts";
import { dataChanges } from "./data-changes.ts";
import type { HistoryEvaluation } from "./evaluate-history.ts";
import type { TargetEvaluation } from "./evaluate-target.ts";
import { metricValue } from "./metrics.ts";
import { changeBetween, type MetricChange } from "./trend.ts";

export { DEFAULT_MAX_REGRESSION_PERCENT } from "./defaults.ts";

export interface Regression {
  previous: HistoryRecord;
  latest: HistoryRecord;
  change: MetricChange;
  /** Non-empty: the step is a data refresh, so the rise is reported but not counted. */
  dataRefresh: string[];
}

export interface TargetCheck {
  evaluation: TargetEvaluation;
  offTrajectory: boolean;
  /** The last step's rise beyond the allowed regression, when there is one. */
  regression: Regression | null;
  missed: boolean;
}

export interface CheckResult {
  maxRegressionPercent: number;
  targets: TargetCheck[];
  missed: number;
}

export function checkTargets(history: HistoryEvaluation, maxRegressionPercent = DEFAULT_MAX_REGRESSION_PERCENT): CheckResult {
  const [previous, latest] = history.records.slice(-2);
  const targets = history.targets.map((evaluation): TargetCheck => {
    const offTrajectory = evaluation.status === "off-track" || evaluation.status === "no-start";
    const regression = latest ? regressionOf(evaluation, previous, latest, maxRegressionPercent) : null;
    const missed = offTrajectory || (regression !== null && regression.dataRefresh.length === 0);
    return { evaluation, offTrajectory, regression, missed };
  });
  return { maxRegressionPercent, targets, missed: targets.filter((target) => target.missed).length };
}

/** The rise of the target's figure from `previous` to `latest` when it exceeds the allowed share (equal is allowed). */
function regressionOf(evaluation: TargetEvaluation, previous: HistoryRecord, latest: HistoryRecord, maxRegressionPercent: number): Regression | null {
  const metric = evaluation.target.metric;
  const change = changeBetween(metricValue(previous, metric), metricValue(latest, metric));
  // From zero, any rise is beyond every allowed share.
  const beyond = change.percent === null ? change.absolute > 0 : change.percent > maxRegressionPercent;
  return beyond ? { previous, latest, change, dataRefresh: dataChanges(previous, latest, [metric]) } : null;
}
