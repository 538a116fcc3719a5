// The two tables of `wattplan history` (targets, trend) and the lines around them, as plain cells: the terminal
// and Markdown renderings lay out the same content.
import type { HistoryEvaluation } from "../../targets/evaluate-history.ts";
import { TARGET_METRICS } from "../../targets/metrics.ts";
import { formatSignificant, formatValue } from "../../format/numbers.ts";
import { compactDeploymentOf, dateOf, formatMetric, ILLUSTRATIVE_NOTE, recordDate, shortPlanId, statusText, targetLabel } from "./labels.ts";

export interface Table {
  header: string[];
  rows: string[][];
  /** Columns holding figures (right-aligned in Markdown). */
  numeric: boolean[];
}

export interface HistoryTables {
  title: string;
  judged: string;
  targets: Table | null;
  /** Lines under the targets table: data changes behind a target's progress. */
  targetNotes: string[];
  trend: Table;
  /** Lines under everything: what the marks mean. */
  footnotes: string[];
}

export function historyTables(history: HistoryEvaluation, directory: string): HistoryTables {
  const first = history.records[0];
  const last = history.records[history.records.length - 1];
  const later = history.laterRecords > 0 ? `; ${history.laterRecords} later record(s) left out` : "";
  const title = `History of ${history.specName}: ${history.records.length} recorded plan(s) from ${dateOf(first.createdAt)} to ${dateOf(last.createdAt)} in ${directory}${later}`;
  const when = history.nowSource === "given" ? `${dateOf(history.now)} (chosen date)` : `${dateOf(history.now)} (the newest record)`;
  const judged = `Targets judged as of ${when}; off track means above the trajectory by more than ${formatSignificant(history.tolerancePercent)} % of the target's reduction.`;

  const targets: Table | null =
    history.targets.length === 0
      ? null
      : {
          header: ["target", "start", "current", "target value", "trajectory now", "status"],
          numeric: [false, true, true, true, true, false],
          rows: history.targets.map((evaluation) => {
            const { target, start, current, trajectory, judgement } = evaluation;
            return [
              targetLabel(target),
              start ? `${formatMetric(start.value, target)} (${dateOf(start.createdAt)})` : "–",
              `${formatMetric(current.value, target)} (${dateOf(current.createdAt)})`,
              trajectory ? formatMetric(trajectory.targetValue, target) : "–",
              judgement ? formatMetric(judgement.expected, target) : "–",
              statusText(evaluation, history.tolerancePercent),
            ];
          }),
        };
  const targetNotes = history.targets
    .filter((evaluation) => evaluation.dataChanges.length > 0)
    .map((evaluation) => `${targetLabel(evaluation.target)}: the start and current figures rest on different data (${evaluation.dataChanges.join("; ")}): part of the change is a data refresh, not progress.`);

  const trend: Table = {
    header: ["date", "plan", "deployment", "objective", ...TARGET_METRICS.map((metric) => metric.column), "note"],
    numeric: [false, false, false, false, ...TARGET_METRICS.map(() => true), false],
    rows: history.trend.map((step) => [
      recordDate(step.record),
      shortPlanId(step.record.planId),
      compactDeploymentOf(step.record),
      step.record.objective,
      ...TARGET_METRICS.map((metric) => formatValue(step.record.metrics[metric.id], metric.unit)),
      step.dataRefresh.length > 0 ? `data refresh: ${step.dataRefresh.join("; ")}` : "",
    ]),
  };

  const footnotes: string[] = [];
  if (history.records.some((record) => record.dateSource === "given")) footnotes.push(ILLUSTRATIVE_NOTE);
  if (history.trend.some((step) => step.dataRefresh.length > 0)) {
    footnotes.push("A data refresh changes the figures without a change to the deployment's own efficiency: do not read it as progress or regression.");
  }
  if (history.targets.length === 0) footnotes.push("The newest record's spec sets no targets: add `targets:` to the spec to track one.");
  return { title, judged, targets, targetNotes, trend, footnotes };
}
