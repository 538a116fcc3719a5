// Words and figures shared by every rendering of targets and history (terminal, Markdown, HTML, check lines).
import type { HistoryRecord } from "../../domain/history.ts";
import { reductionPercentOf, type TargetSpec } from "../../domain/target.ts";
import type { TargetEvaluation } from "../../targets/evaluate-target.ts";
import { metricDefinition } from "../../targets/metrics.ts";
import { formatSignedPercent, formatSignedUsd, formatSignedValue, formatSignificant, formatValue } from "../../format/numbers.ts";

/** "carbon per inference (SCI) −30 % by 2025-12-31", "monthly cost at most $150 by 2025-12-31". */
export function targetLabel(target: TargetSpec): string {
  const metric = metricDefinition(target.metric).label;
  const goal = target.atMost !== undefined ? `at most ${formatMetric(target.atMost, target)}` : `−${formatSignificant(reductionPercentOf(target.reduceBy!))} %`;
  return `${metric} ${goal}${target.by ? ` by ${target.by}` : ""}`;
}

export function formatMetric(value: number, target: Pick<TargetSpec, "metric">): string {
  return formatValue(value, metricDefinition(target.metric).unit);
}

/** The UTC calendar date of an ISO instant. */
export function dateOf(isoInstant: string): string {
  return isoInstant.slice(0, 10);
}

/** A record's date, starred when it was set with --now (see ILLUSTRATIVE_NOTE). */
export function recordDate(record: Pick<HistoryRecord, "createdAt" | "dateSource">): string {
  return `${dateOf(record.createdAt)}${record.dateSource === "given" ? "*" : ""}`;
}

export const ILLUSTRATIVE_NOTE = "* date given by hand when the plan was recorded (illustrative): not the day the plan was made";

export function shortPlanId(planId: string): string {
  return planId.slice(0, 12);
}

/** "GCP europe-north2 · c4-highcpu-2 · FP32 · batch 1 · 2 instances" */
export function deploymentOf(record: HistoryRecord): string {
  const chosen = record.chosen;
  const accelerator = chosen.accelerator ? ` (${chosen.accelerator})` : "";
  return `${chosen.provider.toUpperCase()} ${chosen.region} · ${chosen.instanceType}${accelerator} · ${chosen.precision.toUpperCase()} · batch ${chosen.batchSize} · ${chosen.instances.desired} instance(s)`;
}

/** "GCP europe-north2 c4-highcpu-2 FP32 b1 ×2": for a table column. */
export function compactDeploymentOf(record: HistoryRecord): string {
  const chosen = record.chosen;
  const accelerator = chosen.accelerator ? ` (${chosen.accelerator})` : "";
  return `${chosen.provider.toUpperCase()} ${chosen.region} ${chosen.instanceType}${accelerator} ${chosen.precision.toUpperCase()} b${chosen.batchSize} ×${chosen.instances.desired}`;
}

/** "on track: 6.1 µgCO2e below the trajectory", "off track: 1.2 µgCO2e above the trajectory (40 % of the reduction; 5 % allowed)". */
export function statusText(evaluation: TargetEvaluation, tolerancePercent: number): string {
  if (evaluation.status === "no-start") return `cannot judge: ${evaluation.problem}`;
  if (evaluation.status === "not-started") return `not started (the trajectory starts ${dateOf(new Date(evaluation.trajectory!.startMs).toISOString())})`;
  return `${evaluation.status === "on-track" ? "on track" : "off track"}: ${gapText(evaluation, tolerancePercent)}`;
}

/** Where the current figure stands against the trajectory: "1.2 µgCO2e above the trajectory (40 % of the reduction; 5 % allowed)". */
export function gapText(evaluation: TargetEvaluation, tolerancePercent: number): string {
  const { judgement, target } = evaluation;
  if (!judgement) return evaluation.problem ?? "";
  // A ceiling without a date has no line to follow, only the ceiling.
  const line = evaluation.trajectory?.byMs === null ? "the ceiling" : "the trajectory";
  if (judgement.gap === 0) return `on ${line}`;
  const distance = formatMetric(Math.abs(judgement.gap), target);
  if (judgement.gap < 0) return `${distance} below ${line}`;
  const share = judgement.gapPercentOfReduction === null ? "" : ` (${formatSignificant(judgement.gapPercentOfReduction)} % of the reduction; ${formatSignificant(tolerancePercent)} % allowed)`;
  return `${distance} above ${line}${share}`;
}

/** A change between two records: "−0.19 µgCO2e (−6.3 %)", "+$12 (+9 %)". */
export function changeText(absolute: number, percent: number | null, target: Pick<TargetSpec, "metric">): string {
  const unit = metricDefinition(target.metric).unit;
  const value = unit === "USD" ? formatSignedUsd(absolute) : formatSignedValue(absolute, unit);
  return `${value} (${formatSignedPercent(percent)})`;
}
