// The pull-request report's "Targets" block (`report --history DIR`): what this change does to each target of the
// spec, and whether the project stays on its trajectory.
import type { TargetEffect, TargetsBlock } from "../../targets/plan-effect.ts";
import { changeBetween } from "../../targets/trend.ts";
import { changeText, dateOf, formatMetric, gapText, shortPlanId, targetLabel } from "../history/labels.ts";
import { escapeCell, escapeText, inlineCode, markdownTable } from "./text.ts";

export function targetsSection(block: TargetsBlock, planCreatedAt: string): string {
  const { effect, directory, tolerancePercent } = block;
  if (effect.targets.length === 0) return `_The spec sets no targets: add \`targets:\` to track one against the history in ${inlineCode(directory)}._`;
  const previous = effect.previous;
  const against = previous
    ? `Against ${effect.recordsBefore} recorded plan(s) in ${inlineCode(directory)}, the newest ${inlineCode(shortPlanId(previous.planId))} of ${dateOf(previous.createdAt)}`
    : `No earlier plan of this spec is recorded in ${inlineCode(directory)}: this would be the first`;
  const lines = [`${against}; judged on this plan's date, ${dateOf(planCreatedAt)}.`];
  const rows = effect.targets.map((target) => row(target, tolerancePercent));
  lines.push("", markdownTable(["Target", "Trajectory now", "Newest record", "This change", "Effect", "Status"], rows, [false, true, true, true, true, false]));
  for (const target of effect.targets.filter((entry) => entry.dataRefresh.length > 0)) {
    lines.push("", `⚠️ ${escapeText(`${targetLabel(target.after.target)}: this change also changes the data (${target.dataRefresh.join("; ")}): part of its effect is a data refresh, not progress.`)}`);
  }
  return lines.join("\n");
}

function row(target: TargetEffect, tolerancePercent: number): string[] {
  const { before, after } = target;
  const spec = after.target;
  const expected = after.judgement ? formatMetric(after.judgement.expected, spec) : "–";
  const previousValue = before ? before.current.value : null;
  const change = previousValue === null ? null : changeBetween(previousValue, after.current.value);
  const effect = change === null ? "–" : changeText(change.absolute, change.percent, spec);
  return [
    escapeCell(targetLabel(spec)),
    expected,
    previousValue === null ? "–" : formatMetric(previousValue, spec),
    formatMetric(after.current.value, spec),
    effect,
    escapeCell(verdict(target, tolerancePercent)),
  ];
}

function verdict(target: TargetEffect, tolerancePercent: number): string {
  const { before, after } = target;
  const detail = gapText(after, tolerancePercent);
  if (after.status === "no-start") return `⚠️ cannot judge: ${after.problem}`;
  if (after.status === "not-started") return "⏳ not started yet";
  const wasOnTrack = before === null || before.status !== "off-track";
  if (after.status === "on-track") return `✅ ${wasOnTrack ? "stays on track" : "back on track"}: ${detail}`;
  return `❌ ${wasOnTrack ? "falls off track" : "still off track"}: ${detail}`;
}
