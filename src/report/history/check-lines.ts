// `wattplan check`'s verdicts, one line per target.
import type { CheckResult, TargetCheck } from "../../targets/check.ts";
import { formatSignificant } from "../../format/numbers.ts";
import { changeText, dateOf, shortPlanId, statusText, targetLabel } from "./labels.ts";

/** One line per missed target: what is missed and by how much. */
export function missedTargetLines(result: CheckResult, tolerancePercent: number): string[] {
  return result.targets.filter((target) => target.missed).map((target) => missedLine(target, result.maxRegressionPercent, tolerancePercent));
}

/** Rises beyond the allowed regression that came with a data refresh: shown, not counted. */
export function refreshNotes(result: CheckResult): string[] {
  return result.targets
    .filter((target) => target.regression && target.regression.dataRefresh.length > 0)
    .map((target) => `${targetLabel(target.evaluation.target)}: ${regressionText(target, result.maxRegressionPercent)} is not counted: the step is a data refresh (${target.regression!.dataRefresh.join("; ")})`);
}

function missedLine(target: TargetCheck, maxRegressionPercent: number, tolerancePercent: number): string {
  const reasons: string[] = [];
  if (target.offTrajectory) reasons.push(statusText(target.evaluation, tolerancePercent));
  if (target.regression && target.regression.dataRefresh.length === 0) reasons.push(regressionText(target, maxRegressionPercent));
  return `${targetLabel(target.evaluation.target)}: ${reasons.join("; ")}`;
}

function regressionText(target: TargetCheck, maxRegressionPercent: number): string {
  const { previous, latest, change } = target.regression!;
  return (
    `${changeText(change.absolute, change.percent, target.evaluation.target)} from plan ${shortPlanId(previous.planId)} (${dateOf(previous.createdAt)}) ` +
    `to plan ${shortPlanId(latest.planId)} (${dateOf(latest.createdAt)}), more than the ${formatSignificant(maxRegressionPercent)} % regression allowed`
  );
}
